/**
 * Version 19, the judge's word on a debtor's conduct (失信 / 失能 / 积极履行, docs/domain.md rule 8)
 * kept as the last guard would have it:
 * - conduct_reviews.against: the facts that spoke the other way when he decided, beside `grounds`;
 * - a word that departs from the proposal (or is given where the records proposed nothing) is
 *   refused without a reason of his;
 * - a review is never changed or removed: a new word is a new row, the latest one stands.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE conduct_reviews ADD COLUMN against TEXT NOT NULL DEFAULT '[]';

CREATE TRIGGER conduct_reviews_override_reason BEFORE INSERT ON conduct_reviews
WHEN (NEW.proposed IS NULL OR NEW.proposed <> NEW.decided) AND length(trim(coalesce(NEW.reason, ''))) < 2
BEGIN
  SELECT RAISE(ABORT, 'OVERRIDE_NEEDS_REASON');
END;

CREATE TRIGGER conduct_reviews_no_update BEFORE UPDATE ON conduct_reviews
BEGIN
  SELECT RAISE(ABORT, 'CONDUCT_REVIEW_KEPT');
END;

CREATE TRIGGER conduct_reviews_no_delete BEFORE DELETE ON conduct_reviews
BEGIN
  SELECT RAISE(ABORT, 'CONDUCT_REVIEW_KEPT');
END;
`;

export const migration019: Migration = {
  version: 19,
  name: 'conduct classifications',
  up(db) {
    db.exec(SQL);
  },
};
