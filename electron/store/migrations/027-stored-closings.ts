/**
 * Version 27, the dashboard's columns stored (docs/dashboard.md "The stored columns"; docs/bench.md P6):
 * - cases.closed_as: the way a closed case was closed, wherever — a closing made here (`closing`,
 *   `terminal_closing`) first, else the case-management system's (`cms_closing`). Version 25 made
 *   it a virtual column, which the dashboard's indexes did not cover; it is now a stored column.
 * - cases.limit_base: the last day of the case's time limit before it is carried past holidays
 *   (`timeLimitBase`, through `ck_limit_base`), null for a type with none. The holiday table is
 *   not in it, so it never goes stale when next year's holidays are published; the dashboard
 *   rolls it through the table only for a closing that falls in the days a roll can add.
 * Both are filled here for the cases stored before, and kept by triggers in the very statement
 * that writes their sources (filing, closing by any way, a changed filing day, a closing taken
 * back), whoever writes it; a write to either column itself is overwritten from its sources.
 * The indexes of the closings (by day; by month, judge and way, the dashboard's grouping) and of
 * the 整体执结率's window (its filings, and its closed filings apart) cover every column the
 * dashboard's passes read.
 */
import { registerLimitBase } from '../limit-base';
import type { Migration } from './migration';

const WAYS = ['completed', 'terminal', 'ended', 'withdrawn', 'not-enforced'].map((w) => `'${w}'`).join(', ');

/** the stored columns from their sources, of the row `p` (`NEW.`) or of each row ('') */
const kept = (p: string) => /* sql */ `
  closed_as = COALESCE(${p}closing, CASE WHEN ${p}terminal_closing IS NOT NULL THEN 'terminal' END, ${p}cms_closing),
  limit_base = ck_limit_base(${p}type, ${p}filed_on)`;

const SQL = /* sql */ `
DROP INDEX cases_closed_on;
DROP INDEX cases_filed_window;
ALTER TABLE cases DROP COLUMN closed_as;
ALTER TABLE cases ADD COLUMN closed_as TEXT CHECK (closed_as IS NULL OR closed_as IN (${WAYS}));
ALTER TABLE cases ADD COLUMN limit_base TEXT;
UPDATE cases SET ${kept('')};
CREATE TRIGGER cases_stored_on_insert AFTER INSERT ON cases
BEGIN
  UPDATE cases SET ${kept('NEW.')} WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER cases_stored_on_update
AFTER UPDATE OF closing, terminal_closing, cms_closing, type, filed_on, closed_as, limit_base ON cases
BEGIN
  UPDATE cases SET ${kept('NEW.')} WHERE rowid = NEW.rowid;
END;
CREATE INDEX cases_closed_on ON cases (closed_on, court, assignee, closed_as, type, filed_on, limit_base, id) WHERE closed_on IS NOT NULL;
-- the closings by month, judge and way in the order the dashboard groups them, so it needs no sort
CREATE INDEX cases_closed_month ON cases (court, substr(closed_on, 1, 7), assignee, closed_as, closed_on, type, filed_on, limit_base, id)
  WHERE closed_on IS NOT NULL;
CREATE INDEX cases_filed_window ON cases (filed_on, court, filing, assignee);
CREATE INDEX cases_filed_closed ON cases (filed_on, court, filing, assignee, closed_on, closed_as, type, limit_base) WHERE closed_on IS NOT NULL;
`;

export const migration027: Migration = {
  version: 27,
  name: 'stored closing way and time limit base',
  up(db) {
    registerLimitBase(db);
    db.exec(SQL);
  },
};
