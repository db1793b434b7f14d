/**
 * Migration "consumption restriction orders and exemptions": a case stored before it reads as
 * before; after it a debtor has one order under way at most, and an exemption cannot end before it
 * starts.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'consumption restriction orders and exemptions');
const before = databasesAtVersion(at);

const order = (id: string, state: string) => `INSERT INTO restriction_orders (id, case_id, party_id, debtor_name, debtor_id_number, debtor_kind, kinds, bound, state, drafted_by, created_at, updated_at)
  VALUES ('${id}', 'c1', 'p1', '某', '520103199001011234', 'person', '["cabin"]', '[]', '${state}', 'F520103001', 't', 't')`;

describe('migration: consumption restriction orders and exemptions', () => {
  it('keeps the cases stored before; one order under way per debtor; an exemption within its days', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    expect(d.prepare('SELECT number FROM cases WHERE id = ?').pluck().get('c1')).toBe('(2026)黔0103执1号');
    d.prepare(order('o1', 'issued')).run();
    expect(() => d.prepare(order('o2', 'draft')).run()).toThrow(/UNIQUE/);
    d.prepare(order('o3', 'refused')).run();
    expect(() => d.prepare(order('o4', 'withdrawn')).run()).toThrow(/CHECK/);
    const ex = (from: string, until: string) => d.prepare(`INSERT INTO restriction_exemptions (id, order_id, case_id, kind, reason, note, from_date, until_date, decided_by, decided_at, document_id)
      VALUES ('e${from}', 'o1', 'c1', 'bullet-train', 'medical', '就医', '${from}', '${until}', 'F520103001', 't', 'doc')`).run();
    ex('2026-03-02', '2026-03-04');
    expect(() => ex('2026-03-05', '2026-03-04')).toThrow(/CHECK/);
  });
});
