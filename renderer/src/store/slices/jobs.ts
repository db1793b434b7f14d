/** 后台任务 in the renderer: the jobs the officer may see (jobs.list), live on 'job.updated', and pause, resume, stop. */
import type { AppError } from '../../../../shared/errors';
import type { JobView } from '../../../../shared/ipc/groups/jobs';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export type JobAct = 'pause' | 'resume' | 'cancel';

export interface JobsData {
  jobs: JobView[] | null;
  jobsError: AppError | null;
  jobBusy: Record<string, true>;
  jobErrors: Record<string, AppError>;
}

export interface JobsSlice extends JobsData {
  loadJobs(): Promise<void>;
  /** 'job.updated' */
  applyJobUpdate(j: JobView): void;
  actOnJob(jobId: string, act: JobAct): Promise<void>;
  /** 轮询冻结 of the open case: a job the judge can follow and stop here */
  startRepeatFreeze(caseId: string): Promise<AppError | null>;
  /** 余额监控 of the open case */
  monitorFunds(caseId: string): Promise<AppError | null>;
  clearJobs(): void;
}

export const jobsInitial: JobsData = { jobs: null, jobsError: null, jobBusy: {}, jobErrors: {} };

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  ...jobsInitial,

  async loadJobs() {
    const r = await api().jobs.list({});
    if (r.ok) set({ jobs: r.value, jobsError: null });
    else set({ jobsError: r.error });
  },

  applyJobUpdate(j) {
    const jobs = get().jobs;
    if (!jobs) return;
    const had = jobs.find((x) => x.id === j.id);
    if (had && had.updatedAt > j.updatedAt) return;
    set({ jobs: had ? jobs.map((x) => (x.id === j.id ? j : x)) : [j, ...jobs] });
  },

  async actOnJob(jobId, act) {
    const { [jobId]: _e, ...errors } = get().jobErrors;
    set({ jobBusy: { ...get().jobBusy, [jobId]: true }, jobErrors: errors });
    const r = await (act === 'pause' ? api().jobs.pause({ jobId }) : act === 'resume' ? api().jobs.resume({ jobId }) : api().jobs.cancel({ jobId }));
    const { [jobId]: _b, ...busy } = get().jobBusy;
    set({ jobBusy: busy });
    if (r.ok) get().applyJobUpdate(r.value);
    else set({ jobErrors: { ...get().jobErrors, [jobId]: r.error } });
  },

  async startRepeatFreeze(caseId) {
    const r = await api().repeat.start({ caseId });
    if (!r.ok) return r.error;
    get().applyJobUpdate(r.value);
    return null;
  },

  async monitorFunds(caseId) {
    const r = await api().alerts.monitorFunds({ caseId });
    if (!r.ok) return r.error;
    if (get().jobs) void get().loadJobs();
    return null;
  },

  clearJobs() {
    set({ ...jobsInitial });
  },
});
