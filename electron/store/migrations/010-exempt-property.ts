/**
 * Exempt property (docs/domain.md rule 5): what the judge records about a person debtor in a case
 * and what the agencies' answers say about an asset, so that living costs, the only home and the
 * provident fund's withdrawal conditions are kept as refusals.
 *
 * - debtor_dependants: the number of dependants (所扶养家属人数) of a person debtor of the case,
 *   recorded by the judge; living costs are left for him and each of them. No row: none recorded (0).
 * - only_home_marks: the judge's finding that a flat is, or is not, the debtor's only home, with his
 *   reason; kept as a history (the latest row per case, debtor and certificate counts), never edited.
 * - assets.details: what an agency said of an asset beyond its value, as JSON (the registry's 用途
 *   of a unit; the provident fund center's account status and withdrawal condition).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE debtor_dependants (
  party_id    TEXT PRIMARY KEY REFERENCES parties (id),
  case_id     TEXT NOT NULL REFERENCES cases (id),
  dependants  INTEGER NOT NULL CHECK (dependants BETWEEN 0 AND 20),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER debtor_dependants_person_debtor BEFORE INSERT ON debtor_dependants
WHEN NOT EXISTS (SELECT 1 FROM parties WHERE id = NEW.party_id AND case_id = NEW.case_id AND role = 'debtor' AND kind = 'person')
BEGIN SELECT RAISE(ABORT, 'NOT_A_PERSON_DEBTOR'); END;

CREATE TABLE only_home_marks (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL REFERENCES parties (id),
  identifier  TEXT NOT NULL,
  only_home   INTEGER NOT NULL CHECK (only_home IN (0, 1)),
  reason      TEXT NOT NULL CHECK (length(trim(reason)) >= 2),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX only_home_marks_case ON only_home_marks (case_id, party_id, identifier, seq);

CREATE TRIGGER only_home_marks_kept_update BEFORE UPDATE ON only_home_marks
BEGIN SELECT RAISE(ABORT, 'an only-home finding is kept as recorded'); END;
CREATE TRIGGER only_home_marks_kept_delete BEFORE DELETE ON only_home_marks
BEGIN SELECT RAISE(ABORT, 'an only-home finding is kept as recorded'); END;

ALTER TABLE assets ADD COLUMN details TEXT;
`;

export const migration010: Migration = {
  version: 10,
  name: 'exempt-property',
  up(db) {
    db.exec(SQL);
  },
};
