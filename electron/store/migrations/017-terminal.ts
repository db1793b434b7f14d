/**
 * Version 17, 终本 (docs/domain.md rule 12) and the judge's word on a debtor's conduct (rule 8).
 * - terminal_closings: the proposal of a 终本 closing with the checklist it rested on, the judge's
 *   signature, and the chief's or the director's signed approval (or refusal, with its reason);
 *   the 执恢 case it was resumed into. One live proposal per case.
 * - cases.terminal_closing: a case closed as 终本 names its approved closing. The way a case is
 *   closed is kept as in version 9 (closed_on, closed_by); 009's CHECK on `closing` stays
 *   'completed' only and SQLite cannot widen a CHECK in place, so 终本 is this column.
 * - terminal_requery_runs: each six-monthly re-query (终本规定 第九条): what it asked, what was new, the
 *   告知书 to the applicant, the alert raised.
 * - terminal_listing_reasons: the judge's recorded reason a listing does not apply to a debtor.
 * - conduct_reviews: the judge confirms or overrides the 失信 / 失能 / 积极履行 proposal, with a reason.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE terminal_closings (
  id                 TEXT PRIMARY KEY,
  case_id            TEXT NOT NULL REFERENCES cases (id),
  state              TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'refused')),
  checklist          TEXT NOT NULL,
  proposed_by        TEXT NOT NULL,
  proposed_at        TEXT NOT NULL,
  signatures         TEXT NOT NULL DEFAULT '[]',
  decided_by         TEXT,
  decided_at         TEXT,
  refusal            TEXT,
  document_id        TEXT,
  resumed_case_id    TEXT REFERENCES cases (id)
) STRICT;
CREATE UNIQUE INDEX terminal_closings_live ON terminal_closings (case_id) WHERE state IN ('proposed', 'approved');
ALTER TABLE cases ADD COLUMN terminal_closing TEXT REFERENCES terminal_closings (id);

CREATE TABLE terminal_requery_runs (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  job_id      TEXT NOT NULL,
  run         INTEGER NOT NULL CHECK (run >= 1),
  ran_at      TEXT NOT NULL,
  requests    TEXT NOT NULL DEFAULT '[]',
  new_assets  TEXT NOT NULL DEFAULT '[]',
  document_id TEXT,
  alert_id    TEXT,
  UNIQUE (job_id, run)
) STRICT;
CREATE INDEX terminal_requery_runs_case ON terminal_requery_runs (case_id, run);

CREATE TABLE terminal_listing_reasons (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (case_id, party_id)
) STRICT;

CREATE TABLE conduct_reviews (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL,
  proposed    TEXT CHECK (proposed IS NULL OR proposed IN ('refusing', 'unable', 'performing')),
  decided     TEXT NOT NULL CHECK (decided IN ('refusing', 'unable', 'performing')),
  reason      TEXT,
  grounds     TEXT NOT NULL DEFAULT '[]',
  decided_by  TEXT NOT NULL,
  decided_at  TEXT NOT NULL
) STRICT;
CREATE INDEX conduct_reviews_party ON conduct_reviews (case_id, party_id, decided_at);
`;

export const migration017: Migration = {
  version: 17,
  name: 'terminal closings, re-query runs and conduct reviews',
  up(db) {
    db.exec(SQL);
  },
};
