/**
 * The figures `npm run bench` writes (docs/bench.md): ratios against same-run bounds, every expected
 * figure present even when its bench failed, and the printed table saying which goals were met.
 */
import { describe, expect, it } from 'vitest';
import { complete, emit, entry, ENTRY_PREFIX, failed, formatTable, meets, parseEntries } from '../bench/report.mjs';

describe('bench figures', () => {
  it('a figure is its value over its bound, or the value itself when the goal is on the value', () => {
    expect(entry({ id: 'P3', what: 'save', value: 130, bound: 100, goal: 1.3 })).toEqual({ id: 'P3', what: 'save', value: 130, bound: 100, ratio: 1.3, goal: 1.3, better: 'lower' });
    expect(entry({ id: 'P5', what: 'MiB', value: 12.5, goal: 30 }).ratio).toBe(12.5);
    expect(entry({ id: 'P1', what: 'x', value: 5, bound: 0, goal: 1 }).ratio).toBeNull();
    expect(entry({ id: 'P1', what: 'x', value: Number.NaN, bound: 3, goal: 1 })).toMatchObject({ value: null, ratio: null });
  });

  it('meets its goal in the direction that is better', () => {
    expect(meets(entry({ id: 'a', what: '', value: 1, bound: 1, goal: 1.05 }))).toBe(true);
    expect(meets(entry({ id: 'a', what: '', value: 2, bound: 1, goal: 1.05 }))).toBe(false);
    expect(meets(entry({ id: 'b', what: '', value: 90, bound: 100, goal: 0.95, better: 'higher' }))).toBe(false);
    expect(meets(entry({ id: 'b', what: '', value: 96, bound: 100, goal: 0.95, better: 'higher' }))).toBe(true);
    expect(meets(failed('c', 'x', new Error('boom'), 2))).toBeNull();
  });

  it('reads back what a sub-bench printed among its other lines', () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => (lines.push(s), true)) as typeof process.stdout.write;
    try {
      emit(entry({ id: 'P3', what: 'save', value: 2, bound: 1, goal: 1.3 }));
    } finally {
      process.stdout.write = write;
    }
    expect(lines[0]!.startsWith(ENTRY_PREFIX)).toBe(true);
    expect(parseEntries(`store bench: 30000 records\n${lines[0]}other line\n`)).toEqual([entry({ id: 'P3', what: 'save', value: 2, bound: 1, goal: 1.3 })]);
  });

  it('keeps every expected figure in order, a missing one null with its reason', () => {
    const expected = [
      { id: 'P1', what: 'one click', goal: 1.05, better: 'lower' as const },
      { id: 'P2', what: 'rate', goal: 0.95, better: 'higher' as const },
    ];
    const out = complete(expected, [entry({ id: 'P2', what: 'rate measured', value: 50, bound: 55, goal: 0.95, better: 'higher' })], () => 'query.bench.mjs exited with 1');
    expect(out.map((e) => e.id)).toEqual(['P1', 'P2']);
    expect(out[0]).toMatchObject({ value: null, ratio: null, goal: 1.05, better: 'lower' });
    expect(out[0]!.what).toContain('query.bench.mjs exited with 1');
    expect(out[1]!.ratio).toBeCloseTo(50 / 55, 6);
  });

  it('prints one row per figure with value, bound, ratio, goal and whether it was met', () => {
    const table = formatTable([
      entry({ id: 'P3', what: 'save findings', value: 390, bound: 100, goal: 1.3 }),
      entry({ id: 'P2', what: 'batch rate', value: 97, bound: 100, goal: 0.95, better: 'higher' }),
      failed('P6', 'dashboard', 'no dashboard yet', 3),
    ]).split('\n');
    expect(table[0]).toMatch(/^id\s+value\s+bound\s+ratio\s+goal\s+status\s+what$/);
    expect(table).toHaveLength(5);
    expect(table[2]).toMatch(/^P3\s+390\.0\s+100\.0\s+3\.90\s+≤ 1\.3\s+not met\s+save findings$/);
    expect(table[3]).toMatch(/^P2\s+97\.0\s+100\.0\s+0\.97\s+≥ 0\.95\s+met\s+batch rate$/);
    expect(table[4]).toMatch(/^P6\s+—\s+—\s+—\s+≤ 3\s+n\/a\s+dashboard — not measured: no dashboard yet$/);
  });
});
