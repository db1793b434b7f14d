/**
 * Durable jobs (docs/architecture.md, "Exchanges and jobs"): what runs on a calendar, kept so a kill
 * or a restart loses nothing and repeats nothing already done. A running job holds a lease; one
 * whose lease ran out (its process died) is taken up again from its stored progress. Pause, resume
 * and cancel are an officer's acts and audited; progress is not (it is the job's own bookkeeping).
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { FINAL_JOB_STATES, type Job, type JobProgress, type JobState } from '../../shared/domain/jobs';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { caseNumberOf } from './case-ref';

export interface JobInput {
  kind: string;
  caseId?: string;
  params?: Record<string, unknown>;
  /** when it first runs (ISO); default now */
  runAt?: string;
  total?: number;
  createdBy: string;
}

interface Row {
  id: string; kind: string; case_id: string | null; state: string; params: string; progress: string; run_at: string;
  runs: number; lease_until: string | null; created_by: string; created_at: string; updated_at: string; last_error: string | null;
}

const toJob = (r: Row): Job => ({
  id: r.id, kind: r.kind, ...(r.case_id ? { caseId: r.case_id } : {}), state: r.state as JobState,
  params: JSON.parse(r.params) as Record<string, unknown>, progress: JSON.parse(r.progress) as JobProgress,
  runAt: r.run_at, runs: r.runs, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
  ...(r.last_error ? { lastError: r.last_error } : {}),
});

export interface JobFilter {
  kinds?: readonly string[];
  caseId?: string;
  states?: readonly JobState[];
}

