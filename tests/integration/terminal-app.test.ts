/**
 * 终本 and 执恢 through the whole stack, against the sandbox over HTTP (docs/domain.md rule 12): a case
 * whose debtor has nothing is closed as 终本 only when the five conditions hold (a proposal before is
 * refused, saying what is missing); the consumption restriction the condition rests on is the one the
 * judge drafts and proposes and the chief approves through the restriction calls, as the platform accepted it; the clerk may not propose and the judge may not approve; the
 * chief approves with his own signature, the case-management system records it, the ruling is made
 * and the re-query is scheduled six months on. The sandbox clock moves six months, the debtor gets a
 * new account: the job runs, the 查询结果告知书 is made, the alert is raised once; one-click 执恢 files
 * the resumed case and stops the job. The gateway refuses what main refuses.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import type { StoredCase } from '../../electron/store/cases';
import { terminalSignedText } from '../../electron/services/terminal/closing';
import { createGatewayClient } from '../../electron/engine/gateway-client';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, PASSWORD, sandboxFetch, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseDocument } from '../../shared/domain/measures';
import type { TerminalClosing, TerminalView } from '../../shared/domain/terminal';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import type { EnforcementNotice } from '../../shared/domain/listing';
import type { CaseRestrictions, RestrictionOrder } from '../../shared/domain/restriction';
import { addDays, addMonths, todayCst } from '../../shared/dates';
import type { DocketCase } from '../../electron/sandbox/population/types';

const { JUDGE, CLERK, CHIEF } = OFFICERS;
const ENV = { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' };
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut, as } = sessionOf(app);
const refusal = async (g: string, m: string, input: unknown) => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; detail?: { zh: string; en: string } } }).error;
};
const sandbox = sandboxFetch(() => core).post;
const sandboxToday = () => todayCst(new Date(core.sandbox!.clock.now()));
const viewOf = (caseId: string) => value<TerminalView>('terminal', 'view', { caseId });
const audit = (caseId: string) => value<AuditEntry[]>('audit', 'list', { caseId, limit: 500 });
const gatewayAs = () => createGatewayClient({ url: core.sandbox!.url, stationId: core.sandbox!.stationId, stationSecret: core.sandbox!.stationSecret });

let docket: DocketCase;
let c: CaseDetail;
let debtor: CaseDetail['parties'][number];

/** A debtor of the seeded population who holds nothing, in a case filed four months ago for the judge. */
function fileCase(number?: string): DocketCase {
  const cs = core.sandbox!.courtSystem;
  const persons = core.sandbox!.population.persons;
  const nothing = persons.find((p) => {
    const h = p.holdings;
    return h.bankAccounts.every((a) => a.balance === 0) && h.onlineFunds.every((a) => a.balance === 0) && !h.securities.length && !h.wealth.length
      && !h.realEstate.length && !h.vehicles.length && !h.equity.length && !h.providentFund.length;
  })!;
  const applicant = persons.find((p) => p.tier === 'rich')!;
  const today = sandboxToday();
  const d: DocketCase = {
    number: number ?? cs.nextNumber(Number(today.slice(0, 4)), '执'), filedOn: addDays(today, -125), cause: '民间借贷纠纷', amountOwed: 3_000_000, costs: 30_000,
    applicant: { kind: 'person', name: applicant.name, idNumber: applicant.idNumber }, debtors: [{ kind: 'person', name: nothing.name, idNumber: nothing.idNumber }],
    assignee: JUDGE,
  };
  const why = cs.file(d);
  if (why) throw new Error(why);
  return cs.find(d.number)!;
}

