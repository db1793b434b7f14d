/**
 * Consumption restrictions (docs/domain.md rule 9): (1) `restriction_orders`, a 限制消费令 per case
 * and debtor from the draft through the judge's proposal and the chief's approval to its lift, with
 * the kinds restricted and, for a company, the persons it binds (names and ID numbers: inside the
 * encrypted store only); (2) `restriction_exemptions`, a single journey allowed for a while with
 * its 决定书.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE restriction_orders (
  id                 TEXT PRIMARY KEY,
  case_id            TEXT NOT NULL REFERENCES cases (id),
  party_id           TEXT NOT NULL,
  debtor_name        TEXT NOT NULL,
  debtor_id_number   TEXT NOT NULL,
  debtor_kind        TEXT NOT NULL CHECK (debtor_kind IN ('person', 'company')),
  kinds              TEXT NOT NULL,
  bound              TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('draft', 'proposed', 'refused', 'issued', 'lifted')),
  drafted_by         TEXT NOT NULL,
  proposed_by        TEXT,
  proposed_at        TEXT,
  exchange_id        TEXT,
  exchange_payload   TEXT,
  decision_signature TEXT,
  approved_by        TEXT,
  approved_at        TEXT,
  refused_reason     TEXT,
  issued_on          TEXT,
  document_id        TEXT,
  lift_ground        TEXT CHECK (lift_ground IN ('paid', 'security', 'consent')),
  lift_note          TEXT,
  lifted_by          TEXT,
  lifted_at          TEXT,
  lift_document_id   TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX restriction_orders_case ON restriction_orders (case_id, party_id);
CREATE INDEX restriction_orders_state ON restriction_orders (state);
-- one order under way per debtor of a case
CREATE UNIQUE INDEX restriction_orders_one_open ON restriction_orders (case_id, party_id) WHERE state IN ('draft', 'proposed', 'issued');

CREATE TABLE restriction_exemptions (
  id          TEXT PRIMARY KEY,
  order_id    TEXT NOT NULL REFERENCES restriction_orders (id),
  case_id     TEXT NOT NULL REFERENCES cases (id),
  kind        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  note        TEXT NOT NULL,
  from_date   TEXT NOT NULL,
  until_date  TEXT NOT NULL CHECK (until_date >= from_date),
  decided_by  TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  document_id TEXT NOT NULL
) STRICT;
CREATE INDEX restriction_exemptions_order ON restriction_exemptions (order_id);
`;

export const migration020: Migration = {
  version: 20,
  name: 'consumption restriction orders and exemptions',
  up(db) {
    db.exec(SQL);
  },
};
