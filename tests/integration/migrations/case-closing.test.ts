/**
 * The case-closing migration: a case keeps its data and gains the day, the officer and the way it
 * was closed (执行完毕 only); a refused deduction is taken up again at most once. Found by its name,
 * not its number, so that it may be renumbered.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'case-closing');
const before = databasesAtVersion(at);

describe('migration: case closing', () => {
  it('keeps an open case as it was, records a closing as 执行完毕 only, and takes up a refusal once', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    expect(d.prepare("SELECT status, recovered, closed_on, closed_by, closing FROM cases WHERE id = 'c1'").get())
      .toEqual({ status: 'open', recovered: 0, closed_on: null, closed_by: null, closing: null });
    d.prepare("UPDATE cases SET status = 'closed', closed_on = '2026-12-02', closed_by = 'F520103001', closing = 'completed' WHERE id = 'c1'").run();
    expect(() => d.prepare("UPDATE cases SET closing = '终本' WHERE id = 'c1'").run()).toThrow(/CHECK/);
    const idx = d.prepare<[], { name: string; unique: number; partial: number }>("PRAGMA index_list('measures')").all().find((i) => i.name === 'measures_retry_of');
    expect(idx).toMatchObject({ unique: 1, partial: 1 });
  });
});
