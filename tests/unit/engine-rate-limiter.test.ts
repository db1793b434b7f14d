import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../electron/engine/rate-limiter';
import { Semaphore } from '../../electron/engine/semaphore';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('token bucket', () => {
  it('allows a burst of one second, then the sustained rate', () => {
    const c = clock();
    const b = new TokenBucket(5, c.now);
    for (let i = 0; i < 5; i += 1) expect(b.tryTake()).toBe(0);
    // empty: the next token is 200 ms away at 5/s
    expect(b.tryTake()).toBe(200);
    c.advance(199);
    expect(b.tryTake()).toBeGreaterThan(0);
    c.advance(1);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(200);
  });

  it('never holds more than its capacity however long it idles', () => {
    const c = clock();
    const b = new TokenBucket(2, c.now);
    c.advance(60_000);
    expect(b.available()).toBe(2);
  });

  it('admits exactly rate × seconds over a long run', () => {
    const c = clock();
    const b = new TokenBucket(10, c.now);
    let sent = 0;
    // a caller that sleeps exactly as long as the bucket says, for 10 simulated seconds
    while (c.now() < 1_000 + 10_000) {
      const w = b.tryTake();
      if (w === 0) sent += 1;
      else c.advance(w);
    }
    // the initial burst of 10 plus 10/s for 10 s
    expect(sent).toBeGreaterThanOrEqual(100);
    expect(sent).toBeLessThanOrEqual(111);
  });

  it('serves a rate below one per second, one whole token at a time', () => {
    const c = clock();
    const b = new TokenBucket(0.5, c.now);
    expect(b.capacity).toBe(1);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(2_000);
  });

  it('after a 429, nobody submits before Retry-After and the bucket restarts empty', () => {
    const c = clock();
    const b = new TokenBucket(10, c.now);
    b.pauseUntil(c.now() + 3_000);
    expect(b.tryTake()).toBe(3_000);
    c.advance(2_999);
    expect(b.tryTake()).toBe(1);
    c.advance(1);
    expect(b.tryTake()).toBe(100);
    c.advance(100);
    expect(b.tryTake()).toBe(0);
    // an earlier pause does not shorten a later one
    b.pauseUntil(c.now() + 5_000);
    b.pauseUntil(c.now() + 1_000);
    expect(b.tryTake()).toBe(5_000);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new TokenBucket(0, () => 0)).toThrow(RangeError);
  });
});

describe('concurrency semaphore', () => {
  it('lets N through and serves waiters first come, first served', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    const waiting = [3, 4, 5].map((n) => s.acquire().then((release) => { order.push(n); return release; }));
    expect(s.inUse).toBe(2);
    expect(s.waiting).toBe(3);
    r1();
    r1(); // releasing twice frees one slot only
    const r3 = await waiting[0]!;
    expect(order).toEqual([3]);
    expect(s.inUse).toBe(2);
    r2();
    r3();
    const [r4, r5] = await Promise.all([waiting[1]!, waiting[2]!]);
    expect(order).toEqual([3, 4, 5]);
    r4();
    r5();
    expect(s.inUse).toBe(0);
  });

  it('cancels every waiter at once on stop', async () => {
    const s = new Semaphore(1);
    await s.acquire();
    const ws = Array.from({ length: 1000 }, () => s.acquire());
    s.cancelAll(new Error('stopped'));
    const out = await Promise.allSettled(ws);
    expect(out.every((x) => x.status === 'rejected')).toBe(true);
    expect(s.waiting).toBe(0);
  });
});
