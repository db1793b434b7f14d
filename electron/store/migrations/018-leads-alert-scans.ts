/**
 * Version 18, property leads and the alert scans. (1) `property_leads`: a creditor's lead to the
 * debtor's property as the applicant gave it, with the last day to check it (7 days, 3 when urgent:
 * docs/domain.md rule 11) and the check's result; the unchecked ones past that day are found by one
 * indexed pass. (2) Indexes for the scans across cases (docs/architecture.md §6): freezes by their
 * end, open cases by type and filing day, and assets by identifier (a bank's push names the account).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE property_leads (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (id),
  party_id     TEXT REFERENCES parties (id),
  text         TEXT NOT NULL,
  asset_kind   TEXT NOT NULL,
  urgent       INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  received_on  TEXT NOT NULL,
  check_by     TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  checked_on   TEXT,
  checked_by   TEXT,
  check_result TEXT,
  found        INTEGER CHECK (found IS NULL OR found IN (0, 1)),
  CHECK ((checked_on IS NULL) = (checked_by IS NULL))
) STRICT;
CREATE INDEX property_leads_case ON property_leads (case_id, received_on);
CREATE INDEX property_leads_unchecked ON property_leads (check_by) WHERE checked_on IS NULL;

CREATE INDEX measures_kind_state ON measures (kind, state, case_id);
CREATE INDEX cases_open_type_filed ON cases (status, type, filed_on);
CREATE INDEX assets_identifier ON assets (identifier, channel);
`;

export const migration018: Migration = {
  version: 18,
  name: 'property leads and alert scans',
  up(db) {
    db.exec(SQL);
  },
};
