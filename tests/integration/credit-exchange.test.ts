/**
 * Listings and restrictions go to the 失信联合惩戒云平台 exactly once (docs/domain.md rules 7–9;
 * docs/gateway-protocol.md, "Credit platform"), over HTTP against the sandbox: under lost answers,
 * timeouts, busy gateways and garbled answers, and with the workstation killed mid-exchange and
 * started again from the same store, the platform holds one entry per decision under the same
 * client request id, and the store counts every send. A publication without the chief's signed
 * approval, or with a forged one, is refused by the gateway itself with its reason, and nothing is
 * published.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import type { CreditExchange } from '../../shared/domain/credit';
import { admin } from '../helpers/sandbox-client';
import { CHIEF, CreditKit, DIRECTOR, JUDGE, NEIGHBOUR, until } from '../helpers/credit-kit';

let sb: SandboxHandle;
let kit: CreditKit;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01, hangMs: 400 } });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  kit = new CreditKit(sb);
});
afterEach(async () => {
  sb.setKnobs({ channels: { 'credit.ccp': { lostAnswerRate: 0, timeoutRate: 0, errorRate: 0, garbageRate: 0, outOfOrderRate: 0 } } });
  kit.close();
});

const faults = (k: Record<string, number>) => sb.setKnobs({ channels: { 'credit.ccp': k } });
const submitsSeen = (id: string) => sb.credit.exchanges.get(id)?.submits ?? 0;

describe('a listing is published exactly once', () => {
  it('the answer to the publication is lost: the workstation asks by the same id and the debtor is listed once', async () => {
    const c = kit.judgesCase(0);
    faults({ lostAnswerRate: 1 });
    const x = kit.request('listing.publish', c, 'L-lost', { ground: 1, until: '2028-12-31T16:00:00.000Z' });
    kit.store.creditExchanges.submit(x, JUDGE);
    const engine = kit.engine();
    expect(engine.kick(x.id)).toBe(true);
    await engine.idle();
    const done = kit.store.creditExchanges.get(x.id)!;
    expect(done).toMatchObject({ state: 'accepted', attempts: 1 });
    const told = kit.told.get(x.id)!;
    // sent once, its outcome unknown, settled by asking — never a second send
    expect(told.slice(0, 2).map((e) => e.state)).toEqual(['sent', 'unknown']);
    expect(told.at(-1)!.state).toBe('accepted');
    expect(told.every((e) => e.attempts === 1)).toBe(true);
    expect(submitsSeen(x.id)).toBe(1);
    const entries = sb.credit.listingsOf(c.debtor.idNumber);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ ref: done.platformRef, clientRequestId: x.id, caseNumber: c.stored.number, court: '黔0103' });
    // the platform's public query shows him listed
    const records = await kit.client.creditRecords!(c.debtor.idNumber);
    expect(records.listings.map((l) => l.ref)).toEqual([done.platformRef]);
    await engine.stop();
  });

  it('killed after "sent" was written but before the bytes left: after the restart the gateway never heard of it, and the same body goes once', async () => {
    const c = kit.judgesCase(1);
    const x = kit.request('listing.publish', c, 'L-kill-before', { ground: 3 });
    kit.store.creditExchanges.submit(x, JUDGE);
    const first = kit.engine();
    kit.onTold = (e) => {
      if (e.state === 'sent') void first.stop();
    };
    first.kick(x.id);
    await first.idle();
    expect(kit.store.creditExchanges.get(x.id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(submitsSeen(x.id)).toBe(0);
    kit.onTold = () => undefined;
    kit.reopen();
    const second = kit.engine();
    expect(second.open()).toBe(1);
    await second.idle();
    expect(kit.store.creditExchanges.get(x.id)).toMatchObject({ state: 'accepted', attempts: 2 });
    expect(submitsSeen(x.id)).toBe(1);
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(1);
    await second.stop();
  });

  it('killed while the outcome is unknown: the restarted workstation asks by the same id and sends nothing again', async () => {
    const c = kit.judgesCase(2);
    faults({ lostAnswerRate: 1 });
    const x = kit.request('listing.publish', c, 'L-kill-unknown', { ground: 5 });
    kit.store.creditExchanges.submit(x, JUDGE);
    const first = kit.engine();
    kit.onTold = (e) => {
      if (e.state === 'unknown') void first.stop();
    };
    first.kick(x.id);
    await first.idle();
    expect(kit.store.creditExchanges.get(x.id)).toMatchObject({ state: 'unknown', attempts: 1 });
    // the platform executed it although the answer was lost
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(1);
    kit.onTold = () => undefined;
    faults({ lostAnswerRate: 0 });
    kit.reopen();
    const second = kit.engine();
    second.open();
    await second.idle();
    expect(kit.store.creditExchanges.get(x.id)).toMatchObject({ state: 'accepted', attempts: 1 });
    expect(submitsSeen(x.id)).toBe(1);
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(1);
    await second.stop();
  });

  it('several listings under every fault, the workstation killed twice on the way: each debtor listed once, every send counted', async () => {
    faults({ lostAnswerRate: 0.3, timeoutRate: 0.2, errorRate: 0.2, garbageRate: 0.3, outOfOrderRate: 0.3 });
    const cases = [3, 4, 5, 6, 7].map((i) => kit.judgesCase(i));
    const xs = cases.map((c, i) => kit.request('listing.publish', c, `L-many-${i}`, { ground: 4 }));
    for (const x of xs) kit.store.creditExchanges.submit(x, JUDGE);
    for (let life = 0; life < 2; life++) {
      const engine = kit.engine();
      engine.open();
      await new Promise((r) => setTimeout(r, 60));
      await engine.stop();
      kit.reopen();
    }
    faults({ lostAnswerRate: 0.3, timeoutRate: 0, errorRate: 0.2, garbageRate: 0.3 });
    const last = kit.engine();
    last.open();
    await last.idle();
    for (const [i, x] of xs.entries()) {
      const stored = kit.store.creditExchanges.get(x.id)!;
      expect(stored.state, x.id).toBe('accepted');
      const entries = sb.credit.listingsOf(cases[i]!.debtor.idNumber);
      expect(entries, x.id).toHaveLength(1);
      expect(entries[0]).toMatchObject({ clientRequestId: x.id, ref: stored.platformRef });
      // every submit that reached the gateway was one the store had counted before sending
      expect(stored.attempts).toBeGreaterThanOrEqual(sb.credit.exchanges.get(x.id)!.submits);
    }
    await last.stop();
  });
});

describe('a restriction is issued and lifted exactly once', () => {
  it('the lift’s answers are lost and busy: the restriction ends once, the debtor may travel again', async () => {
    const c = kit.judgesCase(8);
    const issue = kit.request('restriction.issue', c, 'R1', { kinds: ['air', 'rail-premium', 'hotel-star'], documentNumber: `${c.stored.number}之限1` },
      (x) => kit.sign(x, DIRECTOR, 'approval'));
    kit.store.creditExchanges.submit(issue, JUDGE);
    const engine = kit.engine();
    engine.kick(issue.id);
    await engine.idle();
    const issued = kit.store.creditExchanges.get(issue.id)!;
    expect(issued.state).toBe('accepted');
    const now = () => new Date(Date.now() + sb.clock.offsetDays * 86_400_000).toISOString();
    expect(sb.credit.restricting(c.debtor.idNumber, 'air', now())?.ref).toBe(issued.platformRef);

    faults({ lostAnswerRate: 1, errorRate: 0.3 });
    const lift = kit.request('restriction.lift', c, 'R1', { restrictionRef: issued.platformRef, ground: '履行完毕' }, 'none');
    kit.store.creditExchanges.submit(lift, JUDGE);
    engine.kick(lift.id);
    await until(() => kit.store.creditExchanges.get(lift.id)!.state === 'accepted');
    const entry = sb.credit.restrictions.get(issued.platformRef!)!;
    const liftedAt = entry.liftedAt;
    expect(liftedAt).toBeDefined();
    expect(sb.credit.restricting(c.debtor.idNumber, 'air', now())).toBeUndefined();
    expect(sb.credit.exchanges.get(lift.id)!.feedback).toMatchObject({ result: 'accepted', platformRef: issued.platformRef });
    // asked again and again about the same id: the lift is not repeated
    expect((await kit.client.creditRecords!(c.debtor.idNumber)).restrictions).toEqual([]);
    expect(sb.credit.restrictions.get(issued.platformRef!)!.liftedAt).toBe(liftedAt);
    await engine.stop();
  });
});

describe('the gateway refuses a publication the chief did not sign', () => {
  async function refused(x: CreditExchange | Parameters<CreditKit['store']['creditExchanges']['submit']>[0]) {
    kit.store.creditExchanges.submit(x, JUDGE);
    const engine = kit.engine();
    engine.kick(x.id);
    await engine.idle();
    await engine.stop();
    return kit.store.creditExchanges.get(x.id)!;
  }

  it('without any approval: refused with the reason, the debtor is not listed, the refusal is audited', async () => {
    const c = kit.judgesCase(9);
    const x = await refused(kit.request('listing.publish', c, 'L-unsigned', { ground: 4 }, 'none'));
    expect(x.state).toBe('rejected');
    expect(x.reason!.zh).toContain('签批');
    expect(x.reason!.zh).toContain('第五条');
    expect(x.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(0);
    expect(kit.store.audit.list({ caseId: c.stored.id }).map((e) => e.action)).toContain('credit.exchange-rejected');
  });

  it('an "approval" the judge signed with his own key, or one forged in the chief’s name with the judge’s key: refused', async () => {
    const c = kit.judgesCase(10);
    const own = await refused(kit.request('listing.publish', c, 'L-own', { ground: 4 }, (x) => kit.sign(x, JUDGE, 'approval')));
    expect(own).toMatchObject({ state: 'rejected' });
    expect(own.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    const forged = await refused(kit.request('restriction.issue', c, 'R-forged', { kinds: ['air'] }, (x) => kit.sign(x, CHIEF, 'approval', JUDGE)));
    expect(forged.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(0);
    expect(sb.credit.restrictionsOf(c.debtor.idNumber)).toHaveLength(0);
  });

  it('an approval by the chief of another court, with his own registered key: refused', async () => {
    sb.register.update(NEIGHBOUR, { role: 'chief' });
    const c = kit.judgesCase(11);
    const x = await refused(kit.request('listing.publish', c, 'L-neighbour', { ground: 4 }, (y) => kit.sign(y, NEIGHBOUR, 'approval')));
    expect(x.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    expect(sb.credit.listingsOf(c.debtor.idNumber)).toHaveLength(0);
    sb.register.update(NEIGHBOUR, { role: 'judge' });
  });

  it('a removal whose decision signature was not made with the judge’s key: refused; signed by him: the listing is removed once', async () => {
    const c = kit.judgesCase(12);
    const pub = kit.request('listing.publish', c, 'L-rm', { ground: 4 });
    kit.store.creditExchanges.submit(pub, JUDGE);
    const engine = kit.engine();
    engine.kick(pub.id);
    await engine.idle();
    const ref = kit.store.creditExchanges.get(pub.id)!.platformRef!;
    const unsigned = kit.request('listing.remove', c, 'L-rm', { listingRef: ref, ground: '履行完毕' }, 'none');
    const { signatures: _judges, ...rest } = unsigned;
    const r = await refused({ ...unsigned, signatures: [kit.sign(rest, JUDGE, 'decision', CHIEF)] });
    expect(r.state).toBe('rejected');
    expect(r.reason!.en).toContain('SIGNATURE_INVALID');
    expect(sb.credit.listings.get(ref)!.removedAt).toBeUndefined();
    // the judge's own removal decision, its answers lost: removed once
    faults({ lostAnswerRate: 1 });
    const signed = kit.request('listing.remove', c, 'L-rm-decision', { listingRef: ref, ground: '履行完毕' }, 'none');
    kit.store.creditExchanges.submit(signed, JUDGE);
    engine.kick(signed.id);
    await engine.idle();
    expect(kit.store.creditExchanges.get(signed.id)).toMatchObject({ state: 'accepted', platformRef: ref, attempts: 1 });
    expect(sb.credit.listings.get(ref)!.removedAt).toBeDefined();
    expect(sb.credit.isListed(c.debtor.idNumber, (await admin(sb, 'GET', '/sandbox/v1/clock')).json.now)).toBe(false);
    await engine.stop();
  });
});
