/**
 * What the bureau dashboard reads across cases (docs/dashboard.md; docs/architecture.md §6): each
 * a single SQL pass over indexed columns, never a loop over cases calling a per-case view. Every
 * row names its case, so a figure and the cases a click opens behind it come from the same pass.
 * Read only. `assignee` narrows to one judge's cases; absent, the court's.
 */
import type { CaseClosing } from '../../shared/domain/types';
import type { Connection } from './connection';
import { RECOVERED_PARTS } from './recovered-parts';

/** How a closed case was closed, wherever it was: here (执行完毕, 终本) or as the case-management system records it (the generated column of migration 025). */
export const CLOSING_WAY = /* sql */ `c.closed_as`;

export interface DashboardScope {
  court: string;
  assignee?: string;
}

export interface ClosingRow {
  caseId: string;
  assignee: string;
  type: string;
  filedOn: string;
  closedOn: string;
  way: CaseClosing;
  /** days from filing to closing */
  days: number;
}

/** The window of the 整体执结率: how many cases were filed, how many closed 终本, and the 实际执结 closings by filing and closing day. */
export interface FiledWindow {
  filed: number;
  terminal: number;
  /** 执行完毕 or 终结执行 by `to`, grouped: the time limit is checked per (type, filed_on, closed_on) */
  actual: { type: string; filedOn: string; closedOn: string; n: number }[];
}

export interface RecoveredRow {
  caseId: string;
  assignee: string;
  /** 'YYYY-MM' */
  month: string;
  amount: number;
}

export interface CaseOfJudge {
  caseId: string;
  assignee: string;
}

/** the court, and one judge or all; the closings' and filings' passes name the index that covers them (migration 025) */
const SCOPE = /* sql */ `c.court = @court AND (@assignee IS NULL OR c.assignee = @assignee)`;

type ClosingDb = { id: string; assignee: string | null; type: string; filed_on: string; closed_on: string | null; way: CaseClosing | null };

export class DashboardReader {
  constructor(private readonly conn: Connection) {}

  private params(s: DashboardScope, more: Record<string, string>): Record<string, string | null> {
    return { court: s.court, assignee: s.assignee ?? null, ...more };
  }

  /** Cases closed within [from, to], with their filing day and way (closed_on is set only by a closing). */
  closedIn(s: DashboardScope, from: string, to: string): ClosingRow[] {
    const sql = /* sql */ `
      SELECT c.id, c.assignee, c.type, c.filed_on, c.closed_on, ${CLOSING_WAY} AS way,
        CAST(julianday(c.closed_on) - julianday(c.filed_on) AS INTEGER) AS days FROM cases c INDEXED BY cases_closed_on
      WHERE c.closed_on BETWEEN @from AND @to AND ${SCOPE}`;
    return this.conn.db.prepare<[Record<string, string | null>], ClosingDb & { days: number }>(sql).all(this.params(s, { from, to }))
      .filter((r) => r.way !== null)
      .map((r) => ({ caseId: r.id, assignee: r.assignee ?? '', type: r.type, filedOn: r.filed_on, closedOn: r.closed_on!, way: r.way!, days: r.days }));
  }

  /** Cases filed within [from, to] and how they stood at `to` (the window of the 整体执结率), aggregated in SQL. */
  filedIn(s: DashboardScope, from: string, to: string): FiledWindow {
    const window = /* sql */ `
      SELECT c.type, c.filed_on, CASE WHEN c.closed_on <= @to THEN c.closed_on END AS closed_on,
        CASE WHEN c.closed_on <= @to THEN ${CLOSING_WAY} END AS way
      FROM cases c INDEXED BY cases_filed_window WHERE c.filed_on BETWEEN @from AND @to AND c.filing = 'confirmed' AND ${SCOPE}`;
    const p = this.params(s, { from, to });
    const counts = this.conn.db.prepare<[Record<string, string | null>], { filed: number; terminal: number | null }>(
      `SELECT count(*) AS filed, sum(w.way = 'terminal') AS terminal FROM (${window}) w`,
    ).get(p)!;
    type A = { type: string; filed_on: string; closed_on: string; n: number };
    const actual = this.conn.db.prepare<[Record<string, string | null>], A>(
      `SELECT w.type, w.filed_on, w.closed_on, count(*) AS n FROM (${window}) w WHERE w.way IN ('completed', 'ended') GROUP BY w.type, w.filed_on, w.closed_on`,
    ).all(p).map((r) => ({ type: r.type, filedOn: r.filed_on, closedOn: r.closed_on, n: r.n }));
    return { filed: counts.filed, terminal: counts.terminal ?? 0, actual };
  }

  /** 执行到位金额 of [from, to] per case and month: the parts `recovered` is made of, on their day. */
  recoveredIn(s: DashboardScope, from: string, to: string): RecoveredRow[] {
    const sql = /* sql */ `
      SELECT r.case_id, c.assignee, substr(r.on_day, 1, 7) AS month, SUM(r.amount) AS amount
      FROM (${RECOVERED_PARTS}) r JOIN cases c ON c.id = r.case_id
      WHERE r.on_day BETWEEN @from AND @to AND ${SCOPE}
      GROUP BY r.case_id, month`;
    type R = { case_id: string; assignee: string | null; month: string; amount: number };
    return this.conn.db.prepare<[Record<string, string | null>], R>(sql).all(this.params(s, { from, to }))
      .map((r) => ({ caseId: r.case_id, assignee: r.assignee ?? '', month: r.month, amount: r.amount }));
  }

  /** Dishonest listings that took effect (listed_on) within [from, to], one row per listing. */
  listedIn(s: DashboardScope, from: string, to: string): CaseOfJudge[] {
    const sql = /* sql */ `
      SELECT l.case_id, c.assignee FROM credit_listings l JOIN cases c ON c.id = l.case_id
      WHERE l.listed_on BETWEEN @from AND @to AND l.state IN ('listed', 'removed') AND ${SCOPE}`;
    return this.rowsOfJudge(sql, this.params(s, { from, to }));
  }

  /** Removals from the list the judge confirmed within [from, to] (CST days), one row per removal. */
  removedIn(s: DashboardScope, from: string, to: string): CaseOfJudge[] {
    const sql = /* sql */ `
      SELECT r.case_id, c.assignee FROM credit_removals r JOIN cases c ON c.id = r.case_id
      WHERE r.confirmed_at IS NOT NULL AND date(r.confirmed_at, '+8 hours') BETWEEN @from AND @to AND ${SCOPE}`;
    return this.rowsOfJudge(sql, this.params(s, { from, to }));
  }

  /** The 承办人 of these cases, within the scope (one pass over a VALUES list). */
  assigneesOf(s: DashboardScope, caseIds: readonly string[]): Map<string, string> {
    if (caseIds.length === 0) return new Map();
    const sql = /* sql */ `SELECT c.id AS case_id, c.assignee FROM cases c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND ${SCOPE}`;
    return new Map(this.rowsOfJudge(sql, this.params(s, { ids: JSON.stringify(caseIds) })).map((r) => [r.caseId, r.assignee]));
  }

  private rowsOfJudge(sql: string, params: Record<string, string | null>): CaseOfJudge[] {
    return this.conn.db.prepare<[Record<string, string | null>], { case_id: string; assignee: string | null }>(sql).all(params)
      .map((r) => ({ caseId: r.case_id, assignee: r.assignee ?? '' }));
  }
}
