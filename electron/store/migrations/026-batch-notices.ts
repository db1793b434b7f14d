/**
 * Version 26, the 查询结果告知书 of a batch query (docs/documents.md, "查询结果告知书"): one row per
 * case of the batch whose notice was made, naming the document. Making the batch's notices again
 * gives back the ones made; the combined print copy lists them in the batch's order.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE batch_notices (
  job_id      TEXT NOT NULL REFERENCES jobs (id),
  case_id     TEXT NOT NULL REFERENCES cases (id),
  document_id TEXT NOT NULL REFERENCES documents (id),
  made_at     TEXT NOT NULL,
  made_by     TEXT NOT NULL,
  PRIMARY KEY (job_id, case_id)
) STRICT;
`;

export const migration026: Migration = {
  version: 26,
  name: 'batch query notices',
  up(db) {
    db.exec(SQL);
  },
};
