/**
 * Freeze → deduct through the whole main-process stack (router, services, rules, documents,
 * encrypted store, measure engine, real HTTP, the sandbox's ledger), as the panels drive it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, expectNoPlaintext, setUpAs, waitFor } from '../helpers/app-driver';
import type { CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, DeductionPrep, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';

let dir: string;
let core: Core;
const PASSWORD = 'correct horse';
const app = appDriver(() => core);
const { call, value } = app;
const sandboxGet = async (p: string) => (await fetch(`${core.sandbox!.url}${p}`)).json();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-measures-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  await setUpAs(app, core.sandbox!, 'F520103001', PASSWORD);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('freeze up to the cap, then deduct exactly once', () => {
  let c: CaseDetail;
  let plan: FreezePlan;
  let freezes: Measure[];

  it('finds a case whose debtor holds more in deposits than is owed, and queries it', async () => {
    const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    for (const s of list.items) {
      const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtor = d.parties.find((p) => p.role === 'debtor' && p.kind === 'person');
      if (!debtor || d.parties.filter((p) => p.role === 'debtor').length !== 1 || d.performanceDueOn !== undefined) continue;
      const t = await sandboxGet(`/sandbox/v1/subjects/${debtor.idNumber}`);
      const free = t.holdings.bankAccounts.filter((a: any) => a.freezes.length === 0).reduce((n: number, a: any) => n + a.balance, 0);
      if (t.holdings.bankAccounts.length >= 2 && free > (d.amountOwed + d.costs) * 2 && d.amountOwed + d.costs < 10_000_000) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    await value('query', 'start', { caseId: c.id });
    await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: c.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
  });

  it('plans the cap and suggests the fewest, most liquid assets reaching it', async () => {
    plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(plan.cap).toBe(c.amountOwed + c.costs - c.recovered);
    expect(plan.alreadyFrozen).toBe(0);
    expect(plan.suggestion.reachesCap).toBe(true);
    expect(plan.suggestion.total).toBe(plan.cap);
    const kinds = plan.suggestion.items.map((i) => plan.candidates.find((x) => x.asset.id === i.assetId)!.asset.kind);
    expect(kinds.every((k) => k === 'deposit' || k === 'online_funds')).toBe(true);
  });

  it('refuses a freeze above the cap and one past its legal period, sending nothing', async () => {
    const first = plan.suggestion.items[0]!;
    const cand = plan.candidates.find((x) => x.asset.id === first.assetId)!;
    const over = await call('measures', 'freeze', { caseId: c.id, items: [{ assetId: first.assetId, amount: plan.cap + 100, endsOn: cand.maxEndDate }] });
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!over.ok) expect(over.error.detail?.zh).toMatch(/超过|超出/);
    const late = await call('measures', 'freeze', { caseId: c.id, items: [{ assetId: first.assetId, amount: 100, endsOn: '2099-01-01' }] });
    expect(late).toMatchObject({ ok: false, error: { field: 'items.0.endsOn' } });
    expect((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures).toHaveLength(0);
  });

  it('freezes the suggested set in one call; the agencies execute it with its documents', async () => {
    const items = plan.suggestion.items.map((i) => ({ ...i, endsOn: plan.candidates.find((x) => x.asset.id === i.assetId)!.maxEndDate }));
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c.id, items });
    expect(measures).toHaveLength(items.length);
    for (const m of measures) expect(m.documents.map((d) => d.type)).toEqual(['冻结裁定书', '协助冻结通知书']);
    const done = await waitFor(async () => {
      const l = await value<CaseMeasures>('measures', 'list', { caseId: c.id });
      return l.measures.every((m) => m.state === 'executed') ? l : undefined;
    });
    freezes = done.measures;
    expect(done.freezes.reduce((n, f) => n + f.frozen, 0)).toBe(plan.cap);
    const doc = await value<any>('documents', 'get', { documentId: freezes[0]!.documents[0]!.id });
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
    // as a court prints it: full-width parentheses, the judge and his team's clerk under the ruling
    expect(doc.content.caseNumber).toBe(c.number.replace(/^\((\d{4})\)/, '（$1）'));
    const signature = doc.content.blocks.find((x: { kind: string }) => x.kind === 'signature');
    expect(signature).toMatchObject({ signatories: [{ title: '审判员' }], clerk: { title: '书记员', name: '陈晓雪' } });
    const again = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(again.remaining).toBe(0);
  });

  it('deducts after re-querying the frozen balance; the court receives it once and the case shows it recovered', async () => {
    const before = await sandboxGet('/sandbox/v1/ledger-totals');
    const f = freezes.find((m) => m.assetKind === 'deposit')!;
    const prep = await value<DeductionPrep>('deduction', 'prepare', { freezeId: f.id });
    expect(prep.frozenNow).toBe(f.outcome?.frozenAmount);
    // a part: the rest stays frozen for the approval case below
    const amount = Math.min(Math.floor(prep.suggested / 3), prep.approvalThreshold);
    const wrongPin = await call('deduction', 'submit', { freezeId: f.id, amount, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: 'not my password' });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const tooMuch = await call('deduction', 'submit', { freezeId: f.id, amount: prep.frozenNow + 1, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    expect(tooMuch).toMatchObject({ ok: false, error: { field: 'amount' } });
    const { measure } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: f.id, amount, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    expect(measure.state).not.toBe('awaiting_approval');
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === measure.id)?.state === 'executed' ? true : undefined));
    const after = await value<CaseDetail>('cases', 'get', { caseId: c.id });
    expect(after.recovered).toBe(c.recovered + amount);
    const totals = await sandboxGet('/sandbox/v1/ledger-totals');
    expect(totals.conserved).toBe(true);
    expect(totals.courtTotal - before.courtTotal).toBe(amount);
    const entries = await value<any[]>('audit', 'list', { caseId: c.id });
    expect(entries.some((e) => e.action.startsWith('measure.deduct'))).toBe(true);
    expect(await value<any>('audit', 'verify')).toMatchObject({ ok: true });
  });

  it('a deduction above the bureau threshold waits for the division chief, who approves with his own password', async () => {
    // only a division chief moves the threshold
    expect(await call('settings', 'set', { approvalThreshold: 1_000 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await enrolAs(app, core.sandbox!, 'F520103003', 'chief password');
    await value('session', 'signIn', { officerCode: 'F520103003', password: 'chief password' });
    await value('settings', 'set', { approvalThreshold: 1_000 });
    await value('session', 'signIn', { officerCode: 'F520103001', password: PASSWORD });
    const f = freezes.find((m) => m.assetKind === 'deposit')!;
    const prep = await value<DeductionPrep>('deduction', 'prepare', { freezeId: f.id });
    expect(prep.fresh).toBe(true);
    const amount = Math.min(prep.suggested, 5_000);
    expect(amount).toBeGreaterThan(1_000);
    const { measure } = await value<{ measure: Measure }>('deduction', 'submit', { freezeId: f.id, amount, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    expect(measure.state).toBe('awaiting_approval');
    const selfApproval = await call('deduction', 'approve', { measureId: measure.id, approverCode: 'F520103001', approverPassword: PASSWORD, decision: 'approve' });
    expect(selfApproval.ok).toBe(false);
    const wrong = await call('deduction', 'approve', { measureId: measure.id, approverCode: 'F520103003', approverPassword: 'not his', decision: 'approve' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const before = (await value<CaseDetail>('cases', 'get', { caseId: c.id })).recovered;
    const ok = await value<{ measure: Measure }>('deduction', 'approve', { measureId: measure.id, approverCode: 'F520103003', approverPassword: 'chief password', decision: 'approve' });
    expect(ok.measure.approvedBy).toBe('F520103003');
    await waitFor(async () => ((await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === measure.id)?.state === 'executed' ? true : undefined));
    expect((await value<CaseDetail>('cases', 'get', { caseId: c.id })).recovered).toBe(before + amount);
    expect((await sandboxGet('/sandbox/v1/ledger-totals')).conserved).toBe(true);
  });

  it('keeps rulings, notices and measures encrypted: no name, ID or account in plaintext in the data folder', async () => {
    const debtor = c.parties.find((p) => p.role === 'debtor')!;
    const applicant = c.parties.find((p) => p.role === 'applicant')!;
    expectNoPlaintext(dir, [debtor.name, debtor.idNumber, applicant.name, applicant.idNumber, ...freezes.map((f) => f.assetIdentifier)]);
  });
});
