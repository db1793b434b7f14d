/**
 * Version 12: one ruling per decision, one assistance notice per agency (docs/domain.md,
 * "Documents"; docs/documents.md). A ruling covers every measure of its decision and a notice
 * every measure sent to its agency, so a document is linked to several measures, each link
 * written once and kept. The link is a row of its own: the document stays as it was saved, and
 * from this version on no column of it may change at all (documents.measure_id, the single
 * measure of earlier versions, is read only through the links below). Every document attached to
 * a measure before keeps that measure as its one link, in the same place among its documents.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE document_measures (
  document_id TEXT NOT NULL REFERENCES documents (id),
  measure_id  TEXT NOT NULL REFERENCES measures (id),
  -- the document's place among the measure's documents (the ruling first, then the notice)
  position    INTEGER NOT NULL CHECK (position > 0),
  PRIMARY KEY (document_id, measure_id),
  UNIQUE (measure_id, position)
) STRICT;
CREATE INDEX document_measures_measure ON document_measures (measure_id, position);
CREATE TRIGGER document_measures_no_update BEFORE UPDATE ON document_measures
BEGIN
  SELECT RAISE(ABORT, 'DOCUMENT_FIXED');
END;
CREATE TRIGGER document_measures_no_delete BEFORE DELETE ON document_measures
BEGIN
  SELECT RAISE(ABORT, 'DOCUMENT_FIXED');
END;

INSERT INTO document_measures (document_id, measure_id, position)
  SELECT id, measure_id, row_number() OVER (PARTITION BY measure_id ORDER BY measure_position, seq)
    FROM documents WHERE measure_id IS NOT NULL;

-- a saved document never changes: its measures are linked in document_measures
DROP TRIGGER documents_fixed;
CREATE TRIGGER documents_fixed BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'DOCUMENT_FIXED');
END;
`;

export const migration012: Migration = {
  version: 12,
  name: 'document-measures',
  up(db) {
    db.exec(SQL);
  },
};
