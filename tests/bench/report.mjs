// The figures `npm run bench` writes to test-results/bench.json and prints as a table
// (docs/bench.md). Each figure is a ratio of a value to a bound measured in the same run.

/** the line prefix a sub-bench prints before one figure as JSON, for the runner to collect */
export const ENTRY_PREFIX = 'BENCH_ENTRY ';

/**
 * One figure: `better` says which way is good; `ratio` is value ÷ bound, or the value itself when
 * the goal is on the value (bound null, e.g. MiB per 10,000 findings); null when not measured.
 */
export function entry({ id, what, value, bound = null, goal, better = 'lower' }) {
  const ok = (x) => typeof x === 'number' && Number.isFinite(x);
  const v = ok(value) ? value : null;
  const b = ok(bound) ? bound : null;
  let ratio = null;
  if (v !== null) ratio = bound === null ? v : b !== null && b > 0 ? v / b : null;
  return { id, what, value: v, bound: b, ratio, goal, better };
}

/** the figure of a sub-bench that could not measure it: no number, the reason in `what` */
export function failed(id, what, error, goal, better = 'lower') {
  const msg = error instanceof Error ? error.message : String(error);
  return entry({ id, what: `${what} — not measured: ${msg.split('\n')[0]}`, value: null, goal, better });
}

/** prints one figure for the runner (a sub-bench's stdout) */
export function emit(e) {
  process.stdout.write(`${ENTRY_PREFIX}${JSON.stringify(e)}\n`);
}

/** the figures in a sub-bench's output */
export function parseEntries(text) {
  return text.split('\n').filter((l) => l.startsWith(ENTRY_PREFIX)).map((l) => JSON.parse(l.slice(ENTRY_PREFIX.length)));
}

/** whether a figure meets its goal: true, false, or null when not measured */
export function meets(e) {
  if (e.ratio === null) return null;
  return e.better === 'higher' ? e.ratio >= e.goal : e.ratio <= e.goal;
}

/**
 * Every expected figure once, in the expected order: a measured one as measured, a missing one as
 * null with the reason (the sub-bench failed or did not report it).
 */
export function complete(expected, got, reasonFor) {
  const byId = new Map(got.map((e) => [e.id, e]));
  const out = expected.map((x) => byId.get(x.id) ?? failed(x.id, x.what, reasonFor(x), x.goal, x.better));
  for (const e of got) if (!expected.some((x) => x.id === e.id)) out.push(e);
  return out;
}

const num = (x, d) => (x === null ? '—' : x.toFixed(d));

/** the printed table: the same figures as bench.json, one line each */
export function formatTable(entries) {
  const rows = entries.map((e) => {
    const m = meets(e);
    return [e.id, num(e.value, 1), num(e.bound, 1), num(e.ratio, 2), `${e.better === 'higher' ? '≥' : '≤'} ${e.goal}`, m === null ? 'n/a' : m ? 'met' : 'not met', e.what];
  });
  const head = ['id', 'value', 'bound', 'ratio', 'goal', 'status', 'what'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === r.length - 1 ? c : i > 0 && i < 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
