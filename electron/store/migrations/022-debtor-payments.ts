/**
 * Version 22, a debtor's own payments (自动履行, docs/domain.md rule 1, "What is recovered").
 * `debtor_payments`: what a debtor of the case paid himself — to the court's account, to the
 * applicant directly (the applicant confirms it) or otherwise — in fen, on a CST day, with who
 * recorded it. A row is never edited: a reversal is its own row naming the payment it undoes, with
 * its reason, and one payment is reversed at most once. The amount counts in the case's
 * `recovered`, the one input of the cap formula. Kept only inside the encrypted store.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE debtor_payments (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  party_id    TEXT NOT NULL REFERENCES parties (id),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  paid_on     TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  method      TEXT NOT NULL CHECK (method IN ('court-account', 'applicant', 'other')),
  note        TEXT,
  reverses    TEXT UNIQUE REFERENCES debtor_payments (id),
  reason      TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  CHECK ((reverses IS NULL) = (reason IS NULL))
) STRICT;
CREATE INDEX debtor_payments_case ON debtor_payments (case_id, paid_on);
CREATE TRIGGER debtor_payments_never_edited BEFORE UPDATE ON debtor_payments
BEGIN SELECT RAISE(ABORT, 'PAYMENT_NEVER_EDITED'); END;
CREATE TRIGGER debtor_payments_never_deleted BEFORE DELETE ON debtor_payments
BEGIN SELECT RAISE(ABORT, 'PAYMENT_NEVER_EDITED'); END;
`;

export const migration022: Migration = {
  version: 22,
  name: 'debtor payments',
  up(db) {
    db.exec(SQL);
  },
};
