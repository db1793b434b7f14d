/**
 * The bureau dashboard's figures from its rows (docs/dashboard.md): per judge and for the whole
 * scope, the 三个90%一个80% indicators, and the cases behind each figure a click opens. The rows
 * are read once (rows.ts); everything here is arithmetic over them.
 */
import { CASE_CLOSINGS, type CaseClosing } from '../../../shared/domain/types';
import type { FigureKey, Indicator, JudgeFigures, MonthRecovered } from '../../../shared/domain/dashboard';
import { qualityIndicators } from '../../../shared/rules/dashboard';
import type { DashboardRows } from './rows';

const ofJudge = <T extends { assignee: string }>(rows: readonly T[], judge: string): readonly T[] => (judge ? rows.filter((r) => r.assignee === judge) : rows);

const noWays = (): Record<CaseClosing, number> => Object.fromEntries(Object.keys(CASE_CLOSINGS).map((k) => [k, 0])) as Record<CaseClosing, number>;

/** The figures of one judge ('' = the whole scope). */
export function figuresOf(rows: DashboardRows, judge: string): JudgeFigures {
  const closed = ofJudge(rows.closed, judge);
  const byWay = noWays();
  for (const r of closed) byWay[r.way] += 1;
  const actual = closed.filter((r) => r.actual);
  const inLimit = actual.filter((r) => r.inLimit).length;
  const days = closed.reduce((t, r) => t + r.days, 0);
  return {
    judge,
    recovered: ofJudge(rows.recovered, judge).reduce((t, r) => t + r.amount, 0),
    closed: closed.length,
    byWay,
    avgClosingDays: closed.length ? Math.round((days / closed.length) * 10) / 10 : null,
    closedInLimit: inLimit,
    closedPastLimit: actual.length - inLimit,
    nearLimit: ofJudge(rows.nearLimit, judge).length,
    freezesLapsing: ofJudge(rows.freezesLapsing, judge).length,
    listed: ofJudge(rows.listed, judge).length,
    removed: ofJudge(rows.removed, judge).length,
  };
}

/** 三个90%一个80% over the scope's rows (shared/rules/dashboard.ts). */
export function indicatorsOf(rows: DashboardRows): Indicator[] {
  const actual = rows.closed.filter((r) => r.actual);
  return qualityIndicators({
    actualInLimit: actual.filter((r) => r.inLimit).length, actual: actual.length,
    overallDone: rows.overall.done, overallFiled: rows.overall.filed,
  });
}

/** Recovered money and closings by month of the period, months without either left out. */
export function byMonthOf(rows: DashboardRows): MonthRecovered[] {
  const months = new Map<string, MonthRecovered>();
  const at = (month: string) => months.get(month) ?? months.set(month, { month, recovered: 0, closed: 0 }).get(month)!;
  for (const r of rows.recovered) at(r.month).recovered += r.amount;
  for (const r of rows.closed) at(r.closedOn.slice(0, 7)).closed += 1;
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** The judges the rows name, in code order (cases without a 承办人 are left to the total). */
export function judgesOf(rows: DashboardRows): string[] {
  const all = [rows.closed, rows.recovered, rows.nearLimit, rows.freezesLapsing, rows.listed, rows.removed].flat().map((r) => r.assignee);
  return [...new Set(all)].filter((j) => j !== '').sort();
}

/** The cases behind a figure of one judge ('' = the scope), optionally of one way of closing. */
export function casesBehind(rows: DashboardRows, figure: FigureKey, judge: string, way?: CaseClosing): string[] {
  const closed = ofJudge(rows.closed, judge).filter((r) => way === undefined || r.way === way);
  const pick: Record<FigureKey, () => readonly { caseId: string }[]> = {
    recovered: () => ofJudge(rows.recovered, judge),
    closed: () => closed,
    closedInLimit: () => closed.filter((r) => r.actual && r.inLimit),
    closedPastLimit: () => closed.filter((r) => r.actual && !r.inLimit),
    nearLimit: () => ofJudge(rows.nearLimit, judge),
    freezesLapsing: () => ofJudge(rows.freezesLapsing, judge),
    listed: () => ofJudge(rows.listed, judge),
    removed: () => ofJudge(rows.removed, judge),
  };
  return [...new Set(pick[figure]().map((r) => r.caseId))];
}
