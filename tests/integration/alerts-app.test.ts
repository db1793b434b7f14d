/**
 * Active warnings and background jobs through the whole stack, against the sandbox over HTTP, as a
 * judge meets them: money arriving in a debtor's account (the sandbox clock moved on) raises one
 * alert, live, and its one-click freeze freezes it; a repeat freeze stops at the cap, freezing never
 * more than is outstanding, and stops when the judge presses stop; another officer's job cannot be
 * cancelled (refused, with the reason, and recorded); a creditor's lead unchecked after 7 days (3 if
 * urgent) alerts; a freeze entering its renewal window alerts once, also after a restart.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import holidayTable from '../../resources/holidays/cn-holidays.json';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, PASSWORD, sandboxFetch, sessionOf } from '../helpers/officers';
import type { AuditEntry, CaseDetail, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures, FreezePlan } from '../../shared/domain/measure-views';
import type { Measure } from '../../shared/domain/measures';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import type { JobView } from '../../shared/ipc/groups/jobs';
import type { PropertyLead } from '../../shared/domain/leads';
import { addDays, holidayCalendarFrom, todayCst } from '../../shared/dates';
import { leadOverdue } from '../../shared/rules';

const { JUDGE, OTHER_JUDGE, CHIEF } = OFFICERS;
const ENV = { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' };
const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const raisedLive: AlertView[] = [];
const { signIn } = sessionOf(app);
const sandbox = sandboxFetch(() => core);
const advanceDays = (n: number) => sandbox('/sandbox/v1/clock', { method: 'POST', body: { advanceDays: n } });
const appToday = () => todayCst(new Date(core.sandbox!.clock.now()));

async function start(): Promise<void> {
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: ENV });
  // only the arrivals a test plans: the seeded ones would add alerts of their own
  core.sandbox!.inflows.rate = 0;
  core.onEvent((e, p) => {
    if (e === 'alert.raised') raisedLive.push((p as { alert: AlertView }).alert);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-alerts-app-'));
  await start();
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [OTHER_JUDGE, CHIEF]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const queried = async (caseId: string) => {
  await value('query', 'start', { caseId });
  return waitFor(async () => {
    const v = await value<CaseQueryView>('query', 'view', { caseId });
    return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
  });
};
const settledMeasures = (caseId: string, ids: string[]) => waitFor(async () => {
  const ms = (await value<CaseMeasures>('measures', 'list', { caseId })).measures.filter((m) => ids.includes(m.id));
  return ms.length === ids.length && ms.every((m) => ['executed', 'rejected', 'cancelled'].includes(m.state)) ? ms : undefined;
});
const alertsOf = async (caseId: string, kind: string) => (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] }))
  .filter((a) => a.caseId === caseId && a.kind === kind);
const jobOf = async (jobId: string) => (await value<JobView[]>('jobs', 'list', {})).find((j) => j.id === jobId)!;

const used = new Set<string>();
/** A case of 王立新's not used yet, one person debtor holding a bank account, queried, its plan. */
async function caseWithAccount(accept: (plan: FreezePlan) => boolean = () => true): Promise<{ c: CaseDetail; plan: FreezePlan; debtorId: string }> {
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    if (used.has(s.id)) continue;
    const c = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = c.parties.filter((p) => p.role === 'debtor');
    if (debtors.length !== 1 || debtors[0]!.kind !== 'person' || !['执', '执恢'].includes(c.type) || c.status !== 'open') continue;
    const truth = await sandbox(`/sandbox/v1/subjects/${debtors[0]!.idNumber}`);
    if (!truth.holdings.bankAccounts.some((a: { freezes: unknown[] }) => a.freezes.length === 0)) continue;
    await queried(c.id);
    const plan = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    if (!plan.candidates.some((x) => x.asset.kind === 'deposit' && x.freezable !== false && x.freezesAhead === 0) && !plan.candidates.some((x) => x.asset.kind === 'deposit')) continue;
    if (!accept(plan)) continue;
    used.add(c.id);
    return { c, plan, debtorId: debtors[0]!.idNumber };
  }
  throw new Error('no case of the judge’s fits');
}

