/**
 * IPC group `jobs` (docs/architecture.md §5): the background jobs an officer may see — his own and
 * those of his cases; a chief or the director sees the bureau's — and pausing, resuming or
 * cancelling one (his own or his cases'; another officer's is refused with the reason, and recorded).
 */
import { z } from 'zod';
import { JOB_STATES, type Job } from '../../domain/jobs';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

/** a job as the 后台任务 list shows it: its case number, and whether this officer may act on it */
export interface JobView extends Job {
  caseNumber?: string;
  /** pause, resume, cancel are his to do */
  manageable: boolean;
}

export const jobsGroup = {
  list: {
    policy: { act: 'jobs.manage', read: true },
    input: z.object({ states: z.array(z.enum(JOB_STATES)).max(JOB_STATES.length).optional() }).strict(),
    output: out<JobView[]>(),
  },
  pause: { policy: { act: 'jobs.manage' }, input: z.object({ jobId: id }).strict(), output: out<JobView>() },
  resume: { policy: { act: 'jobs.manage' }, input: z.object({ jobId: id }).strict(), output: out<JobView>() },
  /** the stop button: a cancelled job never runs again (a repeat freeze stops with its audit) */
  cancel: { policy: { act: 'jobs.manage' }, input: z.object({ jobId: id }).strict(), output: out<JobView>() },
} as const;

export const jobEvents = {
  /** a job was claimed, made progress, finished, or was paused, resumed or cancelled */
  'job.updated': z.object({ job: z.custom<JobView>() }),
} as const;
