/**
 * Migration "debtor payments": cases stored before read as before; after it a payment holds a
 * positive whole amount, a known method and a day; a row is never edited or deleted, and a payment
 * is reversed at most once, always with a reason.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'debtor payments');
const before = databasesAtVersion(at);

describe('migration: debtor payments', () => {
  it('keeps positive amounts, known methods, rows never edited, one reversal with a reason', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO parties (id, case_id, role, kind, name, id_number, position) VALUES ('p1', 'c1', 'debtor', 'person', '乙', '520102197001010027', 1)`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(MIGRATIONS[at]!.version);
    expect(d.prepare('SELECT number FROM cases WHERE id = ?').pluck().get('c1')).toBe('(2026)黔0103执1号');
    const pay = d.prepare(`INSERT INTO debtor_payments (id, case_id, party_id, amount, paid_on, method, reverses, reason, recorded_by, recorded_at)
      VALUES (?, 'c1', 'p1', ?, '2026-03-01', ?, ?, ?, 'J', 't')`);
    expect(() => pay.run('x0', 0, 'other', null, null)).toThrow(/CHECK/);
    expect(() => pay.run('x1', 10, 'cash', null, null)).toThrow(/CHECK/);
    pay.run('a', 10, 'court-account', null, null);
    expect(() => d.prepare(`UPDATE debtor_payments SET amount = 5 WHERE id = 'a'`).run()).toThrow(/PAYMENT_NEVER_EDITED/);
    expect(() => d.prepare(`DELETE FROM debtor_payments WHERE id = 'a'`).run()).toThrow(/PAYMENT_NEVER_EDITED/);
    expect(() => pay.run('r0', 10, 'court-account', 'a', null)).toThrow(/CHECK/);
    pay.run('r1', 10, 'court-account', 'a', '误录');
    expect(() => pay.run('r2', 10, 'court-account', 'a', '再撤')).toThrow(/UNIQUE/);
  });
});
