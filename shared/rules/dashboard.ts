/**
 * The bureau dashboard's rules (docs/dashboard.md): periods, the optimum interval of the average
 * closing time, what counts as 实际执结, and the SPC's quality indicators 三个90%一个80%. Pure
 * functions; the store reads the rows in single SQL passes, these turn them into figures.
 */
import { addDays, addMonths, type HolidayCalendar, type IsoDate } from '../dates';
import type { CaseClosing } from '../domain/types';
import type { Indicator, Period, PeriodRef } from '../domain/dashboard';
import type { CaseTypeCode } from '../ids/case-number';
import { caseTimeLimit } from './time-limits';

/**
 * 平均结案用时的区间最优值: the interval of days the bureau aims its average closing time at. Higher
 * courts publish it with their yearly quality assessment and it differs by province; this is the
 * one place the program keeps it (docs/dashboard.md), inside the six-month limit.
 */
export const CLOSING_DAYS_OPTIMUM = { low: 60, high: 120 } as const;

/** an open case is "near its limit" when this many days or fewer are left */
export const NEAR_LIMIT_DAYS = 30;

/** the window of the "一个80%": cases filed in the three years up to the period's end */
export const OVERALL_YEARS = 3;

/** 实际执结: a closing that ends the enforcement with the debt dealt with, not 终本 nor 销案 / 不予执行 */
export const ACTUAL_CLOSINGS: readonly CaseClosing[] = ['completed', 'ended'];

const PERIOD_PATTERNS = { month: /^(\d{4})-(0[1-9]|1[0-2])$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/ } as const;

/** The CST days of a period, or undefined when `of` does not name one of its kind. */
export function periodOf(p: PeriodRef): Period | undefined {
  const m = PERIOD_PATTERNS[p.kind].exec(p.of);
  if (!m) return undefined;
  const year = m[1]!;
  const firstMonth = p.kind === 'month' ? Number(m[2]) : p.kind === 'quarter' ? (Number(m[2]) - 1) * 3 + 1 : 1;
  const months = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  return { ...p, from, to: addDays(addMonths(from, months), -1) };
}

/** The period of a kind that holds `day`. */
export function periodHolding(kind: Period['kind'], day: IsoDate): Period {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  const of = kind === 'month' ? day.slice(0, 7) : kind === 'quarter' ? `${y}-Q${Math.ceil(m / 3)}` : y;
  return periodOf({ kind, of })!;
}

/** Sunday of the week (Monday to Sunday) that holds `day`. */
export function weekEndOf(day: IsoDate): IsoDate {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, (7 - dow) % 7);
}

/** the deadlines computed so far, per holiday table: a pure function of (type, filing day, table) */
const DEADLINES = new WeakMap<HolidayCalendar, Map<string, IsoDate | null>>();

/**
 * A case's time limit by its type and filing day (docs/domain.md rule 11), null for a type with no
 * limit; computed once per type, filing day and holiday table. The store's dashboard passes call it
 * from SQL (`ck_deadline`), so a figure and the cases behind it read the same limit.
 */
export function deadlineOf(cal: HolidayCalendar): (type: string, filedOn: IsoDate) => IsoDate | null {
  let limits = DEADLINES.get(cal);
  if (!limits) DEADLINES.set(cal, (limits = new Map()));
  const known = limits;
  return (type, filedOn) => {
    const k = `${type}|${filedOn}`;
    let deadline = known.get(k);
    if (deadline === undefined) {
      deadline = caseTimeLimit(type as CaseTypeCode, filedOn, cal)?.deadline ?? null;
      known.set(k, deadline);
    }
    return deadline;
  };
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

const NO_DATA = {
  terminalQuality: {
    zh: '终本合格率以上级法院对终本案件的评查结论计算，本程序没有评查数据，不作计算',
    en: 'the 终本 quality rate rests on the higher court’s review of 终本 cases; the program holds no review data',
  },
  petitions: {
    zh: '执行信访办结率以信访案件计算，本程序不记录信访案件，不作计算',
    en: 'the petition resolution rate counts enforcement petitions; the program records none',
  },
} as const;

/**
 * 三个90%一个80% (docs/dashboard.md): 有财产可供执行案件法定期限内实际执结率 (goal 90%) over the
 * period's 实际执结 closings; 终本合格率 and 执行信访办结率 (90%) said as not counted; 整体执结率
 * (80%) over the cases filed in the three years: 终本 closings plus 实际执结 in time, over all filed.
 */
export function qualityIndicators(x: { actualInLimit: number; actual: number; overallDone: number; overallFiled: number }): Indicator[] {
  return [
    { key: 'inLimit', goal: 0.9, value: ratio(x.actualInLimit, x.actual), numerator: x.actualInLimit, denominator: x.actual },
    { key: 'terminalQuality', goal: 0.9, value: null, missing: NO_DATA.terminalQuality },
    { key: 'petitions', goal: 0.9, value: null, missing: NO_DATA.petitions },
    { key: 'overall', goal: 0.8, value: ratio(x.overallDone, x.overallFiled), numerator: x.overallDone, denominator: x.overallFiled },
  ];
}
