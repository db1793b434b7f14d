/**
 * The rules as one module: everything the freeze panel, the services and the sandbox's ledger need
 * is exported from shared/rules, and every refusal is worded for a judge in zh-CN and in English,
 * under a stable code.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import * as rules from '../../../shared/rules';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
const HAN = /[\u4e00-\u9fff]/;

describe('shared/rules', () => {
  it('exports the whole capability', () => {
    const names = [
      'freezeCap', 'countedValue', 'checkFreezeSet', 'suggestAllocation', 'excessToRelease', 'securitiesLimit',
      'periodCapYears', 'maxEndDate', 'checkEndDate', 'checkRenewal', 'freezeStatus',
      'reminderSchedule', 'dueReminders', 'expiryCalendar', 'reminderKey',
      'checkDeduction', 'needsApproval', 'suggestDeduction',
      'emptyQueue', 'applyFreeze', 'release', 'lapse', 'renew', 'deduct', 'positionOf', 'placesOf',
    ];
    for (const n of names) expect(typeof (rules as Record<string, unknown>)[n], n).toBe('function');
  });

  it('words every refusal for a judge, in Chinese and in English, under a stable code', () => {
    const deposit = { id: 'd', partyId: 'p', channel: 'bank.icbc' as const, kind: 'deposit' as const, available: 100 };
    const flat = { id: 'f', partyId: 'p', channel: 'realestate.gz' as const, kind: 'real_estate' as const, value: 1_000 };
    type Worded = { code: string; zh: string; en: string };
    const refusal = (r: rules.EndDateCheck | rules.RenewalCheck): Worded => {
      if (r.ok) throw new Error('expected a refusal');
      return r;
    };
    const samples: Worded[] = [
      ...rules.checkFreezeSet(50, 0, [
        { asset: deposit, amount: 200 },
        { asset: { ...deposit, id: 'x', channel: 'hotel.gz' }, amount: 1 },
        { asset: { ...deposit, id: 'z' }, amount: 0 },
        { asset: deposit, amount: 1 },
      ]).violations,
      ...rules.checkFreezeSet(500, 0, [{ asset: flat }]).violations,
      ...rules.checkFreezeSet(500, 0, [{ asset: deposit, amount: 100 }], { exemptLivingAllowance: 50 }).violations,
      ...rules.checkFreezeSet(500, 0, [{ asset: { ...flat, value: undefined } }]).warnings,
      refusal(rules.checkEndDate('2025-03-10', '2027-03-10', 'deposit')),
      refusal(rules.checkEndDate('2025-03-10', '2025-03-01', 'deposit')),
      refusal(rules.checkRenewal('2025-03-11', '2025-03-10', '2026-03-10', 'deposit')),
      ...rules.checkDeduction({ amount: 0, frozenNow: -1, outstanding: -1, now: '2025-06-30T02:30:00Z' }).violations,
      ...rules.checkDeduction({ amount: 10, frozenNow: 5, outstanding: 5, now: '2025-06-30T02:30:00Z', frozenCheckedAt: '2025-06-30T01:00:00Z' }).violations,
      ...rules.dueReminders([{ measureId: 'm', endsOn: '2025-10-09' }], '2025-10-09', new Set()).map((r) => ({ code: 'REMINDER', zh: r.zh, en: r.en })),
    ];

    expect([...new Set(samples.map((s) => s.code))].sort()).toEqual([
      'ABOVE_FROZEN', 'ABOVE_OUTSTANDING', 'ALREADY_LAPSED', 'AMOUNT_ABOVE_AVAILABLE', 'DUPLICATE_ASSET', 'END_BEFORE_START',
      'INDIVISIBLE_OVER_CAP_NEEDS_REASON', 'LIVING_COSTS_NOT_LEFT', 'NOT_FREEZABLE', 'OVER_CAP', 'PAST_LEGAL_CAP', 'REMINDER',
      'STALE_BALANCE', 'VALUE_UNKNOWN', 'ZERO_AMOUNT',
    ]);
    for (const s of samples) {
      expect(s.code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(s.zh, s.zh).toMatch(HAN);
      expect(s.en, s.en).not.toMatch(HAN);
      expect(s.en.length, s.en).toBeGreaterThan(10);
    }
  });
});
