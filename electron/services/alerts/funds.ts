/**
 * Funds arriving in a debtor's account (主动预警 → 冻结): two ways in, one alert per sum.
 *   - 'funds.monitor', a job per case (余额监控): on its schedule it re-queries the debtors who hold
 *     known deposit accounts through the one query path (startPropertyQuery, the connector engine),
 *     waits for the answers, and compares each known account's balance with the one before;
 *   - 'funds.push', one for the bureau: reads the banks' push of money credited to accounts the
 *     court watches or froze (GET /gw/v1/inflows, where the gateway offers it), finds the open cases
 *     that know each account in one pass, and re-queries that debtor so the freeze panel has the
 *     new balance to freeze from.
 * Both raise 'funds.arrived' under the key (case, account, balance after): the same sum seen by the
 * push and by the next re-query is one alert. Its action is 'freeze' — the freeze panel with that
 * account chosen and the sum proposed, decided through the one freeze path (measures/decide-freeze.ts).
 */
import { caseAccess, permits } from '../../../shared/authority/matrix';
import { channelInfo } from '../../../shared/domain/channels';
import type { Job } from '../../../shared/domain/jobs';
import type { Asset, Officer } from '../../../shared/domain/types';
import { formatYuan } from '../../../shared/money';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { accessCase, accessHolder } from '../authority';
import { startPropertyQuery } from '../handlers/query';
import type { JobKindSpec, SessionHook } from '../jobs/registry';
import { liveJobs } from '../jobs/registry';
import { SYSTEM } from '../jobs/views';
import { queriesSettled } from '../jobs/wait';
import type { JobOutcome, JobRunContext } from '../jobs/kinds';

export const FUNDS_MONITOR_KIND = 'funds.monitor';
export const FUNDS_PUSH_KIND = 'funds.push';
export const DEFAULT_MONITOR_HOURS = 24;
const HOUR_MS = 3_600_000;
/** an officer who may not query this case is signed in: the run waits for one who may */
const WAIT_FOR_OFFICER_MS = HOUR_MS;

const accountKey = (a: { channel: string; identifier: string; partyId: string }) => `${a.channel}|${a.partyId}|${a.identifier}`;
const tail = (identifier: string) => identifier.slice(-4);

/** Whether the signed-in officer may query this case (act query.property: the judge or his team). */
export function mayQuery(o: Officer, c: StoredCase): boolean {
  return c.status === 'open' && permits('query.property', o.role, caseAccess(accessHolder(o), accessCase(c))).ok;
}

export interface Arrival {
  caseId: string;
  partyId: string;
  channel: string;
  identifier: string;
  /** the latest answer's asset for the account: what the one-click freeze starts from */
  assetId: string;
  amount: number;
  balanceAfter: number;
  /** the record it rests on: the re-query's request, or the bank's push reference */
  source: { kind: string; id: string };
}

/** Raises 'funds.arrived' once per account and balance. */
export function raiseFundsArrived(store: SecureStore, a: Arrival): boolean {
  const bank = channelInfo(a.channel as Asset['channel']);
  return store.alerts.raise({
    caseId: a.caseId, kind: 'funds.arrived',
    dedupeKey: `funds.arrived|${a.caseId}|${a.channel}|${a.identifier}|${a.balanceAfter}`,
    reason: {
      zh: `被执行人${bank.zh}账户（尾号 ${tail(a.identifier)}）到账 ${formatYuan(a.amount)}，余额 ${formatYuan(a.balanceAfter)}，可立即冻结`,
      en: `${formatYuan(a.amount)} arrived in the debtor's ${bank.en} account ending ${tail(a.identifier)} (balance ${formatYuan(a.balanceAfter)}): freeze it now`,
    },
    source: a.source, action: 'freeze',
    actionInput: { assetId: a.assetId, partyId: a.partyId, channel: a.channel, identifier: a.identifier, amount: a.amount },
  }).raised;
}

