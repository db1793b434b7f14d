/**
 * The request signature covers the station and officer headers (docs/gateway-protocol.md,
 * "Authentication"): a request whose officer is swapped, added or removed after signing, or whose
 * station header is changed, is refused by the sandbox gateway with 401 BAD_SIGNATURE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox';
import { signRequest, verifySignature } from '../../electron/gateway/signing';
import { authorised, queryBody } from '../helpers/sandbox-client';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ knobs: { latencyScale: 0.01 } });
});
afterAll(async () => {
  await sb.close();
});


async function submit(tamper: (h: Record<string, string>) => void): Promise<{ status: number; json: any }> {
  const p = sb.population.persons[0]!;
  const body = JSON.stringify(authorised(sb, queryBody('bank.icbc', { kind: p.kind, name: p.name, idNumber: p.idNumber })));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...signRequest({ method: 'POST', path: '/gw/v1/requests', body, stationId: sb.stationId, stationSecret: sb.stationSecret, officerCode: 'F520103001' }),
  };
  tamper(headers);
  const r = await fetch(`${sb.url}/gw/v1/requests`, { method: 'POST', headers, body });
  return { status: r.status, json: await r.json().catch(() => undefined) };
}

describe('the signature covers X-CK-Station and X-CK-Officer', () => {
  it('an untouched request is accepted', async () => {
    const r = await submit(() => {});
    expect(r.status).toBe(202);
  });

  it('an officer header swapped after signing (to another registered officer) is refused with 401', async () => {
    const r = await submit((h) => (h['x-ck-officer'] = 'F520103002'));
    expect(r.status).toBe(401);
    expect(r.json?.error?.code ?? r.json?.code).toBe('BAD_SIGNATURE');
  });

  it('an officer header removed after signing is refused with 401', async () => {
    const r = await submit((h) => delete h['x-ck-officer']);
    expect(r.status).toBe(401);
  });

  it('a station header changed after signing is refused', () => {
    const body = '{}';
    const h = signRequest({ method: 'POST', path: '/gw/v1/requests', body, stationId: 'CK-A', stationSecret: 's'.repeat(32), officerCode: 'F1' });
    const secretFor = () => 's'.repeat(32); // even where both stations shared one secret
    expect(verifySignature({ method: 'POST', path: '/gw/v1/requests', body, headers: h }, secretFor).ok).toBe(true);
    expect(verifySignature({ method: 'POST', path: '/gw/v1/requests', body, headers: { ...h, 'x-ck-station': 'CK-B' } }, secretFor).ok).toBe(false);
    const unsignedOfficer = signRequest({ method: 'GET', path: '/gw/v1/x', body: '', stationId: 'CK-A', stationSecret: 's'.repeat(32) });
    expect(verifySignature({ method: 'GET', path: '/gw/v1/x', body: '', headers: { ...unsignedOfficer, 'x-ck-officer': 'F1' } }, secretFor).ok).toBe(false);
  });
});
