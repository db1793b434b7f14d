/**
 * The job runner (docs/architecture.md §5; the shape of Signal Desktop's JobQueue): works off the
 * durable jobs of store.jobs for the signed-in session. On a timer, and when kicked, it claims the
 * jobs due with a lease (JobRepo.claimDue: one statement, so two processes never take one job),
 * runs each through its kind's handler, renews the lease while the run goes, and stops a run as
 * soon as the job is paused or cancelled (the lease or a progress write says so). A finished run
 * is stored with its next date (a repeat) or as done; a run that throws is failed with its error.
 *
 * Restart-safe: a job running when the process died keeps its lease until it runs out and is then
 * claimed again, its handler starting from the progress and params it stored. Stopping the runner
 * (sign-out, idle lock, shutdown) aborts the runs in hand, waits for them, and hands their leases
 * back so the next session takes them up at once from where they got.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { Job } from '../../../shared/domain/jobs';
import type { SecureStore } from '../../store';
import type { Deps } from '../deps';
import type { ActiveSession } from '../session';
import type { JobRunContext } from './kinds';
import type { JobKinds } from './registry';

export interface JobRunnerOptions {
  store: SecureStore;
  deps: Deps;
  session: ActiveSession;
  kinds: JobKinds;
  /** how long a claim holds before another process may take the job (default 60 s) */
  leaseMs?: number;
  /** how often due jobs are looked for (default 30 s); kick() looks at once */
  tickMs?: number;
  /** runs at once (default 2) */
  concurrency?: number;
  /** a job changed (claimed, progress, finished): 'job.updated' */
  onUpdate?: (job: Job) => void;
  log?: (level: 'info' | 'warn', msg: string, fields?: Record<string, string | number | boolean | undefined>) => void;
}

/** Why a run's signal was aborted. */
type StopReason = 'runner' | 'job';

interface Run {
  job: Job;
  ctrl: AbortController;
  reason?: StopReason;
  done: Promise<void>;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_TICK_MS = 30_000;

export class JobRunner {
  private readonly runs = new Map<string, Run>();
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private readonly concurrency: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private ticking = false;
  private tickAgain = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: JobRunnerOptions) {
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.tickMs = o.tickMs ?? DEFAULT_TICK_MS;
    this.concurrency = Math.max(1, o.concurrency ?? 2);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref?.();
    this.kick();
  }

  /** Looks for due jobs now (a job was scheduled or resumed). */
  kick(): void {
    if (this.stopped) return;
    setTimeout(() => void this.tick(), 0).unref?.();
  }

  /** The job was paused or cancelled by an officer: its run in hand stops now rather than at its next lease renewal. */
  interrupt(jobId: string): void {
    const r = this.runs.get(jobId);
    if (r && !r.ctrl.signal.aborted) {
      r.reason = 'job';
      r.ctrl.abort();
    }
  }

  /** the ids of the jobs being run now */
  active(): string[] {
    return [...this.runs.keys()];
  }

  /** Resolves when no run is in hand and a look for due jobs found none (tests). */
  idle(): Promise<void> {
    if (this.runs.size === 0 && !this.ticking) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops claiming, aborts the runs in hand, waits for them and hands their leases back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const runs = [...this.runs.values()];
    for (const r of runs) {
      r.reason ??= 'runner';
      r.ctrl.abort();
    }
    await Promise.allSettled(runs.map((r) => r.done));
    this.settleIdle();
  }

  private now(): Date {
    return this.o.deps.now();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    try {
      const free = this.concurrency - this.runs.size;
      if (free > 0 && this.o.store.isOpen) {
        for (const job of this.o.store.jobs.claimDue(this.now(), this.leaseMs, free)) this.launch(job);
      }
    } catch (e) {
      // locked meanwhile, or the store failing: the jobs stay as stored for the next look
      this.o.log?.('warn', 'jobs not claimed', { error: e instanceof Error ? e.name : 'unknown' });
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      void this.tick();
    } else this.settleIdle();
  }

  private settleIdle(): void {
    if (this.runs.size > 0 || this.ticking) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  private launch(job: Job): void {
    const ctrl = new AbortController();
    const run: Run = { job, ctrl, done: Promise.resolve() };
    this.runs.set(job.id, run);
    this.o.onUpdate?.(job);
    run.done = this.execute(run).finally(() => {
      this.runs.delete(job.id);
      // a slot is free: the next due job need not wait for the timer
      if (!this.stopped) this.kick();
      this.settleIdle();
    });
  }

  /** One run of one job, from its claim to its stored end. */
  private async execute(run: Run): Promise<void> {
    const { job, ctrl } = run;
    const { store } = this.o;
    const jobStopped = () => {
      if (!ctrl.signal.aborted) {
        run.reason = 'job';
        ctrl.abort();
      }
    };
    const renew = setInterval(() => {
      try {
        if (!store.jobs.renewLease(job.id, this.now(), this.leaseMs)) jobStopped();
      } catch {
        jobStopped();
      }
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref?.();
    const spec = this.o.kinds.get(job.kind);
    const ctx: JobRunContext = {
      store, deps: this.o.deps, session: this.o.session, now: this.now(), signal: ctrl.signal,
      progress: (p, params) => {
        if (ctrl.signal.aborted && run.reason === 'runner') return false;
        const ok = store.jobs.progress(job.id, p, params);
        if (!ok) jobStopped();
        else this.updated(job.id);
        return ok;
      },
    };
    try {
      if (!spec) {
        this.finish(job, { failed: `no handler for job kind ${job.kind}` });
        return;
      }
      let outcome: Awaited<ReturnType<typeof spec.run>> | undefined;
      let error: unknown;
      try {
        outcome = await spec.run(job, ctx);
      } catch (e) {
        error = e;
      }
      if (run.reason === 'runner') {
        // the session ends: the job stays running under a lease handed back, to resume from its progress
        this.release(job);
        return;
      }
      if (error !== undefined && run.reason !== 'job') {
        this.o.log?.('warn', 'job run failed', { jobId: job.id, kind: job.kind, error: error instanceof Error ? error.name : 'unknown' });
        this.finish(job, { failed: failureText(error) });
        return;
      }
      // done, a repeat due again, or stopped by an officer meanwhile (the repo keeps paused/cancelled)
      this.finish(job, { ...(outcome?.next ? { next: outcome.next } : {}), ...(outcome?.params ? { params: outcome.params } : {}) });
    } finally {
      clearInterval(renew);
    }
  }

  private finish(job: Job, outcome: { next?: string; failed?: string; params?: Record<string, unknown> }): void {
    try {
      const after = this.o.store.jobs.finishRun(job.id, outcome);
      if (after) this.o.onUpdate?.(after);
    } catch {
      // the store closed under the run: its lease runs out and the next session takes it up
    }
  }

  /** Hands the lease back (it ends now), so the next claim need not wait for it to run out. */
  private release(job: Job): void {
    try {
      if (this.o.store.isOpen) this.o.store.jobs.renewLease(job.id, new Date(this.now().getTime() - 1), 0);
    } catch {
      // closed already: the lease runs out by itself
    }
  }

  private updated(id: string): void {
    try {
      const j = this.o.store.jobs.get(id);
      if (j) this.o.onUpdate?.(j);
    } catch {
      // locked meanwhile
    }
  }
}

function failureText(e: unknown): string {
  if (e instanceof AppFailure) return e.message;
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'failed';
}
