/**
 * Version 5: one decision, one measure (docs/authority.md, "One decision, one measure"). Each
 * measure names the judge's decision it carries out — a decision makes at most one measure per
 * asset — and a deduction names the frozen-balance check it relied on, which authorises no
 * second deduction. The signatures over the request body (the decision's, then an approval's)
 * are kept with it; once written they only grow. And the judge's finding that a debtor evades or
 * is missing, which alone opens the whereabouts channels for him.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE measures ADD COLUMN decision_id TEXT;
ALTER TABLE measures ADD COLUMN balance_check INTEGER REFERENCES frozen_balance_checks (seq);
ALTER TABLE measures ADD COLUMN signatures TEXT;
CREATE UNIQUE INDEX measures_one_per_decision ON measures (decision_id, asset_id) WHERE decision_id IS NOT NULL;
CREATE UNIQUE INDEX measures_one_per_balance_check ON measures (balance_check) WHERE balance_check IS NOT NULL;
CREATE TRIGGER measures_balance_check_of_freeze BEFORE UPDATE OF balance_check ON measures
WHEN NEW.balance_check IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM frozen_balance_checks WHERE seq = NEW.balance_check AND freeze_id = NEW.freeze_id)
BEGIN
  SELECT RAISE(ABORT, 'BALANCE_CHECK_NOT_OF_FREEZE');
END;
CREATE TRIGGER measures_balance_check_of_freeze_insert BEFORE INSERT ON measures
WHEN NEW.balance_check IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM frozen_balance_checks WHERE seq = NEW.balance_check AND freeze_id = NEW.freeze_id)
BEGIN
  SELECT RAISE(ABORT, 'BALANCE_CHECK_NOT_OF_FREEZE');
END;
-- the decision is fixed, and the check once named (a draft names it when confirmed); signatures are appended to, never rewritten
CREATE TRIGGER measures_signed_fixed BEFORE UPDATE ON measures
WHEN NEW.decision_id IS NOT OLD.decision_id
  OR (OLD.balance_check IS NOT NULL AND NEW.balance_check IS NOT OLD.balance_check)
  OR (OLD.signatures IS NOT NULL AND (NEW.signatures IS NULL
      OR substr(NEW.signatures, 1, length(OLD.signatures) - 1) IS NOT substr(OLD.signatures, 1, length(OLD.signatures) - 1)))
BEGIN
  SELECT RAISE(ABORT, 'MEASURE_DECISION_FIXED');
END;

-- the judge's recorded finding that a debtor refuses and evades, or is missing (docs/domain.md rule 10):
-- what opens the whereabouts channels for that debtor in that case; ended, never edited
CREATE TABLE whereabouts_findings (
  seq         INTEGER PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL REFERENCES parties (id),
  ground      TEXT NOT NULL CHECK (ground IN ('evading', 'missing')),
  facts       TEXT NOT NULL CHECK (length(trim(facts)) >= 4),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  ended_at    TEXT
) STRICT;
CREATE INDEX whereabouts_findings_case ON whereabouts_findings (case_id, party_id);
CREATE TRIGGER whereabouts_findings_of_debtor BEFORE INSERT ON whereabouts_findings
WHEN NOT EXISTS (SELECT 1 FROM parties WHERE id = NEW.party_id AND case_id = NEW.case_id AND role = 'debtor')
BEGIN
  SELECT RAISE(ABORT, 'NOT_A_DEBTOR');
END;
CREATE TRIGGER whereabouts_findings_fixed BEFORE UPDATE ON whereabouts_findings
WHEN NEW.seq IS NOT OLD.seq OR NEW.case_id IS NOT OLD.case_id OR NEW.party_id IS NOT OLD.party_id OR NEW.ground IS NOT OLD.ground
  OR NEW.facts IS NOT OLD.facts OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
  OR OLD.ended_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a finding is ended, never edited');
END;
CREATE TRIGGER whereabouts_findings_no_delete BEFORE DELETE ON whereabouts_findings
BEGIN
  SELECT RAISE(ABORT, 'findings are kept');
END;
`;

export const migration005: Migration = {
  version: 5,
  name: 'decisions',
  up(db) {
    db.exec(SQL);
  },
};
