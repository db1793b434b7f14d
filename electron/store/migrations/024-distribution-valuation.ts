/**
 * Version 24, competing claims and valuation (docs/distribution.md; docs/domain.md rules 1 and 4).
 * `distribution_claims`: the creditors who applied to share in what a case recovered (参与分配), each
 * with his claim in fen, its class (优先受偿 / 普通) and, for a priority claim, its rank; a claim is
 * withdrawn with a reason, never edited. `distribution_applicant_class`: the class of the case's own
 * applicant (his amount is the case's), with the right it rests on. `distribution_plans`: each 分配方案 made, with the figures it
 * printed, its document, and the day it was served (the 15 days to object run from it).
 * `transfer_requests`: each 商请移送执行函 made for an asset another court seized first.
 * `valuation_requests`: each 定向询价 to the tax authority for a property found, its answer (the
 * reference price, fen) or its failure. Kept only inside the encrypted store.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE distribution_claims (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (id),
  creditor     TEXT NOT NULL CHECK (length(creditor) BETWEEN 1 AND 100),
  id_number    TEXT NOT NULL,
  basis        TEXT NOT NULL CHECK (length(basis) BETWEEN 1 AND 200),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  priority     TEXT NOT NULL CHECK (priority IN ('priority', 'ordinary')),
  rank         INTEGER CHECK (rank IS NULL OR (priority = 'priority' AND rank >= 1)),
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  reason       TEXT,
  CHECK ((withdrawn_at IS NULL) = (reason IS NULL))
) STRICT;
CREATE INDEX distribution_claims_case ON distribution_claims (case_id, added_at);
CREATE TRIGGER distribution_claims_only_withdrawn BEFORE UPDATE ON distribution_claims
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.amount IS NOT OLD.amount OR NEW.priority IS NOT OLD.priority OR NEW.creditor IS NOT OLD.creditor
BEGIN SELECT RAISE(ABORT, 'CLAIM_NEVER_EDITED'); END;

-- the applicant of the case claims what the case says is owed; his class (a mortgagee's priority) is the judge's record
CREATE TABLE distribution_applicant_class (
  case_id  TEXT PRIMARY KEY REFERENCES cases (id),
  priority TEXT NOT NULL CHECK (priority IN ('priority', 'ordinary')),
  rank     INTEGER CHECK (rank IS NULL OR (priority = 'priority' AND rank >= 1)),
  basis    TEXT,
  set_by   TEXT NOT NULL,
  set_at   TEXT NOT NULL
) STRICT;

CREATE TABLE distribution_plans (
  id            TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL REFERENCES cases (id),
  distributable INTEGER NOT NULL CHECK (distributable >= 0),
  costs         INTEGER NOT NULL CHECK (costs >= 0),
  figures       TEXT NOT NULL,
  document_id   TEXT NOT NULL REFERENCES documents (id),
  served_on     TEXT CHECK (served_on IS NULL OR served_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  made_by       TEXT NOT NULL,
  made_at       TEXT NOT NULL
) STRICT;
CREATE INDEX distribution_plans_case ON distribution_plans (case_id, made_at);

CREATE TABLE transfer_requests (
  id                TEXT PRIMARY KEY,
  case_id           TEXT NOT NULL REFERENCES cases (id),
  asset_id          TEXT NOT NULL REFERENCES assets (id),
  first_court       TEXT NOT NULL,
  first_case_number TEXT,
  seized_on         TEXT NOT NULL CHECK (seized_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  document_id       TEXT NOT NULL REFERENCES documents (id),
  made_by           TEXT NOT NULL,
  made_at           TEXT NOT NULL
) STRICT;
CREATE INDEX transfer_requests_case ON transfer_requests (case_id, asset_id);

CREATE TABLE valuation_requests (
  id              TEXT PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (id),
  asset_id        TEXT NOT NULL REFERENCES assets (id),
  state           TEXT NOT NULL CHECK (state IN ('sent', 'answered', 'failed')),
  reference_price INTEGER CHECK (reference_price IS NULL OR reference_price > 0),
  valid_until     TEXT,
  authority       TEXT,
  error           TEXT,
  requested_by    TEXT NOT NULL,
  requested_at    TEXT NOT NULL,
  answered_at     TEXT,
  CHECK ((state = 'answered') = (reference_price IS NOT NULL))
) STRICT;
CREATE INDEX valuation_requests_asset ON valuation_requests (asset_id, requested_at);
`;

export const migration024: Migration = {
  version: 24,
  name: 'distribution and valuation',
  up(db) {
    db.exec(SQL);
  },
};
