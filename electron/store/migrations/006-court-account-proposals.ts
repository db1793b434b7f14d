/**
 * Version 6: four eyes on the court's receiving accounts (docs/authority.md, "Four eyes on the
 * court's accounts"). A chief or the director proposes the new list with a reason; a second one —
 * never the proposer — confirms it (the settings change then) or rejects it. A proposal is
 * decided once and kept; the table refuses a decision by the proposer himself.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE court_account_proposals (
  id            TEXT PRIMARY KEY,
  -- the proposed list, as validated (JSON array of {id, bank, accountNo, name})
  accounts      TEXT NOT NULL,
  -- the list in force when it was proposed, for the confirming officer to compare
  previous      TEXT NOT NULL,
  reason        TEXT NOT NULL CHECK (length(trim(reason)) >= 2),
  proposed_by   TEXT NOT NULL,
  proposed_at   TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'superseded')),
  decided_by    TEXT,
  decided_at    TEXT,
  decision_note TEXT,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (decided_by IS NULL OR decided_by <> proposed_by)
) STRICT;
CREATE INDEX court_account_proposals_pending ON court_account_proposals (proposed_at) WHERE status = 'pending';
CREATE TRIGGER court_account_proposals_decided_once BEFORE UPDATE ON court_account_proposals
WHEN OLD.status <> 'pending' OR NEW.id IS NOT OLD.id OR NEW.accounts IS NOT OLD.accounts OR NEW.previous IS NOT OLD.previous
  OR NEW.reason IS NOT OLD.reason OR NEW.proposed_by IS NOT OLD.proposed_by OR NEW.proposed_at IS NOT OLD.proposed_at
BEGIN
  SELECT RAISE(ABORT, 'PROPOSAL_DECIDED');
END;
CREATE TRIGGER court_account_proposals_no_delete BEFORE DELETE ON court_account_proposals
BEGIN
  SELECT RAISE(ABORT, 'proposals are kept');
END;
`;

export const migration006: Migration = {
  version: 6,
  name: 'court account proposals',
  up(db) {
    db.exec(SQL);
  },
};
