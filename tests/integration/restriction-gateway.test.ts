/**
 * What the credit platform and the ticketing platform enforce themselves, whatever a workstation
 * sends (docs/authority.md, "Where it is enforced"; docs/gateway-protocol.md, "Credit platform" and
 * "Restriction breaches"): a 限制消费令 with a forged or missing approval is refused and restricts
 * nobody; a journey allowed without the judge's own signature is refused and the booking stays
 * refused; the breach feed answers only a signed request and only about the officer's own court.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import type { CreditExchange, CreditExchangeRequest } from '../../shared/domain/credit';
import { call } from '../helpers/sandbox-client';
import { CHIEF, CreditKit, JUDGE, NEIGHBOUR } from '../helpers/credit-kit';

let sb: SandboxHandle;
let kit: CreditKit;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01, hangMs: 400 } });
  kit = new CreditKit(sb);
});
afterAll(async () => {
  kit.close();
  await sb.close();
});

async function sent(x: CreditExchangeRequest): Promise<CreditExchange> {
  kit.store.creditExchanges.submit(x, JUDGE);
  const engine = kit.engine();
  engine.kick(x.id);
  await engine.idle();
  await engine.stop();
  return kit.store.creditExchanges.get(x.id)!;
}
const book = async (idNumber: string, trainNo = 'G1234') => {
  const r = await fetch(`${sb.url}/sandbox/v1/ticketing/bookings`, { method: 'POST', body: JSON.stringify({ idNumber, mode: 'rail', trainNo, seat: '二等座' }) });
  return (await r.json()) as { result: string; bookingRef: string };
};
const KINDS = { kinds: ['cabin', 'bullet-train', 'venue'] };

describe('the credit platform refuses a 限制消费令 the chief did not sign', () => {
  it('an approval in the chief’s name made with the judge’s key: refused with the reason; the debtor may still book a G train', async () => {
    const c = kit.judgesCase(20);
    const x = await sent(kit.request('restriction.issue', c, 'RG-forged', KINDS, (y) => kit.sign(y, CHIEF, 'approval', JUDGE)));
    expect(x.state).toBe('rejected');
    expect(x.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    expect(x.reason!.zh).toContain('限制消费令');
    expect(sb.credit.restrictionsOf(c.debtor.idNumber)).toHaveLength(0);
    expect((await book(c.debtor.idNumber)).result).toBe('booked');
  });

  it('no approval at all, or an order naming only a stranger to the case: refused', async () => {
    const c = kit.judgesCase(21);
    const none = await sent(kit.request('restriction.issue', c, 'RG-none', KINDS, 'none'));
    expect(none.reason!.en).toContain('CREDIT_APPROVAL_REQUIRED');
    const other = kit.judgesCase(22);
    const stranger = kit.request('restriction.issue', { ...c, debtor: other.debtor }, 'RG-stranger', KINDS);
    const s = await sent(stranger);
    expect(s.reason!.en).toContain('PURPOSE_REFUSED');
    expect(sb.credit.restrictionsOf(c.debtor.idNumber)).toHaveLength(0);
    expect(sb.credit.restrictionsOf(other.debtor.idNumber)).toHaveLength(0);
  });
});

describe('a journey allowed needs the judge’s own decision', () => {
  it('an exemption signed with the chief’s key in the judge’s name: refused, and the G train stays refused', async () => {
    const c = kit.judgesCase(23);
    const issued = await sent(kit.request('restriction.issue', c, 'RG-ok', KINDS));
    expect(issued.state).toBe('accepted');
    expect((await book(c.debtor.idNumber)).result).toBe('refused');
    const now = Date.now();
    const payload = { restrictionRef: issued.platformRef, exemption: { kind: 'bullet-train', from: new Date(now - 86_400_000).toISOString(), until: new Date(now + 86_400_000).toISOString() } };
    const unsigned = kit.request('restriction.lift', c, `RG-ex-${randomUUID()}`, payload, 'none');
    const { signatures: _s, ...rest } = unsigned;
    const forged = await sent({ ...unsigned, signatures: [kit.sign(rest, JUDGE, 'decision', CHIEF)] });
    expect(forged.reason!.en).toContain('SIGNATURE_INVALID');
    expect(sb.credit.restrictions.get(issued.platformRef!)!.exemptions).toEqual([]);
    expect((await book(c.debtor.idNumber)).result).toBe('refused');
  });
});

describe('the breach feed', () => {
  it('answers a signed request of this court’s officer with the refused bookings, and refuses an unsigned one', async () => {
    const mine = await call(sb, 'GET', '/gw/v1/ticketing/breaches?limit=100', '', { officer: JUDGE });
    expect(mine.status).toBe(200);
    expect(mine.json.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.json.items.every((i: { caseNumber: string; kind: string }) => i.caseNumber.includes('黔0103') && i.kind === 'bullet-train')).toBe(true);
    const unsigned = await call(sb, 'GET', '/gw/v1/ticketing/breaches', '', { unsigned: true });
    expect(unsigned.status).toBe(401);
  });

  it('shows another court’s officer none of them', async () => {
    const theirs = await call(sb, 'GET', '/gw/v1/ticketing/breaches?limit=100', '', { officer: NEIGHBOUR });
    expect(theirs.status).toBe(200);
    expect(theirs.json.items).toEqual([]);
  });
});

describe('the trainer’s booking desk', () => {
  it('answers a booking it cannot read with the field at fault, and keeps running', async () => {
    const post = (body: unknown) => fetch(`${sb.url}/sandbox/v1/ticketing/bookings`, { method: 'POST', body: JSON.stringify(body) });
    const bus = await post({ idNumber: '52010319800101001X', mode: 'bus' });
    expect(bus.status).toBe(400);
    expect(JSON.stringify(await bus.json())).toContain('mode');
    const noTrain = await post({ idNumber: '52010319800101001X', mode: 'rail' });
    expect(JSON.stringify(await noTrain.json())).toContain('trainNo');
    expect((await (await post({ idNumber: '52010319800101001X', mode: 'hotel', stars: 0 })).json()).result).toBe('booked');
  });
});
