/**
 * Durable, calendar-driven work (docs/architecture.md, "Exchanges and jobs"): batch queries, 终本
 * re-queries every 6 months for 5 years, alert scans, teimosinha repeats. One source for the states.
 *
 *   queued ──claimed──▶ running ──▶ done | failed
 *     ▲ │                 │  └─ next run due (a repeat) ─▶ queued (run_at moved on)
 *     │ └─ pause ─▶ paused ─ resume ─┘        cancel (any but final) ─▶ cancelled
 */
export const JOB_STATES = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

export interface JobProgress {
  done: number;
  total: number;
  /** what the job is at, in the judge's language */
  note?: { zh: string; en: string };
}

export interface Job {
  id: string;
  /** 'terminal.requery', 'alerts.scan', 'freeze.repeat', 'query.batch' … */
  kind: string;
  caseId?: string;
  state: JobState;
  params: Record<string, unknown>;
  progress: JobProgress;
  /** when it next runs (ISO) */
  runAt: string;
  /** runs made so far */
  runs: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastError?: string;
}
