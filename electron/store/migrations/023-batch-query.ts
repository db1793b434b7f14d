/**
 * Version 23, the batch one-click query (docs/batch.md). A batch is a job of kind 'query.batch';
 * `batch_items` holds one row per case in the order chosen — queued, sent (its requests planned),
 * settled (every request answered, failed or sent to manual handling) or skipped (closed, no debtor,
 * no longer the officer's case, or every channel answered within the freshness window) — with its tallies, so the job resumes
 * from its rows after a kill and the batch's view is one SQL pass. `batch_requests` names the request
 * id planned for each (case, party, channel) before anything is sent: a resumed batch sends only
 * the planned ids the outbox does not hold yet, never a channel twice.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE batch_items (
  job_id    TEXT NOT NULL REFERENCES jobs (id),
  seq       INTEGER NOT NULL CHECK (seq >= 0),
  case_id   TEXT NOT NULL REFERENCES cases (id),
  state     TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'settled', 'skipped')),
  skip      TEXT CHECK (skip IN ('fresh', 'closed', 'no-debtor', 'no-access')),
  fresh     INTEGER NOT NULL DEFAULT 0 CHECK (fresh >= 0),
  planned   INTEGER NOT NULL DEFAULT 0 CHECK (planned >= 0),
  answered  INTEGER NOT NULL DEFAULT 0 CHECK (answered >= 0),
  failed    INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
  found     INTEGER NOT NULL DEFAULT 0 CHECK (found >= 0),
  as_of     TEXT,
  PRIMARY KEY (job_id, seq),
  UNIQUE (job_id, case_id),
  CHECK ((state = 'skipped') = (skip IS NOT NULL))
) STRICT;
CREATE INDEX batch_items_state ON batch_items (job_id, state, seq);

CREATE TABLE batch_requests (
  request_id TEXT PRIMARY KEY,
  job_id     TEXT NOT NULL REFERENCES jobs (id),
  case_id    TEXT NOT NULL REFERENCES cases (id),
  party_id   TEXT NOT NULL REFERENCES parties (id),
  channel    TEXT NOT NULL,
  UNIQUE (job_id, case_id, party_id, channel)
) STRICT;
CREATE INDEX batch_requests_case ON batch_requests (job_id, case_id);
`;

export const migration023: Migration = {
  version: 23,
  name: 'batch query',
  up(db) {
    db.exec(SQL);
  },
};
