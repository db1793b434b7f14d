/**
 * The repeat freeze until covered ('freeze.repeat'; SISBAJUD's teimosinha, docs/domain.md rules 1
 * and 7): ordered by the case's judge, it runs once a day for at most thirty days. Each run asks the
 * debtors' property channels again (the one query path), then decides a freeze of what the deposits
 * now hold — only up to what is still uncovered, each fen counted once: frozen amounts in force and
 * freezes decided but not answered yet are covered already (store.measures.frozenTotalForCase, the
 * cap's own count). The decision goes the one freeze path (decide-freeze.ts) under a decision id
 * made from the job and the run, so a run taken up again after a kill decides nothing twice.
 * Audited: the start, each run, the stop (jobs.cancel), the cap reached, the thirty days ended.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Job } from '../../../shared/domain/jobs';
import type { Officer } from '../../../shared/domain/types';
import { todayCst } from '../../../shared/dates';
import { ARTICLES } from '../../../shared/legal/basis';
import { allocateRepeatFreeze, freezeCap, maxEndDate, REPEAT_FREEZE_MAX_DAYS, repeatFreezeExpired, suggestAllocation } from '../../../shared/rules';
import { livingCostsOf } from './exempt';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { Deps } from '../deps';
import { startPropertyQuery } from '../handlers/query';
import type { JobOutcome, JobRunContext } from '../jobs/kinds';
import type { JobKindSpec } from '../jobs/registry';
import { liveJobs, scheduleJob } from '../jobs/registry';
import { queriesSettled } from '../jobs/wait';
import type { ActiveSession } from '../session';
import { decideFreeze } from './decide-freeze';
import { assetsOf, liveByAsset, type MeasureOps } from './ops';

export const REPEAT_FREEZE_KIND = 'freeze.repeat';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface RepeatParams {
  /** the day the order was given (CST): the thirty days count from it */
  startedOn: string;
  /** the judge who ordered it: each run's decision is his, signed with his key */
  judge: string;
  /** the run now due, from 1 */
  run: number;
  phase?: 'query' | 'wait';
  requestIds?: string[];
  /** fen decided by the order's runs so far */
  decided: number;
}

function audit(store: SecureStore, c: Pick<StoredCase, 'id' | 'number'>, officer: string, action: string, detail: Record<string, unknown>): void {
  store.audit.append({ officer, action: `freeze.repeat.${action}`, caseId: c.id, caseNumber: c.number, legalBasis: ARTICLES.cpl253, detail });
}

/** What the case still lacks: its cap less what its freezes hold or ask (pending ones included). */
function uncoveredOf(store: SecureStore, caseId: string, today: string): { cap: number; covered: number; uncovered: number } {
  const cap = freezeCap(store.measures.capInputFor(caseId, today));
  const covered = store.measures.frozenTotalForCase(caseId, today);
  return { cap, covered, uncovered: Math.max(0, cap - covered) };
}

/** The judge orders the repeat freeze for his case (act measure.decide); its first run goes at once. */
export function startRepeatFreeze(d: Deps, s: ActiveSession, c: StoredCase): Job {
  if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
  if (liveJobs(s.store, REPEAT_FREEZE_KIND, c.id).length > 0) {
    throw new AppFailure('VALIDATION', { zh: '本案已有进行中的轮询冻结，可先停止再重新发起', en: 'a repeat freeze is already running for this case; stop it first' });
  }
  const today = todayCst(d.now());
  const { cap, covered, uncovered } = uncoveredOf(s.store, c.id, today);
  if (uncovered <= 0) throw new AppFailure('VALIDATION', { zh: '冻结金额已达应执行金额，无需轮询冻结', en: 'what is frozen already covers what is owed' });
  const params: RepeatParams = { startedOn: today, judge: s.officer.code, run: 1, decided: 0 };
  const job = scheduleJob(s, { kind: REPEAT_FREEZE_KIND, caseId: c.id, createdBy: s.officer.code, total: REPEAT_FREEZE_MAX_DAYS, params: params as unknown as Record<string, unknown> });
  audit(s.store, c, s.officer.code, 'started', { jobId: job.id, cap, covered, uncovered, days: REPEAT_FREEZE_MAX_DAYS });
  return job;
}

function ended(ctx: JobRunContext, c: StoredCase, job: Job, why: 'capReached' | 'daysEnded' | 'closed', detail: Record<string, unknown>): JobOutcome {
  audit(ctx.store, c, 'system', why === 'capReached' ? 'capReached' : why === 'daysEnded' ? 'ended' : 'closed', { jobId: job.id, ...detail });
  const note = why === 'capReached'
    ? { zh: '已冻结至应执行金额，轮询冻结结束', en: 'covered: the repeat freeze ends' }
    : why === 'daysEnded' ? { zh: `已满 ${REPEAT_FREEZE_MAX_DAYS} 日，轮询冻结结束`, en: `${REPEAT_FREEZE_MAX_DAYS} days are over: the repeat freeze ends` }
      : { zh: '案件已结案，轮询冻结结束', en: 'the case is closed: the repeat freeze ends' };
  ctx.progress({ done: (job.params as unknown as RepeatParams).run - 1, total: REPEAT_FREEZE_MAX_DAYS, note });
  return {};
}

