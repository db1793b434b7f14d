/** Migration 6: proposals to change the court's receiving accounts, decided once and never by their proposer. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/store/db';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const v5db = databasesAtVersion(5);

const propose = (d: Db, id: string, by = 'F3') =>
  d.prepare("INSERT INTO court_account_proposals (id, accounts, previous, reason, proposed_by, proposed_at) VALUES (?, '[]', '[]', '新开专户', ?, 't')").run(id, by);
const decide = (d: Db, id: string, status: string, by: string | null) =>
  d.prepare("UPDATE court_account_proposals SET status = ?, decided_by = ?, decided_at = 't2' WHERE id = ?").run(status, by, id);

describe('migration 6: court account proposals', () => {
  it('keeps the settings already stored and starts with no proposal', () => {
    const d = v5db();
    d.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('courtAccounts', '[]', 't', 'F3')").run();
    migrate(d, MIGRATIONS.slice(0, 6));
    expect(schemaVersion(d)).toBe(6);
    expect(d.prepare<[], string>("SELECT value FROM settings WHERE key = 'courtAccounts'").pluck().get()).toBe('[]');
    expect(d.prepare('SELECT count(*) AS n FROM court_account_proposals').get()).toEqual({ n: 0 });
  });

  it('refuses a decision by the proposer, a second decision, an edit of what was proposed and a deletion', () => {
    const d = v5db();
    migrate(d, MIGRATIONS.slice(0, 6));
    propose(d, 'p1');
    expect(() => decide(d, 'p1', 'confirmed', 'F3')).toThrow(/CHECK/);
    expect(() => d.prepare("UPDATE court_account_proposals SET accounts = '[1]' WHERE id = 'p1'").run()).toThrow(/PROPOSAL_DECIDED/);
    decide(d, 'p1', 'confirmed', 'F8');
    expect(() => decide(d, 'p1', 'rejected', 'F9')).toThrow(/PROPOSAL_DECIDED/);
    expect(() => d.prepare('DELETE FROM court_account_proposals').run()).toThrow(/kept/);
    expect(() => propose(d, 'p2', 'F3') && d.prepare("UPDATE court_account_proposals SET status = 'bogus', decided_at = 't' WHERE id = 'p2'").run()).toThrow(/CHECK/);
    expect(() => d.prepare("INSERT INTO court_account_proposals (id, accounts, previous, reason, proposed_by, proposed_at) VALUES ('p3', '[]', '[]', ' ', 'F3', 't')").run()).toThrow(/CHECK/);
  });
});
