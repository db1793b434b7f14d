/** The arithmetic behind the freeze panel and the cap, the outbox transitions and settings checks, without a database. */
import { describe, expect, it } from 'vitest';
import { freezeViews, frozenTotal } from '../../electron/store/freeze-views';
import { MEASURE_TRANSITIONS } from '../../electron/store/measures';
import { validateSetting } from '../../electron/store/settings';
import type { Measure, MeasureState } from '../../shared/domain/measures';

let n = 0;
function m(over: Partial<Measure>): Measure {
  const at = `2025-03-01T00:00:${String(n++ % 60).padStart(2, '0')}.000Z`;
  return {
    id: `m${n}`, caseId: 'c', partyId: 'p', assetId: 'a', channel: 'bank.icbc', assetKind: 'deposit', assetIdentifier: '6222…',
    kind: 'freeze', state: 'executed', decidedBy: 'F1', documents: [], attempts: 1, createdAt: at, updatedAt: at, ...over,
  };
}

describe('freezeViews', () => {
  const today = '2025-06-01';

  it('subtracts executed releases and deductions only, and takes the latest renewed end date', () => {
    const f = m({ amount: 100_000, endsOn: '2025-12-31', outcome: { frozenAmount: 80_000, queuePosition: 0 } });
    const all = [
      f,
      m({ kind: 'unfreeze', freezeId: f.id, amount: 10_000 }),
      m({ kind: 'unfreeze', freezeId: f.id, amount: 5_000, state: 'sent' }),
      m({ kind: 'deduct', freezeId: f.id, amount: 30_000, outcome: { deductedAmount: 25_000 } }),
      m({ kind: 'deduct', freezeId: f.id, amount: 9_000, state: 'rejected' }),
      m({ id: 'r1', kind: 'renew', freezeId: f.id, endsOn: '2026-12-30' }),
      m({ id: 'r2', kind: 'renew', freezeId: f.id, endsOn: '2027-12-30', state: 'unknown' }),
    ];
    expect(freezeViews(all, today)).toEqual([{
      measure: f, status: 'in_force', frozen: 45_000, released: 10_000, deducted: 25_000,
      endsOn: '2026-12-30', endsOnSetBy: 'r1', daysLeft: 577,
    }]);
  });

  it('drops a freeze released or deducted in full; keeps a sealed asset without an amount', () => {
    const a = m({ amount: 50_000 });
    const b = m({ amount: 50_000 });
    const seal = m({ assetKind: 'real_estate', endsOn: '2028-01-01' });
    const views = freezeViews([
      a, m({ kind: 'unfreeze', freezeId: a.id }),
      b, m({ kind: 'deduct', freezeId: b.id, amount: 50_000 }),
      seal,
    ], today);
    expect(views.map((v) => [v.measure.id, v.status, v.frozen])).toEqual([[seal.id, 'in_force', 0]]);
  });

  it('counts in force and pending against the cap, not waiting, lapsed, drafts or refusals', () => {
    const views = freezeViews([
      m({ amount: 1_000 }),
      m({ amount: 2_000, outcome: { queuePosition: 1 } }),
      m({ amount: 4_000, endsOn: '2025-05-31' }),
      m({ amount: 8_000, state: 'queued' }),
      m({ amount: 16_000, state: 'unknown' }),
      m({ amount: 32_000, state: 'draft' }),
      m({ amount: 64_000, state: 'rejected' }),
      m({ amount: 128_000, state: 'cancelled' }),
    ], today);
    expect(views.map((v) => v.status)).toEqual(['in_force', 'waiting', 'lapsed', 'pending', 'pending']);
    expect(frozenTotal(views)).toBe(1_000 + 8_000 + 16_000);
  });
});

describe('measure transitions', () => {
  it('never leave a final state and never go back to a draft once in the outbox', () => {
    for (const s of ['executed', 'rejected', 'cancelled'] as MeasureState[]) expect(MEASURE_TRANSITIONS[s]).toEqual([s]);
    for (const s of ['queued', 'sent', 'unknown'] as MeasureState[]) {
      expect(MEASURE_TRANSITIONS[s]).not.toContain('draft');
      expect(MEASURE_TRANSITIONS[s]).not.toContain('awaiting_approval');
    }
    expect(MEASURE_TRANSITIONS.sent).not.toContain('cancelled');
    expect(MEASURE_TRANSITIONS.unknown).not.toContain('cancelled');
  });
});

describe('settings validation', () => {
  it('normalises reminder days and refuses fractions of a fen', () => {
    expect(validateSetting('reminderDays', [1, 30, 7, 30])).toEqual([30, 7, 1]);
    expect(() => validateSetting('approvalThreshold', 0.5)).toThrow(/approvalThreshold/);
    expect(validateSetting('approvalThreshold', 0)).toBe(0);
  });
});