export class JobRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  get(id: string): Job | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM jobs WHERE id = ?').get(id);
    return r ? toJob(r) : undefined;
  }

  create(j: JobInput): Job {
    return this.db.transaction((): Job => {
      const id = randomUUID();
      const at = this.clock().toISOString();
      this.db.prepare(`INSERT INTO jobs (id, kind, case_id, state, params, progress, run_at, created_by, created_at, updated_at)
        VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`).run(
        id, j.kind, j.caseId ?? null, JSON.stringify(j.params ?? {}), JSON.stringify({ done: 0, total: j.total ?? 0 }), j.runAt ?? at, j.createdBy, at, at,
      );
      this.audit.append({ officer: j.createdBy, action: 'job.created', ...this.caseOf(j.caseId), detail: { jobId: id, kind: j.kind, runAt: j.runAt ?? at } });
      return this.get(id)!;
    }).immediate();
  }

  list(f: JobFilter = {}): Job[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const when = (clause: string, arg: unknown) => {
      where.push(clause);
      args.push(arg);
    };
    if (f.kinds) when('kind IN (SELECT value FROM json_each(?))', JSON.stringify(f.kinds));
    if (f.caseId) when('case_id = ?', f.caseId);
    if (f.states) when('state IN (SELECT value FROM json_each(?))', JSON.stringify(f.states));
    return this.db.prepare<unknown[], Row>(`SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY run_at, id`).all(...args).map(toJob);
  }

  /**
   * Takes the jobs due by `now` for `leaseMs`: queued ones whose time has come, and running ones
   * whose holder's lease ran out (it died mid-run). One statement, so two processes never take one.
   */
  claimDue(now: Date, leaseMs: number, limit = 20): Job[] {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return this.db.transaction((): Job[] => {
      const ids = this.db.prepare<[string, string, number], string>(
        `SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= ?) OR (state = 'running' AND lease_until < ?) ORDER BY run_at, id LIMIT ?`,
      ).pluck().all(at, at, limit);
      const claim = this.db.prepare(`UPDATE jobs SET state = 'running', lease_until = ?, updated_at = ? WHERE id = ?`);
      for (const id of ids) claim.run(until, at, id);
      return ids.map((id) => this.get(id)!);
    }).immediate();
  }

  /** Keeps the lease while a long run goes on; false when the job was paused or cancelled meanwhile. */
  renewLease(id: string, now: Date, leaseMs: number): boolean {
    return this.db.prepare(`UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running'`)
      .run(new Date(now.getTime() + leaseMs).toISOString(), id).changes === 1;
  }

  /** Stores how far the job got (and the params it resumes from); false when no longer running. */
  progress(id: string, progress: JobProgress, params?: Record<string, unknown>): boolean {
    const at = this.clock().toISOString();
    const r = params
      ? this.db.prepare(`UPDATE jobs SET progress = ?, params = ?, updated_at = ? WHERE id = ? AND state = 'running'`).run(JSON.stringify(progress), JSON.stringify(params), at, id)
      : this.db.prepare(`UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? AND state = 'running'`).run(JSON.stringify(progress), at, id);
    return r.changes === 1;
  }

  /**
   * One run ended: `next` queues the job again for its next calendar date (a repeat), otherwise it
   * is done (or failed, with the error). A job paused or cancelled during the run stays so.
   */
  finishRun(id: string, outcome: { next?: string; failed?: string; params?: Record<string, unknown> }): Job | undefined {
    return this.db.transaction((): Job | undefined => {
      const j = this.get(id);
      if (!j) return undefined;
      const at = this.clock().toISOString();
      const params = JSON.stringify(outcome.params ?? j.params);
      if (j.state !== 'running') {
        this.db.prepare('UPDATE jobs SET runs = runs + 1, params = ?, lease_until = NULL, updated_at = ? WHERE id = ?').run(params, at, id);
        if (j.state === 'paused' && outcome.next) this.db.prepare('UPDATE jobs SET run_at = ? WHERE id = ?').run(outcome.next, id);
        return this.get(id);
      }
      const state: JobState = outcome.failed ? 'failed' : outcome.next ? 'queued' : 'done';
      this.db.prepare(`UPDATE jobs SET state = ?, runs = runs + 1, params = ?, lease_until = NULL, run_at = COALESCE(?, run_at), last_error = ?, updated_at = ? WHERE id = ?`)
        .run(state, params, outcome.next ?? null, outcome.failed ?? null, at, id);
      if (state !== 'queued') this.audit.append({ officer: 'system', action: `job.${state}`, ...this.caseOf(j.caseId), detail: { jobId: id, kind: j.kind, runs: j.runs + 1, ...(outcome.failed ? { error: outcome.failed } : {}) } });
      return this.get(id);
    }).immediate();
  }

  pause(id: string, officer: string): Job {
    return this.act(id, officer, 'paused', ['queued', 'running']);
  }

  resume(id: string, officer: string): Job {
    return this.act(id, officer, 'queued', ['paused']);
  }

  cancel(id: string, officer: string): Job {
    return this.act(id, officer, 'cancelled', ['queued', 'running', 'paused']);
  }

  private act(id: string, officer: string, to: JobState, from: readonly JobState[]): Job {
    return this.db.transaction((): Job => {
      const j = this.get(id);
      if (!j) throw new AppFailure('NOT_FOUND', { zh: '任务不存在', en: 'no such job' });
      if (j.state === to) return j;
      if (!from.includes(j.state)) {
        const final = FINAL_JOB_STATES.includes(j.state);
        throw new AppFailure('VALIDATION', final
          ? { zh: '任务已结束，不能再更改', en: `the job is already ${j.state}` }
          : { zh: `任务当前状态（${j.state}）不能执行此操作`, en: `a ${j.state} job cannot be ${to}` });
      }
      this.db.prepare('UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?').run(to, this.clock().toISOString(), id);
      this.audit.append({ officer, action: `job.${to === 'queued' ? 'resumed' : to}`, ...this.caseOf(j.caseId), detail: { jobId: id, kind: j.kind } });
      return this.get(id)!;
    }).immediate();
  }

  private caseOf(caseId: string | undefined): { caseId?: string; caseNumber?: string } {
    if (!caseId) return {};
    const number = caseNumberOf(this.db, caseId);
    return { caseId, ...(number ? { caseNumber: number } : {}) };
  }
}
