/**
 * Renewal reminders: a freeze not renewed by its last day lapses and loses its priority (docs/domain.md
 * rule 2), so the judge is reminded 30, 7 and 1 day(s) before, earlier when that day is a holiday,
 * and a reminder not yet delivered is shown again until it is.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import type { FreezeStatus } from '../../../shared/domain/measures';
import { dueReminders, expiryCalendar, reminderKey, reminderSchedule } from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

describe('the reminder schedule', () => {
  it('is 30, 7 and 1 day(s) before the last day, earliest first', () => {
    expect(reminderSchedule('2025-10-09')).toEqual([
      { daysBefore: 30, on: '2025-09-09' },
      { daysBefore: 7, on: '2025-10-02' },
      { daysBefore: 1, on: '2025-10-08' },
    ]);
  });

  it('with the holiday table, brings a reminder on a day off forward to the working day before', () => {
    // 2 and 8 October 2025 fall in the National Day holiday; 30 September is the last working day before it.
    expect(reminderSchedule('2025-10-09', undefined, cal)).toEqual([
      { daysBefore: 30, on: '2025-09-09' },
      { daysBefore: 7, on: '2025-09-30' },
      { daysBefore: 1, on: '2025-09-30' },
    ]);
  });

  it('counts a make-up Saturday as a working day', () => {
    // Ends 24 Feb 2026, right after the Spring Festival; Saturday 14 Feb 2026 is worked.
    expect(reminderSchedule('2026-02-24', [30, 7, 1], cal)).toEqual([
      { daysBefore: 30, on: '2026-01-23' }, // 25 Jan is a Sunday
      { daysBefore: 7, on: '2026-02-14' },
      { daysBefore: 1, on: '2026-02-14' },
    ]);
  });

  it('takes the bureau’s own days, in any order, once each', () => {
    expect(reminderSchedule('2025-12-31', [1, 15, 15, 0]).map((r) => r.daysBefore)).toEqual([15, 1, 0]);
    expect(() => reminderSchedule('2025-12-31', [-1])).toThrow(RangeError);
    expect(() => reminderSchedule('2025-12-31', [1.5])).toThrow(RangeError);
  });
});

describe('which reminders to show today', () => {
  const freeze = { measureId: 'm-icbc', endsOn: '2025-10-09', status: 'in_force' as FreezeStatus };
  const none = new Set<string>();

  it('shows the 30-day reminder on its day', () => {
    const [r, ...rest] = dueReminders([freeze], '2025-09-09', none);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      key: reminderKey('m-icbc', '2025-10-09', 30), measureId: 'm-icbc', endsOn: '2025-10-09',
      daysBefore: 30, dueOn: '2025-09-09', daysLeft: 30, missed: false,
      zh: '冻结将于 2025-10-09 届满（还剩 30 天），请在届满前办理续行冻结',
      en: 'The freeze ends on 2025-10-09 (30 days left); renew it before then',
    });
    expect(r!.freeze).toBe(freeze);
  });

  it('shows nothing before the first reminder is due', () => {
    expect(dueReminders([freeze], '2025-09-08', none)).toEqual([]);
  });

  it('shows a missed reminder again until it is delivered', () => {
    expect(dueReminders([freeze], '2025-09-15', none)).toEqual([expect.objectContaining({ daysBefore: 30, missed: true })]);
    const delivered = new Set([reminderKey('m-icbc', '2025-10-09', 30)]);
    expect(dueReminders([freeze], '2025-09-15', delivered)).toEqual([]);
  });

  it('shows only the most urgent one when several were missed', () => {
    expect(dueReminders([freeze], '2025-10-03', none)).toEqual([expect.objectContaining({ daysBefore: 7, dueOn: '2025-10-02', missed: true })]);
  });

  it('on the last day says it is the last day', () => {
    const [r] = dueReminders([freeze], '2025-10-09', none);
    expect(r).toMatchObject({ daysBefore: 1, daysLeft: 0, missed: true });
    expect(r!.zh).toBe('冻结今日（2025-10-09）届满，今日不办理续行冻结即失效并丧失顺位');
  });

  it('says nothing once the freeze has ended, been released or has lapsed (its status shows that)', () => {
    expect(dueReminders([freeze], '2025-10-10', none)).toEqual([]);
    for (const status of ['released', 'lapsed', 'pending'] as FreezeStatus[]) {
      expect(dueReminders([{ ...freeze, status }], '2025-10-08', none), status).toEqual([]);
    }
    expect(dueReminders([{ measureId: 'no-date' }], '2025-10-08', none)).toEqual([]);
  });

  it('reminds afresh after a renewal: the key names the period', () => {
    const delivered = new Set([reminderKey('m-icbc', '2025-10-09', 30), reminderKey('m-icbc', '2025-10-09', 7), reminderKey('m-icbc', '2025-10-09', 1)]);
    const renewed = { ...freeze, endsOn: '2026-10-09' };
    expect(dueReminders([renewed], '2026-09-09', delivered)).toEqual([expect.objectContaining({ key: reminderKey('m-icbc', '2026-10-09', 30) })]);
    expect(reminderKey('m-icbc', '2026-10-09', 30)).not.toBe(reminderKey('m-icbc', '2025-10-09', 30));
  });

  it('puts the most urgent first', () => {
    const list = [
      { measureId: 'b', endsOn: '2025-10-30' },
      { measureId: 'a', endsOn: '2025-10-09' },
      { measureId: 'c', endsOn: '2025-10-09' },
      { measureId: 'waiting', endsOn: '2025-10-20', status: 'waiting' as FreezeStatus },
    ];
    expect(dueReminders(list, '2025-10-05', none).map((r) => [r.measureId, r.daysLeft])).toEqual([['a', 4], ['c', 4], ['waiting', 15], ['b', 25]]);
  });

  it('uses the holiday-aware schedule when given the table', () => {
    expect(dueReminders([freeze], '2025-09-30', none, { cal })).toEqual([expect.objectContaining({ daysBefore: 1, dueOn: '2025-09-30', missed: false, daysLeft: 9 })]);
  });
});

describe('the expiry calendar', () => {
  it('groups freezes by their last day within the range, both ends included', () => {
    const list = [
      { measureId: 'm3', endsOn: '2025-10-09' },
      { measureId: 'm1', endsOn: '2025-10-09' },
      { measureId: 'm2', endsOn: '2025-11-01' },
      { measureId: 'm4', endsOn: '2025-12-01' },
      { measureId: 'm5' },
    ];
    expect(expiryCalendar(list, '2025-10-09', '2025-11-01')).toEqual([
      { date: '2025-10-09', freezes: [list[1], list[0]] },
      { date: '2025-11-01', freezes: [list[2]] },
    ]);
    expect(expiryCalendar(list, '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
