/** Version 1: officers, cases and parties, the query outbox with its evidence, findings, the audit log. */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- officers registered with the network (officer credential register); the verifier is set only
-- when the database key is held by the OS key store and the password must be checked here
CREATE TABLE officers (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  court             TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('judge', 'clerk', 'chief')),
  password_verifier TEXT,
  updated_at        TEXT NOT NULL
) STRICT;

-- money is integer fen
CREATE TABLE cases (
  id          TEXT PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,
  court       TEXT NOT NULL,
  type        TEXT NOT NULL,
  filed_on    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  cause       TEXT NOT NULL,
  amount_owed INTEGER NOT NULL CHECK (amount_owed >= 0),
  costs       INTEGER NOT NULL CHECK (costs >= 0),
  recovered   INTEGER NOT NULL DEFAULT 0 CHECK (recovered >= 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX cases_newest ON cases (filed_on DESC, created_at DESC);
CREATE INDEX cases_status_newest ON cases (status, filed_on DESC, created_at DESC);

CREATE TABLE parties (
  id        TEXT PRIMARY KEY,
  case_id   TEXT NOT NULL REFERENCES cases (id),
  position  INTEGER NOT NULL,
  role      TEXT NOT NULL CHECK (role IN ('debtor', 'applicant')),
  kind      TEXT NOT NULL CHECK (kind IN ('person', 'company')),
  name      TEXT NOT NULL,
  id_number TEXT NOT NULL,
  UNIQUE (case_id, position)
) STRICT;
CREATE INDEX parties_name ON parties (name);
CREATE INDEX parties_id_number ON parties (id_number);

-- the outbox: a request is written before it is sent; id is the client request id the gateway
-- deduplicates on. kind, channel and state carry no CHECK so later migrations can add values.
CREATE TABLE requests (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  party_id         TEXT NOT NULL REFERENCES parties (id),
  channel          TEXT NOT NULL,
  kind             TEXT NOT NULL,
  state            TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  polls            INTEGER NOT NULL DEFAULT 0 CHECK (polls >= 0),
  error_code       TEXT,
  error_message    TEXT,
  error_message_en TEXT,
  body_sha256      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX requests_case ON requests (case_id, created_at);
CREATE INDEX requests_unfinished ON requests (created_at) WHERE state IN ('pending', 'sent', 'waiting');

-- only a debtor of the case may be queried, never a third party (docs/domain.md, "A request carries": purpose)
CREATE TRIGGER requests_debtor_only BEFORE INSERT ON requests
WHEN NOT EXISTS (SELECT 1 FROM parties WHERE id = NEW.party_id AND case_id = NEW.case_id AND role = 'debtor')
BEGIN
  SELECT RAISE(ABORT, 'NOT_A_DEBTOR');
END;

-- every request body sent and every answer received, verbatim, with its digest (docs/architecture.md §7); holds personal data, so only here
CREATE TABLE exchanges (
  seq         INTEGER PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES requests (id),
  direction   TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,
  http_status INTEGER,
  body        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX exchanges_request ON exchanges (request_id, seq);

-- the agency's answer exactly as received, kept as evidence with its digest; one per request
CREATE TABLE feedback (
  request_id  TEXT PRIMARY KEY REFERENCES requests (id),
  raw         TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

CREATE TABLE assets (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  party_id         TEXT NOT NULL REFERENCES parties (id),
  request_id       TEXT NOT NULL REFERENCES feedback (request_id),
  position         INTEGER NOT NULL,
  channel          TEXT NOT NULL,
  kind             TEXT NOT NULL,
  institution      TEXT NOT NULL,
  identifier       TEXT NOT NULL,
  description      TEXT NOT NULL,
  value            INTEGER,
  available        INTEGER,
  existing_freezes TEXT NOT NULL DEFAULT '[]',
  found_at         TEXT NOT NULL,
  UNIQUE (request_id, position)
) STRICT;
CREATE INDEX assets_case ON assets (case_id, kind);

CREATE TABLE whereabouts (
  id         TEXT PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases (id),
  party_id   TEXT NOT NULL REFERENCES parties (id),
  request_id TEXT NOT NULL REFERENCES feedback (request_id),
  position   INTEGER NOT NULL,
  channel    TEXT NOT NULL,
  kind       TEXT NOT NULL,
  place      TEXT NOT NULL,
  at         TEXT NOT NULL,
  detail     TEXT NOT NULL,
  found_at   TEXT NOT NULL,
  UNIQUE (request_id, position)
) STRICT;
CREATE INDEX whereabouts_case ON whereabouts (case_id, at DESC);

CREATE TABLE info_records (
  id         TEXT PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases (id),
  party_id   TEXT NOT NULL REFERENCES parties (id),
  request_id TEXT NOT NULL REFERENCES feedback (request_id),
  position   INTEGER NOT NULL,
  channel    TEXT NOT NULL,
  kind       TEXT NOT NULL,
  summary    TEXT NOT NULL,
  amount     INTEGER,
  found_at   TEXT NOT NULL,
  UNIQUE (request_id, position)
) STRICT;
CREATE INDEX info_records_case ON info_records (case_id);

-- who queried whom, for which case, on which legal basis: append-only and hash-chained
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  officer      TEXT NOT NULL,
  action       TEXT NOT NULL,
  case_id      TEXT,
  case_number  TEXT,
  subject      TEXT,
  legal_basis  TEXT,
  detail       TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_case ON audit_log (case_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
`;

export const migration001: Migration = { version: 1, name: 'cases, outbox, findings, audit log', up: (db) => void db.exec(SQL) };
