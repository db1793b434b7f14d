/**
 * Freeze periods (docs/domain.md rule 2; 《民事诉讼法司法解释》第485条): bank deposits and other funds at
 * most one year, movables at most two, real estate and other property rights at most three. The
 * ruling's own end date is what counts; these caps are only upper limits. Renewal (续行冻结) must
 * be done before the period ends and each renewal is again at most the same cap. A measure not
 * renewed lapses by itself and loses its priority (查扣冻规定 art. 27).
 *
 * Counting, as courts write it (docs/domain.md rule 2, corrected): the start day counts and a period of
 * years ends the day before its anniversary — "冻结期限一年，自2026年12月2日起至2027年12月1日止".
 * No holiday roll applies to the legal cap: holidays only bring reminders earlier. A renewal's
 * period starts the day after the current end.
 */
import type { AssetKind } from '../domain/types';
import type { FreezeStatus } from '../domain/measures';
import { addDays, addMonths, daysBetween, type IsoDate } from '../dates';
import { isoDate, type RuleViolation } from './violation';

/** The three classes of 第485条. */
export type PeriodClass = 'funds' | 'movables' | 'property_rights';

const CLASS_OF: Record<AssetKind, PeriodClass> = {
  // 银行存款 and, by the same reasoning, other money held for the debtor (第485条: one year).
  deposit: 'funds',
  online_funds: 'funds',
  provident_fund: 'funds',
  wealth: 'funds',
  // 动产: a vehicle is sealed by its registration but remains a movable (two years).
  vehicle: 'movables',
  // 不动产 and 其他财产权: shares in a company, listed securities (three years).
  real_estate: 'property_rights',
  equity: 'property_rights',
  securities: 'property_rights',
};

const CAP_YEARS: Record<PeriodClass, 1 | 2 | 3> = { funds: 1, movables: 2, property_rights: 3 };

export function periodClass(kind: AssetKind): PeriodClass {
  return CLASS_OF[kind];
}

/** The legal upper limit of one freeze (or one renewal) period for this kind of asset, in years. */
export function periodCapYears(kind: AssetKind): 1 | 2 | 3 {
  return CAP_YEARS[CLASS_OF[kind]];
}

/**
 * The latest lawful last day of a period that starts on `startsOn` (that day counted): the day
 * before its anniversary `periodCapYears` later; from 29 February, the last day of February.
 */
export function maxEndDate(startsOn: IsoDate, kind: AssetKind): IsoDate {
  isoDate(startsOn, 'startsOn');
  const anniversary = addMonths(startsOn, 12 * periodCapYears(kind));
  // no 29 February that year: the anniversary would be 1 March, so the last day is 28 February
  return anniversary.slice(8) !== startsOn.slice(8) ? anniversary : addDays(anniversary, -1);
}

/** The first day of a renewal's period: the day after the current last day (docs/domain.md rule 2). */
export function renewalStart(currentEndsOn: IsoDate): IsoDate {
  return addDays(isoDate(currentEndsOn, 'currentEndsOn'), 1);
}

/**
 * The period a renewal of a freeze now ending on `currentEndsOn` carries when no end is chosen: from
 * the day after the current end, as long as the law allows for this kind of asset (docs/domain.md
 * rule 2). The renewal handler, the reminders and the confirmation the judge reads all take it from here.
 */
export function renewalPeriod(currentEndsOn: IsoDate, kind: AssetKind): { start: IsoDate; end: IsoDate } {
  const start = renewalStart(currentEndsOn);
  return { start, end: maxEndDate(start, kind) };
}

const NAME_ZH: Record<PeriodClass, string> = { funds: '存款及其他资金', movables: '动产', property_rights: '不动产及其他财产权' };
const NAME_EN: Record<PeriodClass, string> = { funds: 'deposits and other funds', movables: 'movables', property_rights: 'real estate and other property rights' };

export type EndDateCode = 'END_BEFORE_START' | 'PAST_LEGAL_CAP';

export type EndDateCheck =
  | { ok: true; maxEndDate: IsoDate }
  | ({ ok: false; maxEndDate: IsoDate } & RuleViolation<EndDateCode>);

function pastCap(kind: AssetKind, startsOn: IsoDate, endsOn: IsoDate, max: IsoDate, renewal: boolean) {
  const years = periodCapYears(kind);
  const cls = periodClass(kind);
  const what = renewal ? { zh: '续行冻结期限', en: 'A renewal' } : { zh: '冻结期限', en: 'A freeze' };
  const over = daysBetween(max, endsOn);
  return {
    ok: false as const, code: 'PAST_LEGAL_CAP' as const, maxEndDate: max,
    zh: `${NAME_ZH[cls]}的${what.zh}不得超过${years}年：自 ${startsOn} 起最迟至 ${max} 止；所填 ${endsOn} 超出 ${over} 天`,
    en: `${what.en} of ${NAME_EN[cls]} may last at most ${years} year${years > 1 ? 's' : ''}: from ${startsOn} until ${max} at the latest; ${endsOn} is ${over} day${over === 1 ? '' : 's'} beyond`,
  };
}

