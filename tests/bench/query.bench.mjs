// Query benchmark (docs/bench.md): the engine's real adapters against the sandbox network over
// loopback HTTP. Figures:
//   P1 the one click (property channels) on a 3-debtor demo case at the sandbox's default latency
//      scale, the sandbox in a worker thread so it has its own event loop: wall time ÷ the slowest
//      single agency answer among its requests, as the sandbox stamps them (answeredAt − acceptedAt);
//   P2 the batch one-click query of BENCH_BATCH_CASES (default 1,000) of the judge's cases, started
//      and followed by a page over host mode's socket as the batch view does, the core in its
//      worker thread (host-thread.mjs): requests executed per second ÷ the agencies' rate-limit
//      bound (per channel, its requests ÷ the adapter's ratePerSecond; the slowest channel binds);
//   P7 the same run: event-loop delay p99 of the thread the page talks to (host mode's HTTP and
//      WebSocket thread) ÷ the same while idle; in `what`, the same with the core on that thread,
//      as host mode ran before, over a batch of BENCH_HOST_CASES (default 30).
// BENCH_BATCH_LATENCY (default 0.05, the E2E tests' scale, so that the rate limits and not the
// agencies' latency bind) sets the batch's latency scale. Never fails on speed.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { emit, entry, failed } from './report.mjs';
import { bundleHost, measureHostThread } from './host-thread.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BATCH = Math.min(Number(process.env.BENCH_BATCH_CASES ?? 1_000), 5_000);
const BATCH_SCALE = Number(process.env.BENCH_BATCH_LATENCY ?? 0.05);
const SECRET = 'bench-station-secret-0123456789abcdef';
const outDir = path.join(root, 'dist', 'bench');

async function bundle(name, contents) {
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning',
    external: ['better-sqlite3-multiple-ciphers'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

// the sandbox, in a worker: started at the default knobs, its docket handed to the bench
const SANDBOX_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
const { startSandbox } = await import(workerData.lib);
const sb = await startSandbox({ stationSecret: workerData.secret });
const officer = (code) => { const o = sb.officers.find((x) => x.code === code); return { code: o.code, name: o.name }; };
const docket = sb.population.docket;
// the demo case: the first with a person debtor, joined by two more persons (追加被执行人) to make three
const demo = docket.find((c) => c.debtors.some((d) => d.kind === 'person'));
const own = [...demo.debtors];
const others = docket.filter((c) => c !== demo).flatMap((c) => c.debtors.filter((d) => d.kind === 'person')).slice(0, 3 - own.length);
for (const d of others) sb.courtSystem.addDebtor(demo.number, d);
const asCase = (c, debtors = c.debtors) => ({ number: c.number, officer: officer(c.assignee), debtors: debtors.map((d) => ({ kind: d.kind, name: d.name, idNumber: d.idNumber })) });
parentPort.postMessage({ url: sb.url, court: sb.court, latencyScale: sb.getKnobs().latencyScale, demo: asCase(demo, [...own, ...others]), cases: docket.filter((c) => c !== demo).map((c) => asCase(c)) });
parentPort.on('message', (m) => { if (m.knobs) { sb.setKnobs(m.knobs); parentPort.postMessage({ ok: true }); } });
`;

async function startSandboxWorker(lib) {
  const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(SANDBOX_WORKER)}`), { workerData: { lib: pathToFileURL(lib).href, secret: SECRET } });
  const info = await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
  const setKnobs = (knobs) => new Promise((resolve) => { w.once('message', resolve); w.postMessage({ knobs }); });
  return { ...info, setKnobs, stop: () => w.terminate() };
}

function makeEngine(mod, sb) {
  const store = new mod.MemoryStore();
  const engine = mod.createEngine({
    gateway: { url: sb.url, network: 'sandbox', stationId: 'CK-520103-01', stationSecret: SECRET },
    store, adapters: mod.ADAPTERS, events: { request: () => {}, findings: () => {}, network: () => {} }, log: () => {},
  });
  return { engine, store };
}

const ctxOf = (sb, c, i) => ({ caseId: `case-${i}`, caseNumber: c.number, court: sb.court, officer: c.officer, channels: 'property' });
const partiesOf = (c, i) => c.debtors.map((d, j) => ({ id: `debtor-${i}-${j}`, caseId: `case-${i}`, role: 'debtor', ...d }));

/** the agency's own time for one request: answeredAt − acceptedAt of its answered status */
function agencyMs(store, requestId) {
  for (const x of store.exchangesOf(requestId)) {
    if (x.direction !== 'received') continue;
    try {
      const b = JSON.parse(x.body);
      if (b.status === 'answered' && b.acceptedAt && b.answeredAt) return Date.parse(b.answeredAt) - Date.parse(b.acceptedAt);
    } catch { /* not a status body */ }
  }
  return undefined;
}

