/**
 * Version 9: a case closed because it is paid in full (结案, 执行完毕), and a deduction decided
 * again after the agency refused one.
 * - cases: the day it was closed (CST), who closed it and the way (only 'completed', 执行完毕, so
 *   far; 终本 of docs/domain.md rule 12 is not implemented);
 * - measures: retry_of names the refused deduction a new decision takes up again; a refused
 *   deduction is taken up at most once (docs/domain.md rule 7: a refusal is never re-sent silently
 *   under a new id, and never twice).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE cases ADD COLUMN closed_on TEXT;
ALTER TABLE cases ADD COLUMN closed_by TEXT;
ALTER TABLE cases ADD COLUMN closing TEXT CHECK (closing IS NULL OR closing IN ('completed'));
ALTER TABLE measures ADD COLUMN retry_of TEXT REFERENCES measures (id);
CREATE UNIQUE INDEX measures_retry_of ON measures (retry_of) WHERE retry_of IS NOT NULL;
`;

export const migration009: Migration = {
  version: 9,
  name: 'case-closing',
  up(db) {
    db.exec(SQL);
  },
};