function knownDeposits(store: SecureStore, caseId: string): Asset[] {
  return store.caseQueryView(caseId).assets.filter((a) => a.kind === 'deposit');
}

interface MonitorParams {
  everyHours: number;
  phase?: 'query' | 'wait';
  requestIds?: string[];
  /** balance (fen) per known account before the re-query */
  baseline?: Record<string, number>;
}

async function monitorRun(job: Job, ctx: JobRunContext): Promise<JobOutcome> {
  const p = job.params as unknown as MonitorParams;
  const every = (p.everyHours ?? DEFAULT_MONITOR_HOURS) * HOUR_MS;
  const now = ctx.deps.now();
  const later = (ms: number, params: MonitorParams): JobOutcome => ({ next: new Date(now.getTime() + ms).toISOString(), params: params as unknown as Record<string, unknown> });
  const c = job.caseId ? ctx.store.cases.get(job.caseId) : undefined;
  // a case ended takes no more queries (docs/domain.md, "The purpose")
  if (!c || c.status !== 'open') return {};
  const officer = ctx.session.officer;
  if (!mayQuery(officer, c)) {
    ctx.progress({ done: 0, total: 1, note: { zh: '等待承办法官或其团队登录后查询', en: 'waiting for the case’s judge or his team to sign in' } });
    return later(WAIT_FOR_OFFICER_MS, p);
  }
  if (p.phase !== 'wait' || !p.requestIds || !p.baseline) {
    const known = knownDeposits(ctx.store, c.id);
    if (known.length === 0) {
      ctx.progress({ done: 0, total: 1, note: { zh: '尚无已知银行账户，待查询发现后监控', en: 'no known bank account yet' } });
      return later(every, { everyHours: p.everyHours ?? DEFAULT_MONITOR_HOURS });
    }
    const baseline = Object.fromEntries(known.map((a) => [accountKey(a), a.value ?? 0]));
    await watchAtGateway(ctx, c, known);
    const holders = new Set(known.map((a) => a.partyId));
    const debtors = c.parties.filter((x) => x.role === 'debtor' && holders.has(x.id));
    const requests = startPropertyQuery(ctx.store, officer, ctx.session, c, debtors, { jobId: job.id, job: FUNDS_MONITOR_KIND });
    const next: MonitorParams = { everyHours: p.everyHours ?? DEFAULT_MONITOR_HOURS, phase: 'wait', requestIds: requests.map((r) => r.id), baseline };
    if (!ctx.progress({ done: 0, total: requests.length, note: { zh: '正在复查已知账户余额', en: 're-querying the known accounts' } }, next as unknown as Record<string, unknown>)) return { params: next as unknown as Record<string, unknown> };
    Object.assign(p, next);
  }
  if (!(await queriesSettled(ctx.store, p.requestIds!, ctx.signal))) return later(10 * 60_000, p);
  let raised = 0;
  for (const a of knownDeposits(ctx.store, c.id)) {
    const before = p.baseline![accountKey(a)];
    const balance = a.value ?? 0;
    if (before === undefined || balance <= before) continue;
    const amount = Math.min(balance - before, a.available ?? balance);
    if (amount <= 0) continue;
    if (raiseFundsArrived(ctx.store, {
      caseId: c.id, partyId: a.partyId, channel: a.channel, identifier: a.identifier, assetId: a.id, amount, balanceAfter: balance,
      source: { kind: 'request', id: a.requestId },
    })) raised += 1;
  }
  ctx.progress({ done: 1, total: 1, note: { zh: `复查完毕，到账预警 ${raised} 条`, en: `re-queried: ${raised} arrival${raised === 1 ? '' : 's'}` } });
  return later(every, { everyHours: p.everyHours ?? DEFAULT_MONITOR_HOURS });
}

