/**
 * The exempt-property migration (docs/domain.md rule 5): dependants only for a person debtor of the
 * case, within 0–20; only-home findings kept with a reason and never edited; assets keep the
 * agency's details. Found by name, so that its place in the list may change at a merge.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const at = MIGRATIONS.findIndex((m) => m.name === 'exempt-property');
const before = databasesAtVersion(at);

describe('migration: exempt property', () => {
  it('records dependants for a person debtor only, keeps only-home findings as recorded, and adds asset details', () => {
    expect(at).toBeGreaterThanOrEqual(8);
    const d = before();
    migrate(d, MIGRATIONS.slice(0, at + 1));
    expect(schemaVersion(d)).toBe(at + 1);
    d.pragma('foreign_keys = ON');
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    const party = d.prepare('INSERT INTO parties (id, case_id, position, role, kind, name, id_number) VALUES (?, ?, ?, ?, ?, ?, ?)');
    party.run('p1', 'c1', 1, 'debtor', 'person', '张三', '520103199001011234');
    party.run('co', 'c1', 2, 'debtor', 'company', '某公司', '91520103MA6DQWXY1X');
    party.run('ap', 'c1', 0, 'applicant', 'person', '李四', '520103199001015678');
    const dep = d.prepare("INSERT INTO debtor_dependants (party_id, case_id, dependants, recorded_by, recorded_at) VALUES (?, 'c1', ?, 'F1', 't')");
    dep.run('p1', 2);
    expect(() => dep.run('co', 1)).toThrow(/NOT_A_PERSON_DEBTOR/);
    expect(() => dep.run('ap', 1)).toThrow(/NOT_A_PERSON_DEBTOR/);
    expect(() => d.prepare("UPDATE debtor_dependants SET dependants = 21 WHERE party_id = 'p1'").run()).toThrow(/CHECK/);
    const mark = d.prepare("INSERT INTO only_home_marks (case_id, party_id, identifier, only_home, reason, recorded_by, recorded_at) VALUES ('c1', 'p1', 'cert', ?, ?, 'F1', 't')");
    mark.run(1, '登记机构答复仅此一套住宅');
    expect(() => mark.run(0, ' ')).toThrow(/CHECK/);
    expect(() => d.prepare('UPDATE only_home_marks SET only_home = 0').run()).toThrow(/kept as recorded/);
    expect(() => d.prepare('DELETE FROM only_home_marks').run()).toThrow(/kept as recorded/);
    const cols = d.prepare<[], { name: string }>('PRAGMA table_info(assets)').all().map((c) => c.name);
    expect(cols).toContain('details');
  });
});
