/**
 * The sandbox's whereabouts feed and railway police desk on their own (docs/sandbox.md, "Whereabouts
 * and control"): seeded sightings fall on the days the clock passes, the same for the same seed, and
 * only for a debtor monitored by the court; the police desk answers one request per id, also when
 * its first answer was lost, accepted and then controlled; an unsigned request changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { controlSignedText } from '../../electron/gateway/control-wire';
import { signText } from '../../electron/gateway/ed25519';
import { call, officerKey } from '../helpers/sandbox-client';

const JUDGE = 'F520103001';
const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

async function sandbox(): Promise<SandboxHandle> {
  const sb = await startSandbox({ knobs: { latencyScale: 0.001 }, seed: 20250701 });
  open.push(sb);
  return sb;
}

/** a case of the judge's with one person debtor, as the case-management system holds it */
function caseOf(sb: SandboxHandle) {
  const c = sb.courtSystem.casesOf(sb.court).find((x) => x.assignee === JUDGE && x.debtors.length === 1 && x.debtors[0]!.kind === 'person')!;
  return { caseNumber: c.number, idNumber: c.debtors[0]!.idNumber };
}
const finding = { ground: 'missing', recordedAt: '2026-12-01T02:00:00.000Z' };

async function feedAfterDays(days: number): Promise<{ ref: string; kind: string }[]> {
  const sb = await sandbox();
  const s = caseOf(sb);
  const r = await call(sb, 'POST', '/gw/v1/whereabouts/subscriptions', JSON.stringify({ ...s, finding }));
  expect(r.status).toBe(201);
  sb.clock.advanceDays(days);
  const f = await call(sb, 'GET', '/gw/v1/whereabouts/events?after=');
  expect(f.status).toBe(200);
  return f.json.items.map((e: { ref: string; kind: string; caseNumber: string }) => {
    expect(e.caseNumber).toBe(s.caseNumber);
    return { ref: e.ref, kind: e.kind };
  });
}

describe('the sandbox whereabouts feed', () => {
  it('brings seeded sightings on the days passed, the same for the same seed', async () => {
    const a = await feedAfterDays(60);
    const b = await feedAfterDays(60);
    expect(a.length).toBeGreaterThan(3);
    expect(a.length).toBeLessThan(30);
    expect(b).toEqual(a);
    expect(new Set(a.map((e) => e.ref)).size).toBe(a.length);
  });

  it('carries nothing of a debtor not monitored, and refuses an injected sighting without its kind', async () => {
    const sb = await sandbox();
    sb.clock.advanceDays(30);
    expect((await call(sb, 'GET', '/gw/v1/whereabouts/events?after=')).json.items).toEqual([]);
    const bad = await call(sb, 'POST', '/sandbox/v1/whereabouts/sightings', '', { unsigned: true });
    expect(bad.status).toBe(400);
  });
});

describe('the railway police desk', () => {
  it('answers one request per id, also after a lost answer, accepted then controlled', async () => {
    const sb = await sandbox();
    const s = caseOf(sb);
    await call(sb, 'POST', '/gw/v1/whereabouts/subscriptions', JSON.stringify({ ...s, finding }));
    await fetch(`${sb.url}/sandbox/v1/whereabouts/rates`, { method: 'PUT', body: JSON.stringify({ notFoundRate: 0 }) });
    const seen = await (await fetch(`${sb.url}/sandbox/v1/whereabouts/sightings`, { method: 'POST', body: JSON.stringify({ idNumber: s.idNumber, kind: 'air' }) })).json();
    const k = officerKey(sb, JUDGE);
    const unsigned = { clientRequestId: `CTL-${randomUUID()}`, ...s, sightingRef: seen.ref, document: { number: '(2025)黔0103执1号之三', sha256: 'a'.repeat(64) } };
    const body = JSON.stringify({ ...unsigned, signatures: [{ role: 'decision', officer: JUDGE, keyId: k.keyId, signature: signText(k.privateKey, controlSignedText(unsigned)) }] });
    sb.setKnobs({ lostAnswerRate: 1 });
    await expect(call(sb, 'POST', '/gw/v1/railway-police/controls', body)).rejects.toThrow();
    sb.setKnobs({ lostAnswerRate: 0 });
    const again = await call(sb, 'POST', '/gw/v1/railway-police/controls', body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: unsigned.clientRequestId, state: 'accepted' });
    const conflict = await call(sb, 'POST', '/gw/v1/railway-police/controls', JSON.stringify({ ...JSON.parse(body), sightingRef: 'WE-OTHER' }));
    expect(conflict.json.error.code).toBe('IDEMPOTENCY_CONFLICT');
    await new Promise((r) => setTimeout(r, 200));
    const st = await call(sb, 'GET', `/gw/v1/railway-police/controls/${unsigned.clientRequestId}`);
    expect(st.json).toMatchObject({ state: 'controlled' });
    expect(st.json.station).toContain('派出所');
    const all = await (await fetch(`${sb.url}/sandbox/v1/whereabouts`)).json();
    expect(all.controls).toHaveLength(1);
  });
});
