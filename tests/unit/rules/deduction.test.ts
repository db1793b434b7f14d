/**
 * Deducting frozen funds (扣划): never on a stale balance — the frozen amount is queried first
 * (docs/domain.md rule 6) — never more than is frozen, never more than is still owed; above the bureau's
 * threshold a division chief approves first.
 */
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../../shared/money';
import { checkDeduction, needsApproval, suggestDeduction, type DeductionInput } from '../../../shared/rules';

function Y(s: string): number {
  const r = parseYuan(s);
  if (!r.ok) throw new Error(`bad amount in test: ${s}`);
  return r.value;
}

/** A deduction in a hearing room at 10:30 Beijing time, balance queried a moment ago. */
const base: DeductionInput = {
  amount: Y('20,000.00'),
  frozenNow: Y('25,000.00'),
  frozenCheckedAt: '2025-06-30T02:28:00Z',
  now: '2025-06-30T02:30:00Z',
  outstanding: Y('50,000.00'),
};

const codes = (r: { violations: { code: string }[] }) => r.violations.map((v) => v.code);

describe('checking a deduction', () => {
  it('accepts an amount within what is frozen and what is owed, on a fresh balance', () => {
    expect(checkDeduction(base)).toEqual({ ok: true, violations: [] });
  });

  it('accepts a balance queried exactly 10 minutes ago, and refuses one a second older', () => {
    expect(checkDeduction({ ...base, frozenCheckedAt: '2025-06-30T02:20:00Z' }).ok).toBe(true);
    const r = checkDeduction({ ...base, frozenCheckedAt: '2025-06-30T02:19:59Z' });
    expect(r.violations).toEqual([{
      code: 'STALE_BALANCE',
      zh: '冻结余额查询于 10 分钟前，已超过 10 分钟，请重新查询后再扣划',
      en: 'The frozen balance was queried 10 minutes ago, more than 10; query it again before deducting',
    }]);
  });

  it('lets the bureau set how fresh the balance must be', () => {
    expect(checkDeduction({ ...base, frozenCheckedAt: '2025-06-30T02:00:00Z', maxAgeMinutes: 30 }).ok).toBe(true);
    expect(codes(checkDeduction({ ...base, maxAgeMinutes: 1 }))).toEqual(['STALE_BALANCE']);
  });

  it('refuses when the balance was never queried', () => {
    const { frozenCheckedAt: _, ...never } = base;
    expect(checkDeduction(never).violations).toEqual([{ code: 'STALE_BALANCE', zh: '尚未查询冻结余额，请先查询再扣划', en: 'The frozen balance has not been queried; query it before deducting' }]);
  });

  it('refuses a query time after now: the clock cannot be trusted', () => {
    expect(codes(checkDeduction({ ...base, frozenCheckedAt: '2025-06-30T02:31:00Z' }))).toEqual(['STALE_BALANCE']);
  });

  it('understands instants written with a +08:00 offset', () => {
    expect(checkDeduction({ ...base, frozenCheckedAt: '2025-06-30T10:28:00+08:00' }).ok).toBe(true);
  });

  it('refuses more than is frozen now', () => {
    expect(checkDeduction({ ...base, amount: Y('25,000.01') }).violations).toEqual([{
      code: 'ABOVE_FROZEN',
      zh: '扣划金额 ¥25,000.01 超过本案当前冻结金额 ¥25,000.00',
      en: 'The amount ¥25,000.01 exceeds what is frozen for this case now, ¥25,000.00',
    }]);
  });

  it('refuses more than is still owed', () => {
    expect(checkDeduction({ ...base, frozenNow: Y('80,000.00'), amount: Y('50,000.01') }).violations).toEqual([{
      code: 'ABOVE_OUTSTANDING',
      zh: '扣划金额 ¥50,000.01 超过尚未执行的金额及执行费 ¥50,000.00',
      en: 'The amount ¥50,000.01 exceeds what is still owed, costs included, ¥50,000.00',
    }]);
  });

  it('refuses zero', () => {
    expect(codes(checkDeduction({ ...base, amount: 0 }))).toEqual(['ZERO_AMOUNT']);
  });

  it('names every problem at once', () => {
    expect(codes(checkDeduction({ ...base, amount: Y('60,000.00'), frozenCheckedAt: '2025-06-30T01:00:00Z' }))).toEqual(['STALE_BALANCE', 'ABOVE_FROZEN', 'ABOVE_OUTSTANDING']);
  });

  it('refuses fractions of a fen and malformed times as programming errors', () => {
    expect(() => checkDeduction({ ...base, amount: 100.5 })).toThrow(/integer fen/);
    expect(() => checkDeduction({ ...base, now: 'half past ten' })).toThrow(RangeError);
  });
});

describe('approval by a division chief', () => {
  it('is needed above the threshold, not at it', () => {
    expect(needsApproval(Y('500,000.01'), Y('500,000.00'))).toBe(true);
    expect(needsApproval(Y('500,000.00'), Y('500,000.00'))).toBe(false);
    expect(needsApproval(Y('1.00'), 0)).toBe(true);
  });

  it('is not needed when the bureau set no threshold', () => {
    expect(needsApproval(Y('9,999,999.00'), undefined)).toBe(false);
  });
});

describe('the amount offered by default', () => {
  it('is all that is frozen, but no more than is owed', () => {
    expect(suggestDeduction(Y('25,000.00'), Y('50,000.00'))).toBe(Y('25,000.00'));
    expect(suggestDeduction(Y('80,000.00'), Y('50,000.00'))).toBe(Y('50,000.00'));
    expect(suggestDeduction(Y('80,000.00'), 0)).toBe(0);
  });
});