/** The 限制消费令 as the bureau issues it (docs/domain.md rule 9): the judge drafts and proposes, the chief approves, the platform accepts. */
async function issueRestriction(): Promise<string> {
  const draft = await value<RestrictionOrder>('restriction', 'draft', { caseId: c.id, partyId: debtor.id, kinds: ['cabin', 'bullet-train', 'venue'], bound: [] });
  const order = await value<RestrictionOrder>('restriction', 'propose', { caseId: c.id, orderId: draft.id, pin: PASSWORD });
  await signOut();
  await as(CHIEF, () => value('restriction', 'approve', { caseId: c.id, orderId: order.id, decision: 'approve', pin: PASSWORD }));
  await signIn(JUDGE);
  const o = await waitFor(async () => {
    const r = (await value<CaseRestrictions>('restriction', 'view', { caseId: c.id })).orders.find((x) => x.id === order.id)!;
    return r.exchanges.some((e) => e.kind === 'restriction.issue' && e.state === 'accepted') ? r : undefined;
  });
  expect(o.state).toBe('issued');
  expect(core.sandbox!.credit.restrictionsOf(debtor.idNumber!)).toHaveLength(1);
  return o.exchanges.find((e) => e.kind === 'restriction.issue')!.id;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-terminal-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: ENV });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  docket = fileCase();
  await value('cases', 'importFromCourt', {});
  const s = (await value<{ items: CaseSummary[] }>('cases', 'list', { search: docket.number, limit: 5 })).items.find((x) => x.number === docket.number)!;
  c = await value<CaseDetail>('cases', 'get', { caseId: s.id });
  debtor = c.parties.find((p) => p.role === 'debtor')!;
  await signIn(JUDGE);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('closing as 终本', () => {
  let closing: TerminalClosing;

  it('the checklist says what is missing, with its source, and a proposal is refused until all five hold', async () => {
    let v = await viewOf(c.id);
    expect(v.checklist.ready).toBe(false);
    expect(v.checklist.conditions.find((k) => k.id === 'time')!.met).toBe(true);
    expect(v.checklist.conditions.find((k) => k.id === 'notices')!.missing.map((m) => m.zh)).toContain(`尚未向${debtor.name}发出执行通知书`);
    const e = await refusal('terminal', 'propose', { caseId: c.id, pin: PASSWORD });
    expect(e.detail?.zh).toContain('不符合终结本次执行程序的条件');
    expect((await audit(c.id)).some((a) => a.action === 'terminal.propose.refused')).toBe(true);

    const today = sandboxToday();
    for (const kind of ['execution-notice', 'report-order'] as const) {
      const { notice } = await value<{ notice: EnforcementNotice }>('credit', 'issueNotice', { caseId: c.id, partyId: debtor.id, kind });
      await value('credit', 'serveNotice', { caseId: c.id, noticeId: notice.id, servedOn: today, method: 'direct' });
    }
    await value('query', 'start', { caseId: c.id });
    await waitFor(async () => {
      const q = await value<CaseQueryView>('query', 'view', { caseId: c.id });
      return q.requests.length > 0 && q.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? q : undefined;
    });
    // the consumption restriction (rule 9) through its own calls: the judge drafts and proposes, the chief approves, the platform accepts
    v = await viewOf(c.id);
    expect(v.checklist.conditions.find((k) => k.id === 'credit')!.missing.map((m) => m.zh)).toContain(`尚未对${debtor.name}发出限制消费令（或信用平台尚未接收）`);
    const issued = await issueRestriction();
    v = await viewOf(c.id);
    const restricted = v.checklist.conditions.find((k) => k.id === 'credit')!;
    expect(restricted.facts.find((f) => f.source?.kind === 'credit-exchange')).toEqual(expect.objectContaining({ zh: `${debtor.name}：限制消费令已由信用平台接收`, source: { kind: 'credit-exchange', id: issued } }));
    expect(restricted.missing.map((m) => m.listingReasonFor)).toEqual([debtor.id]);
    v = await value<TerminalView>('terminal', 'recordListingReason', { caseId: c.id, partyId: debtor.id, reason: '被执行人系低保户，无履行能力，不属于失信情形' });
    for (const k of v.checklist.conditions) expect(k.missing, k.id).toEqual([]);
    expect(v.checklist.ready).toBe(true);
    const credit = v.checklist.conditions.find((k) => k.id === 'credit')!;
    expect(credit.facts.map((f) => f.source?.kind)).toEqual(['credit-exchange', 'listing-reason']);
    expect(v.checklist.conditions.find((k) => k.id === 'notices')!.facts.every((f) => f.source?.kind === 'notice')).toBe(true);
  });

  it('the clerk may not propose; the judge proposes and may not approve his own', async () => {
    await signOut();
    await as(CLERK, async () => {
      expect((await refusal('terminal', 'propose', { caseId: c.id, pin: PASSWORD })).code).toBe('FORBIDDEN');
    });
    await signIn(JUDGE);
    closing = await value<TerminalClosing>('terminal', 'propose', { caseId: c.id, pin: PASSWORD });
    expect(closing.state).toBe('proposed');
    expect(closing.signatures.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE]]);
    expect((await refusal('terminal', 'approve', { caseId: c.id, closingId: closing.id, decision: 'approve', pin: PASSWORD })).code).toBe('FORBIDDEN');
    const refused = (await audit(c.id)).filter((a) => a.action === 'authority.refused').map((a) => a.officer);
    expect(refused).toEqual(expect.arrayContaining([CLERK, JUDGE]));
  });

  it('the gateway will not record a 终本 without the chief’s signature, nor with the judge’s own signature passed off as the approval', async () => {
    const signedText = terminalSignedText(c as unknown as StoredCase, closing.id, closing.checklist, closing.proposedBy);
    const report = (signatures: TerminalClosing['signatures']) => gatewayAs().courtTerminal!({ number: c.number, closingId: closing.id, signedText, signatures }, { officerCode: JUDGE })
      .then(() => undefined, (x: { gatewayCode?: string }) => x);
    expect((await report(closing.signatures))?.gatewayCode).toBe('TERMINAL_APPROVAL_REQUIRED');
    const forged = [...closing.signatures, { ...closing.signatures[0]!, role: 'approval' as const }];
    expect((await report(forged))?.gatewayCode).toBe('TERMINAL_APPROVAL_REQUIRED');
    expect(core.sandbox!.courtSystem.events.filter((x) => x.number === c.number && x.type === 'terminal')).toHaveLength(0);
  });

  it('the chief approves with his own signature: ruling, case closed as 终本, recorded by the system, re-query six months on', async () => {
    await signOut();
    await as(CHIEF, async () => {
      const inbox = await value<{ closingId: string }[]>('terminal', 'approvals', {});
      expect(inbox.map((i) => i.closingId)).toContain(closing.id);
      expect((await refusal('terminal', 'approve', { caseId: c.id, closingId: closing.id, decision: 'approve', pin: 'not-his-password' })).code).toBe('BAD_CREDENTIALS');
      const r = await value<{ closing: TerminalClosing; document?: { type: string }; jobId: string }>('terminal', 'approve', { caseId: c.id, closingId: closing.id, decision: 'approve', pin: PASSWORD });
      expect(r.document?.type).toBe('终结本次执行程序裁定书');
      expect(r.closing.signatures.map((s) => [s.role, s.officer])).toEqual([['decision', JUDGE], ['approval', CHIEF]]);
      const again = await call('terminal', 'approve', { caseId: c.id, closingId: closing.id, decision: 'approve', pin: PASSWORD });
      expect(again.ok).toBe(false);
    });
    await signIn(JUDGE);
    const d = await value<CaseDetail>('cases', 'get', { caseId: c.id });
    expect([d.status, d.closing]).toEqual(['closed', 'terminal']);
    const v = await viewOf(c.id);
    expect(v.caseStatus).toBe('terminal');
    expect(v.job?.state).toBe('queued');
    // 09:00 CST of the day six months after the ruling (终本规定 第九条)
    expect(v.job!.runAt).toBe(`${addMonths(d.closedOn!, 6)}T01:00:00.000Z`);
    expect(core.sandbox!.courtSystem.events.filter((x) => x.number === c.number && x.type === 'terminal')).toHaveLength(1);
  });
});

