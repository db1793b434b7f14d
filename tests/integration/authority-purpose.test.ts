/**
 * Purpose and one decision, one measure (docs/authority.md), through the whole main-process stack
 * on the sandbox network, as a judge with two windows or an attacker at the keyboard would try it:
 * a case typed in by hand with another case's applicant as the "debtor", a whereabouts query
 * without the finding, three windows submitting one deduction decision, two decisions spending
 * one balance check.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary, ChannelRequest } from '../../shared/domain/types';
import type { CaseMeasures, DeductionPrep, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import { channelInfo } from '../../shared/domain/channels';

const JUDGE = 'F520103001';
const PASSWORD = 'judge-password-1';

let dir: string;
let core: Core;
const tab1 = appDriver(() => core, 'tab-1');
const tab2 = appDriver(() => core, 'tab-2');
const tab3 = appDriver(() => core, 'tab-3');
const sandboxGet = async (p: string) => (await fetch(`${core.sandbox!.url}${p}`)).json();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-purpose-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(tab1, core.sandbox!, JUDGE, PASSWORD);
  for (const t of [tab2, tab3]) await t.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const settled = (v: CaseQueryView) => v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state));

async function queried(caseId: string): Promise<CaseQueryView> {
  return waitFor(async () => {
    const v = await tab1.value<CaseQueryView>('query', 'view', { caseId });
    return v.requests.length && settled(v) ? v : undefined;
  });
}

describe('a case typed in by hand is queried only once the case-management system bears it out', () => {
  it('another case’s applicant entered as the debtor: refused by the system, nothing is queried, the refusal is recorded', async () => {
    const list = await tab1.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    const real = await tab1.value<CaseDetail>('cases', 'get', { caseId: list.items[0]!.id });
    const other = await tab1.value<CaseDetail>('cases', 'get', { caseId: list.items[1]!.id });
    const victim = other.parties.find((p) => p.role === 'applicant')!;
    const applicant = real.parties.find((p) => p.role === 'applicant')!;
    // the real case's number, with the other case's applicant as “debtor”: a new number is needed, so a 执恢 of it
    const number = real.number.replace('执', '执恢');
    const made = await tab1.call('cases', 'create', {
      number, filedOn: real.filedOn, cause: real.cause, amountOwed: real.amountOwed, costs: real.costs,
      applicant: { kind: applicant.kind, name: applicant.name, idNumber: applicant.idNumber },
      debtors: [{ kind: victim.kind, name: victim.name, idNumber: victim.idNumber }],
    });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    const c = (made as { value: CaseDetail }).value;
    // the system has no such case: pending; it cannot be queried
    expect(c.filing).toBe('pending');
    const q = await tab1.call('query', 'start', { caseId: c.id });
    expect(q).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!q.ok) expect(q.error.detail?.zh).toContain('案件管理系统确认');
    // the filing division files the real 执恢 case, with the real debtors: the hand-entered debtor is not one of them
    const filed = await fetch(`${core.sandbox!.url}/sandbox/v1/court/cases`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        number, filedOn: real.filedOn, cause: real.cause, amountOwed: real.amountOwed, costs: real.costs, assignee: JUDGE,
        applicant: { kind: applicant.kind, name: applicant.name, idNumber: applicant.idNumber },
        debtors: real.parties.filter((p) => p.role === 'debtor').map((p) => ({ kind: p.kind, name: p.name, idNumber: p.idNumber })),
      }),
    });
    expect(filed.status).toBe(201);
    const checked = await tab1.value<CaseDetail>('cases', 'confirmFiling', { caseId: c.id });
    expect(checked.filing).toBe('refused');
    expect(checked.filingNote).toContain(victim.name);
    expect(checked.filingNote).not.toContain(victim.idNumber);
    expect(await tab1.call('query', 'start', { caseId: c.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const trail = await tab1.value<AuditEntry[]>('audit', 'list', { caseId: c.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['case.create', 'case.filing.pending', 'case.filing.refused', 'authority.refused']));
    expect(trail.some((e) => e.action === 'query.start')).toBe(false);
  });

  it('a case of another court is refused at entry, with the real reason', async () => {
    const r = await tab1.call('cases', 'create', {
      number: '(2026)黔0102执5号', filedOn: '2026-01-05', cause: '借款合同纠纷', amountOwed: 100_000, costs: 1_000,
      applicant: { kind: 'person', name: '甲', idNumber: '520102199001011237' }, debtors: [{ kind: 'person', name: '乙', idNumber: '520102199001011237' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.error.message}${r.error.detail?.zh ?? ''}`).toContain('黔0103');
  });
});

describe('whereabouts need the judge’s finding', () => {
  let c: CaseDetail;
  it('the one-click query asks property channels only', async () => {
    const list = await tab1.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    for (const s of list.items) {
      const d = await tab1.value<CaseDetail>('cases', 'get', { caseId: s.id });
      if (d.parties.some((p) => p.role === 'debtor' && p.kind === 'person')) {
        c = d;
        break;
      }
    }
    const { requests } = await tab1.value<{ requests: ChannelRequest[] }>('query', 'start', { caseId: c.id });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.some((r) => channelInfo(r.channel).yields === 'whereabouts')).toBe(false);
    await queried(c.id);
  });

  it('refused without the finding; after it is recorded, hotel, exit-entry and household are asked and answered', async () => {
    const debtor = c.parties.find((p) => p.role === 'debtor' && p.kind === 'person')!;
    expect(await tab1.call('whereabouts', 'query', { caseId: c.id, partyId: debtor.id })).toMatchObject({ ok: false, error: { code: 'FINDING_REQUIRED' } });
    expect(await tab1.call('whereabouts', 'recordFinding', { caseId: c.id, partyId: debtor.id, ground: 'evading', facts: '' })).toMatchObject({ ok: false });
    const f = await tab1.value<{ seq: number }>('whereabouts', 'recordFinding', { caseId: c.id, partyId: debtor.id, ground: 'evading', facts: '经传唤无正当理由拒不到庭，住所地多次查找未果' });
    expect(f.seq).toBeGreaterThan(0);
    const { requests } = await tab1.value<{ requests: ChannelRequest[] }>('whereabouts', 'query', { caseId: c.id, partyId: debtor.id });
    expect(requests.map((r) => r.channel).sort()).toEqual(['exitentry.gz', 'hotel.gz', 'household.gz']);
    const v = await queried(c.id);
    const asked = v.requests.filter((r) => requests.some((x) => x.id === r.id));
    expect(asked.every((r) => r.state === 'answered')).toBe(true);
    const trail = await tab1.value<AuditEntry[]>('audit', 'list', { caseId: c.id });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['finding.recorded', 'query.whereabouts']));
  });
});

describe('one decision, one measure', () => {
  let c: CaseDetail;
  let freeze: Measure;

  it('freezes a deposit of a case of the judge’s', async () => {
    const list = await tab1.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    for (const s of list.items) {
      const d = await tab1.value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtor = d.parties.find((p) => p.role === 'debtor' && p.kind === 'person');
      if (!debtor || !d.number.includes('执') || /执(保|异)/.test(d.number)) continue;
      const t = await sandboxGet(`/sandbox/v1/subjects/${debtor.idNumber}`);
      if (t.holdings.bankAccounts.some((a: any) => a.freezes.length === 0 && a.balance >= 300_000) && d.amountOwed > 300_000) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    await tab1.value('query', 'start', { caseId: c.id });
    await queried(c.id);
    const plan = await tab1.value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const cand = plan.candidates.find((x) => x.freezable && x.asset.kind === 'deposit' && (x.asset.value ?? 0) >= 300_000)!;
    const decisionId = randomUUID();
    const input = { caseId: c.id, decisionId, items: [{ assetId: cand.asset.id, amount: 300_000, endsOn: cand.maxEndDate }] };
    // a double click of 一键冻结: the same decision twice
    const [a, b] = await Promise.all([tab1.call('measures', 'freeze', input), tab2.call('measures', 'freeze', input)]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'DECISION_TAKEN' } });
    freeze = ((a.ok ? a : b) as { value: { measures: Measure[] } }).value.measures[0]!;
    await waitFor(async () => ((await tab1.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === freeze.id)?.state === 'executed' ? true : undefined));
    expect((await tab1.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.kind === 'freeze')).toHaveLength(1);
  });

  it('three windows submit one deduction decision: one deduction, executed once, the money moved once', async () => {
    const before = await sandboxGet('/sandbox/v1/ledger-totals');
    const prep = await tab1.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const input = { freezeId: freeze.id, decisionId: randomUUID(), amount: 80_000, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD };
    const results = await Promise.all([tab1, tab2, tab3].map((t) => t.call('deduction', 'submit', input)));
    const ok = results.filter((r) => r.ok) as { value: { measure: Measure } }[];
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect((r as { error: { code: string } }).error.code).toMatch(/DECISION_TAKEN|BALANCE_CHECK_USED/);
    const id = ok[0]!.value.measure.id;
    await waitFor(async () => ((await tab1.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === id)?.state === 'executed' ? true : undefined));
    const deductions = (await tab1.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.kind === 'deduct');
    expect(deductions).toHaveLength(1);
    const after = await sandboxGet('/sandbox/v1/ledger-totals');
    expect(after.courtTotal - before.courtTotal).toBe(80_000);
    expect(core.sandbox!.stats().executions[id]).toBe(1);
  });

  it('two decisions on one balance check: the check authorises one, the second needs a fresh balance', async () => {
    const prep = await tab1.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const base = { freezeId: freeze.id, amount: 10_000, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD };
    const [x, y] = await Promise.all([tab1.call('deduction', 'submit', { ...base, decisionId: randomUUID() }), tab2.call('deduction', 'submit', { ...base, decisionId: randomUUID() })]);
    expect([x, y].filter((r) => r.ok)).toHaveLength(1);
    expect([x, y].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'BALANCE_CHECK_USED' } });
  });

  it('a deduction under way counts: while one awaits the chief, a second one for the same money is refused', async () => {
    // the chief lowers the bureau's threshold: the first deduction waits for his approval, not yet sent
    await enrolAs(tab3, core.sandbox!, 'F520103003', 'chief password');
    await tab3.value('session', 'signIn', { officerCode: 'F520103003', password: 'chief password' });
    await tab3.value('settings', 'set', { approvalThreshold: 1_000 });
    for (const t of [tab1, tab2]) await t.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
    const prep = await tab1.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const first = await tab1.value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, decisionId: randomUUID(), amount: prep.frozenNow, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    expect(first.measure.state).toBe('awaiting_approval');
    const prep2 = await tab2.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    expect(prep2.frozenNow).toBe(prep.frozenNow);
    const second = await tab2.call('deduction', 'submit', { freezeId: freeze.id, decisionId: randomUUID(), amount: prep2.frozenNow, courtAccountId: prep2.courtAccounts[0]!.id, checkedAt: prep2.checkedAt, pin: PASSWORD });
    expect(second).toMatchObject({ ok: false, error: { field: 'amount' } });
    if (!second.ok) expect(second.error.detail?.zh).toMatch(/办理中/);
  });
});
