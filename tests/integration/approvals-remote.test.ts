/**
 * A chief approves from his own session on another workstation (docs/authority.md, "Approvals
 * that cannot be forged"): two workstations on one network, the judge's deduction above the
 * threshold offered to the gateway's approvals inbox, the chief signing its body with his own
 * key on his workstation, the judge's workstation taking the signature back and sending — and
 * the gateway verifying that signature before any money moves.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, DeductionPrep, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import type { ApprovalInboxItem } from '../../shared/ipc/contract';

const JUDGE = 'F520103001';
const PASSWORD = 'judge-password-1';
const CHIEF = 'F520103008'; // 刘志强, on his own workstation
const CHIEF_PASSWORD = 'chief-password-8';

const dirs: string[] = [];
let bench: Core; // the judge's workstation, with the network's sandbox
let office: Core; // the chief's workstation, on the same network
const judge = appDriver(() => bench, 'bench');
const chief = appDriver(() => office, 'office');

beforeAll(async () => {
  const dir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'ck-remote-'));
    dirs.push(d);
    return d;
  };
  bench = await startCore({ dataDir: dir(), mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01' } });
  const sb = bench.sandbox!;
  office = await startCore({
    dataDir: dir(), mode: 'host', version: 'test',
    env: { CK_GATEWAY_URL: sb.url, CK_STATION_ID: sb.stationId, CK_STATION_SECRET: sb.stationSecret, CK_COURT: '黔0103', CK_COURT_NAME: '贵阳市云岩区人民法院' },
  });
  await setUpAs(judge, sb, JUDGE, PASSWORD);
  await setUpAs(chief, sb, CHIEF, CHIEF_PASSWORD);
  // the bureau's threshold and the gateway's, both at ¥10: the deduction below needs a chief
  await enrolAs(judge, sb, 'F520103003', 'chief-password-3');
  await judge.value('session', 'signIn', { officerCode: 'F520103003', password: 'chief-password-3' });
  await judge.value('settings', 'set', { approvalThreshold: 1_000 });
  await judge.value('session', 'signIn', { officerCode: JUDGE, password: PASSWORD });
  sb.approvalThresholds.set('黔0103', 1_000);
});
afterAll(async () => {
  await office?.close();
  await bench?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('approval from the chief’s own workstation', () => {
  let c: CaseDetail;
  let freeze: Measure;
  let waiting: Measure;

  it('the judge decides a deduction above the threshold: it waits, offered to the gateway’s inbox', async () => {
    const list = await judge.value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
    for (const s of list.items) {
      const d = await judge.value<CaseDetail>('cases', 'get', { caseId: s.id });
      const debtor = d.parties.find((p) => p.role === 'debtor' && p.kind === 'person');
      if (!debtor || /执(保|异)/.test(d.number)) continue;
      const t = await (await fetch(`${bench.sandbox!.url}/sandbox/v1/subjects/${debtor.idNumber}`)).json();
      if (t.holdings.bankAccounts.some((a: any) => a.freezes.length === 0 && a.balance >= 50_000) && d.amountOwed > 50_000) {
        c = d;
        break;
      }
    }
    expect(c).toBeDefined();
    await judge.value('query', 'start', { caseId: c.id });
    await waitFor(async () => {
      const v = await judge.value<CaseQueryView>('query', 'view', { caseId: c.id });
      return v.requests.length && v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const plan = await judge.value<FreezePlan>('measures', 'plan', { caseId: c.id });
    const cand = plan.candidates.find((x) => x.freezable && x.asset.kind === 'deposit' && (x.asset.value ?? 0) >= 50_000)!;
    const { measures } = await judge.value<{ measures: Measure[] }>('measures', 'freeze', { caseId: c.id, decisionId: randomUUID(), items: [{ assetId: cand.asset.id, amount: 50_000, endsOn: cand.maxEndDate }] });
    freeze = await waitFor(async () => (await judge.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === measures[0]!.id && m.state === 'executed'));
    const prep = await judge.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    ({ measure: waiting } = await judge.value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, decisionId: randomUUID(), amount: 20_000, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD }));
    expect(waiting.state).toBe('awaiting_approval');
    expect(waiting.signatures?.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE]]);
  });

  it('the chief sees it in his inbox on his workstation, and approves it with his own password and key', async () => {
    const inbox = await waitFor(async () => {
      const r = await chief.call('approvals', 'inbox');
      // a gateway slow to answer is asked again; any other refusal fails the test
      if (!r.ok && r.error.code === 'GATEWAY_TIMEOUT') return undefined;
      if (!r.ok) throw new Error(`approvals.inbox: ${r.error.code} ${r.error.message}`);
      return (r.value as ApprovalInboxItem[]).find((i) => i.id === waiting.id);
    });
    expect(inbox).toMatchObject({ caseNumber: c.number, amount: 20_000, decidedBy: JUDGE, status: 'pending' });
    expect(inbox.subject).toMatch(/\*{8}/);
    expect(await chief.call('approvals', 'decide', { id: waiting.id, decision: 'approve', pin: 'not his password' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const done = await chief.value<ApprovalInboxItem>('approvals', 'decide', { id: waiting.id, decision: 'approve', pin: CHIEF_PASSWORD });
    expect(done.status).toBe('approved');
    const trail = await chief.value<AuditEntry[]>('audit', 'list', {});
    expect(trail.some((e) => e.action === 'approval.approved' && e.officer === CHIEF)).toBe(true);
  });

  it('the judge’s workstation takes the signature back and sends: the gateway verifies it, the court receives the money once', async () => {
    const before = await (await fetch(`${bench.sandbox!.url}/sandbox/v1/ledger-totals`)).json();
    expect((await judge.value<{ moved: number }>('approvals', 'refresh')).moved).toBe(1);
    const done = await waitFor(async () => (await judge.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === waiting.id && m.state === 'executed'));
    expect(done.approvedBy).toBe(CHIEF);
    expect(done.signatures?.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE], ['approval', CHIEF]]);
    const after = await (await fetch(`${bench.sandbox!.url}/sandbox/v1/ledger-totals`)).json();
    expect(after.courtTotal - before.courtTotal).toBe(20_000);
    expect(bench.sandbox!.stats().executions[waiting.id]).toBe(1);
    expect((await judge.value<{ moved: number }>('approvals', 'refresh')).moved).toBe(0);
  });

  it('approved on the judge’s own workstation, the item leaves the inbox: no chief elsewhere is asked again', async () => {
    const prep = await judge.value<DeductionPrep>('deduction', 'prepare', { freezeId: freeze.id });
    const { measure: second } = await judge.value<{ measure: Measure }>('deduction', 'submit', { freezeId: freeze.id, decisionId: randomUUID(), amount: 15_000, courtAccountId: prep.courtAccounts[0]!.id, checkedAt: prep.checkedAt, pin: PASSWORD });
    expect(second.state).toBe('awaiting_approval');
    await waitFor(async () => (await chief.value<ApprovalInboxItem[]>('approvals', 'inbox')).find((i) => i.id === second.id));
    await judge.value('deduction', 'approve', { measureId: second.id, approverCode: 'F520103003', approverPassword: 'chief-password-3', decision: 'approve' });
    await waitFor(async () => ((await chief.value<ApprovalInboxItem[]>('approvals', 'inbox')).some((i) => i.id === second.id) ? undefined : true));
    // the chief elsewhere, too late: the gateway says it is decided, nothing moves twice
    expect(await chief.call('approvals', 'decide', { id: second.id, decision: 'approve', pin: CHIEF_PASSWORD })).toMatchObject({ ok: false });
    await waitFor(async () => (await judge.value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.find((m) => m.id === second.id && m.state === 'executed'));
    expect(bench.sandbox!.stats().executions[second.id]).toBe(1);
  });

  it('the judge cannot read the inbox or approve: only a chief or the director', async () => {
    expect(await judge.call('approvals', 'inbox')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await judge.call('approvals', 'decide', { id: waiting.id, decision: 'approve', pin: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
