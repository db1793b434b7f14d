/**
 * What the bureau dashboard reads across cases (docs/dashboard.md; docs/architecture.md §6): one
 * SQL pass per figure family over indexed columns, aggregated in SQL — never a loop over cases, and
 * no case carried in the read. A figure's cases are read when it is clicked (`casesOf`) from the
 * same FROM … WHERE as the figure (dashboard-sql.ts), so the two cannot disagree. Read only.
 * `assignee` narrows to one judge's cases; absent, the court's.
 */
import type { HolidayCalendar } from '../../shared/dates';
import type { CaseClosing } from '../../shared/domain/types';
import type { FigureKey } from '../../shared/domain/dashboard';
import { deadlineOf } from '../../shared/rules/dashboard';
import type { Connection } from './connection';
import { cachedStatement } from './db';
import { ACTUAL, ACTUAL_IN_LIMIT, CLOSED_MONTH, CLOSINGS, COUNTED, IN_LIMIT, NEAR_LIMIT, RECOVERED, SCOPE, WINDOW, WINDOW_CLOSED } from './dashboard-sql';

export { CLOSING_WAY } from './dashboard-sql';

export interface DashboardScope {
  court: string;
  assignee?: string;
}

/** The days a read is about: the period, the 整体执结率's window, today and the near-limit filings. */
export interface DashboardDays {
  from: string;
  to: string;
  /** first day of the three-year window (it ends on `to`) */
  windowFrom: string;
  today: string;
  /** open cases filed in [nearFrom, nearTo] may be near their limit; `warn` days or fewer left */
  nearFrom: string;
  nearTo: string;
  warn: number;
}

/** The period's closings of one judge, way and month. */
export interface ClosingGroup {
  assignee: string;
  way: CaseClosing;
  month: string;
  n: number;
  /** Σ days from filing to closing */
  days: number;
  /** 实际执结 closings, and those by the case's time limit */
  actual: number;
  inLimit: number;
}

/** The 整体执结率's window: cases filed in it, closed 终本 by its end, and 实际执结 in time by its end. */
export interface WindowCounts {
  filed: number;
  terminal: number;
  doneInTime: number;
}

export interface RecoveredGroup {
  assignee: string;
  /** 'YYYY-MM' */
  month: string;
  amount: number;
}

/** A count of one judge's rows for the figures counted per row (listings, removals, cases near their limit). */
export interface JudgeCount {
  figure: 'listed' | 'removed' | 'nearLimit';
  assignee: string;
  n: number;
}

export interface CaseOfJudge {
  caseId: string;
  assignee: string;
}

type Params = Record<string, string | number | null>;

export class DashboardReader {
  private calendar?: HolidayCalendar;

  constructor(private readonly conn: Connection) {}

  /** `ck_deadline(type, filed_on)`: the case's time limit as the rules compute it, for this holiday table. */
  private useCalendar(cal: HolidayCalendar): void {
    if (this.calendar === cal) return;
    const deadline = deadlineOf(cal);
    this.conn.db.function('ck_deadline', { deterministic: true }, (type: unknown, filedOn: unknown) => deadline(String(type), String(filedOn)));
    this.calendar = cal;
  }

  private all<R>(sql: string, p: Params): R[] {
    // prepared once per connection: the read runs the same few statements each time
    return cachedStatement<[Params], R>(this.conn.db, sql).all(p);
  }

  private params(s: DashboardScope, days: DashboardDays, more: Params = {}): Params {
    return { court: s.court, assignee: s.assignee ?? null, ...days, ...more };
  }

  /** The period's closings per judge, way and month, with their days and how many were in time. */
  closings(s: DashboardScope, days: DashboardDays, cal: HolidayCalendar): ClosingGroup[] {
    this.useCalendar(cal);
    type R = { assignee: string | null; way: CaseClosing; month: string; n: number; days: number; actual: number; in_limit: number };
    const sql = /* sql */ `
      SELECT c.assignee, c.closed_as AS way, ${CLOSED_MONTH} AS month, count(*) AS n,
        sum(CAST(julianday(c.closed_on) - julianday(c.filed_on) AS INTEGER)) AS days,
        sum(${ACTUAL}) AS actual, sum(${ACTUAL_IN_LIMIT}) AS in_limit
      ${CLOSINGS} GROUP BY ${CLOSED_MONTH}, c.assignee, c.closed_as`;
    return this.all<R>(sql, this.params(s, days)).map((r) => ({
      assignee: r.assignee ?? '', way: r.way, month: r.month, n: r.n, days: r.days, actual: r.actual, inLimit: r.in_limit,
    }));
  }

