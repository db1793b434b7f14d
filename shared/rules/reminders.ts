/**
 * Renewal reminders. A freeze not renewed by its last day lapses and loses its priority (docs/domain.md
 * rule 2; 《民事诉讼法司法解释》第485条), so the judge is told in time — 30, 7 and 1 day(s) before
 * by default — and a reminder missed (the program was closed, the judge away) is shown again
 * until it has been delivered.
 */
import type { FreezeStatus } from '../domain/measures';
import { addDays, daysBetween, isWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';
import { isoDate } from './violation';

export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 7, 1];

export interface ReminderDate {
  daysBefore: number;
  /** the day the reminder is due */
  on: IsoDate;
}

function checkDays(daysBefore: readonly number[]): number[] {
  for (const d of daysBefore) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`daysBefore must be whole days ≥ 0, got ${d}`);
  }
  return [...new Set(daysBefore)].sort((a, b) => b - a);
}

/**
 * When to remind before a freeze ends on `endsOn`, earliest first. With a holiday calendar, a
 * reminder falling on a day off moves to the working day before it, so that it is seen while there
 * is still time to act (a reminder seen after a long holiday may be too late to renew).
 */
export function reminderSchedule(
  endsOn: IsoDate,
  daysBefore: readonly number[] = DEFAULT_REMINDER_DAYS,
  cal?: HolidayCalendar,
): ReminderDate[] {
  isoDate(endsOn, 'endsOn');
  return checkDays(daysBefore).map((n) => {
    let on = addDays(endsOn, -n);
    for (let i = 0; cal && i < 40 && !isWorkingDay(on, cal); i++) on = addDays(on, -1);
    return { daysBefore: n, on };
  });
}

/**
 * The key under which a reminder is marked delivered. It names the period (its end date) as well
 * as the freeze, so that after a renewal the new period's reminders are shown afresh.
 */
export function reminderKey(measureId: string, endsOn: IsoDate, daysBefore: number): string {
  return `${measureId}@${endsOn}-${daysBefore}d`;
}

/** What the reminders need of a freeze; a `FreezeView` with `measureId: view.measure.id` fits. */
export interface RemindableFreeze {
  measureId: string;
  endsOn?: IsoDate;
  status?: FreezeStatus;
}

export interface Reminder<F extends RemindableFreeze = RemindableFreeze> {
  key: string;
  freeze: F;
  measureId: string;
  endsOn: IsoDate;
  daysBefore: number;
  dueOn: IsoDate;
  /** 0 on the last day */
  daysLeft: number;
  /** its day has passed without it being delivered */
  missed: boolean;
  zh: string;
  en: string;
}

export interface ReminderOptions {
  daysBefore?: readonly number[];
  cal?: HolidayCalendar;
}

const SILENT: ReadonlySet<FreezeStatus> = new Set<FreezeStatus>(['pending', 'released', 'lapsed']);

/**
 * Reminders to show on `today`, most urgent first. For each freeze still running only the most
 * urgent reminder that has come due is considered (an unread 30-day reminder is superseded by the
 * 7-day one); it is shown until its key is in `delivered`. A freeze past its last day gets none:
 * it can no longer be renewed, and its status shows it lapsed.
 */
export function dueReminders<F extends RemindableFreeze>(
  freezes: readonly F[],
  today: IsoDate,
  delivered: ReadonlySet<string>,
  opts: ReminderOptions = {},
): Reminder<F>[] {
  isoDate(today, 'today');
  const out: Reminder<F>[] = [];
  for (const f of freezes) {
    if (f.endsOn === undefined || (f.status !== undefined && SILENT.has(f.status))) continue;
    const endsOn = f.endsOn;
    if (today > endsOn) continue;
    const due = reminderSchedule(endsOn, opts.daysBefore ?? DEFAULT_REMINDER_DAYS, opts.cal).filter((r) => r.on <= today);
    const latest = due[due.length - 1];
    if (!latest) continue;
    const key = reminderKey(f.measureId, endsOn, latest.daysBefore);
    if (delivered.has(key)) continue;
    const left = daysBetween(today, endsOn);
    out.push({
      key, freeze: f, measureId: f.measureId, endsOn, daysBefore: latest.daysBefore, dueOn: latest.on,
      daysLeft: left, missed: latest.on < today,
      zh: left === 0
        ? `冻结今日（${endsOn}）届满，今日不办理续行冻结即失效并丧失顺位`
        : `冻结将于 ${endsOn} 届满（还剩 ${left} 天），请在届满前办理续行冻结`,
      en: left === 0
        ? `The freeze ends today (${endsOn}); unless renewed today it lapses and loses its priority`
        : `The freeze ends on ${endsOn} (${left} day${left === 1 ? '' : 's'} left); renew it before then`,
    });
  }
  return out.sort((a, b) => (a.daysLeft - b.daysLeft) || (a.measureId < b.measureId ? -1 : a.measureId > b.measureId ? 1 : 0));
}

export interface ExpiryDay<F> {
  date: IsoDate;
  freezes: F[];
}

/** Freezes ending between `from` and `to` (both included), grouped by their last day, by date. */
export function expiryCalendar<F extends { endsOn?: IsoDate; measureId?: string }>(
  freezes: readonly F[],
  from: IsoDate,
  to: IsoDate,
): ExpiryDay<F>[] {
  isoDate(from, 'from');
  isoDate(to, 'to');
  const byDate = new Map<IsoDate, F[]>();
  for (const f of freezes) {
    if (f.endsOn === undefined || f.endsOn < from || f.endsOn > to) continue;
    const list = byDate.get(f.endsOn) ?? [];
    list.push(f);
    byDate.set(f.endsOn, list);
  }
  const id = (f: F) => f.measureId ?? '';
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({ date, freezes: list.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)) }));
}
