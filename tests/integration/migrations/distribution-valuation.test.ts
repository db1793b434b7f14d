/**
 * Migration "distribution and valuation": cases stored before read as before; after it a claim to
 * share holds a positive amount and a known class, a rank only when it has priority, and is never
 * edited once withdrawn; the applicant's rank only with a priority; a valuation answered holds its
 * reference price and only then.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'distribution and valuation');
const before = databasesAtVersion(at);

describe('migration: distribution and valuation', () => {
  it('keeps positive claims of a known class, ranks only on priority claims, withdrawn claims untouched, answered valuations with their price', () => {
    expect(at).toBeGreaterThan(0);
    expect(MIGRATIONS[at]!.version).toBe(24);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(24);
    expect(d.prepare('SELECT number FROM cases WHERE id = ?').pluck().get('c1')).toBe('(2026)黔0103执1号');
    const claim = d.prepare(`INSERT INTO distribution_claims (id, case_id, creditor, id_number, basis, amount, priority, rank, added_by, added_at)
      VALUES (?, 'c1', '丙', '520102197001010027', '(2025)黔0102民初1号', ?, ?, ?, 'J', 't')`);
    expect(() => claim.run('x0', 0, 'ordinary', null)).toThrow(/CHECK/);
    expect(() => claim.run('x1', 10, 'secured', null)).toThrow(/CHECK/);
    expect(() => claim.run('x2', 10, 'ordinary', 1)).toThrow(/CHECK/);
    claim.run('a', 10, 'priority', 1);
    expect(() => d.prepare(`UPDATE distribution_claims SET amount = 5 WHERE id = 'a'`).run()).toThrow(/CLAIM_NEVER_EDITED/);
    expect(() => d.prepare(`UPDATE distribution_claims SET withdrawn_at = 't' WHERE id = 'a'`).run()).toThrow(/CHECK/);
    d.prepare(`UPDATE distribution_claims SET withdrawn_at = 't', withdrawn_by = 'J', reason = '撤回申请' WHERE id = 'a'`).run();
    expect(() => d.prepare(`UPDATE distribution_claims SET reason = '改' WHERE id = 'a'`).run()).toThrow(/CLAIM_NEVER_EDITED/);
    const own = d.prepare(`INSERT INTO distribution_applicant_class (case_id, priority, rank, basis, set_by, set_at) VALUES ('c1', ?, ?, ?, 'J', 't')`);
    expect(() => own.run('ordinary', 1, null)).toThrow(/CHECK/);
    own.run('priority', 1, '抵押权');
    const val = d.prepare(`INSERT INTO valuation_requests (id, case_id, asset_id, state, reference_price, requested_by, requested_at) VALUES (?, 'c1', 'a1', ?, ?, 'J', 't')`);
    d.pragma('foreign_keys = OFF');
    expect(() => val.run('v0', 'answered', null)).toThrow(/CHECK/);
    expect(() => val.run('v1', 'sent', 100)).toThrow(/CHECK/);
    val.run('v2', 'answered', 100);
    expect(d.prepare(`SELECT count(*) FROM valuation_requests`).pluck().get()).toBe(1);
  });
});
