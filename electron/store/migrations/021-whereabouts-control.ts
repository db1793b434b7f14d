/**
 * Version 21, whereabouts monitoring and control (docs/domain.md rule 10). (1) `whereabouts_subscriptions`:
 * a debtor monitored in a case, resting on the recorded finding it names; one in force per debtor and
 * case; ended when the judge stops it, the case closes or the finding is withdrawn, and the gateway told.
 * (2) `whereabouts_sightings`: what the feed carried of him, once per gateway reference, with the
 * alert it raised. (3) `control_requests`: the 协助临时控制 requests to the railway police, one per
 * alert (the request id is fixed when it is written, before it is sent) and its state as the police
 * answer, with the 协助临时控制通知书 and, once decided, the 拘留决定书 draft. (4) The feed's cursor.
 * Whereabouts are personal data: kept only inside the encrypted store.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE whereabouts_subscriptions (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL REFERENCES parties (id),
  finding_seq INTEGER NOT NULL REFERENCES whereabouts_findings (seq),
  started_by  TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  ended_by    TEXT,
  end_reason  TEXT CHECK (end_reason IS NULL OR end_reason IN ('stopped', 'case-closed', 'finding-ended')),
  end_told    INTEGER NOT NULL DEFAULT 0 CHECK (end_told IN (0, 1)),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX whereabouts_subscriptions_in_force ON whereabouts_subscriptions (case_id, party_id) WHERE ended_at IS NULL;

CREATE TABLE whereabouts_sightings (
  ref             TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES whereabouts_subscriptions (id),
  case_id         TEXT NOT NULL REFERENCES cases (id),
  party_id        TEXT NOT NULL REFERENCES parties (id),
  kind            TEXT NOT NULL CHECK (kind IN ('hotel', 'rail', 'air', 'exit-entry', 'grid')),
  source          TEXT NOT NULL,
  place           TEXT NOT NULL,
  detail          TEXT NOT NULL,
  seen_at         TEXT NOT NULL,
  received_at     TEXT NOT NULL
) STRICT;
CREATE INDEX whereabouts_sightings_case ON whereabouts_sightings (case_id, seen_at);

CREATE TABLE control_requests (
  id             TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases (id),
  party_id       TEXT NOT NULL REFERENCES parties (id),
  alert_id       TEXT NOT NULL UNIQUE REFERENCES alerts (id),
  sighting_ref   TEXT NOT NULL,
  document_id    TEXT NOT NULL REFERENCES documents (id),
  body           TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('queued', 'accepted', 'controlled', 'not_found', 'refused', 'unknown')),
  error          TEXT,
  station        TEXT,
  requested_by   TEXT NOT NULL,
  requested_at   TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  detention_document_id TEXT REFERENCES documents (id)
) STRICT;
CREATE INDEX control_requests_case ON control_requests (case_id, requested_at);
CREATE INDEX control_requests_open ON control_requests (state) WHERE state IN ('queued', 'accepted', 'unknown');

CREATE TABLE whereabouts_feed (
  court  TEXT PRIMARY KEY,
  cursor TEXT NOT NULL
) STRICT;
`;

export const migration021: Migration = {
  version: 21,
  name: 'whereabouts monitoring and control',
  up(db) {
    db.exec(SQL);
  },
};