/** Asks the gateway to push money arriving in these accounts (best effort: the schedule still runs without it). */
async function watchAtGateway(ctx: JobRunContext, c: StoredCase, accounts: Asset[]): Promise<void> {
  const client = ctx.deps.client;
  if (!client.watchInflows) return;
  const owners = new Map(c.parties.map((x) => [x.id, x.idNumber]));
  try {
    await client.watchInflows({
      caseNumber: c.number,
      accounts: accounts.slice(0, 100).map((a) => ({ channel: a.channel, owner: owners.get(a.partyId)!, assetIdentifier: a.identifier })),
    }, { officerCode: ctx.session.officer.code, signal: ctx.signal, timeoutMs: 10_000 });
  } catch {
    // the gateway does not offer the push or cannot be reached now: the re-query schedule covers it
  }
}

export const fundsMonitorJob: JobKindSpec = {
  label: { zh: '余额监控', en: 'balance monitoring' },
  run: monitorRun,
};

/** the push is read this often (the runner's tick in tests) */
export function pushPollMs(jobTickMs: number | undefined): number {
  return Math.max(1_000, Math.min(jobTickMs ?? 60_000, 60_000));
}

async function pushRun(job: Job, ctx: JobRunContext): Promise<JobOutcome> {
  const client = ctx.deps.client;
  const poll = pushPollMs(ctx.deps.jobTickMs);
  let cursor = typeof job.params.cursor === 'string' ? job.params.cursor : '';
  if (!client.inflows) return {};
  const officer = ctx.session.officer;
  let raised = 0;
  for (let page = 0; page < 20; page++) {
    let items;
    let next;
    try {
      ({ items, next } = await client.inflows(cursor, 200, { officerCode: officer.code, signal: ctx.signal, timeoutMs: 10_000 }));
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      break; // not reachable now: asked again at the next poll
    }
    const known = ctx.store.alertScans.knownAccounts(items.map((i) => ({ channel: i.channel, identifier: i.assetIdentifier, owner: i.owner })));
    const requery = new Map<string, Set<string>>();
    for (const i of items) {
      for (const k of known.filter((x) => x.channel === i.channel && x.identifier === i.assetIdentifier && x.owner === i.owner)) {
        if (raiseFundsArrived(ctx.store, {
          caseId: k.caseId, partyId: k.partyId, channel: k.channel, identifier: k.identifier, assetId: k.assetId,
          amount: i.amount, balanceAfter: i.balanceAfter, source: { kind: 'inflow', id: i.ref },
        })) {
          raised += 1;
          requery.set(k.caseId, (requery.get(k.caseId) ?? new Set()).add(k.partyId));
        }
      }
    }
    // the freeze panel freezes from the latest answer: the debtor is asked again, where this officer may
    for (const [caseId, parties] of requery) {
      const c = ctx.store.cases.get(caseId);
      if (!c || !mayQuery(officer, c)) continue;
      startPropertyQuery(ctx.store, officer, ctx.session, c, c.parties.filter((x) => parties.has(x.id)), { jobId: job.id, job: FUNDS_PUSH_KIND });
    }
    cursor = next || cursor;
    if (!ctx.progress({ done: raised, total: raised, note: { zh: `银行到账推送：新增预警 ${raised} 条`, en: `bank push: ${raised} new alert${raised === 1 ? '' : 's'}` } }, { cursor })) break;
    if (items.length < 200) break;
  }
  return { next: new Date(ctx.deps.now().getTime() + poll).toISOString(), params: { cursor } };
}

export const fundsPushJob: JobKindSpec = {
  label: { zh: '银行到账推送', en: 'bank push of arrivals' },
  run: pushRun,
};

/** At sign-in, where the gateway offers the push: the bureau's reader of it exists. */
export const ensureFundsPush: SessionHook = (store, d) => {
  if (!d.client.inflows || liveJobs(store, FUNDS_PUSH_KIND).length > 0) return;
  store.jobs.create({ kind: FUNDS_PUSH_KIND, createdBy: SYSTEM, runAt: d.now().toISOString() });
};
