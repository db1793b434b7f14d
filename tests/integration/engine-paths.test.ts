/**
 * The engine driven down one protocol path at a time against a scripted gateway over real HTTP
 * (tests/helpers/fake-gateway.ts). The user-level checks against the sandbox network are in
 * engine.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/app-failure';
import { channelsFor, CHANNEL_IDS } from '../../shared/domain/channels';
import { createEngine, type Engine, type EngineTuning } from '../../electron/engine/engine';
import { MemoryStore } from '../../electron/engine/memory-store';
import { QUERY_LEGAL_BASIS, QUERY_PURPOSE } from '../../electron/engine/query-body';
import type { ChannelLimits, EngineLogFields } from '../../electron/engine/types';
import { startFakeGateway, type FakeFault, type FakeGateway, type FakeGatewayOptions } from '../helpers/fake-gateway';
import { CTX, FAST_LIMITS, fakeAdapters, party, Recorder } from '../helpers/engine-kit';

const FAST_TUNING: Partial<EngineTuning> = {
  retryBaseMs: 5, retryMaxMs: 40, probeBaseMs: 20, probeMaxMs: 80, probeTimeoutMs: 500, breakerCooldownMs: 30, breakerThreshold: 5,
};

const DEBTOR = party();
const PERSON_CHANNELS = channelsFor('person').length;

interface Rig {
  gw: FakeGateway;
  engine: Engine;
  store: MemoryStore;
  ev: Recorder;
  logs: Array<{ level: string; msg: string; fields?: EngineLogFields }>;
}

const open: Array<{ close(): Promise<void> } | Engine> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await ('queryCase' in x ? x.stop() : x.close());
});

async function rig(gwo: FakeGatewayOptions = {}, limits: Partial<ChannelLimits> = {}, tuning: Partial<EngineTuning> = {}): Promise<Rig> {
  const gw = await startFakeGateway({ outcome: () => ({ status: 'answered', feedback: { records: [{ institution: '某银行', identifier: '6222000011112222', value: 12_345 }] } }), ...gwo });
  open.push(gw);
  return { gw, ...engineFor(gw.url, gw, limits, tuning) };
}

function engineFor(url: string, gw: Pick<FakeGateway, 'stationId' | 'stationSecret'>, limits: Partial<ChannelLimits> = {}, tuning: Partial<EngineTuning> = {}, store = new MemoryStore()) {
  const ev = new Recorder();
  const logs: Rig['logs'] = [];
  const engine = createEngine({
    gateway: { url, network: 'sandbox', stationId: gw.stationId, stationSecret: gw.stationSecret },
    store, adapters: fakeAdapters({ ...FAST_LIMITS, ...limits }), events: ev,
    log: (level, msg, fields) => logs.push({ level, msg, ...(fields ? { fields } : {}) }),
    tuning: { ...FAST_TUNING, ...tuning },
  });
  open.push(engine);
  return { engine, store, ev, logs };
}

/** a fault on the first `times` calls of one kind about each request */
const first = (kind: 'submit' | 'status', f: FakeFault, times = 1) => (c: { kind: string; n: number }): FakeFault =>
  c.kind === kind && c.n < times ? f : 'none';

