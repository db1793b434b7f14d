/**
 * The batch one-click query against the sandbox over HTTP (docs/batch.md): the judge's open cases in
 * one job, with progress by case and channel; killed half-way and started again it finishes without
 * the gateway receiving any query twice; a second batch leaves out what was answered within the
 * freshness window unless forced; a clerk's batch naming another judge's case is refused whole, with
 * the case named, and recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import { startCore, type Core } from '../../electron/services/core';
import type { BatchView } from '../../shared/ipc/groups/batch';
import type { AuditEntry, CaseSummary } from '../../shared/domain/types';
import { appDriver, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, PASSWORD } from '../helpers/officers';
import { caseWithFrozenDeposit } from '../helpers/frozen-deposit';
import type { ChannelBoard } from '../../shared/domain/board';

let dir: string;
let sandbox: SandboxHandle;
let core: Core;
const env = () => ({
  CK_GATEWAY_URL: sandbox.url, CK_STATION_ID: sandbox.stationId, CK_STATION_SECRET: sandbox.stationSecret,
  CK_COURT: sandbox.court, CK_COURT_NAME: '贵州省贵阳市云岩区人民法院', CK_JOB_TICK_MS: '100',
});
const app = appDriver(() => core);
const { call, value } = app;
const start = () => startCore({ dataDir: dir, mode: 'host', version: 'test', env: env() });
const detailOf = (e: AuditEntry) => JSON.parse(String(e.detail ?? '{}')) as Record<string, unknown>;
const signIn = (officerCode: string) => value('session', 'signIn', { officerCode, password: PASSWORD });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-batch-'));
  sandbox = await startSandbox({ knobs: { latencyScale: 0.01 } });
  core = await start();
  await setUpAs(app, sandbox, OFFICERS.JUDGE, PASSWORD);
});
afterAll(async () => {
  await core?.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const mine = async (n: number) => (await value<{ items: CaseSummary[] }>('cases', 'list', { mine: true, status: 'open', limit: 500 }))
  .items.filter((c) => c.filing === 'confirmed').slice(0, n);
const viewOf = (jobId: string) => value<BatchView>('batch', 'view', { jobId, limit: 1000 });
const finished = (jobId: string, ms = 60_000) => waitFor(async () => {
  const v = await viewOf(jobId);
  return v.job.state === 'done' ? v : undefined;
}, ms);

describe('batch one-click query', () => {
  let cases: CaseSummary[];
  let first: BatchView;

  it('queries every case, shows each case and channel, and survives a kill without sending a query twice', { timeout: 120_000 }, async () => {
    cases = await mine(12);
    expect(cases.length).toBe(12);
    const before = sandbox.stats().totals;
    // slow enough that the kill finds answers still out
    sandbox.setKnobs({ latencyScale: 0.2 });
    const started = await value<BatchView>('batch', 'start', { caseIds: cases.map((c) => c.id) });
    expect(started.totals).toMatchObject({ cases: 12, queued: 12 });
    const midway = await waitFor(async () => {
      const v = await viewOf(started.job.id);
      return v.totals.settled >= 1 && v.totals.sent >= 1 ? v : undefined;
    });
    expect(midway.channels.length).toBeGreaterThan(5);
    // kill: the process stops with requests on the wire and cases not yet started
    await core.close();
    sandbox.setKnobs({ latencyScale: 0.01 });
    core = await start();
    await signIn(OFFICERS.JUDGE);
    first = await finished(started.job.id);

    expect(first.totals).toMatchObject({ cases: 12, settled: 12, skipped: 0, queued: 0, sent: 0 });
    const planned = first.items.reduce((s, i) => s + i.planned, 0);
    expect(planned).toBe(first.channels.reduce((s, c) => s + c.planned, 0));
    for (const i of first.items) {
      expect(i.answered + i.failed).toBe(i.planned);
      expect(i.asOf, `${i.caseNumber} has its as-of time`).toBeDefined();
    }
    // the gateway executed each planned query once and never received one a second time
    const after = sandbox.stats().totals;
    expect(after.executed - before.executed).toBe(planned);
    expect(after.conflicts - before.conflicts).toBe(0);
    // and the outbox holds one request per case, debtor and channel
    for (const c of cases.slice(0, 3)) {
      const q = await value<{ requests: Array<{ partyId: string; channel: string }> }>('query', 'view', { caseId: c.id });
      const keys = q.requests.map((r) => `${r.partyId}|${r.channel}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('leaves out what was answered within the freshness window, unless forced', { timeout: 60_000 }, async () => {
    const again = await value<BatchView>('batch', 'start', { caseIds: cases.slice(0, 4).map((c) => c.id) });
    const v = await finished(again.job.id);
    // answered channels are fresh; a channel that failed is asked again
    const answeredBefore = first.items.slice(0, 4).reduce((s, i) => s + i.answered, 0);
    expect(v.items.reduce((s, i) => s + i.fresh, 0)).toBe(answeredBefore);
    for (const i of v.items) if (i.state === 'skipped') expect(i.skip).toBe('fresh');

    const forced = await value<BatchView>('batch', 'start', { caseIds: cases.slice(0, 2).map((c) => c.id), force: true });
    const f = await finished(forced.job.id);
    expect(f.items.every((i) => i.state === 'settled' && i.fresh === 0 && i.planned > 0)).toBe(true);
  });

  it('pauses, resumes and cancels through the jobs buttons', { timeout: 60_000 }, async () => {
    sandbox.setKnobs({ latencyScale: 0.3 });
    const b = await value<BatchView>('batch', 'start', { caseIds: cases.map((c) => c.id), force: true });
    await value('jobs', 'pause', { jobId: b.job.id });
    const paused = await viewOf(b.job.id);
    expect(paused.job.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 600));
    // nothing new is started while paused
    const still = await viewOf(b.job.id);
    expect(still.totals.queued).toBe(paused.totals.queued);
    await value('jobs', 'resume', { jobId: b.job.id });
    await waitFor(async () => ((await viewOf(b.job.id)).totals.settled >= 1 ? true : undefined));
    await value('jobs', 'cancel', { jobId: b.job.id });
    const cancelled = await viewOf(b.job.id);
    expect(cancelled.job.state).toBe('cancelled');
    sandbox.setKnobs({ latencyScale: 0.01 });
    const audit = await value<AuditEntry[]>('audit', 'list', { action: 'batch.cancelled' });
    expect(audit.some((e) => detailOf(e).jobId === b.job.id)).toBe(true);
  });

  it('refuses a batch naming a case that is not the officer’s to query, whole, naming the case, and records it', { timeout: 30_000 }, async () => {
    const theirs = (await value<{ items: CaseSummary[] }>('cases', 'list', { status: 'open', limit: 500 }))
      .items.find((c) => c.assignee && c.assignee !== OFFICERS.JUDGE && c.filing === 'confirmed')!;
    expect(theirs).toBeDefined();
    const jobsBefore = (await value<unknown[]>('batch', 'list', {})).length;
    const r = await call('batch', 'start', { caseIds: [cases[0]!.id, theirs.id] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.detail?.zh).toContain(theirs.number);
    expect((await value<unknown[]>('batch', 'list', {})).length).toBe(jobsBefore);
    const refusals = await value<AuditEntry[]>('audit', 'list', { action: 'authority.refused' });
    expect(refusals.some((e) => e.caseNumber === theirs.number && detailOf(e).call === 'batch.start')).toBe(true);
    // garbage: too many, none, a bad freshness window — each a clear message, nothing started
    const none = await call('batch', 'start', { caseIds: [] });
    expect(!none.ok && none.error.code).toBe('VALIDATION');
    const bad = await call('batch', 'start', { caseIds: [cases[0]!.id], freshDays: 400 });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    const ghost = await call('batch', 'start', { caseIds: ['no-such-case'] });
    expect(!ghost.ok && ghost.error.code).toBe('NOT_FOUND');
  });

  it('the channel board counts what was asked of each channel, its latencies, and the money frozen and not yet deducted', { timeout: 60_000 }, async () => {
    // every query asked so far has its answer
    const board = await waitFor(async () => {
      const v = await value<ChannelBoard>('board', 'channels', {});
      return v.rows.every((r) => r.unanswered === 0) ? v : undefined;
    });
    // what the gateway executed per channel — so far only queries — is what the board counts
    const truth = sandbox.stats().channels;
    for (const r of board.rows) expect(r.queries, r.channel).toBe(truth[r.channel]?.executed ?? 0);
    expect(board.rows.length).toBe(Object.keys(truth).length);
    for (const r of board.rows.filter((x) => x.answered > 0)) {
      expect(r.answered + r.failed + r.manual + r.unanswered).toBe(r.queries);
      expect(r.p50Ms!).toBeLessThanOrEqual(r.p90Ms!);
      expect(r.p90Ms!).toBeLessThanOrEqual(r.p99Ms!);
    }
    expect(board.rows.every((r) => r.frozenUndeducted === 0)).toBe(true);
    const { freeze } = await caseWithFrozenDeposit(app, sandbox);
    const after = await value<ChannelBoard>('board', 'channels', {});
    const frozen = after.rows.find((r) => r.channel === freeze.channel)!;
    expect(frozen.frozenUndeducted).toBe(1);
    expect(frozen.maxFrozenDays).toBe(0);
    const bad = await call('board', 'channels', { days: 0 });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
  });
});
