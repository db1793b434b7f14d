// Connector engine benchmark: `node tests/bench/engine.bench.mjs` (BENCH_DEBTORS=n to scale).
// Bundles the engine with esbuild, runs a minimal gateway in a worker thread, and reports ratios
// against bounds measured in the same run, never absolute targets; it never fails on speed.
//   1. round trips: the engine's whole path (outbox writes, gates, signing, parsing, normalising,
//      events) for every request, against bare node:http calls doing the same round trips;
//   2. main-thread responsiveness while the feedback streams in (event-loop delay, docs/architecture.md, principle 10);
//   3. normalising and saving feedback records against JSON.parse of the same answers.
import { build } from 'esbuild';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEBTORS = Number(process.env.BENCH_DEBTORS ?? 300);
const RECORDS_PER_ANSWER = 5;

async function bundle() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ck-engine-bench-'));
  const out = path.join(dir, 'engine.mjs');
  await build({
    stdin: {
      contents: `
        export { createEngine } from './electron/engine/engine';
        export { MemoryStore } from './electron/engine/memory-store';
        export { fakeAdapters, FAST_LIMITS, CTX, party } from './tests/helpers/engine-kit';
        export { channelsFor } from './shared/domain/channels';`,
      resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning',
  });
  return { dir, mod: await import(pathToFileURL(out).href) };
}

// A gateway that does the least work a real one must: read, answer JSON. Accepted requests are
// answered at once, so the measured time is the client side's.
const GATEWAY = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const records = Array.from({ length: workerData.records }, (_, i) => ({ institution: '某银行营业部', identifier: '62220000' + String(i).padStart(8, '0'), value: 100000 + i }));
const known = new Map();
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const send = (s, v) => { res.writeHead(s, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
    if (req.url === '/gw/v1/health') return send(200, { ok: true, network: 'sandbox', time: new Date().toISOString() });
    if (req.method === 'POST') {
      const b = JSON.parse(body);
      known.set(b.clientRequestId, b.channel);
      return send(202, { clientRequestId: b.clientRequestId, gatewayRef: 'G', status: 'answered', acceptedAt: new Date().toISOString() });
    }
    const id = decodeURIComponent(req.url.split('/').pop());
    if (!known.has(id)) return send(404, { error: { code: 'NOT_FOUND', message: 'unknown' } });
    send(200, { clientRequestId: id, gatewayRef: 'G', channel: known.get(id), kind: 'query', status: 'answered', acceptedAt: 't', answeredAt: 't', feedback: { records } });
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

function startGateway() {
  const w = new Worker(GATEWAY, { eval: true, workerData: { records: RECORDS_PER_ANSWER } });
  return new Promise((resolve) => w.once('message', (port) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => w.terminate() })));
}

const bareAgent = new http.Agent({ keepAlive: true });
function bareCall(url, method, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request(url, { method, headers, agent: bareAgent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** bare HTTP: the same submit + status round trips at the same parallelism, nothing else */
async function bareRoundTrips(url, n, parallel) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < n) {
      const id = `bare-${next++}`;
      JSON.parse(await bareCall(`${url}/gw/v1/requests`, 'POST', JSON.stringify({ clientRequestId: id, channel: 'bank.icbc' })));
      JSON.parse(await bareCall(`${url}/gw/v1/requests/${id}`, 'GET'));
    }
  }));
  return performance.now() - t0;
}

function noteRatio(label, value, bound, unit, lowerIsBetter = true) {
  const ratio = value / bound;
  console.log(`${label.padEnd(46)} ${value.toFixed(1).padStart(10)} ${unit}  bound ${bound.toFixed(1).padStart(9)} ${unit}  ratio ${ratio.toFixed(2)}${lowerIsBetter ? '' : ' (higher is better)'}`);
  return ratio;
}

