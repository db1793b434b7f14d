/**
 * Version 7: a document of a refused measure is marked 作废 (docs/documents.md). The document
 * itself is evidence and never changes (migration 2); its voiding is a row of its own, written
 * once with the reason and the time, and kept.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE document_voids (
  document_id TEXT PRIMARY KEY REFERENCES documents (id),
  measure_id  TEXT REFERENCES measures (id),
  reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  voided_at   TEXT NOT NULL,
  voided_by   TEXT NOT NULL
) STRICT;
CREATE INDEX document_voids_measure ON document_voids (measure_id) WHERE measure_id IS NOT NULL;
CREATE TRIGGER document_voids_no_update BEFORE UPDATE ON document_voids
BEGIN
  SELECT RAISE(ABORT, 'a voided document stays voided');
END;
CREATE TRIGGER document_voids_no_delete BEFORE DELETE ON document_voids
BEGIN
  SELECT RAISE(ABORT, 'a voided document stays voided');
END;
`;

export const migration007: Migration = {
  version: 7,
  name: 'document voids',
  up(db) {
    db.exec(SQL);
  },
};
