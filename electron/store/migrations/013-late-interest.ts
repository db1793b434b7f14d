/**
 * Version 9, periods and interest. (1) What the late-performance interest is counted from (docs/domain.md rule 1; 民诉法
 * 第二百六十四条, 迟延履行利息解释): the 履行期限届满日 the judgment set and the money debt it accrues on
 * (除一般债务利息之外的金钱债务, integer fen). Both optional: a case without them carries no such
 * interest in its cap. A principal needs its date and the other way round. (2) In a 执保 case, that
 * the applicant was reminded of the 保全期限届满日 (财产保全规定 第十八条; docs/domain.md rule 2): once per
 * case and 届满日, with the notice sent, kept.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE cases ADD COLUMN performance_due_on TEXT
  CHECK (performance_due_on IS NULL OR performance_due_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
ALTER TABLE cases ADD COLUMN interest_principal INTEGER
  CHECK (interest_principal IS NULL OR interest_principal >= 0);
CREATE TRIGGER cases_late_interest_pair_insert BEFORE INSERT ON cases
WHEN (NEW.performance_due_on IS NULL) <> (NEW.interest_principal IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'LATE_INTEREST_INCOMPLETE');
END;
CREATE TRIGGER cases_late_interest_pair_update BEFORE UPDATE OF performance_due_on, interest_principal ON cases
WHEN (NEW.performance_due_on IS NULL) <> (NEW.interest_principal IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'LATE_INTEREST_INCOMPLETE');
END;

CREATE TABLE preservation_notices (
  case_id     TEXT NOT NULL REFERENCES cases (id),
  ends_on     TEXT NOT NULL,
  due_on      TEXT NOT NULL,
  measure_id  TEXT NOT NULL REFERENCES measures (id),
  document_id TEXT NOT NULL REFERENCES documents (id),
  reminded_at TEXT NOT NULL,
  reminded_by TEXT NOT NULL,
  PRIMARY KEY (case_id, ends_on)
) STRICT;
CREATE TRIGGER preservation_notices_no_update BEFORE UPDATE ON preservation_notices
BEGIN
  SELECT RAISE(ABORT, 'a reminder given stays given');
END;
CREATE TRIGGER preservation_notices_no_delete BEFORE DELETE ON preservation_notices
BEGIN
  SELECT RAISE(ABORT, 'a reminder given stays given');
END;
`;

export const migration013: Migration = {
  version: 13,
  name: 'late-performance interest',
  up(db) {
    db.exec(SQL);
  },
};
