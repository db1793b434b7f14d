/**
 * Migration "batch query": cases and jobs stored before read as before; after it a batch's case is
 * there once, in a known state, skipped only with a reason; a planned request id is there once and
 * one (case, party, channel) of a batch has one id.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'batch query');
const before = databasesAtVersion(at);

describe('migration: batch query', () => {
  it('keeps one row per case of a batch, skips with a reason, one planned id per party and channel', () => {
    expect(at).toBeGreaterThan(0);
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2026)黔0103执1号', '黔0103', '执', '2026-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO parties (id, case_id, role, kind, name, id_number, position) VALUES ('p1', 'c1', 'debtor', 'person', '乙', '520102197001010027', 1)`).run();
    d.prepare(`INSERT INTO jobs (id, kind, state, run_at, created_by, created_at, updated_at) VALUES ('j1', 'query.batch', 'queued', 't', 'J', 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(MIGRATIONS[at]!.version);
    expect(d.prepare('SELECT kind FROM jobs WHERE id = ?').pluck().get('j1')).toBe('query.batch');
    const item = d.prepare('INSERT INTO batch_items (job_id, seq, case_id, state, skip) VALUES (?, ?, ?, ?, ?)');
    item.run('j1', 0, 'c1', 'queued', null);
    expect(() => item.run('j1', 1, 'c1', 'queued', null)).toThrow(/UNIQUE/);
    expect(() => d.prepare(`UPDATE batch_items SET state = 'skipped' WHERE seq = 0`).run()).toThrow(/CHECK/);
    expect(() => d.prepare(`UPDATE batch_items SET state = 'lost' WHERE seq = 0`).run()).toThrow(/CHECK/);
    d.prepare(`UPDATE batch_items SET state = 'skipped', skip = 'fresh' WHERE seq = 0`).run();
    const req = d.prepare('INSERT INTO batch_requests (request_id, job_id, case_id, party_id, channel) VALUES (?, ?, ?, ?, ?)');
    req.run('qb-1', 'j1', 'c1', 'p1', 'bank.icbc');
    expect(() => req.run('qb-1', 'j1', 'c1', 'p1', 'bank.ccb')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => req.run('qb-2', 'j1', 'c1', 'p1', 'bank.icbc')).toThrow(/UNIQUE/);
  });
});