  /** The window of the 整体执结率 in one statement: its filings counted, and its closed filings' ways and limits summed. */
  window(s: DashboardScope, days: DashboardDays, cal: HolidayCalendar): WindowCounts {
    this.useCalendar(cal);
    const sql = /* sql */ `
      SELECT (SELECT count(*) ${WINDOW}) AS filed, coalesce(sum(c.closed_as = 'terminal'), 0) AS terminal,
        coalesce(sum(${ACTUAL_IN_LIMIT}), 0) AS done_in_time
      ${WINDOW_CLOSED}`;
    const r = this.all<{ filed: number; terminal: number; done_in_time: number }>(sql, this.params(s, days))[0]!;
    return { filed: r.filed, terminal: r.terminal, doneInTime: r.done_in_time };
  }

  /** 执行到位金额 of the period per judge and month: the parts `recovered` is made of, on their day. */
  recovered(s: DashboardScope, days: DashboardDays): RecoveredGroup[] {
    const sql = /* sql */ `SELECT c.assignee, substr(r.on_day, 1, 7) AS month, SUM(r.amount) AS amount ${RECOVERED} GROUP BY c.assignee, month`;
    return this.all<{ assignee: string | null; month: string; amount: number }>(sql, this.params(s, days))
      .map((r) => ({ assignee: r.assignee ?? '', month: r.month, amount: r.amount }));
  }

  /** Listings and removals of the period and open cases near their limit today, per judge, in one statement. */
  counts(s: DashboardScope, days: DashboardDays, cal: HolidayCalendar): JudgeCount[] {
    this.useCalendar(cal);
    const sql = (['listed', 'removed', 'nearLimit'] as const)
      .map((f) => /* sql */ `SELECT '${f}' AS figure, c.assignee, count(*) AS n ${COUNTED[f]} GROUP BY c.assignee`).join(' UNION ALL ');
    return this.all<{ figure: JudgeCount['figure']; assignee: string | null; n: number }>(sql, this.params(s, days))
      .map((r) => ({ figure: r.figure, assignee: r.assignee ?? '', n: r.n }));
  }

  /** The cases behind a figure counted here (not the lapsing freezes: see assigneesOf), in one pass. */
  casesOf(s: DashboardScope, days: DashboardDays, cal: HolidayCalendar, figure: Exclude<FigureKey, 'freezesLapsing'>, way?: CaseClosing): string[] {
    this.useCalendar(cal);
    const closed = `${CLOSINGS} AND (@way IS NULL OR c.closed_as = @way)`;
    const from: Record<typeof figure, string> = {
      closed,
      closedInLimit: `${closed} AND ${ACTUAL} AND ${IN_LIMIT}`,
      closedPastLimit: `${closed} AND ${ACTUAL} AND NOT ${IN_LIMIT}`,
      recovered: RECOVERED,
      listed: COUNTED.listed,
      removed: COUNTED.removed,
      nearLimit: NEAR_LIMIT,
    };
    return this.all<{ id: string }>(`SELECT DISTINCT c.id ${from[figure]}`, this.params(s, days, { way: way ?? null })).map((r) => r.id);
  }

  /** The 承办人 of these cases, within the scope (one pass over a VALUES list). */
  assigneesOf(s: DashboardScope, caseIds: readonly string[]): Map<string, string> {
    if (caseIds.length === 0) return new Map();
    const sql = /* sql */ `SELECT c.id, c.assignee FROM cases c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND ${SCOPE}`;
    const p = { court: s.court, assignee: s.assignee ?? null, ids: JSON.stringify(caseIds) };
    return new Map(this.all<{ id: string; assignee: string | null }>(sql, p).map((r) => [r.id, r.assignee ?? '']));
  }
}
