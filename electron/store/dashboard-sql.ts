/**
 * The FROM … WHERE of each of the bureau dashboard's figure families (docs/dashboard.md), over a
 * case `c`: the figure is an aggregate over it and the cases a click opens are its ids
 * (DashboardReader), so a figure and its cases are one predicate. Named parameters: @court,
 * @assignee (null: the court's), the days of DashboardDays.
 */
import { ROLL_MAX_DAYS } from '../../shared/dates';
import { ACTUAL_CLOSINGS } from '../../shared/rules/dashboard';
import { HAS_PROPERTY } from './alert-scans';
import { RECOVERED_PARTS } from './recovered-parts';

/** How a closed case was closed, wherever it was: here (执行完毕, 终本) or as the case-management system records it (stored and kept by migration 027's triggers). */
export const CLOSING_WAY = /* sql */ `c.closed_as`;

/** the court, and one judge or all */
export const SCOPE = /* sql */ `c.court = @court AND (@assignee IS NULL OR c.assignee = @assignee)`;

/** 实际执结 (执行完毕, 终结执行) */
export const ACTUAL = /* sql */ `(${CLOSING_WAY} IN (${ACTUAL_CLOSINGS.map((w) => `'${w}'`).join(', ')}))`;

/**
 * closed on or before its time limit (the rules' limit; a type without one is in time; 0 for a case
 * not closed). The limit is the stored `limit_base` rolled past holidays, at most ROLL_MAX_DAYS
 * later: on or before the base is in time, more than that after it is late, and only a closing in
 * between asks the holiday table (`ck_deadline`). CASE tries its branches in order, so the others
 * never call it.
 */
export const IN_LIMIT = /* sql */ `(CASE WHEN c.limit_base IS NULL OR c.closed_on <= c.limit_base THEN 1
  WHEN c.closed_on IS NULL OR c.closed_on > date(c.limit_base, '+${ROLL_MAX_DAYS} days') THEN 0
  ELSE c.closed_on <= ck_deadline(c.type, c.filed_on) END)`;

/** 实际执结 and in time, as a value to sum: the limit is looked at only for a 实际执结 closing */
export const ACTUAL_IN_LIMIT = /* sql */ `(CASE WHEN ${ACTUAL} THEN ${IN_LIMIT} ELSE 0 END)`;

/** a closing's month, as the index of the closings by month orders them (migration 027) */
export const CLOSED_MONTH = /* sql */ `substr(c.closed_on, 1, 7)`;

/**
 * the period's closings (closed_on is set only by a closing); the index covers what is read and
 * holds them by court, month, judge and way (migration 027): the months of the period narrow the
 * read, the days decide
 */
export const CLOSINGS = /* sql */ `
  FROM cases c INDEXED BY cases_closed_month
  WHERE c.court = @court AND ${CLOSED_MONTH} BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7)
    AND c.closed_on BETWEEN @from AND @to AND ${CLOSING_WAY} IS NOT NULL AND ${SCOPE}`;

const IN_WINDOW = /* sql */ `c.filed_on BETWEEN @windowFrom AND @to AND c.filing = 'confirmed' AND ${SCOPE}`;

/** the cases filed in the three years of the 整体执结率 up to the period's end (the index holds no more than the count reads) */
export const WINDOW = /* sql */ `
  FROM cases c INDEXED BY cases_filed_window WHERE ${IN_WINDOW}`;

/** those of them closed by the period's end: the closed filings' own index, covering what is read (migration 027) */
export const WINDOW_CLOSED = /* sql */ `
  FROM cases c INDEXED BY cases_filed_closed WHERE c.closed_on <= @to AND ${IN_WINDOW}`;

/** the parts of 执行到位金额 whose day falls in the period, `r` (case_id, on_day, amount) */
export const RECOVERED = /* sql */ `
  FROM (${RECOVERED_PARTS}) r JOIN cases c ON c.id = r.case_id
  WHERE r.on_day BETWEEN @from AND @to AND ${SCOPE}`;

/** the types the six-month limit applies to (docs/domain.md rule 11, shared/rules/time-limits.ts) */
const SIX_MONTH_TYPES = ['执', '执恢', '执保'].map((t) => `'${t}'`).join(', ');

/** open cases with property found or frozen (the limit applies: the alert scan's rule) whose limit is 0 to @warn days from today */
export const NEAR_LIMIT = /* sql */ `
  FROM cases c
  WHERE c.status = 'open' AND c.type IN (${SIX_MONTH_TYPES}) AND c.filed_on BETWEEN @nearFrom AND @nearTo AND ${SCOPE}
    AND julianday(ck_deadline(c.type, c.filed_on)) - julianday(@today) BETWEEN 0 AND @warn AND ${HAS_PROPERTY}`;

/** the figures counted one row each: listings that took effect, removals confirmed (CST day), open cases near their limit */
export const COUNTED = {
  listed: /* sql */ `
    FROM credit_listings l JOIN cases c ON c.id = l.case_id
    WHERE l.listed_on BETWEEN @from AND @to AND l.state IN ('listed', 'removed') AND ${SCOPE}`,
  removed: /* sql */ `
    FROM credit_removals r JOIN cases c ON c.id = r.case_id
    WHERE r.confirmed_at IS NOT NULL AND date(r.confirmed_at, '+8 hours') BETWEEN @from AND @to AND ${SCOPE}`,
  nearLimit: NEAR_LIMIT,
} as const;
