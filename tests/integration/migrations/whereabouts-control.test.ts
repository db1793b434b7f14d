/**
 * Migration "whereabouts monitoring and control": cases stored before read as before; after it one
 * monitoring is in force per debtor and case (an ended one leaves room for the next), a sighting is
 * kept once per gateway reference, and a control request is one per alert with a known state.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'whereabouts monitoring and control');
const before = databasesAtVersion(at);

describe('migration: whereabouts monitoring and control', () => {
  it('keeps one monitoring in force per debtor, one sighting per reference, one control per alert', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO parties (id, case_id, role, kind, name, id_number, position) VALUES ('p1', 'c1', 'debtor', 'person', '乙', '520102197001010027', 1)`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(MIGRATIONS[at]!.version);
    expect(d.prepare('SELECT number FROM cases WHERE id = ?').pluck().get('c1')).toBe('(2026)黔0103执1号');
    d.prepare(`INSERT INTO whereabouts_findings (case_id, party_id, ground, facts, recorded_by, recorded_at) VALUES ('c1', 'p1', 'missing', '下落不明', 'J', 't')`).run();
    const sub = d.prepare(`INSERT INTO whereabouts_subscriptions (id, case_id, party_id, finding_seq, started_by, started_at) VALUES (?, 'c1', 'p1', 1, 'J', 't')`);
    sub.run('s1');
    expect(() => sub.run('s2')).toThrow(/UNIQUE/);
    expect(() => d.prepare(`UPDATE whereabouts_subscriptions SET ended_at = 't2' WHERE id = 's1'`).run()).toThrow(/CHECK/);
    d.prepare(`UPDATE whereabouts_subscriptions SET ended_at = 't2', end_reason = 'case-closed' WHERE id = 's1'`).run();
    sub.run('s2');
    const sight = d.prepare(`INSERT INTO whereabouts_sightings (ref, subscription_id, case_id, party_id, kind, source, place, detail, seen_at, received_at)
      VALUES ('WE-1', 's2', 'c1', 'p1', ?, 's', 'p', '', 't', 't')`);
    expect(() => sight.run('boat')).toThrow(/CHECK/);
    sight.run('rail');
    expect(() => sight.run('rail')).toThrow(/UNIQUE/);
  });
});
