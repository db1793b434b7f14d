/**
 * 一键式控行踪 through the whole stack, against the sandbox over HTTP (docs/domain.md rule 10): no
 * monitoring without the judge's recorded finding (refused in main and at the gateway); a monitored
 * debtor seen on a train raises one alert, also after a restart; the one-click control from it sends
 * one signed request to the railway police, accepted and then controlled, and the detention draft
 * follows; a clerk and another judge are refused and recorded; a forged request is refused by the
 * police desk; monitoring ends at the gateway when the judge stops it and when the case closes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, expectNoPlaintext, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, PASSWORD, sandboxFetch, sessionOf } from '../helpers/officers';
import { call as gw } from '../helpers/sandbox-client';
import { controlSignedText } from '../../electron/gateway/control-wire';
import { signText } from '../../electron/gateway/ed25519';
import type { AuditEntry, CaseDetail, CaseSummary, Party } from '../../shared/domain/types';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import type { CaseControl } from '../../shared/ipc/groups/control';
import type { ControlRequest, WhereaboutsSubscription } from '../../shared/domain/control';
import type { DocumentRef } from '../../shared/domain/measures';

const { JUDGE, CLERK, CHIEF, OTHER_JUDGE } = OFFICERS;
const ENV = { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' };
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const raisedLive: AlertView[] = [];
const controlLive: ControlRequest[] = [];
const { signIn } = sessionOf(app);
const sandbox = sandboxFetch(() => core).send;
const sightingsAt = async () => (await sandbox('/sandbox/v1/whereabouts')).json as { subscriptions: { caseNumber: string; endedAt?: string }[]; controls: ControlRequest[] };

async function start(): Promise<void> {
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: ENV });
  core.sandbox!.inflows.rate = 0;
  // only the sightings a test injects; the police find whom they look for
  await sandbox('/sandbox/v1/whereabouts/rates', { method: 'PUT', body: { rate: 0, notFoundRate: 0 } });
  core.onEvent((e, p) => {
    if (e === 'alert.raised') raisedLive.push((p as { alert: AlertView }).alert);
    if (e === 'control.updated') controlLive.push((p as { control: ControlRequest }).control);
  });
}

let c: CaseDetail;
let debtor: Party;
const alertsOf = async (kind: string) => (await value<AlertView[]>('alerts', 'list', { states: ['open', 'acknowledged', 'done'] }))
  .filter((a) => a.caseId === c.id && a.kind === kind);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-control-app-'));
  await start();
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, OTHER_JUDGE, CHIEF]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  await signIn(JUDGE);
  const list = await value<{ items: CaseSummary[] }>('cases', 'list', { limit: 500, mine: true });
  for (const s of list.items) {
    const d = await value<CaseDetail>('cases', 'get', { caseId: s.id });
    const debtors = d.parties.filter((p) => p.role === 'debtor');
    if (debtors.length === 1 && debtors[0]!.kind === 'person' && d.type === '执' && d.status === 'open' && !d.performanceDueOn) {
      c = d;
      debtor = debtors[0]!;
      break;
    }
  }
  expect(c).toBeDefined();
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monitoring rests on the recorded finding', () => {
  it('is refused without a finding, in main and at the gateway', async () => {
    const r = await call('control', 'subscribe', { caseId: c.id, partyId: debtor.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'FINDING_REQUIRED' } });
    const at = await gw(core.sandbox!, 'POST', '/gw/v1/whereabouts/subscriptions', JSON.stringify({ caseNumber: c.number, idNumber: debtor.idNumber }), { officer: JUDGE });
    expect(at.status).toBe(403);
    expect(at.json.error.code).toBe('PURPOSE_REFUSED');
    expect((await sightingsAt()).subscriptions).toHaveLength(0);
  });

  it('a clerk and another judge may not monitor; the judge may once the finding is recorded', async () => {
    await value('whereabouts', 'recordFinding', { caseId: c.id, partyId: debtor.id, ground: 'evading', facts: '被执行人拒不到庭，电话关机，住所人去楼空' });
    for (const who of [CLERK, OTHER_JUDGE]) {
      await signIn(who);
      expect(await call('control', 'subscribe', { caseId: c.id, partyId: debtor.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // at the gateway too: the other judge's own signed request, with a finding, is refused
    const other = await gw(core.sandbox!, 'POST', '/gw/v1/whereabouts/subscriptions',
      JSON.stringify({ caseNumber: c.number, idNumber: debtor.idNumber, finding: { ground: 'evading', recordedAt: new Date().toISOString() } }), { officer: OTHER_JUDGE });
    expect(other.json.error.code).toBe('NOT_AUTHORISED');
    await signIn(JUDGE);
    const sub = await value<WhereaboutsSubscription>('control', 'subscribe', { caseId: c.id, partyId: debtor.id });
    expect(sub).toMatchObject({ caseId: c.id, partyId: debtor.id, startedBy: JUDGE });
    expect((await sightingsAt()).subscriptions.filter((s) => s.caseNumber === c.number && !s.endedAt)).toHaveLength(1);
  });
});

let alert: AlertView;
describe('a sighting', () => {
  it('raises one alert with its source and the control action', async () => {
    const inj = await sandbox('/sandbox/v1/whereabouts/sightings', { method: 'POST', body: { idNumber: debtor.idNumber, kind: 'rail' } });
    expect(inj.status).toBe(201);
    alert = (await waitFor(async () => {
      const a = await alertsOf('whereabouts.sighting');
      return a.length ? a : undefined;
    }))[0]!;
    expect(alert).toMatchObject({ action: 'control', source: { kind: 'sighting', id: inj.json.ref }, actionInput: { partyId: debtor.id, sightingId: inj.json.ref } });
    expect(alert.reason.zh).toContain('铁路购票');
    const seen = await value<CaseControl>('control', 'sightings', { caseId: c.id });
    expect(seen.sightings).toMatchObject([{ ref: inj.json.ref, kind: 'rail', source: '铁路客票系统' }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await alertsOf('whereabouts.sighting')).toHaveLength(1);
    expect(raisedLive.filter((a) => a.id === alert.id)).toHaveLength(1);
  });

  it('is alerted once only after a restart, and monitoring goes on', async () => {
    await core.close();
    await start();
    await signIn(JUDGE);
    // the restarted sandbox knows the monitoring again once the workstation's monitor asserts it
    await waitFor(async () => ((await sightingsAt()).subscriptions.some((s) => s.caseNumber === c.number && !s.endedAt) ? true : undefined));
    const inj = await sandbox('/sandbox/v1/whereabouts/sightings', { method: 'POST', body: { idNumber: debtor.idNumber, kind: 'hotel' } });
    expect(inj.status).toBe(201);
    const all = await waitFor(async () => {
      const a = await alertsOf('whereabouts.sighting');
      return a.length === 2 ? a : undefined;
    });
    expect(all.filter((a) => a.source.id === alert.source.id)).toHaveLength(1);
    const raised = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'alert.raised' })).filter((e) => JSON.parse(e.detail).kind === 'whereabouts.sighting');
    expect(raised).toHaveLength(2);
  });
});

describe('one-click control', () => {
  it('a clerk and another judge may not send it, and each refusal is recorded', async () => {
    for (const who of [CLERK, OTHER_JUDGE]) {
      await signIn(who);
      expect(await call('control', 'requestControl', { caseId: c.id, alertId: alert.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await signIn(JUDGE);
    const refusals = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id, action: 'authority.refused' }))
      .filter((e) => JSON.parse(e.detail).call === 'control.requestControl');
    expect(refusals.map((e) => e.officer).sort()).toEqual([CLERK, OTHER_JUDGE].sort());
    expect((await sightingsAt()).controls).toHaveLength(0);
  });

  it('sends one signed request with its notice: accepted, then controlled; a detention is drafted', async () => {
    const first = await value<ControlRequest>('control', 'requestControl', { caseId: c.id, alertId: alert.id });
    expect(first.state).toBe('accepted');
    const again = await value<ControlRequest>('control', 'requestControl', { caseId: c.id, alertId: alert.id });
    expect(again.id).toBe(first.id);
    expect((await sightingsAt()).controls.map((x) => x.id)).toEqual([first.id]);
    const docs = await value<{ id: string; type: string }[]>('documents', 'list', { caseId: c.id });
    expect(docs.filter((d) => d.type === '协助临时控制通知书')).toHaveLength(1);
    expect(await call('control', 'draftDetention', { caseId: c.id, controlId: first.id, facts: '被执行人拒不履行' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const held = await waitFor(async () => {
      const x = await value<ControlRequest>('control', 'controlStatus', { caseId: c.id, controlId: first.id });
      return x.state === 'controlled' ? x : undefined;
    });
    expect(held.station).toContain('铁路公安');
    expect(controlLive.filter((x) => x.id === first.id).map((x) => x.state)).toEqual(['accepted', 'controlled']);
    const { document } = await value<{ control: ControlRequest; document: DocumentRef }>('control', 'draftDetention', { caseId: c.id, controlId: first.id, facts: '被执行人有履行能力而拒不履行，并以乘车外出逃避执行' });
    expect(document.type).toBe('拘留决定书');
    const trail = (await value<AuditEntry[]>('audit', 'list', { caseId: c.id })).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['whereabouts.subscribed', 'control.requested', 'control.accepted', 'control.controlled', 'detention.drafted']));
  });

  it('a forged or unsigned request is refused by the police desk, as is an unknown case', async () => {
    const forger = generateKeyPairSync('ed25519');
    const unsigned = { clientRequestId: `CTL-${randomUUID()}`, caseNumber: c.number, idNumber: debtor.idNumber, sightingRef: alert.source.id, document: { number: 'x', sha256: '0'.repeat(64) } };
    const forged = { ...unsigned, signatures: [{ role: 'decision', officer: JUDGE, keyId: 'k1', signature: signText(forger.privateKey, controlSignedText(unsigned)) }] };
    const a = await gw(core.sandbox!, 'POST', '/gw/v1/railway-police/controls', JSON.stringify(forged), { officer: JUDGE });
    expect(a.status).toBe(403);
    expect(a.json.error.code).toBe('SIGNATURE_INVALID');
    const b = await gw(core.sandbox!, 'POST', '/gw/v1/railway-police/controls', JSON.stringify({ ...unsigned, clientRequestId: `CTL-${randomUUID()}`, signatures: [] }), { officer: JUDGE });
    expect(b.json.error.code).toBe('SIGNATURE_INVALID');
    const u = await gw(core.sandbox!, 'POST', '/gw/v1/railway-police/controls', JSON.stringify({ ...forged, clientRequestId: `CTL-${randomUUID()}`, caseNumber: '(2026)黔0103执99999号' }), { officer: JUDGE });
    expect(u.json.error.code).toBe('PURPOSE_REFUSED');
    expect((await sightingsAt()).controls).toHaveLength(1);
  });
});

describe('the end of monitoring', () => {
  it('stopping it ends it at the gateway; no sighting comes after', async () => {
    const { subscriptions } = await value<CaseControl>('control', 'sightings', { caseId: c.id });
    const ended = await value<WhereaboutsSubscription>('control', 'unsubscribe', { caseId: c.id, subscriptionId: subscriptions.find((s) => !s.endedAt)!.id });
    expect(ended.endReason).toBe('stopped');
    expect((await sightingsAt()).subscriptions.filter((s) => s.caseNumber === c.number && !s.endedAt)).toHaveLength(0);
    const inj = await sandbox('/sandbox/v1/whereabouts/sightings', { method: 'POST', body: { idNumber: debtor.idNumber, kind: 'air' } });
    expect(inj.status).toBe(404);
  });

  it('ends when the case closes: the gateway is told, and the judge sees why', async () => {
    const again = await value<WhereaboutsSubscription>('control', 'subscribe', { caseId: c.id, partyId: debtor.id });
    expect(again.endedAt).toBeUndefined();
    await waitFor(async () => ((await sightingsAt()).subscriptions.some((s) => s.caseNumber === c.number && !s.endedAt) ? true : undefined));
    // the applicant was paid directly: the case-management system's word on the amounts wins at the next import
    const docket = core.sandbox!.courtSystem.find(c.number)!;
    docket.amountOwed = 0;
    docket.costs = 0;
    await value('cases', 'importFromCourt', {});
    const closed = await value<{ case: CaseDetail }>('cases', 'close', { caseId: c.id, decisionId: `close-${c.id}` });
    expect(closed.case.status).toBe('closed');
    await waitFor(async () => ((await sightingsAt()).subscriptions.filter((s) => s.caseNumber === c.number).every((s) => s.endedAt) ? true : undefined));
    const { subscriptions } = await value<CaseControl>('control', 'sightings', { caseId: c.id });
    expect(subscriptions.find((s) => s.id === again.id)).toMatchObject({ endReason: 'case-closed' });
    expect(await call('control', 'subscribe', { caseId: c.id, partyId: debtor.id })).toMatchObject({ ok: false });
  });

  it('leaves no whereabouts or identity in plaintext in the data folder', () => {
    expectNoPlaintext(dir, [debtor.name, debtor.idNumber, '贵阳北站', '成都东站', '锦江之星']);
  });
});
