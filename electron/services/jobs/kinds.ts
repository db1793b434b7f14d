/**
 * What a kind of job is to the job runner (docs/architecture.md, "Exchanges and jobs"): a function
 * of the stored job that does one run and says when the next is due. A run stores its progress as
 * it goes (so a kill resumes from there) and stops when `progress` answers false (paused or
 * cancelled meanwhile). Timers and jobs call internal functions, never an IPC handler.
 */
import type { Job, JobProgress } from '../../../shared/domain/jobs';
import type { SecureStore } from '../../store';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';

export interface JobRunContext {
  store: SecureStore;
  deps: Deps;
  /** the signed-in officer's session the run works in: his engines, his keys (a decision is signed by him) */
  session: ActiveSession;
  /** the run's time (the deps' clock) */
  now: Date;
  /** stores how far the run got; false: the job was paused or cancelled, stop now */
  progress(p: JobProgress, params?: Record<string, unknown>): boolean;
  /** aborted when the runner stops (sign-out, lock, shutdown) or the job is paused or cancelled */
  signal: AbortSignal;
}

export interface JobOutcome {
  /** the next run's time (ISO); absent: the job is done */
  next?: string;
  /** what the next run starts from */
  params?: Record<string, unknown>;
}

export type JobHandler = (job: Job, ctx: JobRunContext) => Promise<JobOutcome>;
