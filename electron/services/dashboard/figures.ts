/**
 * The bureau dashboard's figures from its aggregated rows (docs/dashboard.md): per judge and for
 * the whole scope, by month, and the 三个90%一个80% indicators. The rows are read once (rows.ts),
 * a few dozen groups; everything here is arithmetic over them.
 */
import { CASE_CLOSINGS, type CaseClosing } from '../../../shared/domain/types';
import type { Indicator, JudgeFigures, MonthRecovered } from '../../../shared/domain/dashboard';
import { qualityIndicators } from '../../../shared/rules/dashboard';
import type { DashboardRows } from './rows';

const ofJudge = <T extends { assignee: string }>(rows: readonly T[], judge: string): readonly T[] => (judge ? rows.filter((r) => r.assignee === judge) : rows);
const sum = <T>(rows: readonly T[], of: (r: T) => number): number => rows.reduce((t, r) => t + of(r), 0);

const noWays = (): Record<CaseClosing, number> => Object.fromEntries(Object.keys(CASE_CLOSINGS).map((k) => [k, 0])) as Record<CaseClosing, number>;

/** The figures of one judge ('' = the whole scope). */
export function figuresOf(rows: DashboardRows, judge: string): JudgeFigures {
  const closed = ofJudge(rows.closed, judge);
  const byWay = noWays();
  for (const g of closed) byWay[g.way] += g.n;
  const n = sum(closed, (g) => g.n);
  const inLimit = sum(closed, (g) => g.inLimit);
  const counted = (figure: 'listed' | 'removed' | 'nearLimit') => sum(ofJudge(rows.counts, judge).filter((c) => c.figure === figure), (c) => c.n);
  return {
    judge,
    recovered: sum(ofJudge(rows.recovered, judge), (r) => r.amount),
    closed: n,
    byWay,
    avgClosingDays: n ? Math.round((sum(closed, (g) => g.days) / n) * 10) / 10 : null,
    closedInLimit: inLimit,
    closedPastLimit: sum(closed, (g) => g.actual) - inLimit,
    nearLimit: counted('nearLimit'),
    freezesLapsing: ofJudge(rows.freezesLapsing, judge).length,
    listed: counted('listed'),
    removed: counted('removed'),
  };
}

/** 三个90%一个80% over the scope's rows (shared/rules/dashboard.ts). */
export function indicatorsOf(rows: DashboardRows): Indicator[] {
  return qualityIndicators({
    actualInLimit: sum(rows.closed, (g) => g.inLimit), actual: sum(rows.closed, (g) => g.actual),
    overallDone: rows.overall.terminal + rows.overall.doneInTime, overallFiled: rows.overall.filed,
  });
}

/** Recovered money and closings by month of the period, months without either left out. */
export function byMonthOf(rows: DashboardRows): MonthRecovered[] {
  const months = new Map<string, MonthRecovered>();
  const at = (month: string) => months.get(month) ?? months.set(month, { month, recovered: 0, closed: 0 }).get(month)!;
  for (const r of rows.recovered) at(r.month).recovered += r.amount;
  for (const g of rows.closed) at(g.month).closed += g.n;
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** The judges the rows name, in code order (cases without a 承办人 are left to the total). */
export function judgesOf(rows: DashboardRows): string[] {
  const all = [rows.closed, rows.recovered, rows.counts, rows.freezesLapsing].flat().map((r) => r.assignee);
  return [...new Set(all)].filter((j) => j !== '').sort();
}
