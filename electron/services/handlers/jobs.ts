/**
 * The 后台任务 list and its buttons (IPC group `jobs`): the jobs the officer may see, and pause,
 * resume and cancel — his own or his cases' jobs; another officer's is refused with the reason and
 * recorded (recordRefusal). A cancelled job of a kind that records its stop (a repeat freeze) has
 * that recorded too; the run in hand stops at once.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Job } from '../../../shared/domain/jobs';
import { recordRefusal } from '../authority';
import type { FeatureHandlers, OfficerCtx } from '../context';
import type { JobKinds } from '../jobs/registry';
import { jobView, mayManageJob, maySeeJob } from '../jobs/views';
import type { Deps } from '../deps';

function managed(ctx: OfficerCtx, call: string, jobId: string): Job {
  const j = ctx.store.jobs.get(jobId);
  if (!j) throw new AppFailure('NOT_FOUND', { zh: '任务不存在', en: 'no such job' });
  if (!mayManageJob(ctx.store, ctx.officer, j)) {
    const c = j.caseId ? ctx.store.cases.get(j.caseId) : undefined;
    throw recordRefusal(ctx, call, 'jobs.manage', {
      zh: '这是其他干警的后台任务，只能由其本人或承办该案的干警暂停、继续或取消',
      en: 'this job is another officer’s: only he, or an officer acting in its case, may pause, resume or cancel it',
      reason: 'not-own-job',
    }, c);
  }
  return j;
}

export function jobHandlers(kinds: JobKinds, d: Deps): FeatureHandlers<'jobs'> {
  /** the officer's act, told to his windows as the runner tells its own changes */
  const told = (ctx: OfficerCtx, j: Job) => {
    const view = jobView(ctx.store, ctx.officer, j);
    d.emit('job.updated', { job: view });
    return view;
  };
  return {
    list: ({ states }, { store, officer }) => {
      const jobs = store.jobs.list(states ? { states } : {}).filter((j) => maySeeJob(store, officer, j));
      const numbers = store.alertScans.caseNumbers(jobs.flatMap((j) => (j.caseId ? [j.caseId] : [])));
      return jobs.map((j) => jobView(store, officer, j, numbers)).reverse();
    },
    pause: ({ jobId }, ctx) => {
      managed(ctx, 'jobs.pause', jobId);
      const j = ctx.store.jobs.pause(jobId, ctx.officer.code);
      ctx.session.jobs?.interrupt(jobId);
      return told(ctx, j);
    },
    resume: ({ jobId }, ctx) => {
      managed(ctx, 'jobs.resume', jobId);
      const j = ctx.store.jobs.resume(jobId, ctx.officer.code);
      ctx.session.jobs?.kick();
      return told(ctx, j);
    },
    cancel: ({ jobId }, ctx) => {
      const before = managed(ctx, 'jobs.cancel', jobId);
      const j = ctx.store.jobs.cancel(jobId, ctx.officer.code);
      ctx.session.jobs?.interrupt(jobId);
      if (before.state !== 'cancelled') kinds.get(j.kind)?.onCancel?.(j, ctx.officer, ctx.store);
      return told(ctx, j);
    },
  };
}
