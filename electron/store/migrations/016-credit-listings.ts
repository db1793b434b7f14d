/**
 * The dishonest list (docs/domain.md rule 8): (1) `credit_listings`, a debtor's listing from the
 * draft through the judge's proposal and the chief's approval to its removal, with the ground, its
 * evidence and the period; (2) `credit_removals`, the removal proposed on payment or correction and
 * its due day in working days; (3) `credit_steps`, the facts a listing depends on — security given,
 * conduct corrected, a credit commitment, a repair applied for and decided, a grace period. (4) The
 * report order keeps the days it gives (`enforcement_notices.report_days`).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE credit_listings (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  party_id             TEXT NOT NULL,
  subject_name         TEXT NOT NULL,
  subject_id_number    TEXT NOT NULL,
  subject_kind         TEXT NOT NULL CHECK (subject_kind IN ('person', 'company')),
  ground               INTEGER NOT NULL CHECK (ground BETWEEN 1 AND 6),
  evidence             TEXT NOT NULL,
  extension            TEXT,
  state                TEXT NOT NULL CHECK (state IN ('draft', 'proposed', 'refused', 'listed', 'removed')),
  drafted_by           TEXT NOT NULL,
  proposed_by          TEXT,
  proposed_at          TEXT,
  decision_signature   TEXT,
  exchange_id          TEXT,
  exchange_payload     TEXT,
  approved_by          TEXT,
  approved_at          TEXT,
  refused_reason       TEXT,
  listed_on            TEXT,
  ends_on              TEXT,
  period_years         INTEGER,
  decision_document_id TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX credit_listings_case ON credit_listings (case_id, party_id);
CREATE INDEX credit_listings_state ON credit_listings (state);
-- one listing under way per debtor of a case: a second proposal waits for the first to end
CREATE UNIQUE INDEX credit_listings_one_open ON credit_listings (case_id, party_id) WHERE state IN ('draft', 'proposed', 'listed');

CREATE TABLE credit_removals (
  id           TEXT PRIMARY KEY,
  listing_id   TEXT NOT NULL UNIQUE REFERENCES credit_listings (id),
  case_id      TEXT NOT NULL REFERENCES cases (id),
  ground       TEXT NOT NULL CHECK (ground IN ('paid', 'corrected', 'repaired', 'committed', 'expired')),
  fact_on      TEXT NOT NULL,
  due_on       TEXT NOT NULL,
  proposed_at  TEXT NOT NULL,
  confirmed_by TEXT,
  confirmed_at TEXT,
  document_id  TEXT
) STRICT;

CREATE TABLE credit_steps (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL,
  listing_id  TEXT REFERENCES credit_listings (id),
  kind        TEXT NOT NULL CHECK (kind IN ('security', 'correction', 'commitment', 'repair-application', 'repair-decision', 'grace')),
  on_date     TEXT NOT NULL,
  text        TEXT NOT NULL,
  granted     INTEGER,
  until_on    TEXT,
  document_id TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX credit_steps_case ON credit_steps (case_id, party_id);

ALTER TABLE enforcement_notices ADD COLUMN report_days INTEGER;
`;

export const migration016: Migration = {
  version: 16,
  name: 'dishonest listings, removals and credit steps',
  up(db) {
    db.exec(SQL);
  },
};
