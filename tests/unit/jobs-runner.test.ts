/**
 * The job runner as a bureau relies on it (docs/architecture.md §5): a job due is run and its
 * progress kept; a repeat comes back on its date; an officer's pause stops a run at once and resume
 * continues from where it stopped, with no step done twice; a cancelled job never runs again; a job
 * whose process died is taken up from its stored progress once its lease ran out — not before; and
 * signing out hands the lease back so the next session takes the run up at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecureStore, type SecureStore } from '../../electron/store';
import { MIN_SCRYPT } from '../../electron/store/kdf';
import type { Job } from '../../shared/domain/jobs';
import type { Deps } from '../../electron/services/deps';
import type { ActiveSession } from '../../electron/services/session';
import { JobRunner } from '../../electron/services/jobs/runner';
import { JobKinds } from '../../electron/services/jobs/registry';
import { sleep } from '../../electron/services/jobs/wait';
import type { JobRunContext } from '../../electron/services/jobs/kinds';

let dir: string;
let file: string;
let key: Buffer;
let store: SecureStore;
let now = Date.UTC(2026, 2, 1, 2);
const clock = () => new Date(now);
const deps = { now: clock } as unknown as Deps;
const runners: JobRunner[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-jobs-'));
  file = path.join(dir, 'store.db');
  key = randomBytes(32);
  now = Date.UTC(2026, 2, 1, 2);
  store = openSecureStore({ file, key, create: true, clock, scrypt: MIN_SCRYPT });
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A kind that does `total` steps, recording each step it did and storing its progress after each. */
function steps(done: number[], o: { stepMs?: number; pauseAfter?: (i: number) => void } = {}) {
  return async (job: Job, ctx: JobRunContext) => {
    const total = job.progress.total;
    for (let i = job.progress.done; i < total; i++) {
      if (o.stepMs) await sleep(o.stepMs, ctx.signal);
      done.push(i);
      o.pauseAfter?.(i);
      if (!ctx.progress({ done: i + 1, total })) return {};
    }
    return {};
  };
}

function runner(kinds: JobKinds, updates: Job[] = [], o: { leaseMs?: number } = {}): JobRunner {
  const r = new JobRunner({ store, deps, session: {} as ActiveSession, kinds, tickMs: 50, leaseMs: o.leaseMs ?? 60_000, onUpdate: (j) => updates.push(j) });
  runners.push(r);
  return r;
}

