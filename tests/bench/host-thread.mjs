// P7 (docs/bench.md): the event-loop delay of the thread the page talks to — host mode's HTTP and
// WebSocket thread — while a batch query runs, ÷ the same while idle. A page on a real socket sets
// up as the judge, starts a batch over his own cases and follows it as the batch view does (every
// 500 ms). Measured twice in one run: with the core (store, engines, router, embedded sandbox) in
// its worker thread, as host mode runs it (electron/host/start.ts), and with the core on the
// socket's own thread, as host mode ran it before (docs/architecture.md §6).
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { nodeEntry } from '../../scripts/esbuild-node.mjs';

const JUDGE = 'F520103001';

/** the host-mode pieces bundled as scripts/build.mjs bundles them (two folders under the project) */
export async function bundleHost(root) {
  const dir = path.join(root, 'dist', 'bench-host');
  const worker = path.join(dir, 'core-worker.cjs');
  const lib = path.join(dir, 'host-lib.cjs');
  await build({ ...nodeEntry('electron/host/core-worker.ts', worker), sourcemap: false });
  const { entryPoints: _, ...opts } = nodeEntry('electron/host/start.ts', lib);
  await build({
    ...opts, sourcemap: false,
    stdin: {
      contents: `export { startHostMode } from './electron/host/start';
        export { startHostServer } from './electron/host/server';
        export { startCore } from './electron/services/core';`,
      resolveDir: root, loader: 'ts', sourcefile: 'bench-host-entry.ts',
    },
  });
  return { lib: createRequire(import.meta.url)(lib), worker };
}

/** host mode with the core in its worker (`inThread` false) or on this thread */
async function startHost({ lib, worker }, inThread, dataDir, rendererDir, env) {
  if (!inThread) {
    const m = await lib.startHostMode({ dataDir, rendererDir, env, coreWorker: worker });
    const code = m.core.sandbox.enrolmentCodes.find((c) => c.code === JUDGE).enrolmentCode;
    return { host: m.host, code, sandboxUrl: m.core.gateway.url, stop: () => m.stop() };
  }
  const core = await lib.startCore({ dataDir, mode: 'host', version: '0.1.0', env });
  const host = await lib.startHostServer({ rendererDir, router: core.router, onGone: (c) => core.connectionGone(c) });
  core.onEvent((event, payload, audience) => host.emit(event, payload, audience));
  const code = core.sandbox.register.currentCode(JUDGE);
  return { host, code, sandboxUrl: core.gateway.url, stop: async () => { await host.close(); await core.close(); } };
}

async function openPage(host) {
  const res = await fetch(host.newOpenUrl(), { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ipc`, { origin: host.url, headers: { cookie } });
  const waiting = new Map();
  let next = 0;
  let events = 0;
  await new Promise((resolve, reject) => {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.t === 'hello') resolve();
      else if (f.t === 'result') waiting.get(f.id)?.(f.result);
      else if (f.t === 'event') events++;
    });
    ws.once('error', reject);
  });
  const value = (group, method, input = {}) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, (r) => (r.ok ? resolve(r.value) : reject(new Error(`${group}.${method}: ${r.error.code} ${r.error.messageEn}`))));
    ws.send(JSON.stringify({ t: 'call', id, group, method, input }));
  });
  return { value, events: () => events, close: () => ws.close() };
}

const p99 = (h) => h.percentile(99) / 1e6;

/** the judge's own open cases, page by page, up to n */
async function ownCases(page, n) {
  const ids = [];
  for (;;) {
    const list = await page.value('cases', 'list', { limit: 500, offset: ids.length, mine: true, status: 'open' });
    ids.push(...list.items.map((c) => c.id));
    if (ids.length >= n || list.items.length === 0 || ids.length >= list.total) return ids.slice(0, n);
  }
}

/** the sandbox's requests executed per channel (its admin stats, docs/sandbox.md) */
async function executedPerChannel(sandboxUrl) {
  const stats = await (await fetch(`${sandboxUrl}/sandbox/v1/stats`)).json();
  return Object.fromEntries(Object.entries(stats.channels).map(([ch, s]) => [ch, s.executed]));
}

/**
 * one run: idle p99, batch p99 of this thread, what the batch did and the requests it had executed
 * per channel. The judge carries three cases in five of the docket, so for more cases than the
 * default docket gives him the sandbox is started with a docket big enough (CK_SANDBOX_CASES).
 */
export async function measureHostThread(bundle, { inThread, cases, latencyScale }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-host-'));
  const rendererDir = path.join(dir, 'renderer');
  (await import('node:fs')).mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>查控台</title>');
  const docket = Math.max(240, Math.ceil((cases * 5) / 3 * 1.15));
  const env = { ...process.env, CK_SANDBOX_LATENCY_SCALE: String(latencyScale), CK_JOB_TICK_MS: '100', CK_SANDBOX_CASES: String(docket) };
  const app = await startHost(bundle, inThread, path.join(dir, 'data'), rendererDir, env);
  try {
    const page = await openPage(app.host);
    await page.value('session', 'setUp', { officerCode: JUDGE, enrolmentCode: app.code, password: 'bench-password-1' });
    const caseIds = await ownCases(page, cases);
    const before = await executedPerChannel(app.sandboxUrl);
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 2_000));
    idle.disable();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const started = await page.value('batch', 'start', { caseIds, force: true });
    let view = started;
    while (!['done', 'failed', 'cancelled'].includes(view.job.state)) {
      await new Promise((r) => setTimeout(r, 500));
      view = await page.value('batch', 'view', { jobId: started.job.id, limit: 50 });
    }
    loop.disable();
    const seconds = (performance.now() - t0) / 1000;
    const after = await executedPerChannel(app.sandboxUrl);
    const executed = Object.fromEntries(Object.entries(after).map(([ch, n]) => [ch, n - (before[ch] ?? 0)]).filter(([, n]) => n > 0));
    page.close();
    return { idle: p99(idle), busy: p99(loop), seconds, cases: caseIds.length, state: view.job.state, totals: view.totals, events: page.events(), executed };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