async function oneClick(mod, sb) {
  const { engine, store } = makeEngine(mod, sb);
  try {
    const t0 = performance.now();
    const reqs = engine.queryCase(ctxOf(sb, sb.demo, 0), partiesOf(sb.demo, 0));
    await engine.idle();
    const wall = performance.now() - t0;
    const answered = reqs.map((r) => store.getRequest(r.id)).filter((r) => r.state === 'answered');
    const slowest = Math.max(...answered.map((r) => agencyMs(store, r.id) ?? 0));
    emit(entry({
      id: 'P1', what: `one click, ${sb.demo.debtors.length}-debtor demo case, ${reqs.length} requests (${answered.length} answered) at sandbox latency scale ${sb.latencyScale}: wall ms ÷ slowest agency answer ms`,
      value: wall, bound: slowest > 0 ? slowest : null, goal: 1.05,
    }));
  } finally {
    await engine.stop();
  }
}

const P1_WHAT = 'one click, 3-debtor demo case: wall ÷ slowest agency answer';
const P2_WHAT = 'batch one-click query: request rate ÷ rate-limit bound';
const P7_WHAT = "event-loop delay p99 of the page's thread during a batch ÷ idle";
const HOST_CASES = Math.min(Number(process.env.BENCH_HOST_CASES ?? 30), 240);

/** the channel whose requests ÷ its rate limit is the longest: the least time the batch can take, s */
function rateBound(mod, executed) {
  return Object.entries(executed)
    .map(([channel, n]) => ({ channel, n, rate: mod.ADAPTERS[channel].limits.ratePerSecond, seconds: n / mod.ADAPTERS[channel].limits.ratePerSecond }))
    .reduce((a, b) => (b.seconds > a.seconds ? b : a));
}

/** P2 and P7 from one batch through host mode, core in its worker; P7's comparison with the core on the page's thread */
async function hostBatch(mod) {
  const bundle = await bundleHost(root);
  const ran = (r) => `${r.cases} cases, ${r.state} in ${r.seconds.toFixed(1)} s, ${r.totals.settled} settled, ${r.totals.skipped} skipped, ${r.events} events to the page`;
  let before;
  try {
    before = await measureHostThread(bundle, { cases: HOST_CASES, latencyScale: BATCH_SCALE, inThread: true });
  } catch (e) {
    console.error('P7 with the core on the page thread not measured:', e);
  }
  const after = await measureHostThread(bundle, { cases: BATCH, latencyScale: BATCH_SCALE, inThread: false });
  const requests = Object.values(after.executed).reduce((a, n) => a + n, 0);
  const bound = rateBound(mod, after.executed);
  emit(entry({
    id: 'P2',
    what: `batch one-click query through host mode (the job, its store and engine in the core's worker, a page following over the socket): ${ran(after)}, ` +
      `${requests} requests executed by the sandbox over ${Object.keys(after.executed).length} channels, latency scale ${BATCH_SCALE}; ` +
      `requests/s achieved ÷ the rate-limit bound (${bound.channel}: ${bound.n} requests at ${bound.rate}/s = ${bound.seconds.toFixed(1)} s)`,
    value: requests / after.seconds, bound: requests / bound.seconds, goal: 0.95, better: 'higher',
  }));
  const ms = (x) => x.toFixed(1);
  emit(entry({
    id: 'P7',
    what: `event-loop delay p99 (ms) of host mode's HTTP/WebSocket thread during that batch (core in its worker thread) ÷ idle p99` +
      (before ? `; with the core on that thread as before: ${ms(before.busy)} ÷ ${ms(before.idle)} (${ran(before)})` : ''),
    value: after.busy, bound: after.idle, goal: 2,
  }));
}
let sb;
try {
  const lib = await bundle('query-engine', `
    export { createEngine } from './electron/engine/engine';
    export { MemoryStore } from './electron/engine/memory-store';
    export { ADAPTERS } from './electron/engine/adapters';`);
  const sandboxLib = await bundle('query-sandbox', `export { startSandbox } from './electron/sandbox';`);
  const mod = await import(pathToFileURL(lib).href);
  sb = await startSandboxWorker(sandboxLib);
  try { await oneClick(mod, sb); } catch (e) { emit(failed('P1', P1_WHAT, e, 1.05)); }
  await sb.stop();
  sb = undefined;
  try {
    await hostBatch(mod);
  } catch (e) {
    emit(failed('P2', P2_WHAT, e, 0.95, 'higher'));
    emit(failed('P7', P7_WHAT, e, 2));
  }
} catch (e) {
  emit(failed('P1', P1_WHAT, e, 1.05));
  emit(failed('P2', P2_WHAT, e, 0.95, 'higher'));
  emit(failed('P7', P7_WHAT, e, 2));
} finally {
  await sb?.stop();
}