describe('funds arriving in a debtor’s account', () => {
  it('raise one alert, live, when the sandbox clock moves on, and its one-click freeze freezes them', async () => {
    const { c, plan, debtorId } = await caseWithAccount((p) => p.remaining > 2_000_000 && p.candidates.some((x) => x.asset.kind === 'deposit' && x.freezesAhead === 0));
    const account = plan.candidates.find((x) => x.asset.kind === 'deposit' && x.freezesAhead === 0)!.asset;
    // 余额监控: the known accounts are watched and re-queried on a schedule
    const { jobId } = await value<{ jobId: string }>('alerts', 'monitorFunds', { caseId: c.id });
    await waitFor(async () => ((await jobOf(jobId)).runs >= 1 ? true : undefined));
    expect(await alertsOf(c.id, 'funds.arrived')).toHaveLength(0);

    const amount = 1_234_500;
    await sandbox('/sandbox/v1/inflows', { method: 'POST', body: { channel: account.channel, owner: debtorId, assetIdentifier: account.identifier, amount, inDays: 1 } });
    await advanceDays(1);
    const [alert] = await waitFor(async () => {
      const a = await alertsOf(c.id, 'funds.arrived');
      return a.length ? a : undefined;
    });
    expect(alert).toMatchObject({ kind: 'funds.arrived', action: 'freeze', state: 'open', caseNumber: c.number, actionInput: { channel: account.channel, identifier: account.identifier, amount } });
    expect(alert!.reason.zh).toContain('12,345.00元');
    expect(raisedLive.filter((a) => a.id === alert!.id)).toHaveLength(1);

    // the one-click freeze: the freeze panel with that account and the sum, sent through measures.freeze
    const fresh = await waitFor(async () => {
      await queried(c.id);
      const p = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
      const x = p.candidates.find((y) => y.asset.channel === account.channel && y.asset.identifier === account.identifier);
      return x && (x.asset.available ?? 0) >= amount ? { p, x } : undefined;
    });
    // what the arrived sum allows: no more than is owed, the debtor's living costs left (rules 1, 5)
    const allowed = fresh.p.suggestion.items.find((i) => i.assetId === fresh.x.asset.id)?.amount ?? amount;
    const toFreeze = Math.min(amount, fresh.p.remaining, allowed);
    expect(toFreeze).toBeGreaterThan(amount / 2);
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', {
      caseId: c.id, items: [{ assetId: fresh.x.asset.id, amount: toFreeze, endsOn: fresh.x.maxEndDate }],
    });
    const [m] = await settledMeasures(c.id, measures.map((x) => x.id));
    expect(m).toMatchObject({ state: 'executed', outcome: { frozenAmount: toFreeze } });
    const ledger = await sandbox(`/sandbox/v1/ledger/${encodeURIComponent(account.identifier)}?owner=${debtorId}`);
    expect(ledger.freezes.find((f: { id: string }) => f.id === m!.id)).toMatchObject({ status: 'in_force', frozenAmount: toFreeze });
    await value('alerts', 'done', { caseId: c.id, alertId: alert!.id, note: '已冻结' });

    // the next scheduled re-query sees the same sum: still one alert
    await advanceDays(1);
    await waitFor(async () => ((await jobOf(jobId)).runs >= 2 ? true : undefined));
    expect(await alertsOf(c.id, 'funds.arrived')).toHaveLength(1);
    const totals = await sandbox('/sandbox/v1/ledger-totals');
    expect(totals.conserved).toBe(true);
  });
});

