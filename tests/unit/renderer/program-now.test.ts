/**
 * The deduction form measures a balance's age on the program's clock (docs/domain.md rule 6): in
 * sandbox mode a trainer moves the sandbox's clock days ahead, and a balance the agency just gave is
 * fresh then, not "from the future" as the window's own clock would say.
 */
import { describe, expect, it } from 'vitest';
import { checkDeduction } from '../../../shared/rules/deduction';
import { programNow } from '../../../renderer/src/features/deduction/deductible';

const SIX_DAYS = 6 * 86_400_000;

describe('the deduction form on the program clock', () => {
  it('a balance checked on a sandbox clock six days ahead is fresh, not refused as from the future', () => {
    const local = Date.parse('2026-12-03T02:00:00.000Z');
    const sandboxNow = new Date(local + SIX_DAYS).toISOString();
    const prep = { preparedAt: sandboxNow };
    const input = { amount: 100_00, frozenNow: 500_00, frozenCheckedAt: sandboxNow, outstanding: 1_000_00, maxAgeMinutes: 10 };
    // on the window's clock the check is six days in the future: the old form refused it
    expect(checkDeduction({ ...input, now: new Date(local).toISOString() }).violations.map((v) => v.code)).toContain('STALE_BALANCE');
    // on the program's clock, a minute after the prep arrived, it is a minute old and passes
    const now = programNow(prep, local, local + 60_000);
    expect(now).toBe(new Date(local + SIX_DAYS + 60_000).toISOString());
    expect(checkDeduction({ ...input, now }).violations).toEqual([]);
  });

  it('the balance still goes stale as the minutes pass while the form stays open', () => {
    const local = Date.parse('2026-12-03T02:00:00.000Z');
    const prep = { preparedAt: new Date(local + SIX_DAYS).toISOString() };
    const now = programNow(prep, local, local + 11 * 60_000);
    const check = checkDeduction({ amount: 100_00, frozenNow: 500_00, frozenCheckedAt: prep.preparedAt, outstanding: 1_000_00, maxAgeMinutes: 10, now });
    expect(check.violations.map((v) => v.code)).toContain('STALE_BALANCE');
  });
});
