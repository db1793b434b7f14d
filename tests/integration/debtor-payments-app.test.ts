/**
 * A debtor's own payment (自动履行, docs/domain.md rule 1, "What is recovered") through the whole
 * stack, against the sandbox over HTTP, as a judge meets it: he records what the debtor paid, the
 * outstanding amount drops by exactly those fen and the conduct proposal becomes 积极履行 with the
 * payment as its fact; a clerk of his team may record, another judge is refused and recorded; bad
 * input is refused in the judge's words, a day after today on the program's (sandbox's) clock too;
 * a reversal puts the amount back; paying the rest makes the
 * case paid in full and the listing's removal may then be proposed on that ground. No debtor's name
 * lies in plaintext in the data folder.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, expectNoPlaintext, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sandboxFetch, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseDetail } from '../../shared/domain/types';
import type { CaseCredit, CreditListing, CreditRemoval, EnforcementNotice } from '../../shared/domain/listing';
import type { CasePayments, DebtorPayment } from '../../shared/domain/payments';
import type { DebtorConduct } from '../../shared/domain/terminal';
import { addDays, todayCst } from '../../shared/dates';

const { JUDGE, CLERK, CHIEF, OTHER_JUDGE } = OFFICERS;
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut, as } = sessionOf(app);
type Refusal = { code: string; detail?: { zh: string; en: string } };
const refusal = async (g: string, m: string, input: unknown): Promise<Refusal> => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: Refusal }).error;
};
const today = () => todayCst(new Date(core.sandbox!.clock.now()));
const sandbox = sandboxFetch(() => core);
const paymentsOf = (caseId: string) => value<CasePayments>('payments', 'list', { caseId });

let c: CaseDetail;
let debtor: CaseDetail['parties'][number];
let first: DebtorPayment;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-payments-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF, OTHER_JUDGE]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const found = await ownCaseWithOnePersonDebtor(app);
  if (found) ({ c, debtor } = found);
  expect(c, 'a case of the judge with one person debtor').toBeDefined();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a debtor who pays part himself, then the rest', () => {
  it('the judge records a payment: the outstanding drops by exactly its fen, and 积极履行 is proposed on it', async () => {
    const before = (await paymentsOf(c.id)).outstanding;
    expect(before).toBeGreaterThan(100_00);
    first = await value<DebtorPayment>('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 100_00, paidOn: today(), method: 'court-account', note: '交款凭证 0001' });
    expect(first).toMatchObject({ amount: 100_00, paidOn: today(), method: 'court-account', recordedBy: JUDGE });
    const after = await paymentsOf(c.id);
    expect(after.outstanding).toBe(before - 100_00);
    expect(after.payments.map((p) => p.id)).toEqual([first.id]);
    expect((await value<CaseCredit>('credit', 'view', { caseId: c.id })).outstanding).toBe(before - 100_00);

    const conduct = await value<DebtorConduct>('conduct', 'timeline', { caseId: c.id, partyId: debtor.id });
    expect(conduct.assessment.proposed).toBe('performing');
    expect(conduct.assessment.grounds.map((g) => g.source)).toContainEqual({ kind: 'payment', id: first.id });
    expect(conduct.assessment.timeline.find((e) => e.kind === 'payment')).toMatchObject({ amount: 100_00, source: { kind: 'payment', id: first.id } });
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    const entry = audit.find((a) => a.action === 'payment.recorded');
    expect(entry).toMatchObject({ officer: JUDGE, caseNumber: c.number });
    expect(JSON.stringify(entry)).not.toContain(debtor.name);
  });

  it('a clerk of the team may record; another judge is refused with the reason, and it is recorded', async () => {
    await signOut();
    const before = await as(CLERK, async () => {
      const o = (await paymentsOf(c.id)).outstanding;
      const p = await value<DebtorPayment>('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 1, paidOn: today(), method: 'applicant', note: '申请执行人确认收到' });
      expect(p.recordedBy).toBe(CLERK);
      expect((await paymentsOf(c.id)).outstanding).toBe(o - 1);
      return o - 1;
    });
    await as(OTHER_JUDGE, async () => {
      const e = await refusal('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 5_000_00, paidOn: today(), method: 'other' });
      expect(e.code).toBe('FORBIDDEN');
      expect(e.detail?.zh).toContain('本案不是本人或本团队承办的案件');
      expect((await refusal('payments', 'reverse', { caseId: c.id, paymentId: first.id, reason: '误录' })).code).toBe('FORBIDDEN');
    });
    await signIn(JUDGE);
    expect((await paymentsOf(c.id)).outstanding).toBe(before);
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    expect(audit.some((a) => a.action === 'authority.refused' && a.officer === OTHER_JUDGE && JSON.stringify(a.detail).includes('payment.record'))).toBe(true);
    expect(audit.filter((a) => a.action.startsWith('payment.') && a.officer === OTHER_JUDGE)).toEqual([]);
  });

  it('bad input is refused in the judge’s words and changes nothing', async () => {
    const before = await paymentsOf(c.id);
    const base = { caseId: c.id, partyId: debtor.id, amount: 100, paidOn: today(), method: 'court-account' };
    const applicant = c.parties.find((p) => p.role === 'applicant')!;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: 0 }, 'amount', '大于零的整数'],
      [{ amount: -100 }, 'amount', '大于零的整数'],
      [{ amount: 12.5 }, 'amount', '大于零的整数'],
      [{ paidOn: addDays(today(), 1) }, 'paidOn', '不能晚于今天'],
      [{ paidOn: '2026-02-30' }, 'paidOn', '日期不正确'],
      [{ method: 'cash-in-hand' }, 'method', '履行方式'],
    ];
    for (const [patch, field, zh] of cases) {
      const e = await refusal('payments', 'record', { ...base, ...patch });
      expect(e, JSON.stringify(patch)).toMatchObject({ code: 'VALIDATION', field, detail: { zh: expect.stringContaining(zh), en: expect.any(String) } });
    }
    expect((await refusal('payments', 'record', { ...base, partyId: applicant.id })).code).toBe('NOT_A_DEBTOR');
    expect(await paymentsOf(c.id)).toEqual(before);
  });

  it('a reversal needs a reason, happens once, and restores the outstanding amount', async () => {
    const before = (await paymentsOf(c.id)).outstanding;
    expect((await refusal('payments', 'reverse', { caseId: c.id, paymentId: first.id, reason: ' ' })).detail?.zh).toContain('须说明理由');
    const r = await value<DebtorPayment>('payments', 'reverse', { caseId: c.id, paymentId: first.id, reason: '交款凭证系伪造，款项未到账' });
    expect(r.reversal).toMatchObject({ reason: '交款凭证系伪造，款项未到账', by: JUDGE });
    expect((await paymentsOf(c.id)).outstanding).toBe(before + 100_00);
    expect((await refusal('payments', 'reverse', { caseId: c.id, paymentId: first.id, reason: '再撤一次' })).detail?.zh).toContain('已经撤销');
    expect((await paymentsOf(c.id)).outstanding).toBe(before + 100_00);
    const conduct = await value<DebtorConduct>('conduct', 'timeline', { caseId: c.id, partyId: debtor.id });
    expect(conduct.assessment.timeline.filter((e) => e.kind === 'payment').map((e) => e.source.id)).not.toContain(first.id);
  });

  it('“today” is the program’s clock: with the sandbox’s clock moved on, its day is accepted and the day after is not', async () => {
    await sandbox('/sandbox/v1/clock', { method: 'POST', body: { advanceDays: 2 } });
    expect(today() > todayCst()).toBe(true);
    expect((await paymentsOf(c.id)).today, 'the form’s default day').toBe(today());
    const p = await value<DebtorPayment>('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 1, paidOn: today(), method: 'other', note: '现金缴纳，收据 0002' });
    expect(p.paidOn).toBe(today());
    expect((await refusal('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 1, paidOn: addDays(today(), 1), method: 'other' })).detail?.en).toContain('after today');
  });

  it('paying the rest makes the case paid in full, and the listing’s removal is then offered on that ground', async () => {
    // listed for obstructing (ground 2): the notice served, proposed by the judge, approved by the chief
    const { notice } = await value<{ notice: EnforcementNotice }>('credit', 'issueNotice', { caseId: c.id, partyId: debtor.id, kind: 'execution-notice' });
    await value('credit', 'serveNotice', { caseId: c.id, noticeId: notice.id, servedOn: today(), method: 'direct' });
    const draft = await value<CreditListing>('credit', 'draft', { caseId: c.id, partyId: debtor.id, ground: 2, evidence: { text: '被执行人以伪造的收据妨碍执行', refs: [] } });
    const listing = await value<CreditListing>('credit', 'propose', { caseId: c.id, listingId: draft.id, pin: PASSWORD });
    await signOut();
    await as(CHIEF, () => value('credit', 'approve', { caseId: c.id, listingId: listing.id, decision: 'approve', pin: PASSWORD }));
    await signIn(JUDGE);
    await waitFor(async () => ((await value<CaseCredit>('credit', 'view', { caseId: c.id })).debtors[0]?.listings.some((l) => l.id === listing.id && l.state === 'listed') ? true : undefined));
    const notYet = await refusal('credit', 'proposeRemoval', { caseId: c.id, listingId: listing.id });
    expect(notYet.detail?.zh).toContain('未全部执行到位');

    const rest = (await paymentsOf(c.id)).outstanding;
    await value<DebtorPayment>('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: rest, paidOn: today(), method: 'court-account' });
    expect((await paymentsOf(c.id)).outstanding).toBe(0);
    const removal = await value<CreditRemoval>('credit', 'proposeRemoval', { caseId: c.id, listingId: listing.id });
    expect(removal.ground).toBe('paid');

    // paid in full: the case closes 执行完毕, and its payments stand as they are
    const closed = await value<{ case: CaseDetail }>('cases', 'close', { caseId: c.id, decisionId: `close-${c.id.slice(0, 8)}` });
    expect(closed.case).toMatchObject({ status: 'closed', closing: 'completed' });
    const last = (await paymentsOf(c.id)).payments.at(-1)!;
    expect((await refusal('payments', 'reverse', { caseId: c.id, paymentId: last.id, reason: '误录' })).code).toBe('CASE_CLOSED');
    expect((await refusal('payments', 'record', { caseId: c.id, partyId: debtor.id, amount: 1, paidOn: today(), method: 'other' })).code).toBe('CASE_CLOSED');
  });

  it('keeps no debtor name in plaintext in the data folder', async () => {
    expectNoPlaintext(dir, [debtor.name, debtor.idNumber!, '交款凭证系伪造']);
  });
});
