/**
 * Freeze periods (DOMAIN rule 2; 《民事诉讼法司法解释》第485条): deposits and other funds at most one
 * year, movables two, real estate and other property rights three; the start day is not counted; a
 * last day on a weekend or public holiday moves to the next working day — using the State Council's
 * own table for 2025 and 2026. Renewal before expiry, from the end of the current period, again at
 * most the same cap; an unrenewed freeze lapses by itself.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import type { AssetKind } from '../../../shared/domain/types';
import {
  checkEndDate, checkRenewal, daysLeft, freezeStatus, maxEndDate, periodCapYears, periodClass,
} from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

describe('the legal caps by kind of asset (第485条)', () => {
  it('one year for deposits and other funds, two for movables, three for real estate and other property rights', () => {
    const years: Record<AssetKind, number> = {
      deposit: 1, online_funds: 1, provident_fund: 1, wealth: 1,
      vehicle: 2,
      real_estate: 3, equity: 3, securities: 3,
    };
    for (const [kind, n] of Object.entries(years)) expect(periodCapYears(kind as AssetKind), kind).toBe(n);
    expect(periodClass('vehicle')).toBe('movables');
    expect(periodClass('equity')).toBe('property_rights');
  });
});

describe('the latest lawful end date', () => {
  it('is the corresponding day a year on (the start day is not counted)', () => {
    expect(maxEndDate('2025-03-10', 'deposit', cal)).toBe('2026-03-10'); // a Tuesday
  });

  it('moves past a weekend to the Monday', () => {
    expect(maxEndDate('2025-03-14', 'deposit', cal)).toBe('2026-03-16'); // 2026-03-14 is a Saturday
  });

  it('moves past the Spring Festival holiday (15–23 February 2026)', () => {
    expect(maxEndDate('2025-02-18', 'deposit', cal)).toBe('2026-02-24');
  });

  it('moves past the Labour Day holiday (1–5 May 2026)', () => {
    expect(maxEndDate('2025-05-01', 'deposit', cal)).toBe('2026-05-06');
  });

  it('gives a car two years, moving past National Day (1–7 October 2026)', () => {
    expect(maxEndDate('2024-10-01', 'vehicle', cal)).toBe('2026-10-08');
  });

  it('gives a flat three years, moving past the Dragon Boat holiday (19–21 June 2026)', () => {
    expect(maxEndDate('2023-06-19', 'real_estate', cal)).toBe('2026-06-22');
  });

  it('ends on the last day of the month when there is no corresponding day', () => {
    expect(maxEndDate('2024-02-29', 'deposit', cal)).toBe('2025-02-28');
  });

  it('does not move a Sunday that is a make-up working day (调休上班)', () => {
    expect(maxEndDate('2024-01-26', 'deposit', cal)).toBe('2025-01-26'); // Sunday, worked
    expect(maxEndDate('2023-09-28', 'vehicle', cal)).toBe('2025-09-28'); // Sunday, worked
  });
});

describe("checking the ruling's end date", () => {
  it('accepts any date after the start up to the cap; the ruling may set a shorter period', () => {
    expect(checkEndDate('2025-02-18', '2025-08-18', 'deposit', cal)).toEqual({ ok: true, maxEndDate: '2026-02-24', holidaysKnown: true });
    expect(checkEndDate('2025-02-18', '2026-02-24', 'deposit', cal).ok).toBe(true);
  });

  it('refuses a date past the cap, saying the latest lawful one', () => {
    expect(checkEndDate('2025-02-18', '2026-02-25', 'deposit', cal)).toEqual({
      ok: false, code: 'PAST_LEGAL_CAP', maxEndDate: '2026-02-24', holidaysKnown: true,
      zh: '存款及其他资金的冻结期限不得超过1年，最迟至 2026-02-24；所填 2026-02-25 超出 1 天',
      en: 'A freeze of deposits and other funds may last at most 1 year, until 2026-02-24 at the latest; 2026-02-25 is 1 day beyond',
    });
  });

  it('refuses an end date on or before the start date', () => {
    const r = checkEndDate('2025-06-30', '2025-06-30', 'vehicle', cal);
    expect(r).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
    expect(!r.ok && r.zh).toBe('冻结截止日 2025-06-30 须晚于起始日 2025-06-30（起始日不计入期间）');
    expect(checkEndDate('2025-06-30', '2025-06-01', 'vehicle', cal)).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
  });

  it('says when the holiday table does not reach the year of the last day', () => {
    // 2027-10-01 is surely a holiday, but the table stops at 2026: only weekends are known.
    const r = checkEndDate('2026-10-01', '2027-10-02', 'deposit', cal);
    expect(r).toMatchObject({ ok: false, code: 'PAST_LEGAL_CAP', maxEndDate: '2027-10-01', holidaysKnown: false });
    expect(!r.ok && r.zh).toContain('节假日表未覆盖该年份');
  });

  it('refuses a date that does not exist', () => {
    expect(() => checkEndDate('2025-02-18', '2026-02-30', 'deposit', cal)).toThrow(RangeError);
  });
});

describe('renewal (续行冻结)', () => {
  // A deposit freeze from 2024-10-09 ends on 2025-10-09 (a Thursday after National Day).
  const current = '2025-10-09';

  it('runs on from the end of the current period, for at most the same cap', () => {
    expect(checkRenewal('2025-09-20', current, '2026-10-09', 'deposit', cal)).toEqual({
      ok: true, renewsFrom: current, maxEndDate: '2026-10-09', daysLeft: 19, holidaysKnown: true,
    });
  });

  it('refuses a renewal beyond the cap; 10 October 2026 is a Saturday worked, so nothing moves', () => {
    expect(checkRenewal('2025-09-20', current, '2026-10-10', 'deposit', cal)).toMatchObject({
      ok: false, code: 'PAST_LEGAL_CAP', maxEndDate: '2026-10-09',
      zh: '存款及其他资金的续行冻结期限不得超过1年，最迟至 2026-10-09；所填 2026-10-10 超出 1 天',
    });
  });

  it('may be done on the last day of the current period', () => {
    expect(checkRenewal(current, current, '2026-06-30', 'deposit', cal)).toMatchObject({ ok: true, daysLeft: 0 });
  });

  it('cannot be done once the freeze has lapsed: freeze again, with a new place in the queue', () => {
    const r = checkRenewal('2025-10-10', current, '2026-06-30', 'deposit', cal);
    expect(r).toMatchObject({ ok: false, code: 'ALREADY_LAPSED', daysLeft: -1 });
    expect(!r.ok && r.zh).toBe('原冻结已于 2025-10-09 届满失效，不能续行冻结；如需继续控制，须重新冻结（顺位以新冻结时间为准）');
  });

  it('must end after the current end date', () => {
    expect(checkRenewal('2025-09-20', current, current, 'deposit', cal)).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
  });

  it('moves its cap past a holiday like any period', () => {
    expect(checkRenewal('2025-02-10', '2025-02-19', '2026-02-24', 'deposit', cal)).toMatchObject({ ok: true, maxEndDate: '2026-02-24' });
  });

  it('gives a car two more years and a flat three, each time', () => {
    expect(checkRenewal('2025-06-01', '2025-06-30', '2027-06-30', 'vehicle', cal).ok).toBe(true);
    expect(checkRenewal('2025-06-01', '2025-06-30', '2027-07-01', 'vehicle', cal).ok).toBe(false);
    expect(checkRenewal('2025-06-01', '2025-06-30', '2028-06-30', 'real_estate', cal).ok).toBe(true);
  });
});

describe('the status of a freeze on a given day', () => {
  it('is in force through its last day, and lapsed from the next', () => {
    expect(freezeStatus({ endsOn: '2025-10-09', queuePosition: 0 }, '2025-10-09')).toBe('in_force');
    expect(freezeStatus({ endsOn: '2025-10-09', queuePosition: 0 }, '2025-10-10')).toBe('lapsed');
  });

  it('is waiting behind earlier freezes, and a waiting freeze past its end date has lost its place too', () => {
    expect(freezeStatus({ endsOn: '2026-10-09', queuePosition: 2 }, '2025-10-10')).toBe('waiting');
    expect(freezeStatus({ endsOn: '2025-10-09', queuePosition: 2 }, '2025-10-10')).toBe('lapsed');
  });

  it('is released once released, whatever its dates', () => {
    expect(freezeStatus({ endsOn: '2025-10-09', queuePosition: 0, released: true }, '2025-10-20')).toBe('released');
    expect(freezeStatus({ released: true }, '2025-01-01')).toBe('released');
  });

  it('is in force when the agency has not given an end date yet', () => {
    expect(freezeStatus({}, '2025-01-01')).toBe('in_force');
  });

  it('counts the days left: 0 on the last day, negative once lapsed', () => {
    expect(daysLeft('2025-10-09', '2025-09-09')).toBe(30);
    expect(daysLeft('2025-10-09', '2025-10-09')).toBe(0);
    expect(daysLeft('2025-10-09', '2025-10-11')).toBe(-2);
  });
});
