/**
 * The six-monthly re-query after 终本 (终本规定 第九条; docs/domain.md rule 12), a job kind of the job
 * runner (electron/services/jobs/kinds.ts). One run: the one-click property query of every debtor
 * through the query engine, as a background act of the case's 承办法官 (recorded like his own
 * query); it waits for the answers, compares them with what the case knew, records the run, makes
 * the 查询结果告知书 to the applicant and, on new property, raises the 'terminal.new-property' alert
 * once with its one action, 执恢. Then the next run six months on, ten runs in all (five years).
 *
 * A run killed half-way resumes from its params: the requests it already sent are waited for, not
 * sent again, and a run already recorded is not recorded twice.
 */
import { todayCst } from '../../../shared/dates';
import type { Job } from '../../../shared/domain/jobs';
import type { Asset, ChannelRequest } from '../../../shared/domain/types';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { TERMINAL_REQUERY_RUNS } from '../../../shared/rules/terminal';
import type { Engine } from '../../engine/engine';
import { auditSubject, type SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { queryContext } from '../handlers/query';
import type { JobHandler, JobOutcome, JobRunContext } from '../jobs/kinds';
import { requeryRunAt } from './closing';
import { requeryNotice } from './documents';
import { assetLine } from './facts';

export interface RequeryParams {
  closingId: string;
  closedOn: string;
  /** runs completed */
  run: number;
  /** the requests of the run under way (a resumed run waits for them) */
  requests?: string[];
  /** asset keys the case knew before the run under way */
  known?: string[];
}

const FINAL = new Set<ChannelRequest['state']>(['answered', 'failed', 'manual']);
const assetKey = (a: Asset) => `${a.partyId}|${a.channel}|${a.identifier}`;
const hasValue = (a: Asset) => (a.value !== undefined ? (a.available ?? a.value) > 0 : a.existingFreezes.length === 0);

/** The one-click property query of a case, as its judge's background act (the audit as query.start writes it). */
export function backgroundPropertyQuery(store: SecureStore, engine: Engine, c: StoredCase, officer: { code: string; name: string; court: string; role: 'judge' }, jobId: string): ChannelRequest[] {
  const debtors = c.parties.filter((p) => p.role === 'debtor');
  for (const p of debtors) {
    store.audit.append({
      officer: officer.code, action: 'query.start', caseId: c.id, caseNumber: c.number, subject: auditSubject(p), legalBasis: LEGAL_BASIS.terminalRequery,
      detail: { job: jobId, kind: 'terminal.requery' },
    });
  }
  return engine.queryCase({ ...queryContext(c, officer), channels: 'property' }, debtors);
}

async function settle(store: SecureStore, engine: Engine | undefined, ids: readonly string[], signal: AbortSignal): Promise<void> {
  if (engine) await Promise.race([engine.idle(), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
  // a request resumed from an earlier process is worked by the session's engine: wait for its answer
  for (;;) {
    if (signal.aborted) throw new Error('stopped');
    if (ids.every((id) => FINAL.has(store.engine.getRequest(id)?.state ?? 'answered'))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function finish(p: RequeryParams, run: number): JobOutcome {
  const params = { closingId: p.closingId, closedOn: p.closedOn, run };
  return run >= TERMINAL_REQUERY_RUNS ? { params } : { next: requeryRunAt(p.closedOn, run + 1), params };
}

async function runOnce(job: Job, ctx: JobRunContext, c: StoredCase, p: RequeryParams): Promise<JobOutcome> {
  const { store, deps } = ctx;
  const run = p.run + 1;
  if (store.terminal.run(job.id, run)) return finish(p, run);
  const officer = store.officers.get(c.assignee ?? job.createdBy);
  if (!officer) throw new Error(`the case's judge ${c.assignee ?? job.createdBy} is not enrolled on this workstation`);
  let engine: Engine | undefined;
  let requests = p.requests;
  let known = p.known;
  try {
    if (!requests) {
      known = [...new Set(store.caseQueryView(c.id).assets.map(assetKey))];
      engine = deps.createEngine(store, officer);
      requests = backgroundPropertyQuery(store, engine, c, { ...officer, role: 'judge' }, job.id).map((r) => r.id);
      if (!ctx.progress({ done: 0, total: TERMINAL_REQUERY_RUNS, note: { zh: `第${run}次复查：查询中`, en: `re-query ${run}: querying` } }, { ...p, requests, known })) return finish(p, p.run);
    }
    await settle(store, engine, requests, ctx.signal);
  } finally {
    await engine?.stop();
  }
  const ids = new Set(requests);
  const knownSet = new Set(known);
  const fresh = store.caseQueryView(c.id).assets.filter((a) => ids.has(a.requestId) && !knownSet.has(assetKey(a)) && hasValue(a));
  const date = todayCst(ctx.now);
  const doc = await requeryNotice(store, c, {
    run, date, closedOn: p.closedOn, found: fresh.map(assetLine), signers: { judge: officer.name }, by: officer.code, courtName: deps.courtName,
  });
  const alert = fresh.length
    ? store.alerts.raise({
      caseId: c.id, kind: 'terminal.new-property', dedupeKey: `terminal.new-property:${p.closingId}`, action: 'resume-case', source: { kind: 'job', id: job.id },
      reason: { zh: `终本后第${run}次复查发现新的财产：${fresh.map(assetLine).join('；')}`, en: `re-query ${run} after 终本 found new property (${fresh.length} item(s))` },
      actionInput: { caseId: c.id, closingId: p.closingId, assetIds: fresh.map((a) => a.id) },
    }).alert
    : undefined;
  store.terminal.recordRun({
    caseId: c.id, jobId: job.id, run, ranAt: ctx.now.toISOString(), requests,
    newAssets: fresh.map((a) => ({ assetId: a.id, partyId: a.partyId, description: assetLine(a), ...(a.value !== undefined ? { value: a.available ?? a.value } : {}) })),
    documentId: doc.id, ...(alert ? { alertId: alert.id } : {}),
  });
  store.audit.append({
    officer: 'system', action: 'terminal.requery', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.terminalRequery,
    detail: { jobId: job.id, run, requests: requests.length, newAssets: fresh.length, documentId: doc.id, ...(alert ? { alertId: alert.id } : {}) },
  });
  ctx.progress({ done: run, total: TERMINAL_REQUERY_RUNS, note: { zh: `已完成第${run}次复查`, en: `re-query ${run} done` } }, { closingId: p.closingId, closedOn: p.closedOn, run });
  return finish(p, run);
}

/**
 * The 'terminal.requery' job kind. Done (no next run) once the case was resumed (执恢) or is no
 * longer closed as 终本, and after the tenth run.
 */
export const terminalRequeryJob: JobHandler = async (job, ctx) => {
  const p = job.params as unknown as RequeryParams;
  const c = job.caseId ? ctx.store.cases.get(job.caseId) : undefined;
  const closing = c ? ctx.store.terminal.closing(p.closingId) : undefined;
  if (!c || !closing || closing.state !== 'approved' || closing.resumedCaseId || c.closing !== 'terminal') return { params: job.params };
  return runOnce(job, ctx, c, p);
};

export { TERMINAL_REQUERY_KIND } from '../../../shared/domain/terminal';
