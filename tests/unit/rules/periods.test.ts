/**
 * Freeze periods (docs/domain.md rule 2, as corrected; 《民事诉讼法司法解释》第485条): deposits and other
 * funds at most one year, movables two, real estate and other property rights three; counted as
 * courts write it — the start day counts and the period ends the day before the anniversary, with no
 * holiday roll on the cap. Renewal before expiry, from the day after the current end, again at most
 * the same cap; an unrenewed freeze lapses by itself.
 */
import { describe, expect, it } from 'vitest';
import type { AssetKind } from '../../../shared/domain/types';
import {
  checkEndDate, checkRenewal, daysLeft, freezeStatus, maxEndDate, periodCapYears, periodClass, renewalPeriod, renewalStart,
} from '../../../shared/rules';

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

describe('the latest lawful last day', () => {
  it('is the day before the anniversary: 冻结期限一年，自2026年12月2日起至2027年12月1日止', () => {
    expect(maxEndDate('2026-12-02', 'deposit')).toBe('2027-12-01');
  });

  it('does not roll past a holiday: a deposit frozen on 2025-10-01 ends 2026-09-30, not after National Day', () => {
    expect(maxEndDate('2025-10-01', 'deposit')).toBe('2026-09-30');
  });

  it('does not roll past the Spring Festival: frozen on 2025-02-15, the last day is 2026-02-14', () => {
    expect(maxEndDate('2025-02-15', 'deposit')).toBe('2026-02-14');
  });

  it('nor past a weekend: 2026-03-14 is a Saturday and stays the last day', () => {
    expect(maxEndDate('2025-03-15', 'deposit')).toBe('2026-03-14');
  });

  it('gives a car two years and a flat three, counted the same way', () => {
    expect(maxEndDate('2024-10-01', 'vehicle')).toBe('2026-09-30');
    expect(maxEndDate('2023-06-19', 'real_estate')).toBe('2026-06-18');
    expect(maxEndDate('2026-01-01', 'equity')).toBe('2028-12-31');
  });

  it('from 29 February or 1 March, ends on the last day of February', () => {
    expect(maxEndDate('2024-02-29', 'deposit')).toBe('2025-02-28');
    expect(maxEndDate('2024-03-01', 'deposit')).toBe('2025-02-28');
    expect(maxEndDate('2023-03-01', 'deposit')).toBe('2024-02-29');
  });
});

describe("checking the ruling's end date", () => {
  it('accepts any date from the start up to the cap; the ruling may set a shorter period', () => {
    expect(checkEndDate('2025-02-15', '2025-08-15', 'deposit')).toEqual({ ok: true, maxEndDate: '2026-02-14' });
    expect(checkEndDate('2025-02-15', '2026-02-14', 'deposit').ok).toBe(true);
    expect(checkEndDate('2025-06-30', '2025-06-30', 'vehicle').ok).toBe(true);
  });

  it('refuses a date past the cap, saying the period and the latest lawful day', () => {
    expect(checkEndDate('2025-02-15', '2026-02-24', 'deposit')).toEqual({
      ok: false, code: 'PAST_LEGAL_CAP', maxEndDate: '2026-02-14',
      zh: '存款及其他资金的冻结期限不得超过1年：自 2025-02-15 起最迟至 2026-02-14 止；所填 2026-02-24 超出 10 天',
      en: 'A freeze of deposits and other funds may last at most 1 year: from 2025-02-15 until 2026-02-14 at the latest; 2026-02-24 is 10 days beyond',
    });
    expect(checkEndDate('2026-12-02', '2027-12-02', 'deposit')).toMatchObject({ ok: false, code: 'PAST_LEGAL_CAP' });
  });

  it('refuses an end date before the start date', () => {
    const r = checkEndDate('2025-06-30', '2025-06-01', 'vehicle');
    expect(r).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
    expect(!r.ok && r.zh).toBe('冻结截止日 2025-06-01 早于起始日 2025-06-30');
  });

  it('refuses a date that does not exist', () => {
    expect(() => checkEndDate('2025-02-18', '2026-02-30', 'deposit')).toThrow(RangeError);
  });
});

describe('renewal (续行冻结)', () => {
  // A deposit frozen from 2026-12-02 ends on 2027-12-01.
  const current = '2027-12-01';

  it('starts the day after the current end and lasts at most the same cap: 自2027年12月2日起至2028年12月1日止', () => {
    expect(renewalStart(current)).toBe('2027-12-02');
    expect(checkRenewal('2027-11-20', current, '2028-12-01', 'deposit')).toEqual({
      ok: true, renewsFrom: '2027-12-02', maxEndDate: '2028-12-01', daysLeft: 11,
    });
  });

  it('a freeze ending 2026-03-10 renews 自2026年3月11日起至2027年3月10日止; a flat for three years', () => {
    expect(renewalPeriod('2026-03-10', 'deposit')).toEqual({ start: '2026-03-11', end: '2027-03-10' });
    expect(renewalPeriod('2026-03-10', 'real_estate')).toEqual({ start: '2026-03-11', end: '2029-03-10' });
    expect(() => renewalPeriod('2026-02-30', 'deposit')).toThrow(RangeError);
  });

  it('refuses a renewal beyond the cap, dated from the day after the current end, not from the decision', () => {
    expect(checkRenewal('2027-11-20', current, '2028-12-02', 'deposit')).toMatchObject({
      ok: false, code: 'PAST_LEGAL_CAP', maxEndDate: '2028-12-01',
      zh: '存款及其他资金的续行冻结期限不得超过1年：自 2027-12-02 起最迟至 2028-12-01 止；所填 2028-12-02 超出 1 天',
    });
  });

  it('may be done on the last day of the current period', () => {
    expect(checkRenewal(current, current, '2028-06-30', 'deposit')).toMatchObject({ ok: true, daysLeft: 0 });
  });

  it('cannot be done once the freeze has lapsed: freeze again, with a new place in the queue', () => {
    const r = checkRenewal('2027-12-02', current, '2028-06-30', 'deposit');
    expect(r).toMatchObject({ ok: false, code: 'ALREADY_LAPSED', daysLeft: -1 });
    expect(!r.ok && r.zh).toBe('原冻结已于 2027-12-01 届满失效，不能续行冻结；如需继续控制，须重新冻结（顺位以新冻结时间为准）');
  });

  it('must end after the current end date', () => {
    expect(checkRenewal('2027-11-20', current, current, 'deposit')).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
  });

  it('gives a car two more years and a flat three, each time', () => {
    expect(checkRenewal('2025-06-01', '2025-06-30', '2027-06-30', 'vehicle').ok).toBe(true);
    expect(checkRenewal('2025-06-01', '2025-06-30', '2027-07-01', 'vehicle').ok).toBe(false);
    expect(checkRenewal('2025-06-01', '2025-06-30', '2028-06-30', 'real_estate').ok).toBe(true);
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
