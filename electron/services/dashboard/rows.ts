/**
 * What the bureau dashboard's figures are made of (docs/dashboard.md), read in one SQL pass per
 * figure family and aggregated there (electron/store/dashboard.ts): closings per judge, way and
 * month; the three-year window's counts; recovered money per judge and month; listings, removals
 * and cases near their limit per judge; freezes lapsing this week (the renewal reminders' read).
 * No case is carried: the cases behind a figure are read when it is clicked (`casesBehind`).
 */
import { addDays, addMonths, type HolidayCalendar, type IsoDate } from '../../../shared/dates';
import type { CaseClosing } from '../../../shared/domain/types';
import type { FigureKey, Period } from '../../../shared/domain/dashboard';
import { OVERALL_YEARS, weekEndOf } from '../../../shared/rules/dashboard';
import type { SecureStore } from '../../store';
import type { CaseOfJudge, ClosingGroup, DashboardDays, DashboardScope, JudgeCount, RecoveredGroup, WindowCounts } from '../../store/dashboard';
import { CASE_DEADLINE_WARN_DAYS } from '../alerts/scan';

export interface DashboardRows {
  closed: ClosingGroup[];
  /** the 整体执结率's window */
  overall: WindowCounts;
  recovered: RecoveredGroup[];
  counts: JudgeCount[];
  /** one row per freeze */
  freezesLapsing: CaseOfJudge[];
}

/** a deadline rolls past days off by at most this many days */
const ROLL_SLACK_DAYS = 15;

/** The days a read is about (the near-limit filings: a six-month limit 0 to CASE_DEADLINE_WARN_DAYS days away, rolled). */
export function daysOf(period: Period, today: IsoDate): DashboardDays {
  return {
    from: period.from, to: period.to,
    windowFrom: addDays(addMonths(period.to, -12 * OVERALL_YEARS), 1),
    today,
    nearFrom: addMonths(addDays(today, -ROLL_SLACK_DAYS), -6),
    nearTo: addMonths(addDays(today, CASE_DEADLINE_WARN_DAYS), -6),
    warn: CASE_DEADLINE_WARN_DAYS,
  };
}

/** Freezes in force whose end after renewals falls from today to Sunday, with their case's judge. */
function freezesLapsing(store: SecureStore, s: DashboardScope, today: IsoDate): CaseOfJudge[] {
  const ending = store.alertScans.freezesEnding(today, weekEndOf(today));
  const judges = store.dashboard.assigneesOf(s, [...new Set(ending.map((f) => f.caseId))]);
  return ending.filter((f) => judges.has(f.caseId)).map((f) => ({ caseId: f.caseId, assignee: judges.get(f.caseId)! }));
}

export function readRows(store: SecureStore, s: DashboardScope, period: Period, today: IsoDate, cal: HolidayCalendar): DashboardRows {
  const d = store.dashboard;
  const days = daysOf(period, today);
  return {
    closed: d.closings(s, days, cal),
    overall: d.window(s, days, cal),
    recovered: d.recovered(s, days),
    counts: d.counts(s, days, cal),
    freezesLapsing: freezesLapsing(store, s, today),
  };
}

/** The cases behind a figure of the scope, optionally of one way of closing: the figure's own predicate, read now. */
export function casesBehind(store: SecureStore, s: DashboardScope, period: Period, today: IsoDate, cal: HolidayCalendar, figure: FigureKey, way?: CaseClosing): string[] {
  if (figure === 'freezesLapsing') return [...new Set(freezesLapsing(store, s, today).map((r) => r.caseId))];
  return store.dashboard.casesOf(s, daysOf(period, today), cal, figure, way);
}
