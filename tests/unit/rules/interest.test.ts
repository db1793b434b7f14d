/**
 * Interest for late performance (docs/domain.md rule 1; 民诉法 第二百六十四条; 迟延履行利息解释 第一条,
 * 第三条, 第四条): the judgment's money debt × 日万分之一点七五 × the days of delay, counted from the day
 * after the 履行期限届满日; a part paid stops accruing after the day it was paid. Amounts as a judge
 * writes them, in 元.
 */
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../../shared/money';
import { capInterest, freezeCap, lateInterest } from '../../../shared/rules';

function Y(s: string): number {
  const r = parseYuan(s);
  if (!r.ok) throw new Error(`bad amount in test: ${s}`);
  return r.value;
}

describe('interest for late performance', () => {
  it('¥100,000 due by 2026-01-10, paid nothing, on 2026-02-09 carries 30 days × 1.75‱ = ¥525.00 interest, and the cap includes it', () => {
    const i = lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09' });
    expect(i).toEqual({ amount: Y('525.00'), from: '2026-01-11', days: 30, principalNow: Y('100,000.00') });
    const cap = freezeCap({
      amountOwed: Y('100,000.00'), costs: Y('2,300.00'), recovered: 0,
      lateInterest: { principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09' },
    });
    expect(cap).toBe(Y('102,825.00'));
  });

  it('does not run on the last day of the performance period, and starts the day after', () => {
    expect(lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-01-10' })).toMatchObject({ amount: 0, days: 0 });
    expect(lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-01-01' })).toMatchObject({ amount: 0, days: 0 });
    expect(lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-01-11' })).toMatchObject({ amount: Y('17.50'), days: 1 });
  });

  it('is rounded down to the fen: ¥1,000.01 for one day is 17.500175 fen, so 17 fen', () => {
    expect(lateInterest({ principal: Y('1,000.01'), dueOn: '2026-01-10', asOf: '2026-01-11' }).amount).toBe(17);
    // ¥999.99 × 1.75‱ = 17.499825 fen: 17, never 18
    expect(lateInterest({ principal: Y('999.99'), dueOn: '2026-01-10', asOf: '2026-01-11' }).amount).toBe(17);
  });

  it('a part paid on 2026-01-20 accrues up to that day and not after', () => {
    // ¥100,000 for 10 days (01-11 … 01-20) = ¥175.00; then ¥60,000 for 20 days (01-21 … 02-09) = ¥210.00
    const i = lateInterest({
      principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09',
      payments: [{ on: '2026-01-20', amount: Y('40,000.00') }],
    });
    expect(i).toMatchObject({ amount: Y('385.00'), days: 30, principalNow: Y('60,000.00') });
  });

  it('a payment before the period began, or one whose day is unknown, bears no interest', () => {
    const before = lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09', payments: [{ on: '2026-01-05', amount: Y('50,000.00') }] });
    const undated = lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09', paidUndated: Y('50,000.00') });
    expect(before.amount).toBe(Y('262.50'));
    expect(undated.amount).toBe(Y('262.50'));
  });

  it('stops once the principal is paid; a payment after the day counted to does not count yet', () => {
    const paid = lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-03-01', payments: [{ on: '2026-01-11', amount: Y('100,000.00') }] });
    expect(paid).toMatchObject({ amount: Y('17.50'), principalNow: 0 });
    const later = lateInterest({ principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09', payments: [{ on: '2026-03-01', amount: Y('100,000.00') }] });
    expect(later.amount).toBe(Y('525.00'));
  });

  it('in the cap, what was recovered with a known day stops interest from that day; the rest of it from the start', () => {
    const c = {
      amountOwed: Y('100,000.00'), costs: 0, recovered: Y('50,000.00'),
      lateInterest: { principal: Y('100,000.00'), dueOn: '2026-01-10', asOf: '2026-02-09', payments: [{ on: '2026-01-20', amount: Y('40,000.00') }] },
    };
    // ¥10,000 undated bears none: ¥90,000 × 10 days = ¥157.50; ¥50,000 × 20 days = ¥175.00
    expect(capInterest(c)?.amount).toBe(Y('332.50'));
    expect(freezeCap(c)).toBe(Y('50,332.50'));
    expect(capInterest({ amountOwed: 1, costs: 0, recovered: 0 })).toBeUndefined();
  });

  it('refuses what is not integer fen or not a date, rather than guessing', () => {
    expect(() => lateInterest({ principal: 100.5, dueOn: '2026-01-10', asOf: '2026-02-09' })).toThrow(/integer fen/);
    expect(() => lateInterest({ principal: 100, dueOn: '2026-13-10', asOf: '2026-02-09' })).toThrow();
  });
});