const until = async (f: () => boolean, ms = 5_000) => {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the job runner', () => {
  it('runs a job that is due, keeps its progress and tells each change; it is done at the end', async () => {
    const kinds = new JobKinds();
    const did: number[] = [];
    kinds.register('test.steps', { label: { zh: '测试', en: 'test' }, run: steps(did) });
    const job = store.jobs.create({ kind: 'test.steps', total: 5, createdBy: 'F520103001' });
    const updates: Job[] = [];
    const r = runner(kinds, updates);
    r.start();
    await until(() => store.jobs.get(job.id)!.state === 'done');
    expect(did).toEqual([0, 1, 2, 3, 4]);
    expect(store.jobs.get(job.id)).toMatchObject({ state: 'done', runs: 1, progress: { done: 5, total: 5 } });
    expect(updates.map((u) => u.progress.done)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
    expect(updates.at(-1)!.state).toBe('done');
  });

  it('does not run a job before its date, and queues a repeat again for its next date', async () => {
    const kinds = new JobKinds();
    let runs = 0;
    const next = new Date(now + 86_400_000).toISOString();
    kinds.register('test.daily', { label: { zh: '测试', en: 'test' }, run: async () => ((runs += 1), { next, params: { run: runs + 1 } }) });
    const later = store.jobs.create({ kind: 'test.daily', createdBy: 'F520103001', runAt: new Date(now + 3_600_000).toISOString() });
    const due = store.jobs.create({ kind: 'test.daily', createdBy: 'F520103001' });
    runner(kinds).start();
    await until(() => store.jobs.get(due.id)!.runs === 1);
    expect(store.jobs.get(due.id)).toMatchObject({ state: 'queued', runAt: next, params: { run: 2 } });
    expect(store.jobs.get(later.id)).toMatchObject({ state: 'queued', runs: 0 });
    expect(runs).toBe(1);
  });

  it('an officer’s pause stops the run in hand; resume goes on from the stored progress, no stored step done again', async () => {
    const kinds = new JobKinds();
    const did: number[] = [];
    let job: Job | undefined;
    let pausedOnce = false;
    const r = runner(kinds);
    kinds.register('test.steps', {
      label: { zh: '测试', en: 'test' },
      run: steps(did, { stepMs: 5, pauseAfter: (i) => { if (i === 2 && !pausedOnce) { pausedOnce = true; store.jobs.pause(job!.id, 'F520103001'); r.interrupt(job!.id); } } }),
    });
    job = store.jobs.create({ kind: 'test.steps', total: 8, createdBy: 'F520103001' });
    r.start();
    await until(() => store.jobs.get(job!.id)!.state === 'paused' && r.active().length === 0);
    const paused = store.jobs.get(job.id)!;
    expect(paused.progress.done).toBeLessThan(8);
    expect(did.length).toBeLessThan(8);
    store.jobs.resume(job.id, 'F520103001');
    r.kick();
    await until(() => store.jobs.get(job!.id)!.state === 'done');
    // the step cut off by the pause was not stored as done, so it is done again; no stored step is repeated
    expect(new Set(did)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(did).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7]);
    expect(store.audit.list({}).map((e) => e.action)).toEqual(expect.arrayContaining(['job.paused', 'job.resumed', 'job.done']));
  });

  it('a cancelled job stops at once and never runs again', async () => {
    const kinds = new JobKinds();
    const did: number[] = [];
    kinds.register('test.steps', { label: { zh: '测试', en: 'test' }, run: steps(did, { stepMs: 20 }) });
    const job = store.jobs.create({ kind: 'test.steps', total: 1000, createdBy: 'F520103001' });
    const r = runner(kinds);
    r.start();
    await until(() => did.length >= 2);
    store.jobs.cancel(job.id, 'F520103001');
    r.interrupt(job.id);
    await until(() => r.active().length === 0);
    const n = did.length;
    r.kick();
    await new Promise((res) => setTimeout(res, 200));
    expect(did.length).toBe(n);
    expect(store.jobs.get(job.id)!.state).toBe('cancelled');
  });

  it('a job whose process died mid-run is taken up from its stored progress once its lease ran out, not before', async () => {
    const kinds = new JobKinds();
    const did: number[] = [];
    kinds.register('test.steps', { label: { zh: '测试', en: 'test' }, run: steps(did) });
    const job = store.jobs.create({ kind: 'test.steps', total: 6, createdBy: 'F520103001' });
    // the dead process: it claimed the job for 60 s, did four steps, stored them, and was killed
    expect(store.jobs.claimDue(clock(), 60_000).map((j) => j.id)).toEqual([job.id]);
    expect(store.jobs.progress(job.id, { done: 4, total: 6 })).toBe(true);
    store.close();
    store = openSecureStore({ file, key, clock, scrypt: MIN_SCRYPT });
    const r = runner(kinds);
    r.start();
    await new Promise((res) => setTimeout(res, 200));
    expect(did).toEqual([]);
    expect(store.jobs.get(job.id)!.state).toBe('running');
    now += 61_000;
    r.kick();
    await until(() => store.jobs.get(job.id)!.state === 'done');
    expect(did).toEqual([4, 5]);
  });

  it('signing out stops the run and hands its lease back: the next session takes it up at once from its progress', async () => {
    const kinds = new JobKinds();
    const did: number[] = [];
    kinds.register('test.steps', { label: { zh: '测试', en: 'test' }, run: steps(did, { stepMs: 20 }) });
    const job = store.jobs.create({ kind: 'test.steps', total: 12, createdBy: 'F520103001' });
    const first = runner(kinds);
    first.start();
    await until(() => did.length >= 3);
    await first.stop();
    const stopped = store.jobs.get(job.id)!;
    expect(stopped.state).toBe('running');
    const atStop = stopped.progress.done;
    expect(atStop).toBeGreaterThanOrEqual(3);
    const second = runner(kinds);
    second.start();
    await until(() => store.jobs.get(job.id)!.state === 'done');
    expect(did.slice(atStop).length).toBeGreaterThan(0);
    expect(new Set(did)).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i)));
  });

  it('a run that fails is kept failed with its reason, and a job of a kind no feature registered too', async () => {
    const kinds = new JobKinds();
    kinds.register('test.broken', { label: { zh: '测试', en: 'test' }, run: async () => { throw new Error('the agency answered nonsense'); } });
    const broken = store.jobs.create({ kind: 'test.broken', createdBy: 'F520103001' });
    const unknown = store.jobs.create({ kind: 'test.nobody', createdBy: 'F520103001' });
    runner(kinds).start();
    await until(() => store.jobs.get(broken.id)!.state === 'failed' && store.jobs.get(unknown.id)!.state === 'failed');
    expect(store.jobs.get(broken.id)!.lastError).toContain('the agency answered nonsense');
    expect(store.jobs.get(unknown.id)!.lastError).toContain('test.nobody');
  });
});