describe('a repeat freeze until covered (轮询冻结)', () => {
  it('freezes each day what the deposits hold, up to what is outstanding, and stops at the cap', async () => {
    const { c, plan, debtorId } = await caseWithAccount((p) => {
      const held = p.candidates.filter((x) => x.asset.kind === 'deposit' && x.freezable).reduce((s, x) => s + (x.asset.available ?? 0), 0);
      return p.remaining > 100_000 && held < p.remaining && p.candidates.some((x) => x.asset.kind === 'deposit' && x.freezesAhead === 0);
    });
    const account = plan.candidates.find((x) => x.asset.kind === 'deposit' && x.freezesAhead === 0)!.asset;
    const job = await value<JobView>('repeat', 'start', { caseId: c.id });
    expect(job).toMatchObject({ kind: 'freeze.repeat', caseId: c.id, manageable: true });
    // run 1 freezes what the deposits hold now, all of it below the cap
    await waitFor(async () => ((await jobOf(job.id)).runs >= 1 ? true : undefined));
    const first = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.decisionId === `${job.id}-r1`);
    await settledMeasures(c.id, first.map((m) => m.id));
    const afterFirst = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    expect(afterFirst.alreadyFrozen).toBeLessThan(afterFirst.cap);
    // money arrives, more than is still uncovered
    const uncovered = afterFirst.cap - afterFirst.alreadyFrozen;
    await sandbox('/sandbox/v1/inflows', { method: 'POST', body: { channel: account.channel, owner: debtorId, assetIdentifier: account.identifier, amount: uncovered + 500_000, inDays: 1 } });
    await advanceDays(1);
    const done = await waitFor(async () => {
      const j = await jobOf(job.id);
      return j.state === 'done' ? j : undefined;
    });
    expect(done.runs).toBe(2);
    const second = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.decisionId === `${job.id}-r2`);
    expect(second.reduce((s, m) => s + (m.amount ?? 0), 0)).toBe(uncovered);
    await settledMeasures(c.id, second.map((m) => m.id));
    const end = await value<FreezePlan>('measures', 'plan', { caseId: c.id });
    // never more than is outstanding (docs/domain.md rule 1)
    expect(end.alreadyFrozen).toBe(end.cap);
    const trail = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'freeze.repeat' })).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['freeze.repeat.started', 'freeze.repeat.run', 'freeze.repeat.capReached']));
    expect(trail.filter((a) => a === 'freeze.repeat.run')).toHaveLength(2);
  });

  it('stops when the judge presses stop, and another officer cannot stop it for him', async () => {
    const { c } = await caseWithAccount((p) => p.remaining > 100_000 && p.suggestion.total < p.remaining);
    const job = await value<JobView>('repeat', 'start', { caseId: c.id });
    await waitFor(async () => ((await jobOf(job.id)).runs >= 1 ? true : undefined));

    for (const officer of [OTHER_JUDGE, CHIEF]) {
      await signIn(officer);
      const r = await call('jobs', 'cancel', { jobId: job.id });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('FORBIDDEN');
        expect(r.error.detail?.zh).toContain('其他干警的后台任务');
      }
    }
    await signIn(JUDGE);
    const refusals = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'authority.refused' })).map((e) => JSON.parse(e.detail));
    expect(refusals.filter((d) => d.call === 'jobs.cancel' && d.reason === 'not-own-job')).toHaveLength(2);
    expect((await jobOf(job.id)).state).toBe('queued');

    const stopped = await value<JobView>('jobs', 'cancel', { jobId: job.id });
    expect(stopped.state).toBe('cancelled');
    await advanceDays(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await jobOf(job.id)).runs).toBe(1);
    const second = (await value<CaseMeasures>('measures', 'list', { caseId: c.id })).measures.filter((m) => m.decisionId === `${job.id}-r2`);
    expect(second).toHaveLength(0);
    const trail = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'freeze.repeat' })).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['freeze.repeat.started', 'freeze.repeat.run', 'freeze.repeat.stopped']));
  });
});

