// `npm run bench` (docs/bench.md): every benchmark in turn, then the figures P1–P7 written to
// test-results/bench.json and printed as one table. Each figure is a ratio against a bound measured
// in the same run; a sub-bench that fails leaves its figures null with the reason. Never fails on speed.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { complete, formatTable, parseEntries } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** the figures the issue asks for; a reason for each that no bench measures yet */
const EXPECTED = [
  { id: 'P1', what: 'one click, 3-debtor demo case: wall ÷ slowest agency answer', goal: 1.05, better: 'lower', from: 'query.bench.mjs' },
  { id: 'P2', what: 'batch one-click query of 1,000 cases: request rate ÷ rate-limit bound', goal: 0.95, better: 'higher', from: 'query.bench.mjs' },
  { id: 'P3', what: 'saving findings: encrypted store ÷ plain SQLite', goal: 1.3, better: 'lower', from: 'store.bench.mjs' },
  { id: 'P4', what: 'opening a case with 500 assets in Chromium, click → painted p95 ÷ static HTML', goal: 2, better: 'lower', from: 'assets.bench.mjs' },
  { id: 'P5', what: 'resident memory per 10,000 stored findings, MiB', goal: 30, better: 'lower', from: 'store.bench.mjs' },
  { id: 'P6', what: 'dashboard over 10,000 cases ÷ bare SQL aggregate', goal: 3, better: 'lower', from: 'dashboard.bench.mjs' },
  { id: 'P7', what: "event-loop delay p99 of the page's thread during the batch ÷ idle", goal: 2, better: 'lower', from: 'query.bench.mjs' },
];

function runBench(file) {
  return new Promise((resolve) => {
    let out = '';
    const p = spawn(process.execPath, [path.join(here, file)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    p.on('error', (e) => resolve({ out, status: `could not start: ${e.message}` }));
    p.on('close', (code, signal) => resolve({ out, status: code === 0 ? 'ok' : `exited with ${signal ?? code}` }));
  });
}

const got = [];
const status = new Map();
for (const b of ['engine.bench.mjs', 'store.bench.mjs', 'dashboard.bench.mjs', 'query.bench.mjs', 'assets.bench.mjs']) {
  console.log(`\n== ${b}`);
  const r = await runBench(b);
  status.set(b, r.status);
  try {
    got.push(...parseEntries(r.out));
  } catch (e) {
    status.set(b, `unreadable figures: ${e.message}`);
  }
}
const entries = complete(EXPECTED.map(({ id, what, goal, better }) => ({ id, what, goal, better })), got, (x) => {
  const e = EXPECTED.find((y) => y.id === x.id);
  return e.missing ?? `${e.from} ${status.get(e.from) === 'ok' ? 'did not report it' : status.get(e.from)}`;
});
const file = path.join(root, 'test-results', 'bench.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`);
console.log(`\n${formatTable(entries)}\n\nwritten to ${path.relative(root, file)} (ratios against bounds measured in this run; no figure fails the run)`);
