/** Migration 7: a document is voided once, with its reason, and stays voided; the document itself is not touched. */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

const v6db = databasesAtVersion(6);

describe('migration 7: document voids', () => {
  it('voids a stored document once, keeps the voiding, and refuses a void without a reason or of no document', () => {
    const d = v6db();
    migrate(d, MIGRATIONS.slice(0, 7));
    expect(schemaVersion(d)).toBe(7);
    d.pragma('foreign_keys = ON');
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    d.prepare(`INSERT INTO documents (id, case_id, type, court, seq, number, sha256, pdf, content, created_at, created_by)
      VALUES ('d1', 'c1', '扣划裁定书', '黔0103', 1, 'n1', 'h', x'25', '{}', 't', 'F1')`).run();
    const voidIt = (doc: string, reason: string) =>
      d.prepare("INSERT INTO document_voids (document_id, reason, voided_at, voided_by) VALUES (?, ?, 't2', 'system')").run(doc, reason);
    expect(() => voidIt('d1', ' ')).toThrow(/CHECK/);
    voidIt('d1', '协助执行单位拒绝扣划');
    expect(() => voidIt('d1', '再次')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => voidIt('nope', '无此文书')).toThrow(/FOREIGN KEY/);
    expect(() => d.prepare("UPDATE document_voids SET reason = 'x'").run()).toThrow(/stays voided/);
    expect(() => d.prepare('DELETE FROM document_voids').run()).toThrow(/stays voided/);
    expect(d.prepare<[], string>("SELECT sha256 FROM documents WHERE id = 'd1'").pluck().get()).toBe('h');
  });
});
