// Dashboard benchmark: `node tests/bench/dashboard.bench.mjs` (BENCH_CASES=n to scale).
// P6: the bureau dashboard's read (`dashboard.read` for the director, a year) over 10,000 cases
// in the encrypted store ÷ the bare SQL aggregate of the same closings and payments over the same
// file (a second connection, no repository, no rules). Medians of several runs; never fails on speed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { emit, entry, failed } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = 7;
const JUDGES = ['F520103001', 'F520103004', 'F520103005'];
const WAYS = ['completed', 'terminal', 'ended', 'withdrawn', 'not-enforced'];

const dir = mkdtempSync(path.join(tmpdir(), 'ck-dashboard-bench-'));
const out = path.join(root, 'dist', 'bench', 'dashboard.cjs');
await build({
  stdin: {
    contents: `export { openSecureStore } from './electron/store';
      export { openEncryptedDb } from './electron/store/db';
      export { dashboardHandlers } from './electron/services/handlers/dashboard';
      export { readRows } from './electron/services/dashboard/rows';
      export { figuresOf, judgesOf, byMonthOf, indicatorsOf } from './electron/services/dashboard/figures';
      export { holidayCalendarFrom } from './shared/dates';
      export { default as holidayTable } from './resources/holidays/cn-holidays.json';`,
    resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts',
  },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning',
  external: ['better-sqlite3-multiple-ciphers'],
});
const { openSecureStore, openEncryptedDb, dashboardHandlers, readRows, figuresOf, judgesOf, byMonthOf, indicatorsOf, holidayCalendarFrom, holidayTable } = require(out);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const day = (i) => {
  const d = new Date(Date.UTC(2025, 0, 2) + (i % 700) * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const plusDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

try {
  const key = randomBytes(32);
  const file = path.join(dir, 'bench.db');
  const store = openSecureStore({ file, key, create: true });
  // 10,000 cases over two years, half of them closed in one of the five ways, three judges
  const cases = Array.from({ length: CASES }, (_, i) => {
    const filedOn = day(i);
    const closed = i % 2 === 0;
    return {
      number: `(${filedOn.slice(0, 4)})黔0103执${i + 1}号`, filedOn, cause: '民间借贷纠纷', amountOwed: 1_000_000 + i, costs: 10_000,
      applicant: { kind: 'company', name: '贵州某商贸有限公司', idNumber: '91350100M000100Y43' },
      debtors: [{ kind: 'person', name: '测试', idNumber: '11010519491231002X' }],
      assignee: JUDGES[i % JUDGES.length],
      ...(closed ? { closedOn: plusDays(filedOn, 20 + (i % 300)), cmsClosing: WAYS[i % WAYS.length] } : {}),
    };
  });
  store.cases.upsertMany(cases);
  // a debtor's payment in one case in ten
  const list = store.cases.list({ status: 'open', limit: 500 });
  for (const s of list.items.slice(0, Math.min(500, Math.ceil(CASES / 10)))) {
    const c = store.cases.get(s.id);
    store.debtorPayments.record({ caseId: c.id, partyId: c.parties.find((p) => p.role === 'debtor').id, amount: 10_000, paidOn: '2025-06-01', method: 'other' }, 'F520103001');
  }

  const d = { now: () => new Date('2025-12-04T04:00:00Z'), holidays: holidayCalendarFrom(holidayTable) };
  const h = dashboardHandlers(d);
  const ctx = { store, officer: { code: 'F520103009', name: '周建国', court: '黔0103', role: 'director' }, transport: 'host' };
  const input = { period: { kind: 'year', of: '2025' } };
  const dash = [];
  let shown;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    shown = h.read(input, ctx);
    dash.push(performance.now() - t);
  }

  // bound: the same closings per judge and way and the same payments, one bare aggregate each
  if (process.env.BENCH_PROFILE) {
    const sc = { court: '黔0103' };
    const time = (name, fn) => { const t = performance.now(); for (let i = 0; i < 5; i++) fn(); console.log(name, ((performance.now() - t) / 5).toFixed(1)); };
    const days = { from: '2025-01-01', to: '2025-12-31', windowFrom: '2023-01-01', today: '2025-12-04', nearFrom: '2025-05-19', nearTo: '2025-07-04', warn: 30 };
    time('closings', () => store.dashboard.closings(sc, days, d.holidays));
    time('window', () => store.dashboard.window(sc, days, d.holidays));
    time('recovered', () => store.dashboard.recovered(sc, days));
    time('counts', () => store.dashboard.counts(sc, days, d.holidays));
    time('readRows', () => readRows(store, sc, { kind: 'year', of: '2025', from: '2025-01-01', to: '2025-12-31' }, '2025-12-04', d.holidays));
    time('read', () => h.read(input, ctx));
    const rr = readRows(store, sc, { kind: 'year', of: '2025', from: '2025-01-01', to: '2025-12-31' }, '2025-12-04', d.holidays);
    time('figures', () => { figuresOf(rr, ''); for (const j of judgesOf(rr)) figuresOf(rr, j); byMonthOf(rr); indicatorsOf(rr); });
    time('officers', () => { for (const j of JUDGES) store.officers.get(j); });
    time('freezesEnding', () => store.alertScans.freezesEnding('2025-12-04', '2025-12-07'));
  }
  const raw = openEncryptedDb(file, key);
  const closings = raw.prepare(`SELECT assignee, cms_closing, count(*) AS n, sum(julianday(closed_on) - julianday(filed_on)) AS days
    FROM cases WHERE closed_on BETWEEN ? AND ? GROUP BY assignee, cms_closing`);
  const paid = raw.prepare(`SELECT c.assignee, sum(p.amount) FROM debtor_payments p JOIN cases c ON c.id = p.case_id
    WHERE p.paid_on BETWEEN ? AND ? GROUP BY c.assignee`);
  const bare = [];
  let rows;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    rows = closings.all('2025-01-01', '2025-12-31');
    paid.all('2025-01-01', '2025-12-31');
    bare.push(performance.now() - t);
  }
  const counted = rows.reduce((t, r) => t + r.n, 0);
  if (counted !== shown.total.closed) throw new Error(`the dashboard shows ${shown.total.closed} closings, SQL counts ${counted}`);

  const v = median(dash);
  const b = median(bare);
  console.log(`dashboard bench: ${CASES} cases, ${shown.total.closed} closed in the year, ${RUNS} runs`);
  console.log(`${'dashboard.read (director, a year) vs bare SQL aggregate'.padEnd(60)} ${v.toFixed(1).padStart(8)} ms  bound ${b.toFixed(1).padStart(8)} ms  ratio ${(v / b).toFixed(2)}`);
  emit(entry({ id: 'P6', what: `the dashboard's read over ${CASES} cases (director, a year, median of ${RUNS}) ms ÷ the bare SQL aggregate of the same closings and payments ms`, value: v, bound: b, goal: 3 }));
  raw.close();
  store.close();
} catch (e) {
  emit(failed('P6', 'dashboard over 10,000 cases ÷ bare SQL aggregate', e, 3));
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
