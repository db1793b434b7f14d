/**
 * Migration "conduct classifications" (docs/domain.md rule 8): a review kept before reads as before;
 * after it the judge's override without a reason is refused by the store itself, and a review is
 * never changed or removed — a new word is a new row.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'conduct classifications');
const before = databasesAtVersion(at);
const insert = `INSERT INTO conduct_reviews (id, case_id, party_id, proposed, decided, reason, decided_by, decided_at) VALUES (?, 'c1', 'p1', ?, ?, ?, 'F520103001', ?)`;

describe('migration: conduct classifications', () => {
  it('keeps the reviews stored before, refuses an override without a reason, and never changes a review', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES ('p1', 'c1', 0, 'debtor', 'person', '张三', '11010519491231002X')`).run();
    d.prepare(insert).run('old', 'refusing', 'unable', null, '2026-02-01T00:00:00.000Z');
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    expect(d.prepare(`SELECT decided, against FROM conduct_reviews WHERE id = 'old'`).get()).toEqual({ decided: 'unable', against: '[]' });

    expect(() => d.prepare(insert).run('r1', 'refusing', 'unable', ' ', '2026-03-01T00:00:00.000Z')).toThrow(/OVERRIDE_NEEDS_REASON/);
    expect(() => d.prepare(insert).run('r2', null, 'unable', null, '2026-03-01T00:00:00.000Z')).toThrow(/OVERRIDE_NEEDS_REASON/);
    d.prepare(insert).run('r3', 'refusing', 'refusing', null, '2026-03-01T00:00:00.000Z');
    d.prepare(insert).run('r4', 'refusing', 'unable', '存款系他人医疗费', '2026-03-02T00:00:00.000Z');
    expect(() => d.prepare(`UPDATE conduct_reviews SET decided = 'performing' WHERE id = 'r3'`).run()).toThrow(/CONDUCT_REVIEW_KEPT/);
    expect(() => d.prepare(`DELETE FROM conduct_reviews WHERE id = 'r4'`).run()).toThrow(/CONDUCT_REVIEW_KEPT/);
    expect(d.prepare('SELECT count(*) FROM conduct_reviews').pluck().get()).toBe(3);
  });
});
