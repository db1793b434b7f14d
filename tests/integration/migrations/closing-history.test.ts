/**
 * Migration "closing history and dashboard indexes": cases stored before read as before and stay
 * open; after it a case may carry the way the case-management system records its closing (only
 * the known ways), and the dashboard's passes over closings and recovered money use their indexes.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'closing history and dashboard indexes');
const before = databasesAtVersion(at);
const plan = (d: ReturnType<typeof before>, sql: string) =>
  (d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration: closing history and dashboard indexes', () => {
  it('keeps the cases as they were and admits only the known ways of closing', () => {
    expect(at).toBe(24);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(25);
    expect(d.prepare('SELECT status, cms_closing, closed_on FROM cases WHERE id = ?').get('c1')).toEqual({ status: 'open', cms_closing: null, closed_on: null });
    const close = d.prepare(`UPDATE cases SET status = 'closed', closed_on = '2026-05-01', cms_closing = ? WHERE id = 'c1'`);
    expect(() => close.run('paid')).toThrow(/CHECK/);
    for (const way of ['completed', 'terminal', 'ended', 'withdrawn', 'not-enforced']) close.run(way);
    expect(d.prepare('SELECT cms_closing FROM cases WHERE id = ?').pluck().get('c1')).toBe('not-enforced');
    // closed_as: the way wherever the case was closed; a closing made here comes first
    expect(d.prepare('SELECT closed_as FROM cases WHERE id = ?').pluck().get('c1')).toBe('not-enforced');
    d.prepare(`UPDATE cases SET closing = 'completed' WHERE id = 'c1'`).run();
    expect(d.prepare('SELECT closed_as FROM cases WHERE id = ?').pluck().get('c1')).toBe('completed');
  });

  it('closings by day and payments by day are read through an index', () => {
    const d = before();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(plan(d, "SELECT id FROM cases c WHERE c.closed_on BETWEEN '2026-01-01' AND '2026-12-31'")).toMatch(/USING (COVERING )?INDEX cases_closed_on/);
    expect(plan(d, "SELECT id, assignee, closed_as, type, filed_on FROM cases c WHERE c.closed_on BETWEEN '2026-01-01' AND '2026-12-31' AND c.court = '黔0103'"))
      .toMatch(/USING (COVERING )?INDEX cases_closed_on/);
    expect(plan(d, "SELECT id FROM debtor_payments WHERE paid_on BETWEEN '2026-01-01' AND '2026-12-31'")).toMatch(/USING (COVERING )?INDEX debtor_payments_paid_on/);
  });
});