describe('a creditor’s lead left unchecked', () => {
  it('alerts after 7 days, after 3 when urgent; checking it answers the alert', async () => {
    const { c } = await caseWithAccount();
    const today = appToday();
    // a day of receipt where an urgent lead is overdue and an ordinary one not yet, and one where an ordinary one is
    const ago = (k: number) => addDays(today, -k);
    const k3 = [...Array(30).keys()].find((k) => leadOverdue({ receivedOn: ago(k), urgent: true }, today, cal) && !leadOverdue({ receivedOn: ago(k), urgent: false }, today, cal))!;
    const k7 = [...Array(40).keys()].find((k) => leadOverdue({ receivedOn: ago(k), urgent: false }, today, cal))!;
    expect(k3).toBeGreaterThan(3);
    expect(k7).toBeGreaterThan(7);
    const record = (urgent: boolean, k: number) => value<PropertyLead>('leads', 'record', {
      caseId: c.id, text: '申请人称被执行人在某银行另有账户', assetKind: 'deposit', urgent, receivedOn: ago(k),
    });
    const urgent = await record(true, k3);
    const notYet = await record(false, k3);
    const late = await record(false, k7);
    await advanceDays(0);
    // the scan runs every half hour and at midnight; the next sign-in makes sure of it too — here it is kicked by a day passing
    await advanceDays(1);
    const alerts = await waitFor(async () => {
      const a = await alertsOf(c.id, 'lead.unchecked');
      return a.length >= 2 ? a : undefined;
    });
    const ids = alerts.map((a) => a.source.id).sort();
    const expectNow = [urgent, notYet, late].filter((l) => leadOverdue(l, appToday(), cal)).map((l) => l.id).sort();
    expect(ids).toEqual(expectNow);
    expect(ids).toContain(urgent.id);
    expect(ids).toContain(late.id);
    await value('leads', 'check', { caseId: c.id, leadId: late.id, found: false, result: '经查询该银行无被执行人账户' });
    expect((await alertsOf(c.id, 'lead.unchecked')).find((a) => a.source.id === late.id)!.state).toBe('done');
    const again = await call('leads', 'check', { caseId: c.id, leadId: late.id, found: true, result: '再次核查' });
    expect(again.ok).toBe(false);
  });
});

describe('a freeze entering its renewal window', () => {
  it('alerts once, and once only after a restart', async () => {
    const { c, plan } = await caseWithAccount((p) => p.suggestion.items.some((i) => i.amount && p.candidates.find((y) => y.asset.id === i.assetId)?.asset.kind === 'deposit'));
    // the panel's suggestion leaves the debtor his living costs (docs/domain.md rule 5)
    const item = plan.suggestion.items.find((i) => plan.candidates.find((y) => y.asset.id === i.assetId)?.asset.kind === 'deposit')!;
    const endsOn = addDays(appToday(), 12);
    const { measures } = await value<{ measures: Measure[] }>('measures', 'freeze', {
      caseId: c.id, items: [{ assetId: item.assetId, amount: item.amount, endsOn }],
    });
    const [m] = await settledMeasures(c.id, measures.map((y) => y.id));
    expect(m!.state).toBe('executed');
    await advanceDays(1);
    const [alert] = await waitFor(async () => {
      const a = await alertsOf(c.id, 'freeze.renewal-window');
      return a.length ? a : undefined;
    });
    expect(alert).toMatchObject({ action: 'renew', source: { kind: 'measure', id: m!.id }, actionInput: { freezeId: m!.id } });

    await core.close();
    await start();
    await signIn(JUDGE);
    // the sandbox starts afresh on its own clock; the scan's next run comes once the days it was
    // set for have passed again: a lead long overdue, recorded now, shows when it has run
    await advanceDays(8);
    const lead = await value<PropertyLead>('leads', 'record', { caseId: c.id, text: '申请人称被执行人名下有车辆', assetKind: 'vehicle', urgent: false, receivedOn: addDays(appToday(), -40) });
    await waitFor(async () => ((await alertsOf(c.id, 'lead.unchecked')).some((a) => a.source.id === lead.id) ? true : undefined));
    const after = await alertsOf(c.id, 'freeze.renewal-window');
    expect(after.map((a) => a.id)).toEqual([alert!.id]);
    const raisedEntries = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'alert.raised' })).filter((e) => JSON.parse(e.detail).kind === 'freeze.renewal-window');
    expect(raisedEntries).toHaveLength(1);
  });
});
