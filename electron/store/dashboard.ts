/**
 * What the bureau dashboard reads across cases (docs/dashboard.md; docs/architecture.md §6): each
 * a single SQL pass over indexed columns, never a loop over cases calling a per-case view. Every
 * row names its case, so a figure and the cases a click opens behind it come from the same pass.
 * Read only. `assignee` narrows to one judge's cases; absent, the court's.
 */
import type { CaseClosing } from '../../shared/domain/types';
import type { Connection } from './connection';
import { RECOVERED_PARTS } from './recovered-parts';

/** How a closed case was closed, wherever it was: here (执行完毕, 终本) or as the case-management system records it. */
export const CLOSING_WAY = /* sql */ `COALESCE(c.closing, CASE WHEN c.terminal_closing IS NOT NULL THEN 'terminal' END, c.cms_closing)`;

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
}

export interface FiledRow {
  caseId: string;
  assignee: string;
  type: string;
  filedOn: string;
  /** closed on or before the window's end */
  closedOn?: string;
  way?: CaseClosing;
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

const SCOPE = /* sql */ `c.court = @court AND (@assignee IS NULL OR c.assignee = @assignee)`;

type ClosingDb = { id: string; assignee: string | null; type: string; filed_on: string; closed_on: string | null; way: CaseClosing | null };

export class DashboardReader {
  constructor(private readonly conn: Connection) {}

  private params(s: DashboardScope, more: Record<string, string>): Record<string, string | null> {
    return { court: s.court, assignee: s.assignee ?? null, ...more };
  }

  /** Cases closed within [from, to], with their filing day and way. */
  closedIn(s: DashboardScope, from: string, to: string): ClosingRow[] {
    const sql = /* sql */ `
      SELECT c.id, c.assignee, c.type, c.filed_on, c.closed_on, ${CLOSING_WAY} AS way FROM cases c
      WHERE c.closed_on BETWEEN @from AND @to AND c.status = 'closed' AND ${SCOPE}`;
    return this.conn.db.prepare<[Record<string, string | null>], ClosingDb>(sql).all(this.params(s, { from, to }))
      .filter((r) => r.way !== null)
      .map((r) => ({ caseId: r.id, assignee: r.assignee ?? '', type: r.type, filedOn: r.filed_on, closedOn: r.closed_on!, way: r.way! }));
  }

  /** Cases filed within [from, to], closed or not by `to` (the window of the 整体执结率). */
  filedIn(s: DashboardScope, from: string, to: string): FiledRow[] {
    const sql = /* sql */ `
      SELECT c.id, c.assignee, c.type, c.filed_on,
        CASE WHEN c.status = 'closed' AND c.closed_on <= @to THEN c.closed_on END AS closed_on,
        CASE WHEN c.status = 'closed' AND c.closed_on <= @to THEN ${CLOSING_WAY} END AS way
      FROM cases c WHERE c.filed_on BETWEEN @from AND @to AND c.filing = 'confirmed' AND ${SCOPE}`;
    return this.conn.db.prepare<[Record<string, string | null>], ClosingDb>(sql).all(this.params(s, { from, to })).map((r) => ({
      caseId: r.id, assignee: r.assignee ?? '', type: r.type, filedOn: r.filed_on,
      ...(r.closed_on && r.way ? { closedOn: r.closed_on, way: r.way } : {}),
    }));
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
