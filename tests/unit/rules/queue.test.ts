/**
 * The waiting queue (轮候, docs/domain.md rule 3; 查扣冻规定 art. 26): a later freeze on an asset already
 * frozen waits; when the earlier one is released the earliest waiting one takes effect; a freeze
 * that ends unrenewed lapses and loses its place. Plain immutable data: the same model the
 * sandbox's ledger keeps accounts with, so money is conserved.
 */
import { describe, expect, it } from 'vitest';
import {
  applyFreeze, deduct, emptyQueue, entryOf, frozenTotal, lapse, placesOf, positionOf, release, renew, setCapacity,
  type FreezeQueue,
} from '../../../shared/rules';
import { seeded } from './prng';

/** Freezes the queue deeply, so any mutation by the model throws. */
function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

function queueOf(...refs: string[]): FreezeQueue {
  let q = emptyQueue();
  refs.forEach((caseRef, i) => { q = applyFreeze(q, { caseRef, at: `2025-0${i + 1}-01`, endsOn: '2027-12-31' }).queue; });
  return q;
}

const order = (q: FreezeQueue) => placesOf(q).map((p) => [p.caseRef, p.position]);

describe('one flat, several courts', () => {
  it('the first freeze takes effect; later ones wait in order', () => {
    let q = emptyQueue();
    const a = applyFreeze(q, { caseRef: '(2025)黔0103执1234号', at: '2025-03-01', endsOn: '2028-03-01' });
    expect(a).toMatchObject({ position: 0, duplicate: false });
    q = a.queue;
    expect(applyFreeze(q, { caseRef: '(2025)黔0102执88号', at: '2025-04-01' }).position).toBe(1);
    q = applyFreeze(q, { caseRef: '(2025)黔0102执88号', at: '2025-04-01' }).queue;
    q = applyFreeze(q, { caseRef: '(2025)黔01执5号', at: '2025-05-01' }).queue;
    expect(order(q)).toEqual([['(2025)黔0103执1234号', 0], ['(2025)黔0102执88号', 1], ['(2025)黔01执5号', 2]]);
    expect(positionOf(q, '(2025)黔01执5号')).toBe(2);
    expect(positionOf(q, 'not here')).toBeUndefined();
  });

  it('on release the earliest waiting one takes effect, from that moment, and the others move up', () => {
    const q = frozen(queueOf('A', 'B', 'C'));
    const r = release(q, 'A', '2025-06-15T09:00:00+08:00');
    expect(order(r.queue)).toEqual([['B', 0], ['C', 1]]);
    expect(r.released?.caseRef).toBe('A');
    expect(r.promoted).toEqual([expect.objectContaining({ caseRef: 'B', effectiveFrom: '2025-06-15T09:00:00+08:00' })]);
    expect(order(q)).toEqual([['A', 0], ['B', 1], ['C', 2]]); // the old queue is untouched
  });

  it('releasing a waiting freeze moves those behind it up and changes nothing ahead', () => {
    const r = release(queueOf('A', 'B', 'C'), 'B', '2025-06-15');
    expect(order(r.queue)).toEqual([['A', 0], ['C', 1]]);
    expect(r.promoted).toEqual([]);
  });

  it('registering the same freeze twice changes nothing (exactly once, docs/domain.md rule 7)', () => {
    const q = frozen(queueOf('A', 'B'));
    const again = applyFreeze(q, { caseRef: 'B', at: '2025-09-01' });
    expect(again).toMatchObject({ position: 1, duplicate: true });
    expect(again.queue).toBe(q);
  });

  it('releasing what is not there changes nothing', () => {
    const q = frozen(queueOf('A'));
    expect(release(q, 'Z', '2025-06-15')).toEqual({ queue: q, promoted: [] });
  });

  it('records when each freeze first took effect', () => {
    const q = queueOf('A', 'B');
    expect(entryOf(q, 'A')?.effectiveFrom).toBe('2025-01-01');
    expect(entryOf(q, 'B')?.effectiveFrom).toBeUndefined();
  });

  it('is plain data that survives JSON', () => {
    const q = queueOf('A', 'B', 'C');
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
});

describe('lapsing: an unrenewed freeze ends by itself and loses its place', () => {
  it('is in force through its last day and gone the day after; the next one takes effect that day', () => {
    let q = emptyQueue();
    q = applyFreeze(q, { caseRef: 'A', at: '2024-10-09', endsOn: '2025-10-09' }).queue;
    q = applyFreeze(q, { caseRef: 'B', at: '2025-01-01' }).queue; // waiting: its period is not running yet
    expect(lapse(q, '2025-10-09').lapsed).toEqual([]);
    const r = lapse(q, '2025-10-15');
    expect(r.lapsed.map((e) => e.caseRef)).toEqual(['A']);
    expect(order(r.queue)).toEqual([['B', 0]]);
    expect(r.promoted).toEqual([expect.objectContaining({ caseRef: 'B', effectiveFrom: '2025-10-10' })]);
  });

  it('works through several ends in the order they fell', () => {
    let q = emptyQueue();
    q = applyFreeze(q, { caseRef: 'A', at: '2024-10-09', endsOn: '2025-10-09' }).queue;
    q = applyFreeze(q, { caseRef: 'B', at: '2025-01-01', endsOn: '2025-10-20' }).queue;
    q = applyFreeze(q, { caseRef: 'C', at: '2025-02-01' }).queue;
    const r = lapse(q, '2025-10-25');
    expect(r.lapsed.map((e) => e.caseRef)).toEqual(['A', 'B']);
    expect(r.promoted).toEqual([expect.objectContaining({ caseRef: 'C', effectiveFrom: '2025-10-21' })]);
  });

  it('a renewal keeps the place and the freeze does not lapse', () => {
    let q = emptyQueue();
    q = applyFreeze(q, { caseRef: 'A', at: '2024-10-09', endsOn: '2025-10-09' }).queue;
    q = applyFreeze(q, { caseRef: 'B', at: '2025-01-01' }).queue;
    q = renew(q, 'A', '2026-10-09');
    const r = lapse(q, '2025-10-15');
    expect(r.lapsed).toEqual([]);
    expect(order(r.queue)).toEqual([['A', 0], ['B', 1]]);
    expect(() => renew(q, 'Z', '2026-10-09')).toThrow(RangeError);
  });
});

describe('a bank account: freezes hold amounts out of the balance', () => {
  // Balance ¥10,000.00 = 1,000,000 fen.
  const start = () => {
    let q = emptyQueue(1_000_000);
    q = applyFreeze(q, { caseRef: 'A', amount: 300_000, at: '2025-01-01' }).queue;
    q = applyFreeze(q, { caseRef: 'B', amount: 500_000, at: '2025-02-01' }).queue;
    return q;
  };

  it('lets several freezes hold parts of one balance, each in effect', () => {
    const q = start();
    expect(placesOf(q).map((p) => [p.caseRef, p.position, p.frozen])).toEqual([['A', 0, 300_000], ['B', 0, 500_000]]);
    expect(frozenTotal(q)).toBe(800_000);
  });

  it('freezes only what is left, in effect, and makes the rest wait; one that finds nothing waits', () => {
    let q = start();
    const c = applyFreeze(q, { caseRef: 'C', amount: 500_000, at: '2025-03-01' });
    expect(c).toMatchObject({ position: 0, frozen: 200_000 });
    q = c.queue;
    const d = applyFreeze(q, { caseRef: 'D', amount: 100_000, at: '2025-04-01' });
    expect(d).toMatchObject({ position: 1, frozen: 0 });
  });

  it('on release, fills the earliest shortfall first (first come, first served)', () => {
    let q = start();
    q = applyFreeze(q, { caseRef: 'C', amount: 500_000, at: '2025-03-01' }).queue;
    q = applyFreeze(q, { caseRef: 'D', amount: 100_000, at: '2025-04-01' }).queue;
    const r = release(q, 'A', '2025-05-01');
    expect(placesOf(r.queue).map((p) => [p.caseRef, p.position, p.frozen])).toEqual([['B', 0, 500_000], ['C', 0, 500_000], ['D', 1, 0]]);
  });

  it('a part release leaves the rest held and lets the next take what it frees', () => {
    let q = start();
    q = applyFreeze(q, { caseRef: 'C', amount: 500_000, at: '2025-03-01' }).queue; // holds 200,000
    q = applyFreeze(q, { caseRef: 'D', amount: 100_000, at: '2025-04-01' }).queue; // waits
    const r = release(q, 'B', '2025-05-01', 200_000);
    // B keeps 300,000; the 200,000 freed goes to C's shortfall first, none reaches D.
    expect(placesOf(r.queue).map((p) => [p.caseRef, p.position, p.frozen])).toEqual([['A', 0, 300_000], ['B', 0, 300_000], ['C', 0, 400_000], ['D', 1, 0]]);
    const c = release(r.queue, 'C', '2025-05-02', 100_000);
    // C now holds 300,000 and asks no more; the 100,000 it let go reaches D.
    expect(placesOf(c.queue).map((p) => [p.caseRef, p.position, p.frozen])).toEqual([['A', 0, 300_000], ['B', 0, 300_000], ['C', 0, 300_000], ['D', 0, 100_000]]);
    expect(c.promoted).toEqual([expect.objectContaining({ caseRef: 'D', effectiveFrom: '2025-05-02' })]);
  });

  it('a deduction takes money out of the account and the freeze; a freeze emptied is done', () => {
    let q = start();
    q = deduct(q, 'A', 100_000, '2025-06-01');
    expect(q.capacity).toBe(900_000);
    expect(entryOf(q, 'A')).toMatchObject({ amount: 200_000, frozen: 200_000 });
    q = deduct(q, 'A', 200_000, '2025-06-02');
    expect(positionOf(q, 'A')).toBeUndefined();
    expect(() => deduct(q, 'B', 500_001, '2025-06-03')).toThrow(RangeError);
    expect(() => deduct(q, 'Z', 1, '2025-06-03')).toThrow(RangeError);
  });

  it('money arriving lets a waiting freeze take effect; money leaving may not touch what is frozen', () => {
    let q = start();
    q = applyFreeze(q, { caseRef: 'C', amount: 400_000, at: '2025-03-01' }).queue; // holds 200,000
    const more = setCapacity(q, 1_300_000, '2025-07-01');
    expect(entryOf(more.queue, 'C')?.frozen).toBe(400_000);
    expect(() => setCapacity(q, 999_999, '2025-07-01')).toThrow(RangeError);
  });

  it('needs an amount for every freeze on funds', () => {
    expect(() => applyFreeze(emptyQueue(100), { caseRef: 'A', at: '2025-01-01' })).toThrow(RangeError);
    expect(() => applyFreeze(emptyQueue(100), { caseRef: 'A', amount: 0, at: '2025-01-01' })).toThrow(RangeError);
  });

  it('conserves money over any sequence of freezes, releases, deductions and deposits', () => {
    const rnd = seeded(7);
    for (let run = 0; run < 50; run++) {
      let q = emptyQueue(rnd(1_000_000));
      let paidOut = 0;
      let paidIn = q.capacity!;
      for (let step = 0; step < 60; step++) {
        const refs = q.entries.map((e) => e.caseRef);
        const ref = refs[rnd(refs.length || 1)];
        const at = `2025-01-01T00:${String(step).padStart(2, '0')}:00Z`;
        switch (rnd(5)) {
          case 0: q = applyFreeze(q, { caseRef: `c${run}-${step}`, amount: 1 + rnd(400_000), at }).queue; break;
          case 1: if (ref) q = release(q, ref, at, rnd(2) ? undefined : 1 + rnd(300_000)).queue; break;
          case 2: {
            const place = ref ? entryOf(q, ref) : undefined;
            if (place && place.position === 0 && place.frozen! > 0) {
              const amount = 1 + rnd(place.frozen!);
              q = deduct(q, ref!, amount, at);
              paidOut += amount;
            }
            break;
          }
          case 3: { const add = rnd(200_000); q = setCapacity(q, q.capacity! + add, at).queue; paidIn += add; break; }
          default: { const out = rnd(Math.max(1, q.capacity! - frozenTotal(q) + 1)); q = setCapacity(q, q.capacity! - out, at).queue; paidOut += out; }
        }
        // Never more frozen than the balance; balance = money in − money out.
        expect(frozenTotal(q)).toBeLessThanOrEqual(q.capacity!);
        expect(q.capacity).toBe(paidIn - paidOut);
        // Positions: those in effect first, then 1, 2, 3 … without gaps.
        const positions = placesOf(q).map((p) => p.position);
        const waiting = positions.filter((p) => p > 0);
        expect(waiting).toEqual(waiting.map((_, i) => i + 1));
        expect(positions).toEqual([...positions.filter((p) => p === 0), ...waiting]);
        // Nothing waits while money is free.
        if (waiting.length > 0) expect(frozenTotal(q)).toBe(q.capacity);
      }
    }
  });
});