function repeatRunner(d: Deps, ops: MeasureOps) {
  return async function run(job: Job, ctx: JobRunContext): Promise<JobOutcome> {
    const p = { ...(job.params as unknown as RepeatParams) };
    const now = ctx.deps.now();
    const today = todayCst(now);
    const asParams = (x: RepeatParams) => x as unknown as Record<string, unknown>;
    const c = job.caseId ? ctx.store.cases.get(job.caseId) : undefined;
    if (!c) return {};
    if (c.status !== 'open') return ended(ctx, c, job, 'closed', {});
    if (repeatFreezeExpired(p.startedOn, today)) return ended(ctx, c, job, 'daysEnded', { runs: p.run - 1, decided: p.decided });
    // the decision is the ordering judge's, signed with his key: it waits for his session
    if (ctx.session.officer.code !== p.judge) {
      ctx.progress({ done: p.run - 1, total: REPEAT_FREEZE_MAX_DAYS, note: { zh: '等待承办法官登录后执行当日轮询', en: 'waiting for the ordering judge to sign in' } });
      return { next: new Date(now.getTime() + HOUR_MS).toISOString(), params: asParams(p) };
    }
    const before = uncoveredOf(ctx.store, c.id, today);
    if (before.uncovered <= 0) return ended(ctx, c, job, 'capReached', { runs: p.run - 1, decided: p.decided, cap: before.cap });
    if (p.phase !== 'wait' || !p.requestIds) {
      const debtors = c.parties.filter((x) => x.role === 'debtor');
      const requests = startPropertyQuery(ctx.store, ctx.session.officer, ctx.session, c, debtors, { jobId: job.id, job: REPEAT_FREEZE_KIND, run: p.run });
      Object.assign(p, { phase: 'wait', requestIds: requests.map((r) => r.id) });
      if (!ctx.progress({ done: p.run - 1, total: REPEAT_FREEZE_MAX_DAYS, note: { zh: `第 ${p.run} 次：正在查询存款`, en: `run ${p.run}: querying deposits` } }, asParams(p))) return { params: asParams(p) };
    }
    if (!(await queriesSettled(ctx.store, p.requestIds!, ctx.signal))) return { next: new Date(now.getTime() + 10 * 60_000).toISOString(), params: asParams(p) };
    const made = await decideRun(d, ops, ctx, c, job, p, today);
    const after = uncoveredOf(ctx.store, c.id, today);
    audit(ctx.store, c, p.judge, 'run', { jobId: job.id, run: p.run, uncovered: before.uncovered, decided: made.amount, measures: made.ids, ...(made.refused ? { refused: made.refused } : {}) });
    const next: RepeatParams = { startedOn: p.startedOn, judge: p.judge, run: p.run + 1, decided: p.decided + made.amount };
    if (after.uncovered <= 0) return ended(ctx, c, { ...job, params: asParams(next) }, 'capReached', { runs: p.run, decided: next.decided, cap: after.cap });
    if (repeatFreezeExpired(p.startedOn, todayCst(new Date(now.getTime() + DAY_MS)))) return ended(ctx, c, { ...job, params: asParams(next) }, 'daysEnded', { runs: p.run, decided: next.decided });
    ctx.progress({ done: p.run, total: REPEAT_FREEZE_MAX_DAYS, note: { zh: `第 ${p.run} 次：冻结 ${made.amount} 分，尚差 ${after.uncovered} 分`, en: `run ${p.run}: froze ${made.amount} fen, ${after.uncovered} fen to go` } }, asParams(next));
    return { next: new Date(now.getTime() + DAY_MS).toISOString(), params: asParams(next) };
  };
}

/** One run's decision: what the deposits hold now, up to what is uncovered; nothing twice for one run. */
async function decideRun(d: Deps, ops: MeasureOps, ctx: JobRunContext, c: StoredCase, job: Job, p: RepeatParams, today: string): Promise<{ amount: number; ids: string[]; refused?: string }> {
  const decisionId = `${job.id}-r${p.run}`;
  const taken = ctx.store.measures.list({ decisionId });
  if (taken.length > 0) return { amount: taken.reduce((s, m) => s + (m.amount ?? 0), 0), ids: taken.map((m) => m.id) };
  const live = liveByAsset(ctx.store.measures.liveFreezes(c.id, today));
  const deposits = [...assetsOf(ctx.store, c.id).values()].filter((a) => a.kind === 'deposit' && ops.candidate(a, live).freezable);
  const { covered, cap } = uncoveredOf(ctx.store, c.id, today);
  // what each account may give, the debtor's living costs left to him as the freeze panel leaves them (rule 5)
  const allowance = Object.fromEntries(livingCostsOf(ctx.store, c).map((x) => [x.partyId, x.basis]));
  const may = suggestAllocation(cap, covered, deposits, { exemptLivingAllowance: allowance });
  const found = may.items.filter((i) => i.amount !== undefined).map((i) => ({ assetId: i.assetId, available: i.amount! }));
  const alloc = allocateRepeatFreeze(cap, covered, found);
  if (alloc.items.length === 0) return { amount: 0, ids: [] };
  try {
    const { measures } = await decideFreeze(d, ops, ctx.session, c, {
      decisionId, items: alloc.items.map((i) => ({ assetId: i.assetId, amount: i.amount, endsOn: maxEndDate(today, 'deposit') })),
    });
    return { amount: measures.reduce((s, m) => s + (m.amount ?? 0), 0), ids: measures.map((m) => m.id) };
  } catch (e) {
    // a rule refused the set (living costs to leave, a period): nothing decided today, tried again tomorrow
    if (e instanceof AppFailure && e.error.code !== 'INTERNAL') return { amount: 0, ids: [], refused: e.error.code };
    throw e;
  }
}

export function repeatFreezeJob(d: Deps, ops: MeasureOps): JobKindSpec {
  return {
    label: { zh: '轮询冻结（至足额）', en: 'repeat freeze until covered' },
    run: repeatRunner(d, ops),
    onCancel(job: Job, officer: Officer, store: SecureStore) {
      const c = job.caseId ? store.cases.get(job.caseId) : undefined;
      if (c) audit(store, c, officer.code, 'stopped', { jobId: job.id, runs: (job.params as unknown as RepeatParams).run - 1 });
    },
  };
}
