/**
 * Refusing or unable (docs/domain.md rule 8) through the whole stack, against the sandbox over HTTP,
 * as a judge meets it: a debtor is queried, ordered to report his property and does not; money
 * arrives in his account (the sandbox's inflow, its clock moved on) and the re-query sees the new
 * balance. His timeline shows the balances, the rise and the missing report, each with the record it
 * comes from; the proposal is 失信 on those facts and the listing wizard's check carries it. The
 * judge confirms it, overrides only with a reason; a clerk and another judge are refused, with the
 * reason, and the refusals are recorded.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sandboxFetch, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseDetail, CaseQueryView } from '../../shared/domain/types';
import type { EnforcementNotice } from '../../shared/domain/listing';
import type { DebtorConduct } from '../../shared/domain/terminal';
import type { ListingCheck } from '../../shared/ipc/groups/credit';
import { todayCst } from '../../shared/dates';

const { JUDGE, CLERK, OTHER_JUDGE } = OFFICERS;
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut } = sessionOf(app);
const sandbox = sandboxFetch(() => core);
const advanceDays = (n: number) => sandbox('/sandbox/v1/clock', { method: 'POST', body: { advanceDays: n } });
const today = () => todayCst(new Date(core.sandbox!.clock.now()));
const queried = async (caseId: string, after = '') => {
  await value('query', 'start', { caseId });
  return waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId });
    const fresh = v.requests.filter((r) => r.createdAt > after);
    return fresh.length && fresh.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
};

let c: CaseDetail;
let debtor: CaseDetail['parties'][number];
let account: { channel: string; identifier: string };
const amount = 1_234_500;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-conduct-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  core.sandbox!.inflows.rate = 0;
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, OTHER_JUDGE]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const found = await ownCaseWithOnePersonDebtor(app, async (_c, d) => {
    const truth = await sandbox(`/sandbox/v1/subjects/${d.idNumber}`);
    return truth.holdings.bankAccounts.some((a: { freezes: unknown[] }) => a.freezes.length === 0);
  });
  if (found) ({ c, debtor } = found);
  expect(c, 'a case of the judge with one person debtor holding an account').toBeDefined();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a debtor who does not report and whose balance rose after filing', () => {
  it('his timeline shows each fact with its record, and the proposal is 失信 on them', async () => {
    const first = await queried(c.id);
    const deposit = first.assets.find((a) => a.partyId === debtor.id && a.kind === 'deposit' && a.existingFreezes.length === 0)
      ?? first.assets.find((a) => a.partyId === debtor.id && a.kind === 'deposit')!;
    expect(deposit, 'the query found a deposit account').toBeDefined();
    account = { channel: deposit.channel, identifier: deposit.identifier };
    // 报告财产令, served today with one day to report; he does not
    const { notice } = await value<{ notice: EnforcementNotice }>('credit', 'issueNotice', { caseId: c.id, partyId: debtor.id, kind: 'report-order', reportDays: 1 });
    await value('credit', 'serveNotice', { caseId: c.id, noticeId: notice.id, servedOn: today(), method: 'direct' });

    const asked = new Date(core.sandbox!.clock.now()).toISOString();
    await sandbox('/sandbox/v1/inflows', { method: 'POST', body: { channel: account.channel, owner: debtor.idNumber, assetIdentifier: account.identifier, amount, inDays: 1 } });
    await advanceDays(3);
    const second = await waitFor(async () => {
      const v = await queried(c.id, asked);
      const a = v.assets.find((x) => x.partyId === debtor.id && x.identifier === account.identifier && x.requestId !== deposit.requestId);
      return a && (a.value ?? 0) >= (deposit.value ?? 0) + amount ? { v, a } : undefined;
    });

    const t = await value<DebtorConduct>('conduct', 'timeline', { caseId: c.id, partyId: debtor.id });
    const of = (kind: string) => t.assessment.timeline.filter((e) => e.kind === kind);
    const mine = (e: { source: { id: string } }) => [deposit.id, second.a.id].includes(e.source.id);
    // the balance as each answer gave it, by its finding
    expect(of('balance').filter(mine).map((e) => [e.source.id, e.amount])).toEqual([[deposit.id, deposit.value], [second.a.id, second.a.value]]);
    const rise = of('balance-rise').find((e) => e.source.id === second.a.id);
    expect(rise?.amount).toBe(second.a.value! - deposit.value!);
    expect(rise?.words.zh).toContain('12,345.00元');
    expect(of('report-ordered')).toEqual([expect.objectContaining({ source: { kind: 'notice', id: notice.id } })]);
    expect(of('report-missing')).toEqual([expect.objectContaining({ source: { kind: 'notice', id: notice.id } })]);
    expect(of('report-filed')).toEqual([]);
    // the full account number is never in what the judge reads
    expect(t.assessment.timeline.every((e) => !e.words.zh.includes(account.identifier))).toBe(true);

    expect(t.assessment.proposed).toBe('refusing');
    const grounds = t.assessment.grounds.map((g) => g.source);
    expect(grounds).toContainEqual({ kind: 'notice', id: notice.id });
    expect(grounds).toContainEqual({ kind: 'asset', id: second.a.id });
    expect(t.review).toBeUndefined();

    // the listing wizard's check carries the same proposal
    const check = await value<ListingCheck>('credit', 'check', { caseId: c.id, partyId: debtor.id, ground: 4 });
    expect(check.conduct.assessment.proposed).toBe('refusing');
  });

  it('the judge confirms it; an override needs his reason; the audit says which', async () => {
    const confirmed = await value<DebtorConduct>('conduct', 'confirm', { caseId: c.id, partyId: debtor.id, classification: 'refusing' });
    expect(confirmed.review).toMatchObject({ proposed: 'refusing', decided: 'refusing', decidedBy: JUDGE });

    const bare = await call('conduct', 'confirm', { caseId: c.id, partyId: debtor.id, classification: 'unable', reason: ' ' });
    expect(bare.ok).toBe(false);
    expect((bare as { ok: false; error: { code: string; detail?: { zh: string; en: string } } }).error).toMatchObject({ code: 'VALIDATION', detail: { zh: expect.stringContaining('须说明理由') } });
    expect((await value<DebtorConduct>('conduct', 'timeline', { caseId: c.id, partyId: debtor.id })).review?.decided).toBe('refusing');

    const over = await value<DebtorConduct>('conduct', 'confirm', { caseId: c.id, partyId: debtor.id, classification: 'unable', reason: '到账款项系其母医疗费，已核实' });
    expect(over.review).toMatchObject({ proposed: 'refusing', decided: 'unable', reason: '到账款项系其母医疗费，已核实' });
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    expect(audit.filter((a) => a.action === 'conduct.confirmed' && a.officer === JUDGE)).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'conduct.overridden' && a.officer === JUDGE)).toHaveLength(1);
  });

  it('a clerk and another judge may not confirm: refused with the reason, and recorded', async () => {
    await signOut();
    const why: Record<string, string> = { [CLERK]: '本人职务不能确认或改变', [OTHER_JUDGE]: '本案不是本人或本团队承办的案件' };
    for (const officer of [CLERK, OTHER_JUDGE]) {
      await signIn(officer);
      const r = await call('conduct', 'confirm', { caseId: c.id, partyId: debtor.id, classification: 'performing', reason: '试图改变认定' });
      expect(r.ok, `${officer} must be refused`).toBe(false);
      const e = (r as { ok: false; error: { code: string; messageEn: string; detail?: { zh: string; en: string } } }).error;
      expect(e.code).toBe('FORBIDDEN');
      expect(e.detail?.zh).toContain(why[officer]);
      await signOut();
    }
    await signIn(JUDGE);
    const t = await value<DebtorConduct>('conduct', 'timeline', { caseId: c.id, partyId: debtor.id });
    expect(t.review?.decided).toBe('unable');
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: c.id, limit: 500 });
    for (const officer of [CLERK, OTHER_JUDGE]) {
      expect(audit.some((a) => a.action === 'authority.refused' && a.officer === officer && JSON.stringify(a.detail).includes('conduct.confirm'))).toBe(true);
    }
    // nothing was recorded for them
    expect(audit.filter((a) => a.action.startsWith('conduct.') && a.officer !== JUDGE)).toEqual([]);
  });

  it('names a debtor of the case only: the applicant has no conduct to classify', async () => {
    const applicant = c.parties.find((p) => p.role === 'applicant')!;
    const r = await call('conduct', 'timeline', { caseId: c.id, partyId: applicant.id });
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: { code: string; detail?: { zh: string } } }).error).toMatchObject({ code: 'VALIDATION', detail: { zh: '请选择本案的被执行人' } });
  });
});
