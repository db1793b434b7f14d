/**
 * The batch one-click query (IPC group `batch`; docs/batch.md). The router has allowed every case
 * chosen (act query.property on each); starting writes the job and its cases in one transaction,
 * records it, and wakes the session's job runner. The progress view is the batch's own rows, read
 * in a few SQL passes; another officer's batch is refused with the reason and recorded.
 */
import { AppFailure } from '../../../shared/app-failure';
import { BATCH_QUERY_KIND, DEFAULT_FRESH_DAYS, type BatchParams } from '../../../shared/domain/batch';
import type { Job } from '../../../shared/domain/jobs';
import type { BatchView } from '../../../shared/ipc/groups/batch';
import { recordRefusal } from '../authority';
import { batchProgress } from '../batch/batch-job';
import type { FeatureHandlers, OfficerCtx } from '../context';
import type { Deps } from '../deps';
import { jobView, maySeeJob } from '../jobs/views';

const PAGE = 200;

function viewOf(ctx: OfficerCtx, j: Job, page: { offset?: number; limit?: number; state?: BatchView['items'][number]['state'] } = {}): BatchView {
  const { store, officer } = ctx;
  return {
    job: jobView(store, officer, j),
    params: j.params as unknown as BatchParams,
    totals: store.batches.totals(j.id),
    channels: store.batches.channels(j.id),
    items: store.batches.items(j.id, { offset: page.offset ?? 0, limit: page.limit ?? PAGE, ...(page.state ? { state: page.state } : {}) }),
  };
}

function seen(ctx: OfficerCtx, jobId: string): Job {
  const j = ctx.store.jobs.get(jobId);
  if (!j || j.kind !== BATCH_QUERY_KIND) throw new AppFailure('NOT_FOUND', { zh: '批量查询任务不存在', en: 'no such batch' });
  if (!maySeeJob(ctx.store, ctx.officer, j)) {
    throw recordRefusal(ctx, 'batch.view', 'jobs.manage', { zh: '这是其他干警发起的批量查询，只有其本人或庭长、局长可以查看', en: 'this batch is another officer’s', reason: 'not-own-job' });
  }
  return j;
}

export function batchHandlers(d: Deps): FeatureHandlers<'batch'> {
  return {
    start: ({ caseIds, force, freshDays }, ctx) => {
      const { store, officer, session } = ctx;
      const ids = [...new Set(caseIds)];
      const params: BatchParams = { officer: officer.code, force: force ?? false, freshDays: freshDays ?? DEFAULT_FRESH_DAYS };
      const job = store.batches.create({ kind: BATCH_QUERY_KIND, createdBy: officer.code, params: params as unknown as Record<string, unknown> }, ids);
      store.audit.append({ officer: officer.code, action: 'batch.started', detail: { jobId: job.id, cases: ids.length, force: params.force, freshDays: params.freshDays } });
      session.jobs?.kick();
      const view = viewOf(ctx, job);
      d.emit('job.updated', { job: { ...view.job, progress: batchProgress(view.totals) } });
      return view;
    },
    view: ({ jobId, offset, limit, state }, ctx) => viewOf(ctx, seen(ctx, jobId), { ...(offset !== undefined ? { offset } : {}), ...(limit !== undefined ? { limit } : {}), ...(state ? { state } : {}) }),
    list: (_input, { store, officer }) => store.jobs.list({ kinds: [BATCH_QUERY_KIND] })
      .filter((j) => maySeeJob(store, officer, j))
      .map((j) => jobView(store, officer, j))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  };
}
