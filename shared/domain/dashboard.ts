/**
 * The bureau dashboard's wire types (IPC group `dashboard`, docs/dashboard.md): the figures of a
 * period for the bureau or one judge, per judge, the SPC's quality indicators (三个90%一个80%) with
 * what the program cannot count said as such, and the figure keys a click drills into.
 */
import type { Fen } from '../money';
import type { CaseClosing } from './types';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** a month '2026-11', a quarter '2026-Q4' or a year '2026' */
export interface PeriodRef {
  kind: PeriodKind;
  of: string;
}

export interface Period extends PeriodRef {
  /** first and last CST day, inclusive */
  from: string;
  to: string;
}

/** The figures a click opens the cases behind (dashboard.cases). */
export const FIGURE_KEYS = [
  'recovered', 'closed', 'closedInLimit', 'closedPastLimit', 'nearLimit', 'freezesLapsing', 'listed', 'removed',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface JudgeFigures {
  /** the judge's officer code; '' for the whole scope */
  judge: string;
  name?: string;
  /** 执行到位金额 of the period: deductions credited and the debtor's own payments, by their day */
  recovered: Fen;
  closed: number;
  byWay: Record<CaseClosing, number>;
  /** mean of (closed_on − filed_on) in days over the period's closings; null without any */
  avgClosingDays: number | null;
  /** closed 执行完毕 or 终结执行 (实际执结) on or before the case's time limit, and after it */
  closedInLimit: number;
  closedPastLimit: number;
  /** open today, the six-month limit within NEAR_LIMIT_DAYS (not overdue) */
  nearLimit: number;
  /** freezes in force whose end (after renewals) falls in this week (today … Sunday) */
  freezesLapsing: number;
  /** debtors put on the dishonest list in the period, and removed from it */
  listed: number;
  removed: number;
}

export type IndicatorKey = 'inLimit' | 'terminalQuality' | 'petitions' | 'overall';

export interface Indicator {
  key: IndicatorKey;
  /** the SPC's goal, as a ratio (0.9, 0.8) */
  goal: number;
  /** null: the program holds no data for it (see `missing`) */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** why the program cannot count it, in the judge's language */
  missing?: { zh: string; en: string };
}

export interface MonthRecovered {
  month: string;
  recovered: Fen;
  closed: number;
}

export interface Dashboard {
  scope: 'bureau' | 'judge';
  period: Period;
  today: string;
  /** the last day of this week (Sunday) for the lapsing freezes */
  weekEnd: string;
  total: JudgeFigures;
  /** per judge, by officer code (the bureau's scope); the judge's own row in his scope */
  judges: JudgeFigures[];
  byMonth: MonthRecovered[];
  indicators: Indicator[];
  /** 平均结案用时的区间最优值 in days (shared/rules/dashboard.ts) */
  optimum: { low: number; high: number };
}
