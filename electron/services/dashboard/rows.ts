/**
 * The rows behind the bureau dashboard's figures (docs/dashboard.md), read in one pass each:
 * closings of the period, filings of the three years, recovered money, open cases near their
 * time limit (as the alert scan finds them), freezes lapsing this week, listings and removals.
 * Every row names its case and its judge, so a figure and its drill-down are the same rows.
 */
import { addDays, addMonths, daysBetween, type HolidayCalendar, type IsoDate } from '../../../shared/dates';
import type { Period } from '../../../shared/domain/dashboard';
import type { CaseTypeCode } from '../../../shared/ids/case-number';
import { ACTUAL_CLOSINGS, inLimitChecker, OVERALL_YEARS, weekEndOf } from '../../../shared/rules/dashboard';
import { caseTimeLimit } from '../../../shared/rules/time-limits';
import type { SecureStore } from '../../store';
import type { CaseOfJudge, ClosingRow, DashboardScope, RecoveredRow } from '../../store/dashboard';
import { CASE_DEADLINE_WARN_DAYS } from '../alerts/scan';

/** a closing of the period: 实际执结 (执行完毕, 终结执行) or not, and if so whether by its time limit */
export interface ClosedCase extends ClosingRow {
  actual: boolean;
  inLimit: boolean;
}

export interface DashboardRows {
  closed: ClosedCase[];
  /** the 整体执结率's window: cases filed in the three years, and those done (终本, or 实际执结 in time) */
  overall: { filed: number; done: number };
  recovered: RecoveredRow[];
  nearLimit: CaseOfJudge[];
  freezesLapsing: CaseOfJudge[];
  listed: CaseOfJudge[];
  removed: CaseOfJudge[];
}

/** the types the six-month limit applies to (docs/domain.md rule 11, shared/rules/time-limits.ts) */
const SIX_MONTH_TYPES = ['执', '执恢', '执保'] as const;
/** a deadline rolls past days off by at most this many days */
const ROLL_SLACK_DAYS = 15;

/**
 * Open cases with property found or frozen (the limit applies: the alert scan's rule) whose limit
 * falls within CASE_DEADLINE_WARN_DAYS of today, not yet past.
 */
function nearLimit(store: SecureStore, s: DashboardScope, today: IsoDate, cal: HolidayCalendar): CaseOfJudge[] {
  const from = addMonths(addDays(today, -ROLL_SLACK_DAYS), -6);
  const to = addMonths(addDays(today, CASE_DEADLINE_WARN_DAYS), -6);
  return store.alertScans.openCasesFiled(SIX_MONTH_TYPES, from, to)
    .filter((c) => c.hasProperty && (s.assignee === undefined || c.assignee === s.assignee))
    .filter((c) => {
      const limit = caseTimeLimit(c.type as CaseTypeCode, c.filedOn, cal);
      const left = limit ? daysBetween(today, limit.deadline) : -1;
      return left >= 0 && left <= CASE_DEADLINE_WARN_DAYS;
    })
    .map((c) => ({ caseId: c.caseId, assignee: c.assignee ?? '' }));
}

/** Freezes in force whose end after renewals falls from today to Sunday (the renewal reminders' read). */
function freezesLapsing(store: SecureStore, s: DashboardScope, today: IsoDate): CaseOfJudge[] {
  const ending = store.alertScans.freezesEnding(today, weekEndOf(today));
  const judges = store.dashboard.assigneesOf(s, [...new Set(ending.map((f) => f.caseId))]);
  return ending.filter((f) => judges.has(f.caseId)).map((f) => ({ caseId: f.caseId, assignee: judges.get(f.caseId)! }));
}

export function readRows(store: SecureStore, s: DashboardScope, period: Period, today: IsoDate, cal: HolidayCalendar): DashboardRows {
  const d = store.dashboard;
  const inLimit = inLimitChecker(cal);
  const closed = d.closedIn(s, period.from, period.to).map((r) => {
    const actual = ACTUAL_CLOSINGS.includes(r.way);
    return { ...r, actual, inLimit: actual && inLimit(r) };
  });
  const window = d.filedIn(s, addDays(addMonths(period.to, -12 * OVERALL_YEARS), 1), period.to);
  const doneInTime = window.actual.reduce((t, r) => t + (inLimit(r) ? r.n : 0), 0);
  return {
    closed,
    overall: { filed: window.filed, done: window.terminal + doneInTime },
    recovered: d.recoveredIn(s, period.from, period.to),
    nearLimit: nearLimit(store, s, today, cal),
    freezesLapsing: freezesLapsing(store, s, today),
    listed: d.listedIn(s, period.from, period.to),
    removed: d.removedIn(s, period.from, period.to),
  };
}
