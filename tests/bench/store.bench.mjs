// Secure store benchmark: `node tests/bench/store.bench.mjs` (BENCH_RECORDS=n to scale).
// Ratios against bounds measured in the same run, never absolute targets; never fails on speed.
//   1. taking answers in through the encrypted store the way the engine does (poll counter, the
//      answer kept as evidence, feedback and findings, the move to 'answered', told once on disk;
//      BENCH_BURST answers a turn of the event loop, 50 by default) against the same rows written
//      into a plain, unencrypted SQLite file with the same pragmas, one transaction per answer;
//   2. reading a case's query view against a bare SELECT of the same rows;
//   3. memory: resident set growth while the records go in.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { emit, entry, failed } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3-multiple-ciphers');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 30_000);
const PER_REQUEST = 5;
/** answers taken in per turn of the event loop (a busy engine's HTTP answers landing together) */
const BURST = Math.max(1, Number(process.env.BENCH_BURST ?? 50));

const dir = mkdtempSync(path.join(tmpdir(), 'ck-store-bench-'));
// bundled inside the checkout (dist/ is ignored) so that the native module resolves from node_modules
const out = path.join(root, 'dist', 'bench', 'store.cjs');
await build({
  stdin: { contents: `export { openSecureStore } from './electron/store';`, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning',
  external: ['better-sqlite3-multiple-ciphers'],
});
const { openSecureStore } = require(out);

const rss = () => process.memoryUsage().rss;

try {
  const store = openSecureStore({ file: path.join(dir, 'bench.db'), key: randomBytes(32), create: true });
  const RESIDENT = '11010519491231002X';
  const c = store.cases.create({
    number: '(2025)黔0103执1号', filedOn: '2025-03-01', cause: '民间借贷纠纷', amountOwed: 1_000_000, costs: 10_000,
    applicant: { kind: 'company', name: '贵州某商贸有限公司', idNumber: '91350100M000100Y43' },
    debtors: [{ kind: 'person', name: '测试', idNumber: RESIDENT }],
  });
  const debtor = c.parties.find((p) => p.role === 'debtor');
  const now = new Date().toISOString();
  const nReq = Math.ceil(RECORDS / PER_REQUEST);
  const CHANNELS = ['bank.icbc', 'bank.ccb', 'bank.abc', 'bank.boc', 'bank.bocom', 'bank.cmb', 'bank.gyb'];
  const reqs = Array.from({ length: nReq }, (_, i) => ({
    id: randomUUID(), caseId: c.id, partyId: debtor.id, channel: CHANNELS[i % CHANNELS.length], kind: 'query', state: 'waiting', attempts: 1, polls: 0, createdAt: now, updatedAt: now,
  }));
  store.engine.insertRequests(reqs);
  const asset = (r, j) => ({
    kind: 'deposit', institution: '中国工商银行贵阳分行', identifier: `6222${String(r).padStart(7, '0')}${j}`, description: '活期储蓄',
    value: 100_000 + r, available: 100_000 + r, existingFreezes: [],
  });

  // An answer as the engine takes it in (electron/engine/query-steps.ts, a poll answered): the poll
  // counter, the answer kept as evidence, the feedback and findings, the move to 'answered'; each
  // told to the rest of the app once on disk. Answers arrive BURST to a turn of the event loop.
  const eng = store.engine;
  const durable = () => (eng.committed ? eng.committed() : Promise.resolve());
  const feedbackOf = (i) => JSON.stringify({ assets: Array.from({ length: PER_REQUEST }, (_, j) => asset(i, j)) });
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let told = 0;
  const storeAnswer = (r, i) => {
    const raw = feedbackOf(i);
    const assets = JSON.parse(raw).assets;
    eng.updateRequest(r.id, { polls: 1, updatedAt: now });
    eng.recordExchange({ requestId: r.id, direction: 'received', method: 'GET', path: `/gw/v1/requests/${r.id}`, httpStatus: 200, body: raw, at: now });
    const saved = eng.saveFindings(r.id, { assets, whereabouts: [], info: [] }, raw, now);
    const next = eng.updateRequest(r.id, { state: 'answered', polls: 1, attempts: 1, updatedAt: now });
    void durable().then(() => { told += saved.assets.length > 0 && next.state === 'answered' ? 1 : 0; });
  };

  const rss0 = rss();
  let t = performance.now();
  for (let i = 0; i < nReq; i++) {
    storeAnswer(reqs[i], i);
    if ((i + 1) % BURST === 0) await turn();
  }
  await durable();
  const encMs = performance.now() - t;
  const rss1 = rss();
  if (told !== nReq) throw new Error(`${nReq - told} answers were not told`);

  // bound: the same rows, one transaction per answer (the request's update, the exchange, the
  // feedback, the assets), into a plain SQLite file with the same pragmas and statements prepared once
  const plain = new Database(path.join(dir, 'plain.db'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = FULL');
  plain.exec(`CREATE TABLE r(id TEXT PRIMARY KEY, state TEXT, polls INTEGER, attempts INTEGER, updated_at TEXT);
    CREATE TABLE x(seq INTEGER PRIMARY KEY, request_id TEXT, direction TEXT, method TEXT, path TEXT, http_status INTEGER, body TEXT, sha256 TEXT, at TEXT);
    CREATE TABLE f(request_id TEXT PRIMARY KEY, raw TEXT, sha256 TEXT, received_at TEXT);
    CREATE TABLE a(id TEXT PRIMARY KEY, request_id TEXT, position INTEGER, kind TEXT, institution TEXT, identifier TEXT, description TEXT, value INTEGER, available INTEGER, freezes TEXT, found_at TEXT)`);
  const insR = plain.prepare("INSERT INTO r VALUES (?, 'waiting', 0, 1, ?)");
  plain.transaction(() => { for (const r of reqs) insR.run(r.id, now); })();
  const updR = plain.prepare("UPDATE r SET state = 'answered', polls = 1, attempts = 1, updated_at = ? WHERE id = ?");
  const insX = plain.prepare('INSERT INTO x (request_id, direction, method, path, http_status, body, sha256, at) VALUES (?,?,?,?,?,?,?,?)');
  const insF = plain.prepare('INSERT INTO f VALUES (?,?,?,?)');
  const insA = plain.prepare('INSERT INTO a VALUES (?,?,?,?,?,?,?,?,?,?,?)');
  const sha = (s) => createHash('sha256').update(s).digest('hex');
  const tx = plain.transaction((r, i) => {
    const raw = feedbackOf(i);
    const assets = JSON.parse(raw).assets;
    const digest = sha(raw);
    updR.run(now, r.id);
    insX.run(r.id, 'received', 'GET', `/gw/v1/requests/${r.id}`, 200, raw, digest, now);
    insF.run(r.id, raw, digest, now);
    assets.forEach((a, j) => insA.run(randomUUID(), r.id, j, a.kind, a.institution, a.identifier, a.description, a.value, a.available, '[]', now));
  });
  t = performance.now();
  for (let i = 0; i < nReq; i++) {
    tx(reqs[i], i);
    if ((i + 1) % BURST === 0) await turn();
  }
  const plainMs = performance.now() - t;

  t = performance.now();
  const view = store.caseQueryView(c.id);
  const viewMs = performance.now() - t;
  t = performance.now();
  // the same rows the view shows (a re-query supersedes: the newest answer per debtor × channel)
  const shownIds = [...new Set(view.assets.map((a) => a.requestId))];
  const rows = plain.prepare(`SELECT * FROM a WHERE request_id IN (${shownIds.map(() => '?').join(',')})`).all(...shownIds);
  const selMs = performance.now() - t;

  const line = (name, v, b) => console.log(`${name.padEnd(52)} ${v.toFixed(1).padStart(9)} ms  bound ${b.toFixed(1).padStart(9)} ms  ratio ${(v / b).toFixed(2)}`);
  console.log(`store bench: ${RECORDS} asset records in ${nReq} answers, ${BURST} a turn`);
  line('answers taken in: encrypted store vs plain SQLite', encMs, plainMs);
  line(`query view (${view.assets.length} assets) vs bare SELECT (${rows.length})`, viewMs, selMs);
  console.log(`resident memory growth while saving: ${((rss1 - rss0) / 1048576).toFixed(1)} MiB for ${RECORDS} records`);
  emit(entry({ id: 'P3', what: `taking in ${nReq} answers (${RECORDS} asset records, ${BURST} answers a turn) the engine's way through the encrypted store, until told on disk ms ÷ plain SQLite ms, same rows and pragmas, one transaction per answer`, value: encMs, bound: plainMs, goal: 1.3 }));
  emit(entry({
    id: 'P5', what: `resident memory growth (MiB) of the store's process while saving ${RECORDS} findings, per 10,000 (no sandbox in this process)`,
    value: ((rss1 - rss0) / 1048576) * (10_000 / RECORDS), goal: 30,
  }));
  console.log('(ratios compare with bounds measured in this run; no figure fails the run)');
  store.close();
  plain.close();
} catch (e) {
  emit(failed('P3', 'saving findings: encrypted store ÷ plain SQLite', e, 1.3));
  emit(failed('P5', 'resident memory per 10,000 stored findings, MiB', e, 30));
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
