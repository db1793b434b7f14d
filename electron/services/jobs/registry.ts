/**
 * The kinds of job the runner knows (docs/architecture.md §5). A feature registers its kind once,
 * when the services are composed (electron/services/services.ts), with the handler that does one
 * run, and optionally what to record when an officer stops a job of that kind and what to ensure
 * exists when a session starts (a recurring scan). Scheduling a job is writing it to store.jobs and
 * kicking the session's runner: see scheduleJob.
 */
import type { Job } from '../../../shared/domain/jobs';
import type { Officer } from '../../../shared/domain/types';
import type { SecureStore } from '../../store';
import type { JobInput } from '../../store/jobs';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import type { JobHandler } from './kinds';

export interface JobKindSpec {
  run: JobHandler;
  /** the kind in the judge's words, for the 后台任务 list */
  label: { zh: string; en: string };
  /** an officer stopped a job of this kind (jobs.cancel): what the kind records beside 'job.cancelled' */
  onCancel?(job: Job, officer: Officer, store: SecureStore): void;
}

/** Called when a session starts, before its runner: a recurring job made sure of (one alert scan). */
export type SessionHook = (store: SecureStore, d: Deps, session: ActiveSession) => void;

export class JobKinds {
  private readonly specs = new Map<string, JobKindSpec>();
  private readonly hooks: SessionHook[] = [];

  register(kind: string, spec: JobKindSpec): void {
    if (this.specs.has(kind)) throw new Error(`job kind registered twice: ${kind}`);
    this.specs.set(kind, spec);
  }

  get(kind: string): JobKindSpec | undefined {
    return this.specs.get(kind);
  }

  kinds(): string[] {
    return [...this.specs.keys()];
  }

  onSessionStart(hook: SessionHook): void {
    this.hooks.push(hook);
  }

  sessionStarted(store: SecureStore, d: Deps, session: ActiveSession): void {
    for (const h of this.hooks) h(store, d, session);
  }
}

/** Writes a job (audited as 'job.created') and wakes the session's runner so it starts at once when due. */
export function scheduleJob(s: Pick<ActiveSession, 'store' | 'jobs'>, input: JobInput): Job {
  const job = s.store.jobs.create(input);
  s.jobs?.kick();
  return job;
}

/** The jobs of `kind` not yet ended (queued, running or paused), optionally of one case. */
export function liveJobs(store: SecureStore, kind: string, caseId?: string): Job[] {
  return store.jobs.list({ kinds: [kind], states: ['queued', 'running', 'paused'], ...(caseId ? { caseId } : {}) });
}