describe('the re-query six months on, and 执恢', () => {
  it('is kept across a restart of the program: the same job, due the same day', async () => {
    const before = (await viewOf(c.id)).job!;
    await signOut();
    await core.close();
    core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: ENV });
    // the embedded sandbox starts afresh (docs/sandbox.md): its system is given the case and its 终本 again
    fileCase(docket.number);
    core.sandbox!.courtSystem.publish({ type: 'terminal', number: docket.number, on: sandboxToday() });
    await signIn(JUDGE);
    const after = (await viewOf(c.id)).job!;
    expect([after.id, after.state, after.runAt, after.runs]).toEqual([before.id, 'queued', before.runAt, 0]);
  });

  it('finds the new account, tells the applicant, raises the alert once', async () => {
    await sandbox('/sandbox/v1/clock', { advanceDays: 184 });
    await sandbox(`/sandbox/v1/subjects/${debtor.idNumber}/new-property`, { bank: 'bank.icbc', balance: 1_234_500 });
    const v = await waitFor(async () => {
      const x = await viewOf(c.id);
      return x.runs.length >= 1 && x.job?.state === 'queued' ? x : undefined;
    }, 90_000);
    expect(v.runs).toHaveLength(1);
    expect(v.runs[0]!.newAssets).toHaveLength(1);
    expect(v.runs[0]!.newAssets[0]!.value).toBe(1_234_500);
    expect(v.job!.runs).toBe(1);
    expect(v.job!.runAt > new Date(core.sandbox!.clock.now()).toISOString()).toBe(true);
    const docs = await value<CaseDocument[]>('documents', 'list', { caseId: c.id });
    const notice = docs.find((x) => x.id === v.runs[0]!.documentId);
    expect(notice?.type).toBe('查询结果告知书');
    const alerts = (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] })).filter((a) => a.caseId === c.id && a.kind === 'terminal.new-property');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.action).toBe('resume-case');
  });

  it('the next run six months later finds nothing new, tells the applicant again, and raises no second alert', async () => {
    await sandbox('/sandbox/v1/clock', { advanceDays: 184 });
    const v = await waitFor(async () => {
      const x = await viewOf(c.id);
      return x.runs.length >= 2 && x.job?.state === 'queued' ? x : undefined;
    }, 90_000);
    expect(v.runs[1]!.newAssets).toEqual([]);
    expect(v.runs[1]!.documentId).toBeDefined();
    expect(v.runs[1]!.documentId).not.toBe(v.runs[0]!.documentId);
    const alerts = (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] })).filter((a) => a.caseId === c.id && a.kind === 'terminal.new-property');
    expect(alerts).toHaveLength(1);
  });

  it('refuses 执恢 of a case that is not 终本, in main and at the gateway, and a clerk’s', async () => {
    const open = (await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true })).items.find((x) => x.status === 'open' && x.id !== c.id)!;
    const e = await refusal('terminal', 'resume', { caseId: open.id });
    expect(e.detail?.zh).toContain('未终结本次执行程序');
    expect((await audit(open.id)).some((a) => a.action === 'terminal.resume.refused')).toBe(true);
    const gw = gatewayAs();
    const notTerminal = await gw.courtResume!({ number: open.number, amountOwed: 100 }, { officerCode: JUDGE }).then(() => undefined, (x: { gatewayCode?: string }) => x);
    expect(notTerminal?.gatewayCode).toBe('NOT_TERMINAL');
    const byClerk = await gw.courtResume!({ number: c.number, amountOwed: 100 }, { officerCode: CLERK }).then(() => undefined, (x: { gatewayCode?: string }) => x);
    expect(byClerk?.gatewayCode).toBe('NOT_AUTHORISED');
    await signOut();
    await as(CLERK, async () => {
      expect((await refusal('terminal', 'resume', { caseId: c.id })).code).toBe('FORBIDDEN');
    });
    await signIn(JUDGE);
    expect(core.sandbox!.courtSystem.events.filter((x) => x.type === 'resumed' && x.resumedFrom === c.number)).toHaveLength(0);
  });

  it('one click of 执恢 files the resumed case, open, and stops the re-query; a second click files nothing more', async () => {
    const r = await value<{ view: TerminalView; resumed: { id: string; number: string; status: string; amountOwed: number } }>('terminal', 'resume', { caseId: c.id });
    expect(r.resumed.status).toBe('open');
    expect(r.resumed.number).toMatch(/执恢\d+号$/);
    expect(r.resumed.amountOwed).toBe(3_030_000);
    expect(r.view.resumed?.number).toBe(r.resumed.number);
    expect(r.view.job?.state).toBe('cancelled');
    const resumed = await value<CaseDetail>('cases', 'get', { caseId: r.resumed.id });
    expect(resumed.parties.find((p) => p.role === 'debtor')!.idNumber).toBe(debtor.idNumber);
    const again = await value<{ resumed: { number: string } }>('terminal', 'resume', { caseId: c.id });
    expect(again.resumed.number).toBe(r.resumed.number);
    expect(core.sandbox!.courtSystem.events.filter((x) => x.type === 'resumed' && x.resumedFrom === c.number)).toHaveLength(1);
    const alert = (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] })).find((a) => a.caseId === c.id && a.kind === 'terminal.new-property')!;
    expect(alert.state).toBe('done');
    // the job never runs again, however far the clock moves
    await sandbox('/sandbox/v1/clock', { advanceDays: 200 });
    await new Promise((res) => setTimeout(res, 1_500));
    expect((await viewOf(c.id)).runs).toHaveLength(2);
    expect((await audit(c.id)).some((a) => a.action === 'case.resumed')).toBe(true);
  });
});
