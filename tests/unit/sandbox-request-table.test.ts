/**
 * The sandbox gateway's request table (electron/sandbox/request-table.ts): the feed's delivery
 * index gives answers in delivery order from a cursor, and answered queries expire after the TTL
 * while a measure's idempotency record stays.
 */
import { describe, expect, it } from 'vitest';
import { RequestTable, type GatewayRequest } from '../../electron/sandbox/request-table';

type Added = Omit<GatewayRequest, 'gatewayRef' | 'polls' | 'seq'>;
const subject = { kind: 'person' as const, name: '张三', idNumber: '520103199001011234' };
function req(id: string, answerAt: number | undefined, over: Partial<Added> = {}): Added {
  return {
    clientRequestId: id, channel: 'bank.icbc', kind: 'query', bodyHash: `h-${id}`, subject,
    acceptedAt: 0, processingAt: 0, answerAt, rejection: undefined, duplicate: false, ...over,
  };
}
const ids = (t: RequestTable, cursor: readonly [number, number, number] | undefined, now: number, limit = 100) =>
  t.feedPage(cursor, now, limit).map((d) => `${d.r.clientRequestId}/${d.copy}`);

describe('the feed delivery index', () => {
  it('gives due answers in delivery order, after the cursor, a page at a time; not-yet-due and unanswered ones wait', () => {
    const t = new RequestTable();
    t.add(req('late', 300));
    t.add(req('early', 100));
    t.add(req('never', undefined));
    t.add(req('twice', 150, { kind: 'freeze', redeliverAt: 250 }));
    t.add(req('future', 10_000));
    expect(ids(t, undefined, 1_000)).toEqual(['early/0', 'twice/0', 'twice/1', 'late/0']);
    expect(ids(t, undefined, 1_000, 2)).toEqual(['early/0', 'twice/0']);
    const [, second] = t.feedPage(undefined, 1_000, 2);
    expect(ids(t, [second!.at, second!.seq, second!.copy], 1_000)).toEqual(['twice/1', 'late/0']);
    expect(ids(t, undefined, 200)).toEqual(['early/0', 'twice/0']);
    expect(ids(t, [300, 1, 0], 20_000)).toEqual(['future/0']);
  });

  it('reads a page of 100 out of 20,000 answers without looking at each', () => {
    const t = new RequestTable();
    for (let i = 0; i < 20_000; i++) t.add(req(`q${i}`, 1_000 + ((i * 7919) % 20_000)));
    const t0 = performance.now();
    let cursor: readonly [number, number, number] | undefined;
    let n = 0;
    for (let p = 0; p < 200; p++) {
      const page = t.feedPage(cursor, 50_000, 100);
      n += page.length;
      const last = page[page.length - 1]!;
      cursor = [last.at, last.seq, last.copy];
    }
    expect(n).toBe(20_000);
    // 200 pages over an index of 20,000: a scan per page would be 4 million looks
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('answer TTL', () => {
  it('drops an answered query after the TTL (its id unknown again, off the feed) and keeps a measure\'s record', () => {
    const forgotten: string[] = [];
    const t = new RequestTable({ ttlMs: 1_000, forget: (id) => forgotten.push(id) });
    t.add(req('query-1', 100));
    t.add(req('freeze-1', 100, { kind: 'freeze', redeliverAt: 200 }));
    t.add(req('silent', undefined));
    expect(t.get('query-1', 1_099)).toBeDefined();
    expect(t.get('query-1', 1_100)).toBeUndefined();
    expect(forgotten).toEqual(['query-1']);
    // the measure stays whole: a repeat is answered from its record, never executed again
    expect(t.get('freeze-1', 5_000)).toMatchObject({ clientRequestId: 'freeze-1', bodyHash: 'h-freeze-1', kind: 'freeze' });
    expect(t.get('silent', 5_000)).toBeDefined();
    expect(ids(t, undefined, 5_000)).toEqual([]);
    expect(t.indexed).toBe(0);
  });

  it('keeps memory bounded: 5,000 answered queries expire to an empty index', () => {
    const t = new RequestTable({ ttlMs: 10 });
    for (let i = 0; i < 5_000; i++) t.add(req(`q${i}`, i));
    t.expire(6_000);
    expect(t.size).toBe(0);
    expect(t.indexed).toBe(0);
  });
});
