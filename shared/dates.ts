/**
 * Civil dates in China Standard Time (UTC+8, no daylight saving), as 'YYYY-MM-DD' strings.
 * Legal periods: the start day is not counted; a period of months ends on the corresponding day of
 * the final month (or its last day when there is none); a deadline on a public holiday rolls to the
 * next working day (民事诉讼法 art. 85, applied to enforcement time limits).
 */
import { appError } from './errors';
import { err, ok, type Result } from './result';

export type IsoDate = string;
const CST_OFFSET_MS = 8 * 3600 * 1000;

export function todayCst(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO timestamp rendered as CST wall time "YYYY-MM-DD HH:mm". */
export function formatCstDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parseIsoDate(s: string): Result<IsoDate> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return err(appError('DATE_INVALID', { zh: `“${s}”不是有效日期（应为 年-月-日）`, en: `"${s}" is not a valid date (YYYY-MM-DD)` }));
  }
  return ok(`${m[1]}-${m[2]}-${m[3]}`);
}

function split(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function fmt(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = split(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Corresponding day n months later, clamped to the month's last day (Jan 31 + 1 month → Feb 28/29). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = split(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = split(from);
  const [y2, m2, d2] = split(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000);
}

/** Public holidays and make-up working days (调休上班) by year, as published by the State Council. */
export interface HolidayCalendar {
  off: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
  years: ReadonlySet<number>;
}

export function holidayCalendarFrom(table: Record<string, unknown>): HolidayCalendar {
  const off = new Set<IsoDate>();
  const makeup = new Set<IsoDate>();
  const years = new Set<number>();
  for (const [year, v] of Object.entries(table)) {
    if (!/^\d{4}$/.test(year) || typeof v !== 'object' || v === null) continue;
    years.add(Number(year));
    const entry = v as { off?: unknown; makeup_workdays?: unknown };
    for (const d of Array.isArray(entry.off) ? entry.off : []) if (typeof d === 'string') off.add(d);
    for (const d of Array.isArray(entry.makeup_workdays) ? entry.makeup_workdays : []) if (typeof d === 'string') makeup.add(d);
  }
  return { off, makeupWorkdays: makeup, years };
}

export function isWorkingDay(date: IsoDate, cal: HolidayCalendar): boolean {
  if (cal.makeupWorkdays.has(date)) return true;
  if (cal.off.has(date)) return false;
  const [y, m, d] = split(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The most days a deadline is carried past non-working days: a rolled day is never later than this after the day rolled. */
export const ROLL_MAX_DAYS = 40;

/** A deadline falling on a non-working day rolls to the next working day. */
export function rollToWorkingDay(date: IsoDate, cal: HolidayCalendar): IsoDate {
  let d = date;
  for (let i = 0; i < ROLL_MAX_DAYS && !isWorkingDay(d, cal); i++) d = addDays(d, 1);
  return d;
}

/** Deadline of a period of `months` starting the day after `start` (start day not counted). */
export function monthsDeadline(start: IsoDate, months: number, cal: HolidayCalendar): IsoDate {
  return rollToWorkingDay(addMonths(start, months), cal);
}

/** the months within which a case with property concludes (docs/domain.md rule 11) */
export const EXECUTION_MONTHS = 6;

/** Case with property concludes within 6 months of filing (docs/domain.md rule 11). */
export function executionDeadline(filedOn: IsoDate, cal: HolidayCalendar): IsoDate {
  return monthsDeadline(filedOn, EXECUTION_MONTHS, cal);
}