/** Checks the end date a ruling sets for a freeze that starts (takes effect) on `startsOn`. */
export function checkEndDate(startsOn: IsoDate, endsOn: IsoDate, kind: AssetKind): EndDateCheck {
  isoDate(endsOn, 'endsOn');
  const max = maxEndDate(startsOn, kind);
  if (endsOn < startsOn) {
    return {
      ok: false, code: 'END_BEFORE_START', maxEndDate: max,
      zh: `冻结截止日 ${endsOn} 早于起始日 ${startsOn}`,
      en: `The end date ${endsOn} is before the start date ${startsOn}`,
    };
  }
  if (endsOn > max) return pastCap(kind, startsOn, endsOn, max, false);
  return { ok: true, maxEndDate: max };
}

export type RenewalCode = 'ALREADY_LAPSED' | 'END_BEFORE_START' | 'PAST_LEGAL_CAP';

export type RenewalCheck =
  | { ok: true; renewsFrom: IsoDate; maxEndDate: IsoDate; daysLeft: number }
  | ({ ok: false; renewsFrom: IsoDate; maxEndDate: IsoDate; daysLeft: number } & RuleViolation<RenewalCode>);

/**
 * Checks a renewal decided on `today` for a freeze now ending on `currentEndsOn`.
 * - It must be done before the freeze lapses: on its last day at the latest (第485条, "届满前").
 * - The renewed period starts the day after the current end (`renewsFrom`), as banks' 续冻 and
 *   registries' 续封 record it: the measure continues without a gap and the renewal is the added
 *   period, which 第485条 limits to the same cap, counted like a first period.
 */
export function checkRenewal(
  today: IsoDate,
  currentEndsOn: IsoDate,
  newEndsOn: IsoDate,
  kind: AssetKind,
): RenewalCheck {
  isoDate(today, 'today');
  isoDate(currentEndsOn, 'currentEndsOn');
  isoDate(newEndsOn, 'newEndsOn');
  const renewsFrom = renewalStart(currentEndsOn);
  const max = maxEndDate(renewsFrom, kind);
  const base = { renewsFrom, maxEndDate: max, daysLeft: daysBetween(today, currentEndsOn) };
  if (today > currentEndsOn) {
    return {
      ...base, ok: false, code: 'ALREADY_LAPSED',
      zh: `原冻结已于 ${currentEndsOn} 届满失效，不能续行冻结；如需继续控制，须重新冻结（顺位以新冻结时间为准）`,
      en: `The freeze ended on ${currentEndsOn} and has lapsed; it cannot be renewed. Freeze again if needed (priority then dates from the new freeze)`,
    };
  }
  if (newEndsOn <= currentEndsOn) {
    return {
      ...base, ok: false, code: 'END_BEFORE_START',
      zh: `续行冻结截止日 ${newEndsOn} 须晚于原冻结截止日 ${currentEndsOn}`,
      en: `The renewed end date ${newEndsOn} must be after the current end date ${currentEndsOn}`,
    };
  }
  if (newEndsOn > max) return { ...pastCap(kind, renewsFrom, newEndsOn, max, true), renewsFrom, daysLeft: base.daysLeft };
  return { ...base, ok: true };
}

/** A freeze as far as its status is concerned; a `Measure` with its outcome maps onto it. */
export interface FreezeState {
  /** last day in force */
  endsOn?: IsoDate;
  /** 0 = in effect; n > 0 = n-th waiting (轮候) */
  queuePosition?: number;
  released?: boolean;
}

/**
 * in force, waiting, lapsed or released on `today`. The end date is the last day in force; from
 * the next day an unrenewed freeze has lapsed and its place in the queue is gone (查扣冻规定
 * art. 27), whatever position it held.
 */
export function freezeStatus(f: FreezeState, today: IsoDate): Exclude<FreezeStatus, 'pending'> {
  isoDate(today, 'today');
  if (f.released) return 'released';
  if (f.endsOn !== undefined && today > isoDate(f.endsOn, 'endsOn')) return 'lapsed';
  if ((f.queuePosition ?? 0) > 0) return 'waiting';
  return 'in_force';
}

/** Days from `today` to the last day in force: 0 on the last day, negative once lapsed. */
export function daysLeft(endsOn: IsoDate, today: IsoDate): number {
  return daysBetween(isoDate(today, 'today'), isoDate(endsOn, 'endsOn'));
}
