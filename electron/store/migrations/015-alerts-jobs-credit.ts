/**
 * Version 15, the groundwork of joint punishment and active warnings. (1) `alerts`: each with its
 * reason, the record it rests on and one action, one per fact (dedupe_key), kept across restarts.
 * (2) `jobs`: durable calendar work with pause, resume, cancel and progress (docs/architecture.md,
 * "Exchanges and jobs"). (3) `credit_exchanges`: the outbox of listings and restrictions sent to the
 * credit platform, one row per client request id, exactly once (docs/domain.md rule 7). (4) The
 * execution notice and the property-report order per debtor, their service, and the reports filed.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  kind             TEXT NOT NULL,
  dedupe_key       TEXT NOT NULL UNIQUE,
  reason_zh        TEXT NOT NULL,
  reason_en        TEXT NOT NULL,
  source_kind      TEXT NOT NULL,
  source_id        TEXT NOT NULL,
  action           TEXT NOT NULL,
  action_input     TEXT NOT NULL DEFAULT '{}',
  state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'done')),
  raised_at        TEXT NOT NULL,
  acknowledged_at  TEXT,
  acknowledged_by  TEXT,
  assigned_to      TEXT
) STRICT;
CREATE INDEX alerts_open ON alerts (state, raised_at);
CREATE INDEX alerts_case ON alerts (case_id, raised_at);

CREATE TABLE jobs (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  case_id     TEXT REFERENCES cases (id),
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
  params      TEXT NOT NULL DEFAULT '{}',
  progress    TEXT NOT NULL DEFAULT '{"done":0,"total":0}',
  run_at      TEXT NOT NULL,
  runs        INTEGER NOT NULL DEFAULT 0,
  lease_until TEXT,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  last_error  TEXT
) STRICT;
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_case ON jobs (case_id, kind);

CREATE TABLE credit_exchanges (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('listing.publish', 'listing.remove', 'restriction.issue', 'restriction.lift')),
  case_id      TEXT NOT NULL REFERENCES cases (id),
  record_id    TEXT NOT NULL,
  subjects     TEXT NOT NULL,
  payload      TEXT NOT NULL,
  signatures   TEXT NOT NULL DEFAULT '[]',
  state        TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'unknown', 'accepted', 'rejected')),
  platform_ref TEXT,
  reason_zh    TEXT,
  reason_en    TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (record_id, kind)
) STRICT;
CREATE INDEX credit_exchanges_open ON credit_exchanges (state);
CREATE INDEX credit_exchanges_case ON credit_exchanges (case_id);

-- 执行通知书 and 报告财产令 (民诉法 第二百五十一、二百五十二条): issued per debtor, served, with the
-- report's deadline; the debtor's report as recorded. Not reporting is ground 4 of the dishonest
-- list and its service is a condition of 终本 (docs/domain.md rules 8, 12).
CREATE TABLE enforcement_notices (
  id             TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases (id),
  party_id       TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('execution-notice', 'report-order')),
  document_id    TEXT,
  issued_at      TEXT NOT NULL,
  issued_by      TEXT NOT NULL,
  served_on      TEXT,
  service_method TEXT,
  deadline_on    TEXT,
  UNIQUE (case_id, party_id, kind)
) STRICT;
CREATE TABLE property_reports (
  id           TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (id),
  party_id     TEXT NOT NULL,
  notice_id    TEXT NOT NULL REFERENCES enforcement_notices (id),
  filed_on     TEXT NOT NULL,
  truthful     INTEGER NOT NULL DEFAULT 1,
  content      TEXT NOT NULL DEFAULT '{}',
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX property_reports_case ON property_reports (case_id, party_id);
`;

export const migration015: Migration = {
  version: 15,
  name: 'alerts, jobs and credit exchanges',
  up(db) {
    db.exec(SQL);
  },
};
