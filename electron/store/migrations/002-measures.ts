/** Version 2: the measures outbox, documents, reminders, approvals, balance checks, settings. */
import type { Migration } from './migration';

const SQL = /* sql */ `
-- the measures outbox (docs/domain.md rule 7): a freeze, renewal, release or deduction is written here,
-- durably, before it is sent; id is the client request id the gateway deduplicates on, so one
-- decision is one row and one id for ever. state carries no CHECK (as in requests) so later
-- migrations can add states; the repository checks each move against its transition table.
CREATE TABLE measures (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  party_id         TEXT NOT NULL REFERENCES parties (id),
  asset_id         TEXT NOT NULL REFERENCES assets (id),
  channel          TEXT NOT NULL,
  asset_kind       TEXT NOT NULL,
  asset_identifier TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('freeze', 'renew', 'unfreeze', 'deduct')),
  state            TEXT NOT NULL,
  -- integer fen: freeze asks, deduct takes, unfreeze releases (NULL = all)
  amount           INTEGER CHECK (amount IS NULL OR amount > 0),
  ends_on          TEXT,
  -- renew, unfreeze and deduct act on one freeze of the same case and asset; a freeze on none
  freeze_id        TEXT REFERENCES measures (id),
  court_account    TEXT,
  over_cap_reason  TEXT,
  decided_by       TEXT NOT NULL,
  approved_by      TEXT,
  outcome          TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  error_code       TEXT,
  error_message    TEXT,
  error_message_en TEXT,
  body_sha256      TEXT,
  -- deduct: the fen added to cases.recovered when it was confirmed executed; set once, so a
  -- confirmation saved twice cannot count the money twice
  credited         INTEGER CHECK (credited IS NULL OR credited > 0),
  credited_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  sent_at          TEXT,
  CHECK ((kind = 'freeze') = (freeze_id IS NULL))
) STRICT;
CREATE INDEX measures_outbox ON measures (created_at) WHERE state IN ('queued', 'sent', 'unknown');
CREATE INDEX measures_case ON measures (case_id, created_at);
CREATE INDEX measures_freeze ON measures (freeze_id) WHERE freeze_id IS NOT NULL;

-- only a debtor of the case may be acted against, never a third party (as for requests); only
-- on an asset found for that debtor in that case (query data serves only its case); and a
-- renewal, release or deduction only on a freeze of that same asset. One trigger, so the first
-- reason that applies is the one reported.
CREATE TRIGGER measures_target BEFORE INSERT ON measures
BEGIN
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM parties WHERE id = NEW.party_id AND case_id = NEW.case_id AND role = 'debtor')
      THEN RAISE(ABORT, 'NOT_A_DEBTOR')
    WHEN NOT EXISTS (SELECT 1 FROM assets WHERE id = NEW.asset_id AND case_id = NEW.case_id AND party_id = NEW.party_id)
      THEN RAISE(ABORT, 'ASSET_NOT_OF_DEBTOR')
    WHEN NEW.freeze_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM measures WHERE id = NEW.freeze_id AND kind = 'freeze' AND case_id = NEW.case_id AND asset_id = NEW.asset_id)
      THEN RAISE(ABORT, 'FREEZE_NOT_OF_ASSET')
  END;
END;

-- what was decided never changes after the outbox write: only its progress does
CREATE TRIGGER measures_decision_fixed BEFORE UPDATE ON measures
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.party_id IS NOT OLD.party_id
  OR NEW.asset_id IS NOT OLD.asset_id OR NEW.channel IS NOT OLD.channel OR NEW.asset_kind IS NOT OLD.asset_kind
  OR NEW.asset_identifier IS NOT OLD.asset_identifier OR NEW.over_cap_reason IS NOT OLD.over_cap_reason
  OR NEW.kind IS NOT OLD.kind OR NEW.amount IS NOT OLD.amount OR NEW.ends_on IS NOT OLD.ends_on
  OR NEW.freeze_id IS NOT OLD.freeze_id OR NEW.court_account IS NOT OLD.court_account
  OR NEW.decided_by IS NOT OLD.decided_by OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.credited IS NOT NULL AND NEW.credited IS NOT OLD.credited)
BEGIN
  SELECT RAISE(ABORT, 'MEASURE_DECISION_FIXED');
END;
CREATE TRIGGER measures_no_delete BEFORE DELETE ON measures
BEGIN
  SELECT RAISE(ABORT, 'measures are kept');
END;

-- each state change of a measure: who (officer code, or 'system' when the program carried out a
-- decided measure), when, from and to, and what came with it. Append-only.
CREATE TABLE measure_events (
  seq        INTEGER PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures (id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT NOT NULL,
  detail     TEXT NOT NULL
) STRICT;
CREATE INDEX measure_events_measure ON measure_events (measure_id, seq);
CREATE TRIGGER measure_events_no_update BEFORE UPDATE ON measure_events
BEGIN
  SELECT RAISE(ABORT, 'measure_events is append-only');
END;
CREATE TRIGGER measure_events_no_delete BEFORE DELETE ON measure_events
BEGIN
  SELECT RAISE(ABORT, 'measure_events is append-only');
END;

-- every measure request sent and answer received, verbatim with its digest (evidence)
CREATE TABLE measure_exchanges (
  seq        INTEGER PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures (id),
  direction  TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
  text       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX measure_exchanges_measure ON measure_exchanges (measure_id, seq);

-- rulings and assistance notices. The PDF is kept only here, as a BLOB inside the encrypted
-- database: it names the debtor and the account, so it is never written elsewhere on disk.
-- Numbering: one sequence per case across all its documents, printed as the case number with
-- 之一, 之二 … ((2025)黔0103执1234号之一; shared/documents/numbering.ts), so every document of a
-- case has a number of its own and a number is unique within its court. seq is that sequence;
-- it is never reused (documents are never deleted).
CREATE TABLE documents (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  measure_id       TEXT REFERENCES measures (id),
  measure_position INTEGER,
  type             TEXT NOT NULL,
  court            TEXT NOT NULL,
  seq              INTEGER NOT NULL CHECK (seq > 0),
  number           TEXT NOT NULL,
  sha256           TEXT NOT NULL,
  pdf              BLOB NOT NULL,
  content          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  UNIQUE (court, number),
  UNIQUE (case_id, seq)
) STRICT;
CREATE INDEX documents_case ON documents (case_id, created_at);
CREATE INDEX documents_measure ON documents (measure_id, measure_position) WHERE measure_id IS NOT NULL;
-- a generated document is evidence: it may be attached to its measure once, never changed
CREATE TRIGGER documents_fixed BEFORE UPDATE ON documents
WHEN OLD.measure_id IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.type IS NOT OLD.type
  OR NEW.court IS NOT OLD.court OR NEW.seq IS NOT OLD.seq OR NEW.number IS NOT OLD.number OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.pdf IS NOT OLD.pdf OR NEW.content IS NOT OLD.content OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN
  SELECT RAISE(ABORT, 'DOCUMENT_FIXED');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents are kept');
END;

-- freeze-expiry reminders delivered, so each is shown once: key = '<measure id>:<days before>',
-- the measure being the freeze or the renewal that last set its end date
CREATE TABLE reminders (
  key          TEXT PRIMARY KEY,
  measure_id   TEXT NOT NULL REFERENCES measures (id),
  days_before  INTEGER NOT NULL CHECK (days_before >= 0),
  due_on       TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  delivered_to TEXT NOT NULL
) STRICT;
CREATE INDEX reminders_measure ON reminders (measure_id);

-- a division chief's decision on a deduction above the bureau's threshold. Append-only.
CREATE TABLE approvals (
  seq        INTEGER PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures (id),
  approver   TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
  at         TEXT NOT NULL,
  reason     TEXT
) STRICT;
CREATE INDEX approvals_measure ON approvals (measure_id, seq);
CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals is append-only');
END;
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
BEGIN
  SELECT RAISE(ABORT, 'approvals is append-only');
END;

-- the frozen amount re-queried before deducting (docs/domain.md rule 6: never on a stale balance)
CREATE TABLE frozen_balance_checks (
  seq        INTEGER PRIMARY KEY,
  freeze_id  TEXT NOT NULL REFERENCES measures (id),
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  checked_at TEXT NOT NULL,
  request_id TEXT NOT NULL
) STRICT;
CREATE INDEX frozen_balance_checks_freeze ON frozen_balance_checks (freeze_id, checked_at);
CREATE TRIGGER frozen_balance_checks_of_freeze BEFORE INSERT ON frozen_balance_checks
WHEN NOT EXISTS (SELECT 1 FROM measures WHERE id = NEW.freeze_id AND kind = 'freeze')
BEGIN
  SELECT RAISE(ABORT, 'NOT_A_FREEZE');
END;

-- bureau settings that govern measures (approval threshold, reminders, court accounts …), one JSON
-- value per key, with who changed it last; absent keys take the program's defaults
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`;

export const migration002: Migration = {
  version: 2, name: 'measures outbox, documents, reminders, approvals, balance checks, settings', up: (db) => void db.exec(SQL),
};
