/**
 * The migration that links a document to the measures it covers: every document attached to a
 * measure before keeps that measure, in its place among the measure's documents; a document of
 * no measure stays unattached; a document and its links cannot be changed afterwards.
 */
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../electron/store/migrations';
import { databasesAtVersion } from './migration-kit';

/** this migration's place in the list (the integrator may renumber it) */
const AT = MIGRATIONS.findIndex((m) => m.name === 'document-measures');
const before = databasesAtVersion(AT);

describe('migration: a document covers several measures', () => {
  it('keeps each existing document with the one measure it carried, in the same order, and refuses changes afterwards', () => {
    expect(AT).toBeGreaterThan(0);
    const d = before();
    // the measures themselves do not matter to the copy: foreign keys off, so no party, asset or request is needed
    d.pragma('foreign_keys = OFF');
    d.prepare(`INSERT INTO cases (id, number, court, type, filed_on, status, cause, amount_owed, costs, recovered, created_at, updated_at)
      VALUES ('c1', '(2025)黔0103执1号', '黔0103', '执', '2025-01-02', 'open', '借款', 100, 5, 0, 't', 't')`).run();
    const doc = (id: string, seq: number, type: string, measure: string | null, position: number | null) =>
      d.prepare(`INSERT INTO documents (id, case_id, measure_id, measure_position, type, court, seq, number, sha256, pdf, content, created_at, created_by)
        VALUES (?, 'c1', ?, ?, ?, '黔0103', ?, ?, 'h', x'25', '{}', 't', 'F1')`).run(id, measure, position, type, seq, `n${seq}`);
    doc('r1', 1, '冻结裁定书', 'm1', 1);
    doc('n1', 2, '协助冻结通知书', 'm1', 2);
    doc('r2', 3, '冻结裁定书', 'm2', 1);
    doc('n2', 4, '协助冻结通知书', 'm2', 2);
    doc('loose', 5, '冻结裁定书', null, null);

    migrate(d, MIGRATIONS.slice(0, AT + 1));
    expect(schemaVersion(d)).toBe(AT + 1);
    const links = d.prepare<[], { document_id: string; measure_id: string; position: number }>(
      'SELECT document_id, measure_id, position FROM document_measures ORDER BY measure_id, position').all();
    expect(links).toEqual([
      { document_id: 'r1', measure_id: 'm1', position: 1 },
      { document_id: 'n1', measure_id: 'm1', position: 2 },
      { document_id: 'r2', measure_id: 'm2', position: 1 },
      { document_id: 'n2', measure_id: 'm2', position: 2 },
    ]);
    // a document is evidence: no column of it changes, not even to attach it, and its links stay
    expect(() => d.prepare("UPDATE documents SET measure_id = 'm9' WHERE id = 'loose'").run()).toThrow(/DOCUMENT_FIXED/);
    expect(() => d.prepare("UPDATE documents SET pdf = x'00' WHERE id = 'r1'").run()).toThrow(/DOCUMENT_FIXED/);
    expect(() => d.prepare("UPDATE document_measures SET measure_id = 'm2' WHERE document_id = 'r1'").run()).toThrow(/DOCUMENT_FIXED/);
    expect(() => d.prepare("DELETE FROM document_measures WHERE document_id = 'r1'").run()).toThrow(/DOCUMENT_FIXED/);
    // one place per document among a measure's documents, one link per document and measure
    expect(() => d.prepare("INSERT INTO document_measures (document_id, measure_id, position) VALUES ('loose', 'm1', 2)").run()).toThrow(/UNIQUE/);
    expect(() => d.prepare("INSERT INTO document_measures (document_id, measure_id, position) VALUES ('r1', 'm1', 3)").run()).toThrow(/UNIQUE|PRIMARY/);
    d.prepare("INSERT INTO document_measures (document_id, measure_id, position) VALUES ('r1', 'm2', 3)").run();
    expect(d.prepare<[], number>("SELECT count(*) FROM document_measures WHERE document_id = 'r1'").pluck().get()).toBe(2);
  });
});
