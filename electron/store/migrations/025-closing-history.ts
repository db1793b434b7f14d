/**
 * Version 25, the closing history the case-management system holds and the bureau dashboard's
 * indexes (docs/dashboard.md; docs/architecture.md §6: a view across cases is one SQL pass over
 * indexed columns).
 * - cases.cms_closing: the way the system records a case closed elsewhere than on this workstation
 *   (执行完毕, 终本, 终结执行, 销案, 不予执行); its day is `closed_on`, as for a closing made here.
 *   Version 9's CHECK on `closing` admits only 'completed' and SQLite cannot widen it in place, so
 *   this is a column of its own; a closing made here keeps `closing` or `terminal_closing`.
 * - cases.closed_as: the way, wherever the case was closed — one expression, a generated column,
 *   so every read says the same and the dashboard's indexes cover it.
 * - indexes for the dashboard's passes: closings by day (per judge) and the filings of the
 *   三年整体执结率 window, covering what they read; recovered money by day
 *   (deductions credited, the debtor's own payments), freezes and renewals by end day, listings by
 *   the day listed, removals by the day confirmed.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE cases ADD COLUMN cms_closing TEXT
  CHECK (cms_closing IS NULL OR cms_closing IN ('completed', 'terminal', 'ended', 'withdrawn', 'not-enforced'));
-- the way a closed case was closed, wherever: here (closing, terminal_closing) or in the system
ALTER TABLE cases ADD COLUMN closed_as TEXT
  GENERATED ALWAYS AS (COALESCE(closing, CASE WHEN terminal_closing IS NOT NULL THEN 'terminal' END, cms_closing)) VIRTUAL;
CREATE INDEX cases_closed_on ON cases (closed_on, court, assignee, closed_as, type, filed_on, id) WHERE closed_on IS NOT NULL;
CREATE INDEX cases_filed_window ON cases (filed_on, court, filing, assignee, type, closed_on, closed_as);
CREATE INDEX measures_credited_at ON measures (credited_at) WHERE kind = 'deduct' AND credited IS NOT NULL;
CREATE INDEX measures_ends_on ON measures (kind, ends_on) WHERE state = 'executed';
CREATE INDEX debtor_payments_paid_on ON debtor_payments (paid_on);
CREATE INDEX credit_listings_listed_on ON credit_listings (listed_on) WHERE listed_on IS NOT NULL;
CREATE INDEX credit_removals_confirmed_at ON credit_removals (confirmed_at) WHERE confirmed_at IS NOT NULL;
`;

export const migration025: Migration = {
  version: 25,
  name: 'closing history and dashboard indexes',
  up(db) {
    db.exec(SQL);
  },
};
