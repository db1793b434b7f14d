/**
 * Migration "late-performance interest": a case states its 履行期限届满日 and interest principal both
 * or neither, and a reminder given to a 执保 applicant stays given. Versions are found by name, not
 * by number, so the migration may be renumbered at merge.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const AT = MIGRATIONS.findIndex((m) => m.name === 'late-performance interest');
const before = databasesAtVersion(AT);

describe('migration: late-performance interest', () => {
  it('keeps the cases there were, adds the two fields both or neither, and keeps a reminder given', () => {
    const d = before();
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执保1号', '黔0103', '执保', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    migrate(d, MIGRATIONS.slice(0, AT + 1));
    expect(schemaVersion(d)).toBe(AT + 1);
    expect(d.prepare("SELECT performance_due_on, interest_principal FROM cases WHERE id = 'c1'").get()).toEqual({ performance_due_on: null, interest_principal: null });
    const set = (due: string | null, principal: number | null) =>
      d.prepare("UPDATE cases SET performance_due_on = ?, interest_principal = ? WHERE id = 'c1'").run(due, principal);
    expect(() => set('2025-01-01', null)).toThrow(/LATE_INTEREST_INCOMPLETE/);
    expect(() => set(null, 100)).toThrow(/LATE_INTEREST_INCOMPLETE/);
    expect(() => set('2025-1-1', 100)).toThrow(/CHECK/);
    expect(() => set('2025-01-01', -1)).toThrow(/CHECK/);
    set('2025-01-01', 100);

    d.pragma('foreign_keys = OFF');
    d.prepare(`INSERT INTO preservation_notices (case_id, ends_on, due_on, measure_id, document_id, reminded_at, reminded_by)
      VALUES ('c1', '2026-01-01', '2025-12-25', 'm1', 'd1', 't', 'F1')`).run();
    expect(() => d.prepare(`INSERT INTO preservation_notices (case_id, ends_on, due_on, measure_id, document_id, reminded_at, reminded_by)
      VALUES ('c1', '2026-01-01', '2025-12-25', 'm1', 'd2', 't', 'F1')`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => d.prepare("UPDATE preservation_notices SET reminded_by = 'x'").run()).toThrow(/stays given/);
    expect(() => d.prepare('DELETE FROM preservation_notices').run()).toThrow(/stays given/);
  });
});
