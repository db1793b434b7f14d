/**
 * 执保 (docs/domain.md rule 2; 财产保全规定 第十八条): the 保全期限届满日 is the earliest end of the case's
 * freezes and seals still running, and the applicant is reminded 7 days before it — earlier when
 * that day is a day off, as freeze reminders are.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { preservationEndsOn, preservationNoticeDue, preservationReminder } from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

describe('the 保全期限届满日 of a preservation case', () => {
  it('a 执保 case with a deposit frozen until 2027-03-10 shows 保全期限届满日 2027-03-10 and reminds the applicant on 2027-03-03 (earlier when that is a holiday)', () => {
    const ends = preservationEndsOn([
      { endsOn: '2027-03-10', status: 'in_force' },
      { endsOn: '2029-03-10', status: 'in_force' },
    ]);
    expect(ends).toBe('2027-03-10');
    expect(preservationNoticeDue('2027-03-10', cal)).toBe('2027-03-03');
    // 7 days before 2027-03-14 is a Sunday: the Friday before
    expect(preservationNoticeDue('2027-03-14', cal)).toBe('2027-03-05');
    // 7 days before 2026-10-08 is National Day: the last working day before the holiday
    expect(preservationNoticeDue('2026-10-08', cal)).toBe('2026-09-30');
  });

  it('counts only what is still frozen or waiting: a released, lapsed or pending one does not set the date', () => {
    expect(preservationEndsOn([
      { endsOn: '2026-01-01', status: 'released' },
      { endsOn: '2026-02-01', status: 'lapsed' },
      { endsOn: '2026-03-01', status: 'pending' },
      { endsOn: '2026-06-01', status: 'waiting' },
    ])).toBe('2026-06-01');
    expect(preservationEndsOn([])).toBeUndefined();
  });

  it('reminds from its day to the 届满日, once per 届满日: not before, not after the end, not again once given', () => {
    const none = new Set<string>();
    expect(preservationReminder('2027-03-10', '2027-03-02', none, cal)).toBeUndefined();
    expect(preservationReminder('2027-03-10', '2027-03-03', none, cal)).toEqual({ endsOn: '2027-03-10', dueOn: '2027-03-03', daysLeft: 7, missed: false });
    expect(preservationReminder('2027-03-10', '2027-03-08', none, cal)).toMatchObject({ missed: true, daysLeft: 2 });
    expect(preservationReminder('2027-03-10', '2027-03-11', none, cal)).toBeUndefined();
    expect(preservationReminder('2027-03-10', '2027-03-04', new Set(['2027-03-10']), cal)).toBeUndefined();
    // a renewal moved the date: a new reminder for the new 届满日
    expect(preservationReminder('2028-03-09', '2028-03-02', new Set(['2027-03-10']), cal)).toMatchObject({ endsOn: '2028-03-09' });
  });
});
