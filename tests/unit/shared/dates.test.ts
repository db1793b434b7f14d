/**
 * Civil dates in China Standard Time and legal periods: a period of months ends on the
 * corresponding day (the start day is not counted), clamped to the month's end, and a deadline on a
 * public holiday or weekend rolls to the next working day — using the State Council's real table.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import {
  addDays, addMonths, daysBetween, executionDeadline, formatCstDateTime, holidayCalendarFrom, isValidDate,
  isWorkingDay, monthsDeadline, parseIsoDate, rollToWorkingDay, todayCst, type HolidayCalendar,
} from '../../../shared/dates';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
const noHolidays: HolidayCalendar = { off: new Set(), makeupWorkdays: new Set(), years: new Set() };

function weekday(date: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

describe('today in China Standard Time (UTC+8)', () => {
  it('is already New Year in Beijing at 16:30 UTC on 31 December', () => {
    expect(todayCst(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
  });

  it('changes at midnight Beijing time, 16:00 UTC', () => {
    expect(todayCst(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(todayCst(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(todayCst(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
  });

  it('shows instants as Beijing wall time', () => {
    expect(formatCstDateTime('2025-12-31T16:30:00.000Z')).toBe('2026-01-01 00:30');
    expect(formatCstDateTime('2025-06-30T02:05:00Z')).toBe('2025-06-30 10:05');
    expect(formatCstDateTime('not a time')).toBe('not a time');
  });
});

describe('date validation', () => {
  it('knows month lengths and leap years', () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2025, 2, 29)).toBe(false);
    expect(isValidDate(1900, 2, 29)).toBe(false); // divisible by 100, not by 400
    expect(isValidDate(2000, 2, 29)).toBe(true); // divisible by 400
    expect(isValidDate(2025, 4, 31)).toBe(false);
    expect(isValidDate(2025, 13, 1)).toBe(false);
    expect(isValidDate(2025, 0, 1)).toBe(false);
    expect(isValidDate(2025, 1, 0)).toBe(false);
  });

  it('parses YYYY-MM-DD and explains what it refuses', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseIsoDate(' 2025-10-09 ')).toEqual({ ok: true, value: '2025-10-09' });
    for (const bad of ['2025-02-29', '2025-13-01', '25-01-01', '2025/01/01', '2025-1-1', '']) {
      const r = parseIsoDate(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('DATE_INVALID');
        expect(r.error.detail?.en).toContain('YYYY-MM-DD');
      }
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-10-09', '2025-10-01')).toBe(-8);
  });

  it('adds months to the corresponding day', () => {
    expect(addMonths('2025-03-10', 6)).toBe('2025-09-10');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-07-01', 6)).toBe('2026-01-01');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-05-31', 1)).toBe('2025-06-30');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29'); // lands in a leap February
  });

  it('handles 29 February', () => {
    expect(addMonths('2024-02-29', 1)).toBe('2024-03-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2024-08-29', 6)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('the holiday table (State Council notices for 2025 and 2026)', () => {
  it('covers 2025 and 2026', () => {
    expect([...cal.years].sort()).toEqual([2025, 2026]);
  });

  it('treats the National Day holiday as days off and the make-up Sundays and Saturdays as working days', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(isWorkingDay(d, cal), d).toBe(false);
    expect(isWorkingDay('2025-10-09', cal)).toBe(true);
    expect(weekday('2025-09-28')).toBe('Sun');
    expect(isWorkingDay('2025-09-28', cal)).toBe(true);
    expect(weekday('2025-10-11')).toBe('Sat');
    expect(isWorkingDay('2025-10-11', cal)).toBe(true);
    expect(isWorkingDay('2025-10-12', cal)).toBe(false); // an ordinary Sunday
  });

  it('ignores entries that are not years', () => {
    const c = holidayCalendarFrom({ source: 'x', '2030': { off: ['2030-01-01', 7] }, nonsense: { off: ['2030-05-01'] } });
    expect([...c.years]).toEqual([2030]);
    expect([...c.off]).toEqual(['2030-01-01']);
  });
});

describe('rolling a deadline to the next working day', () => {
  it('leaves a working day alone', () => {
    expect(rollToWorkingDay('2025-09-10', cal)).toBe('2025-09-10');
  });

  it('moves a Saturday or Sunday to Monday', () => {
    expect(rollToWorkingDay('2025-09-13', cal)).toBe('2025-09-15');
    expect(rollToWorkingDay('2025-09-14', cal)).toBe('2025-09-15');
  });

  it('moves any day of the National Day holiday to 9 October 2025', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(rollToWorkingDay(d, cal), d).toBe('2025-10-09');
  });
});

describe('the six-month execution deadline (docs/domain.md rule 11)', () => {
  it('does not count the filing day: filed 10 March, due 10 September', () => {
    expect(weekday('2025-09-10')).toBe('Wed');
    expect(executionDeadline('2025-03-10', cal)).toBe('2025-09-10');
    expect(executionDeadline('2025-03-10', cal)).not.toBe('2025-09-09');
  });

  it('rolls out of the 2025 National Day holiday to 9 October', () => {
    expect(executionDeadline('2025-04-01', cal)).toBe('2025-10-09');
    expect(executionDeadline('2025-04-05', cal)).toBe('2025-10-09');
    expect(executionDeadline('2025-04-08', cal)).toBe('2025-10-09');
    // Without the table, 1 October 2025 (a Wednesday) would wrongly stand.
    expect(executionDeadline('2025-04-01', noHolidays)).toBe('2025-10-01');
  });

  it('rolls a Saturday deadline to Monday', () => {
    expect(weekday('2025-09-13')).toBe('Sat');
    expect(executionDeadline('2025-03-13', cal)).toBe('2025-09-15');
  });

  it('does not roll a deadline on a make-up working day, though it is a Sunday', () => {
    expect(executionDeadline('2025-03-28', cal)).toBe('2025-09-28');
    // and without the table the Sunday would roll
    expect(executionDeadline('2025-03-28', noHolidays)).toBe('2025-09-29');
  });

  it('clamps to month end, where 28 February 2026 is a make-up working Saturday', () => {
    expect(weekday('2026-02-28')).toBe('Sat');
    expect(executionDeadline('2025-08-31', cal)).toBe('2026-02-28');
    expect(executionDeadline('2025-08-31', noHolidays)).toBe('2026-03-02');
  });

  it('rolls across New Year 2026 to the make-up Sunday 4 January', () => {
    expect(executionDeadline('2025-07-01', cal)).toBe('2026-01-04');
  });

  it('rolls out of the 2026 Spring Festival holiday (15–23 February) to 24 February', () => {
    expect(executionDeadline('2025-08-15', cal)).toBe('2026-02-24');
  });

  it('works for other periods of months the same way', () => {
    expect(monthsDeadline('2025-07-01', 3, cal)).toBe('2025-10-09');
    expect(monthsDeadline('2025-09-30', 12, cal)).toBe('2026-09-30');
  });
});
