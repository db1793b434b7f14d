/**
 * Two rules a judge can read: a creditor's lead is checked within 7 days of its receipt, 3 when
 * urgent (财产调查规定 第二条), the last day moved past a holiday (民事诉讼法 第八十五条); and a repeat
 * freeze decides only what is still uncovered, each fen counted once, for at most 30 days.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { allocateRepeatFreeze, leadCheckBy, leadOverdue, REPEAT_FREEZE_MAX_DAYS, repeatFreezeExpired } from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);

describe('a creditor’s lead is checked in time', () => {
  it('within seven days of its receipt, the day of receipt not counted', () => {
    expect(leadCheckBy('2026-03-02', false)).toBe('2026-03-09');
    expect(leadOverdue({ receivedOn: '2026-03-02', urgent: false }, '2026-03-09')).toBe(false);
    expect(leadOverdue({ receivedOn: '2026-03-02', urgent: false }, '2026-03-10')).toBe(true);
  });
  it('within three days when the applicant says it is urgent', () => {
    expect(leadCheckBy('2026-03-02', true)).toBe('2026-03-05');
    expect(leadOverdue({ receivedOn: '2026-03-02', urgent: true }, '2026-03-06')).toBe(true);
  });
  it('a last day on a holiday moves to the next working day (the National Day week)', () => {
    // received 2026-09-28: seven days end on 10-05, inside the 国庆 days off
    const by = leadCheckBy('2026-09-28', false, cal);
    expect(by > '2026-10-05').toBe(true);
  });
  it('a lead checked is never overdue', () => {
    expect(leadOverdue({ receivedOn: '2026-03-02', urgent: true, checkedOn: '2026-03-04' }, '2026-04-01')).toBe(false);
  });
});

describe('the repeat freeze freezes only what is still uncovered', () => {
  it('nothing when what is frozen and what is pending already cover the cap', () => {
    expect(allocateRepeatFreeze(100_000, 100_000, [{ assetId: 'a', available: 50_000 }])).toEqual({ uncovered: 0, items: [], left: 0 });
  });
  it('the largest deposit first, and never more than is uncovered', () => {
    const r = allocateRepeatFreeze(100_000, 30_000, [{ assetId: 'a', available: 20_000 }, { assetId: 'b', available: 60_000 }, { assetId: 'c', available: 5_000 }]);
    expect(r.uncovered).toBe(70_000);
    expect(r.items).toEqual([{ assetId: 'b', amount: 60_000 }, { assetId: 'a', amount: 10_000 }]);
    expect(r.left).toBe(0);
  });
  it('what the accounts hold when it is less than is uncovered, the rest left for the next day', () => {
    const r = allocateRepeatFreeze(100_000, 0, [{ assetId: 'a', available: 40_000 }, { assetId: 'b', available: 0 }]);
    expect(r.items).toEqual([{ assetId: 'a', amount: 40_000 }]);
    expect(r.left).toBe(60_000);
  });
  it('ends on the thirtieth day after the order', () => {
    expect(REPEAT_FREEZE_MAX_DAYS).toBe(30);
    expect(repeatFreezeExpired('2026-03-01', '2026-03-30')).toBe(false);
    expect(repeatFreezeExpired('2026-03-01', '2026-03-31')).toBe(true);
  });
});
