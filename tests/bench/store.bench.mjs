// Secure store benchmark: `node tests/bench/store.bench.mjs` (BENCH_RECORDS=n to scale).
// Ratios against bounds measured in the same run, never absolute targets; never fails on speed.
//   1. saving feedback findings into the encrypted store (repository, audit-free path, SQLCipher)
//      against the same rows inserted into a plain, unencrypted SQLite file with the same pragmas;
//   2. reading a case's query view against a bare SELECT of the same rows;
//   3. memory: resident set growth while the records go in.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
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

  const rss0 = rss();
  let t = performance.now();
  reqs.forEach((r, i) => {
    const assets = Array.from({ length: PER_REQUEST }, (_, j) => asset(i, j));
    store.engine.saveFindings(r.id, { assets, whereabouts: [], info: [] }, JSON.stringify({ assets }), now);
  });
  const encMs = performance.now() - t;
  const rss1 = rss();

  // bound: the same rows, one transaction per request, into a plain SQLite file with the same pragmas
  const plain = new Database(path.join(dir, 'plain.db'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = FULL');
  plain.exec(`CREATE TABLE f(request_id TEXT PRIMARY KEY, raw TEXT, received_at TEXT);
    CREATE TABLE a(id TEXT PRIMARY KEY, request_id TEXT, kind TEXT, institution TEXT, identifier TEXT, description TEXT, value INTEGER, available INTEGER, freezes TEXT, found_at TEXT)`);
  const insF = plain.prepare('INSERT INTO f VALUES (?,?,?)');
  const insA = plain.prepare('INSERT INTO a VALUES (?,?,?,?,?,?,?,?,?,?)');
  const tx = plain.transaction((r, i) => {
    const assets = Array.from({ length: PER_REQUEST }, (_, j) => asset(i, j));
    insF.run(r.id, JSON.stringify({ assets }), now);
    for (const a of assets) insA.run(randomUUID(), r.id, a.kind, a.institution, a.identifier, a.description, a.value, a.available, '[]', now);
  });
  t = performance.now();
  reqs.forEach((r, i) => tx(r, i));
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
  console.log(`store bench: ${RECORDS} asset records in ${nReq} answers`);
  line('save findings: encrypted store vs plain SQLite', encMs, plainMs);
  line(`query view (${view.assets.length} assets) vs bare SELECT (${rows.length})`, viewMs, selMs);
  console.log(`resident memory growth while saving: ${((rss1 - rss0) / 1048576).toFixed(1)} MiB for ${RECORDS} records`);
  emit(entry({ id: 'P3', what: `saving findings, ${RECORDS} asset records in ${nReq} answers: encrypted store ms ÷ plain SQLite ms, same rows and pragmas`, value: encMs, bound: plainMs, goal: 1.3 }));
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