describe('engine against a scripted gateway', () => {
  it('fans out every applicable channel, writes all before sending, and streams findings', async () => {
    const { gw, engine, store, ev, logs } = await rig();
    let insertedBeforeFirstSend = -1;
    const origInsert = store.insertRequests.bind(store);
    store.insertRequests = (rs) => {
      insertedBeforeFirstSend = gw.stats.submits;
      origInsert(rs);
    };
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    expect(reqs).toHaveLength(PERSON_CHANNELS);
    expect(new Set(reqs.map((r) => r.channel))).toEqual(new Set(CHANNEL_IDS));
    expect(reqs.every((r) => r.state === 'pending' && r.attempts === 0)).toBe(true);
    expect(insertedBeforeFirstSend).toBe(0);
    await engine.idle();

    for (const r of reqs) {
      expect(store.getRequest(r.id)?.state).toBe('answered');
      expect(ev.findingsOf.get(r.id)).toBeDefined();
      expect(store.rawFeedback(r.id)).toContain('6222000011112222');
    }
    expect(gw.stats.executed).toBe(reqs.length);
    expect(gw.stats.submits).toBe(reqs.length);
    expect(new Set(gw.executed)).toEqual(new Set(reqs.map((r) => r.id)));
    // the request body: case, subject, officer, notice with hash, purpose and legal basis
    const body = gw.bodies.get(reqs[0]!.id)!;
    expect(body).toMatchObject({
      kind: 'query', case: { number: CTX.caseNumber, court: CTX.court },
      subject: { kind: 'person', name: DEBTOR.name, idNumber: DEBTOR.idNumber }, officer: CTX.officer,
      purpose: QUERY_PURPOSE, legalBasis: QUERY_LEGAL_BASIS,
    });
    const doc = (body.documents as Array<{ type: string; number: string; sha256: string }>)[0]!;
    expect(doc.type).toBe('协助查询通知书');
    expect(doc.number.startsWith(CTX.caseNumber)).toBe(true);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the UI saw each request go pending → sent → waiting → answered
    const seen = ev.requests.filter((r) => r.id === reqs[0]!.id).map((r) => r.state);
    expect(seen).toEqual(['sent', 'waiting', 'answered']);
    // sent and received bodies are kept as evidence
    expect(store.exchangesOf(reqs[0]!.id).map((e) => e.direction)).toEqual(['sent', 'received', 'received']);
    expectNoPersonalData(logs);
  });

  it('skips person-only channels for a company and refuses anyone but a debtor of the case', async () => {
    const { engine, store } = await rig();
    const company = party({ id: 'party-2', kind: 'company', name: '某某有限公司', idNumber: '91520100MA6DKXXX0X' });
    const reqs = engine.queryCase(CTX, [company]);
    expect(reqs.map((r) => r.channel).sort()).toEqual(channelsFor('company').map((c) => c.id).sort());
    expect(reqs.some((r) => r.channel === 'hotel.gz')).toBe(false);
    await engine.idle();

    const before = store.all().length;
    const applicant = party({ id: 'party-3', role: 'applicant' });
    const otherCase = party({ id: 'party-4', caseId: 'case-2' });
    for (const p of [applicant, otherCase]) {
      let caught: unknown;
      try {
        engine.queryCase(CTX, [DEBTOR, p]);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AppFailure);
      expect((caught as AppFailure).error.code).toBe('NOT_A_DEBTOR');
    }
    // nothing was written for a refused call, not even for the debtor beside the applicant
    expect(store.all()).toHaveLength(before);
  });

  it('a lost answer is resolved by asking about the same id: executed once, never re-sent', async () => {
    const { gw, engine, store } = await rig({ fault: first('submit', 'lost') });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(gw.stats.executed).toBe(reqs.length);
    expect(gw.stats.submits).toBe(reqs.length);
    expect(store.all()).toHaveLength(reqs.length);
  });

  it('a submit that never arrived (404 on status) is sent again under the same id', async () => {
    const { gw, engine, store } = await rig({ fault: first('submit', 'drop') });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(gw.stats.executed).toBe(reqs.length);
    expect(gw.stats.submits).toBe(2 * reqs.length);
    // the second submit of each id is the first to be executed, and no other id ever appears
    expect(new Set(gw.submitted)).toEqual(new Set(reqs.map((r) => r.id)));
    expect(reqs.every((r) => store.getRequest(r.id)?.attempts === 2)).toBe(true);
    expect(gw.stats.conflicts).toBe(0);
  });

  it('a submit that times out is resolved by status, not by a second submit', async () => {
    const { gw, engine, store } = await rig({ fault: first('submit', 'hang') }, { timeoutMs: 300 });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(gw.stats.executed).toBe(reqs.length);
    expect(gw.stats.submits).toBe(reqs.length);
  });

  it('retries 503 with backoff and honours 429', async () => {
    const { gw, engine, store } = await rig({
      fault: (c) => (c.kind === 'submit' ? (['busy', 'limited', 'busy'] as const)[c.n] ?? 'none' : c.n === 0 ? 'busy' : 'none'),
    });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(gw.stats.executed).toBe(reqs.length);
    expect(store.getRequest(reqs[0]!.id)?.attempts).toBe(4);
  });

  it('gives up after maxAttempts transient failures with a worded error', async () => {
    const { engine, store } = await rig({ fault: (c) => (c.kind === 'submit' ? 'busy' : 'none') }, { maxAttempts: 3 }, { breakerThreshold: 1000 });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    const r = store.getRequest(reqs[0]!.id)!;
    expect(r.state).toBe('failed');
    expect(r.attempts).toBe(3);
    expect(r.error).toMatchObject({ code: 'GATEWAY_ERROR' });
    expect(r.error?.message).toContain('GW_BUSY');
  });

  it('unreadable status answers: a few polls, then failed with GATEWAY_GARBAGE', async () => {
    const { engine, store } = await rig({ fault: (c) => (c.kind === 'status' ? (c.n % 2 ? 'garbage' : 'badEnvelope') : 'none') });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    for (const q of reqs) {
      const r = store.getRequest(q.id)!;
      expect(r.state).toBe('failed');
      expect(r.error?.code).toBe('GATEWAY_GARBAGE');
      expect(r.error?.messageEn).toContain('unreadable');
    }
  });

  it('feedback not in the agency format: failed with GATEWAY_GARBAGE, nothing saved', async () => {
    const { engine, store, ev } = await rig({ outcome: () => ({ status: 'answered', feedback: { records: 'oops' } }) });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.error?.code === 'GATEWAY_GARBAGE')).toBe(true);
    expect(ev.findingsOf.size).toBe(0);
  });

  it('no feedback within maxPolls: manual handling', async () => {
    const { engine, store } = await rig({ outcome: () => ({ status: 'processing' }) }, { maxPolls: 4 });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    for (const q of reqs) {
      const r = store.getRequest(q.id)!;
      expect(r.state).toBe('manual');
      expect(r.polls).toBe(4);
      expect(r.error?.message).toContain('人工');
    }
  });

  it("an agency's rejection fails the request with its reason", async () => {
    const { engine, store } = await rig({ outcome: () => ({ status: 'rejected', rejection: { code: 'SUBJECT_MISMATCH', message: '姓名与证件号码不一致' } }) });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    const r = store.getRequest(reqs[0]!.id)!;
    expect(r.state).toBe('failed');
    expect(r.error?.message).toContain('姓名与证件号码不一致');
    expect(r.error?.messageEn).toContain('SUBJECT_MISMATCH');
  });

  it('an unregistered officer is refused once per request, without retries', async () => {
    const { gw, engine, store } = await rig({ officers: ['F000'] });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.error?.code === 'OFFICER_NOT_REGISTERED')).toBe(true);
    expect(gw.stats.refused).toBe(reqs.length);
  });

  it('keeps to the channel concurrency', async () => {
    const { gw, engine } = await rig({ delayMs: 15, pollsBeforeAnswer: 1 }, { concurrency: 2 });
    const debtors = Array.from({ length: 6 }, (_, i) => party({ id: `d${i}` }));
    engine.queryCase(CTX, debtors);
    await engine.idle();
    expect(Math.max(...gw.maxInFlight.values())).toBeLessThanOrEqual(2);
    expect(gw.stats.executed).toBe(6 * PERSON_CHANNELS);
  });

  it('a failing channel opens its breaker and the other channels go on', async () => {
    const { engine, store, logs } = await rig(
      { fault: (c) => (c.channel === 'bank.icbc' && c.kind === 'submit' ? 'busy' : 'none') },
      { maxAttempts: 6 },
      { breakerThreshold: 3 },
    );
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    for (const q of reqs) expect(store.getRequest(q.id)?.state).toBe(q.channel === 'bank.icbc' ? 'failed' : 'answered');
    expect(logs.some((l) => l.msg === 'circuit breaker' && l.fields?.channel === 'bank.icbc' && l.fields?.to === 'open')).toBe(true);
    expect(logs.some((l) => l.msg === 'circuit breaker' && l.fields?.channel !== 'bank.icbc')).toBe(false);
  });

  it('network down: offline event, requests stay pending, then complete when it is back', async () => {
    const probe = await startFakeGateway();
    const port = probe.port;
    const creds = { stationId: probe.stationId, stationSecret: probe.stationSecret };
    await probe.close();
    const { engine, store, ev } = engineFor(`http://127.0.0.1:${port}`, creds);
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await ev.until(() => ev.networks.some((n) => !n.online), 10_000, 'offline event');
    expect(engine.networkStatus()).toMatchObject({ online: false, error: 'ECONNREFUSED' });
    // every request is still there and still pending: waiting, not lost
    await ev.until(() => reqs.every((r) => store.getRequest(r.id)?.state === 'pending'), 5_000, 'all pending');
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'pending')).toBe(true);

    const gw = await startFakeGateway({ port, ...creds, outcome: () => ({ status: 'answered', feedback: { records: [] } }) });
    open.push(gw);
    await ev.until(() => ev.networks.some((n) => n.online), 10_000, 'online event');
    await engine.idle();
    expect(reqs.every((r) => store.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(gw.stats.executed).toBe(reqs.length);
    expect((await engine.checkNetwork()).online).toBe(true);
  });

  it('resume after a restart finishes pending, sent and waiting requests under their own ids', async () => {
    let mode: 'stall' | 'work' = 'stall';
    const gw = await startFakeGateway({
      pollsBeforeAnswer: 0,
      outcome: () => (mode === 'stall' ? { status: 'processing' } : { status: 'answered', feedback: { records: [] } }),
      // while stalling, bank submits hang (left 'sent'); the rest are accepted and polled ('waiting')
      fault: (c) => (mode === 'stall' && c.kind === 'submit' && c.channel.startsWith('bank.') ? 'hang' : 'none'),
    });
    open.push(gw);
    const first = engineFor(gw.url, gw, { concurrency: 1, maxPolls: 1000, timeoutMs: 60_000, pollIntervalMs: 20 });
    const debtors = [party({ id: 'd1' }), party({ id: 'd2' })];
    const reqs = first.engine.queryCase(CTX, debtors);
    const states = () => reqs.map((r) => first.store.getRequest(r.id)!.state);
    await first.ev.until(() => states().filter((s) => s === 'waiting').length >= 10, 10_000, 'some waiting');
    await first.engine.stop();
    const disk = first.store.snapshot();
    const left = new Set(disk.listUnfinishedRequests().map((r) => r.state));
    expect(left).toEqual(new Set(['pending', 'sent', 'waiting']));

    mode = 'work';
    const second = engineFor(gw.url, gw, {}, {}, disk);
    const byId = new Map(debtors.map((d) => [d.id, d]));
    const n = second.engine.resume((r) => ({ ctx: CTX, party: byId.get(r.partyId)! }));
    expect(n).toBe(disk.listUnfinishedRequests().length);
    await second.engine.idle();
    expect(disk.all()).toHaveLength(reqs.length);
    expect(reqs.every((r) => disk.getRequest(r.id)?.state === 'answered')).toBe(true);
    expect(new Set(gw.submitted)).toEqual(new Set(reqs.map((r) => r.id)));
    expect(gw.stats.executed).toBe(reqs.length);
    expect(gw.stats.conflicts).toBe(0);
  });

  it('retry sends a failed query again as a new request; an answered one is refused', async () => {
    let reject = true;
    const { engine, store } = await rig({
      outcome: () => (reject ? { status: 'rejected', rejection: { code: 'AGENCY_DOWN', message: '系统维护' } } : { status: 'answered', feedback: { records: [] } }),
    });
    const [q] = engine.queryCase(CTX, [DEBTOR]);
    await engine.idle();
    expect(store.getRequest(q!.id)?.state).toBe('failed');
    reject = false;
    const again = engine.retry(q!.id, CTX, DEBTOR);
    expect(again.id).not.toBe(q!.id);
    expect(again.channel).toBe(q!.channel);
    await engine.idle();
    expect(store.getRequest(again.id)?.state).toBe('answered');
    expect(() => engine.retry(again.id, CTX, DEBTOR)).toThrow(AppFailure);
    expect(() => engine.retry(q!.id, CTX, party({ role: 'applicant' }))).toThrow(/NOT_A_DEBTOR/);
  });

  it('stop cancels timers and in-flight calls and leaves states for resume', async () => {
    const { engine, store, ev } = await rig({ fault: (c) => (c.kind === 'submit' ? 'hang' : 'none') }, { timeoutMs: 60_000 });
    const reqs = engine.queryCase(CTX, [DEBTOR]);
    await ev.until(() => ev.requests.some((r) => r.state === 'sent'), 5_000, 'a request on the wire');
    // the hung calls have a 60 s timeout: stop returns because it aborts them, not because they end
    await engine.stop();
    const after = ev.requests.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(ev.requests.length).toBe(after);
    expect(reqs.every((r) => ['pending', 'sent'].includes(store.getRequest(r.id)!.state))).toBe(true);
    expect(() => engine.queryCase(CTX, [DEBTOR])).toThrow(AppFailure);
  });
});

/** Logs carry ids, channels, codes and counts, never a name or an ID number. */
function expectNoPersonalData(logs: Rig['logs']): void {
  const text = JSON.stringify(logs);
  expect(text).not.toContain(DEBTOR.name);
  expect(text).not.toContain(DEBTOR.idNumber);
  expect(text).not.toContain('6222000011112222');
}