async function main() {
  const { dir, mod } = await bundle();
  const { createEngine, MemoryStore, fakeAdapters, FAST_LIMITS, CTX, party, channelsFor } = mod;
  const gw = await startGateway();
  try {
    const limits = { ...FAST_LIMITS, concurrency: 4, ratePerSecond: 1e6, timeoutMs: 30_000, pollIntervalMs: 1, maxPolls: 5 };
    const channels = channelsFor('person').length;
    const requests = DEBTORS * channels;
    const parallel = channels * limits.concurrency;
    console.log(`engine bench: ${DEBTORS} debtors × ${channels} channels = ${requests} requests, ${requests * RECORDS_PER_ANSWER} feedback records, ${parallel} calls in parallel`);

    // warm both paths up
    await bareRoundTrips(gw.url, 200, parallel);
    const bareLoop = monitorEventLoopDelay({ resolution: 5 });
    bareLoop.enable();
    const bare = await bareRoundTrips(gw.url, requests, parallel);
    bareLoop.disable();

    const store = new MemoryStore();
    let answered = 0;
    let findings = 0;
    const engine = createEngine({
      gateway: { url: gw.url, network: 'sandbox', stationId: 'BENCH', stationSecret: 'bench-secret' },
      store, adapters: fakeAdapters(limits),
      events: { request: (r) => { if (r.state === 'answered') answered += 1; }, findings: (_c, _r, s) => { findings += s.assets.length + s.whereabouts.length + s.info.length; }, network: () => {} },
    });
    const debtors = Array.from({ length: DEBTORS }, (_, i) => party({ id: `debtor-${i}` }));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    const tq0 = performance.now();
    const reqs = engine.queryCase(CTX, debtors);
    const queryCaseMs = performance.now() - tq0;
    await engine.idle();
    const engineMs = performance.now() - t0;
    loop.disable();
    await engine.stop();
    if (answered !== reqs.length) console.log(`warning: ${answered} of ${reqs.length} answered`);

    // normalising + saving vs parsing the same answers
    const adapters = fakeAdapters(limits);
    const text = JSON.stringify({ records: Array.from({ length: RECORDS_PER_ANSWER }, (_, i) => ({ institution: '某银行营业部', identifier: `62220000${i}`, value: 100000 + i })) });
    const n = requests;
    let t = performance.now();
    for (let i = 0; i < n; i += 1) JSON.parse(text);
    const parseMs = performance.now() - t;
    const s2 = new MemoryStore();
    s2.insertRequests(reqs.map((r) => ({ ...r, state: 'waiting' })));
    t = performance.now();
    for (let i = 0; i < n; i += 1) s2.saveFindings(reqs[i].id, adapters[reqs[i].channel].normalize(JSON.parse(text)), text, 't');
    const normMs = performance.now() - t;

    console.log('');
    noteRatio('round trips: engine vs bare node:http', engineMs, bare, 'ms');
    // the least an outbox write of every row costs: serialising each once
    t = performance.now();
    for (const r of reqs) JSON.stringify(r);
    const rowsMs = performance.now() - t;
    noteRatio('queryCase returns vs serialising its rows', queryCaseMs, rowsMs, 'ms');
    // the bound: the same event-loop measure while bare node:http does the same round trips
    noteRatio('event-loop delay p99: engine vs bare http', loop.percentile(99) / 1e6, Math.max(bareLoop.percentile(99) / 1e6, 1), 'ms');
    noteRatio('event-loop delay max: engine vs bare http', loop.max / 1e6, Math.max(bareLoop.max / 1e6, 1), 'ms');
    noteRatio('normalise + save vs JSON.parse alone', normMs, parseMs, 'ms');
    console.log(`records normalised per second: ${Math.round((n * RECORDS_PER_ANSWER) / (normMs / 1000))}; findings streamed: ${findings}`);
    console.log('(ratios compare with bounds measured in this run; no figure fails the run)');
  } finally {
    bareAgent.destroy();
    await gw.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
