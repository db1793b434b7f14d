/** Migration 3: roles widened to the five of the matrix, teams, case assignment and pending filings. */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { ROLES } from '../../../shared/authority/roles';
import { databasesAtVersion } from './migration-kit';

const v2db = databasesAtVersion(2);

describe('migration 3: authority', () => {
  it('keeps every officer and case, and marks the cases already here as confirmed filings without an assignee', () => {
    const d = v2db();
    d.prepare("INSERT INTO officers (code, name, court, role, password_verifier, updated_at) VALUES ('F1', '甲', '黔0103', 'chief', 'v', 't')").run();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, 3));
    expect(schemaVersion(d)).toBe(3);
    expect(d.prepare('SELECT code, role, team, password_verifier FROM officers').all()).toEqual([{ code: 'F1', role: 'chief', team: '[]', password_verifier: 'v' }]);
    expect(d.prepare('SELECT assignee, entered_by, filing FROM cases').get()).toEqual({ assignee: null, entered_by: null, filing: 'confirmed' });
  });

  it('accepts exactly the roles of the matrix (shared/authority/roles.ts) and refuses any other', () => {
    const d = v2db();
    migrate(d, MIGRATIONS.slice(0, 3));
    const insert = d.prepare("INSERT INTO officers (code, name, court, role, updated_at) VALUES (?, '某', '黔0103', ?, 't')");
    ROLES.forEach((r, i) => insert.run(`F${i}`, r));
    expect(() => insert.run('FX', 'admin')).toThrow(/CHECK/);
    const sql = d.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'officers'").pluck().get()!;
    const listed = [...sql.matchAll(/'([a-z]+)'/g)].map((m) => m[1]).filter((r) => r !== '[]');
    expect(new Set(listed)).toEqual(new Set(ROLES));
  });

  it('refuses a filing state other than pending, confirmed or refused', () => {
    const d = v2db();
    migrate(d, MIGRATIONS.slice(0, 3));
    expect(() => d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, created_at, updated_at, filing)
      VALUES ('c2', '(2025)黔0103执2号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 't', 't', 'maybe')`).run()).toThrow(/CHECK/);
  });
});
