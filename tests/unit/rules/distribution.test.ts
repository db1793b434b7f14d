/**
 * 参与分配 (docs/domain.md rule 4; 民诉法解释 第五百零八条、第五百零九条): costs first, then the
 * priority claims in their rank, then the ordinary claims pro rata in whole fen — and the plan
 * adds up to what was recovered, to the fen, whatever the claims.
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../../resources/holidays/cn-holidays.json';
import { holidayCalendarFrom } from '../../../shared/dates';
import { distributionPlan, largestRemainder, objectionDeadline, type DistributionClaim } from '../../../shared/rules/distribution';
import { seeded } from './prng';

const cal = holidayCalendarFrom(holidayTable as Record<string, unknown>);
const ordinary = (creditorId: string, amount: number): DistributionClaim => ({ creditorId, amount, priority: 'ordinary' });

describe('the distribution plan of 参与分配', () => {
  it('¥100.00 among three ordinary creditors claiming ¥100 each: 33.34, 33.33, 33.33 — the odd fen to the first listed', () => {
    const p = distributionPlan({ distributable: 10_000, costs: 0, claims: [ordinary('a', 10_000), ordinary('b', 10_000), ordinary('c', 10_000)] });
    expect(p.shares.map((s) => s.paid)).toEqual([3334, 3333, 3333]);
    expect(p.surplus).toBe(0);
  });

  it('takes the enforcement costs first, then pays the mortgagee in full, then shares the rest pro rata', () => {
    const p = distributionPlan({
      distributable: 1_000_000, costs: 50_000,
      claims: [ordinary('applicant', 600_000), { creditorId: 'bank', amount: 350_000, priority: 'priority' }, ordinary('other', 300_000)],
    });
    expect(p.costsPaid).toBe(50_000);
    expect(p.priorityPaid).toBe(350_000);
    expect(p.ordinaryPool).toBe(600_000);
    // 600,000 × 600/900 = 400,000 and 600,000 × 300/900 = 200,000
    expect(p.shares).toEqual([
      { creditorId: 'applicant', priority: 'ordinary', claimed: 600_000, paid: 400_000, unpaid: 200_000 },
      { creditorId: 'bank', priority: 'priority', claimed: 350_000, paid: 350_000, unpaid: 0 },
      { creditorId: 'other', priority: 'ordinary', claimed: 300_000, paid: 200_000, unpaid: 100_000 },
    ]);
  });

  it('pays priority claims in their rank: the second mortgagee gets what the first leaves, ordinary creditors nothing', () => {
    const p = distributionPlan({
      distributable: 500_000, costs: 0,
      claims: [ordinary('o', 100_000), { creditorId: 'second', amount: 400_000, priority: 'priority', rank: 2 }, { creditorId: 'first', amount: 300_000, priority: 'priority', rank: 1 }],
    });
    expect(p.shares.find((s) => s.creditorId === 'first')!.paid).toBe(300_000);
    expect(p.shares.find((s) => s.creditorId === 'second')!.paid).toBe(200_000);
    expect(p.shares.find((s) => s.creditorId === 'o')!.paid).toBe(0);
  });

  it('when the recovered amount covers every claim, each is paid in full and the rest goes back to the debtor', () => {
    const p = distributionPlan({ distributable: 1_000_000, costs: 10_000, claims: [ordinary('a', 300_000), ordinary('b', 200_000)] });
    expect(p.shares.map((s) => s.paid)).toEqual([300_000, 200_000]);
    expect(p.surplus).toBe(490_000);
  });

  it('less recovered than the costs: the costs take it all, no creditor is paid', () => {
    const p = distributionPlan({ distributable: 3_000, costs: 5_000, claims: [ordinary('a', 100)] });
    expect(p.costsPaid).toBe(3_000);
    expect(p.shares[0]!.paid).toBe(0);
  });

  it('refuses a claim of zero, a fraction of a fen, or one creditor listed twice', () => {
    expect(() => distributionPlan({ distributable: 100, costs: 0, claims: [ordinary('a', 0)] })).toThrow(RangeError);
    expect(() => distributionPlan({ distributable: 100, costs: 0, claims: [ordinary('a', 1.5)] })).toThrow(RangeError);
    expect(() => distributionPlan({ distributable: 100, costs: 0, claims: [ordinary('a', 1), ordinary('a', 2)] })).toThrow(RangeError);
    expect(() => distributionPlan({ distributable: -1, costs: 0, claims: [] })).toThrow(RangeError);
  });
});

describe('shares in whole fen by the largest remainder (property over random claims)', () => {
  it('over 2,000 random plans: costs + shares + surplus equal what was recovered, to the fen; nobody gets more than he claims; ordinary shares stay within one fen of the exact pro-rata share', () => {
    const r = seeded(20260506);
    for (let run = 0; run < 2000; run++) {
      const n = 1 + r(12);
      const claims: DistributionClaim[] = Array.from({ length: n }, (_, i) => ({
        creditorId: `c${i}`, amount: 1 + r(r(2) ? 100_000_000 : 1000), priority: r(4) === 0 ? 'priority' : 'ordinary',
        ...(r(2) ? { rank: r(3) } : {}),
      }));
      const distributable = r(3) === 0 ? r(1000) : r(2_000_000_000);
      const costs = r(2) ? r(500_000) : 0;
      const p = distributionPlan({ distributable, costs, claims });
      const sum = p.costsPaid + p.shares.reduce((s, x) => s + x.paid, 0) + p.surplus;
      expect(sum).toBe(distributable);
      for (const s of p.shares) {
        expect(s.paid).toBeGreaterThanOrEqual(0);
        expect(s.paid).toBeLessThanOrEqual(s.claimed);
        expect(Number.isInteger(s.paid)).toBe(true);
      }
      if (p.surplus > 0) expect(p.shares.every((s) => s.unpaid === 0)).toBe(true);
      if (p.ordinaryPool < p.ordinaryClaimed) {
        for (const s of p.shares.filter((x) => x.priority === 'ordinary')) {
          const exact = (p.ordinaryPool * s.claimed) / p.ordinaryClaimed;
          expect(Math.abs(s.paid - exact)).toBeLessThan(1 + 1e-6);
        }
      }
    }
  });

  it('a larger claim never gets a smaller share than a smaller claim', () => {
    const r = seeded(7);
    for (let run = 0; run < 500; run++) {
      const amounts = Array.from({ length: 2 + r(8) }, () => 1 + r(10_000));
      const shares = largestRemainder(r(50_000), amounts);
      for (let i = 0; i < amounts.length; i++) {
        for (let j = 0; j < amounts.length; j++) if (amounts[i]! > amounts[j]!) expect(shares[i]!).toBeGreaterThanOrEqual(shares[j]!);
      }
    }
  });

  it('stays exact with sums near the safe-integer limit', () => {
    const big = 4_000_000_000_000_000;
    const shares = largestRemainder(big - 1, [big, big, 1]);
    expect(shares.reduce((s, x) => s + x, 0)).toBe(big - 1);
  });
});

describe('the 15 days to object to the plan (民诉法解释 第五百零九条; 民诉法 第八十五条)', () => {
  it('served on 2026-03-02: the last day to object is 2026-03-17 (the day served is not counted)', () => {
    expect(objectionDeadline('2026-03-02', cal)).toBe('2026-03-17');
  });
  it('a last day on a Saturday moves to Monday: served 2026-03-06, last day 2026-03-23', () => {
    expect(objectionDeadline('2026-03-06', cal)).toBe('2026-03-23');
  });
  it('a last day in the National Day holiday moves to the first working day after it', () => {
    // served 2026-09-17: day 15 is 2026-10-02, inside the holiday
    const last = objectionDeadline('2026-09-17', cal);
    expect(last > '2026-10-02').toBe(true);
    expect(cal.off.has(last)).toBe(false);
  });
});
