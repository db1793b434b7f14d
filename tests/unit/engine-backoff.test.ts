import { describe, expect, it } from 'vitest';
import { afterRetryAfter, backoffCap, equalJitter, fullJitter, pollDelay } from '../../electron/engine/backoff';

const o = { baseMs: 100, maxMs: 5_000 };

describe('retry backoff', () => {
  it('doubles the cap per retry up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 2000].map((n) => backoffCap(n, o))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('full jitter spans the whole range [0, cap)', () => {
    expect(fullJitter(3, o, () => 0)).toBe(0);
    expect(fullJitter(3, o, () => 0.5)).toBe(400);
    expect(fullJitter(3, o, () => 0.999)).toBeLessThan(800);
    // a generator that strays to 1 or below 0 still gives a delay inside the cap
    expect(fullJitter(3, o, () => 1)).toBeLessThan(800);
    expect(fullJitter(3, o, () => -3)).toBe(0);
    expect(fullJitter(3, o, () => Number.NaN)).toBe(0);
  });

  it('equal jitter never waits less than half the cap (network probes)', () => {
    expect(equalJitter(2, o, () => 0)).toBe(200);
    expect(equalJitter(2, o, () => 0.999)).toBeLessThan(400);
  });

  it('honours Retry-After and adds at most the jitter', () => {
    expect(afterRetryAfter(2_000, 250, () => 0)).toBe(2_000);
    expect(afterRetryAfter(2_000, 250, () => 0.999)).toBeLessThan(2_250);
    expect(afterRetryAfter(-5, 0, () => 0.5)).toBe(0);
  });
});

describe('poll interval', () => {
  const p = { intervalMs: 1_000, factor: 1.5, maxIntervalMs: 10_000 };
  it('grows with each poll and stops growing at the ceiling', () => {
    const at = (n: number) => pollDelay(n, p, () => 0.999999);
    expect(at(0)).toBeGreaterThanOrEqual(999);
    expect(at(1)).toBeGreaterThanOrEqual(1_499);
    expect(at(2)).toBeGreaterThanOrEqual(2_249);
    expect(at(20)).toBeLessThanOrEqual(10_000);
    for (let n = 1; n < 12; n += 1) expect(at(n)).toBeGreaterThanOrEqual(at(n - 1));
  });

  it('spreads polls over 80–100% of the interval so requests do not poll in lockstep', () => {
    expect(pollDelay(0, p, () => 0)).toBe(800);
    expect(pollDelay(0, p, () => 0.5)).toBe(900);
  });
});
