/**
 * The measure engine driven down one protocol path at a time against a scripted gateway over real
 * HTTP (tests/helpers/fake-gateway.ts), with a MemoryMeasureStore as the outbox. What is checked
 * is docs/domain.md rule 7: written before sent, sent under one id, an unknown outcome resolved by asking
 * about that id, the same bytes when it must go again, never lost.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/app-failure';
import { DOCUMENTS_FOR, type Measure, type MeasureKind, type MeasureState } from '../../shared/domain/measures';
import { createGatewayClient, type GatewayClient } from '../../electron/engine/gateway-client';
import { GatewayHttpError } from '../../electron/engine/gateway-errors';
import type { StatusAnswer } from '../../electron/engine/gateway-wire';
import type { ChannelLimits, EngineLogFields } from '../../electron/engine/types';
import type { MeasureStore } from '../../electron/engine/measure-store';
import { buildMeasureBody, bodyText, MEASURE_PURPOSE, type MeasureContext } from '../../electron/engine/measures/measure-body';
import { MEASURE_LEGAL_BASIS } from '../../shared/legal/basis';
import { FeedbackMismatch, verdictOf } from '../../electron/engine/measures/measure-feedback';
import { createMeasureEngine, MeasureFailure, type MeasureEngine, type MeasureEngineTuning } from '../../electron/engine/measures/measure-engine';
import { MemoryMeasureStore } from '../../electron/engine/measures/memory-measure-store';
import { startFakeGateway, type FakeCall, type FakeFault, type FakeGateway, type FakeGatewayOptions, type FakeOutcome } from '../helpers/fake-gateway';
import { CTX, FAST_LIMITS, fakeAdapters } from '../helpers/engine-kit';

const TUNING: Partial<MeasureEngineTuning> = {
  retryBaseMs: 5, retryMaxMs: 40, probeBaseMs: 20, probeMaxMs: 80, probeTimeoutMs: 500, breakerCooldownMs: 30, breakerThreshold: 5,
  frozenBalanceTimeoutMs: 5_000,
};
const T0 = '2026-03-02T01:00:00.000Z';
const SUBJECT = { id: 'party-1', kind: 'person' as const, name: '张三', idNumber: '520102199001011237' };
const COURT_ACCOUNT = { bank: '中国工商银行股份有限公司贵阳中华北路支行', accountNo: '2402001109200031035', name: '贵阳市云岩区人民法院' };
const STORED_ACCOUNT = { id: 'acct-0103', ...COURT_ACCOUNT };
const MCTX: MeasureContext = { ...CTX, subject: SUBJECT };
const ACCOUNT = '6222021234567890123';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function docs(kind: MeasureKind, tag = '1') {
  return DOCUMENTS_FOR[kind].map((type, i) => ({
    id: `doc-${kind}-${tag}-${i}`, type, number: `${CTX.caseNumber}之${tag}-${i + 1}`, sha256: sha(`${type}${tag}`), createdAt: T0,
  }));
}

function measure(over: Partial<Measure> = {}): Measure {
  const kind = over.kind ?? 'freeze';
  return {
    id: randomUUID(), caseId: CTX.caseId, partyId: SUBJECT.id, assetId: 'asset-1', channel: 'bank.icbc', assetKind: 'deposit',
    assetIdentifier: ACCOUNT, kind, state: 'queued', decidedBy: CTX.officer.code, documents: docs(kind), attempts: 0,
    createdAt: T0, updatedAt: T0,
    ...(kind === 'freeze' ? { amount: 500_000, endsOn: '2027-03-01' } : {}),
    ...over,
  };
}

/** Measure feedback as an agency would give it, computed from the request body. */
function feedbackFor(body: Record<string, unknown>): Record<string, unknown> {
  const p = body.params as Record<string, unknown>;
  const base = { kind: body.kind, agencyRef: `ICBC-${String(body.kind).toUpperCase()}-1`, executedAt: '2026-03-02T01:00:01.000Z' };
  switch (body.kind) {
    case 'freeze':
      return { ...base, result: 'executed', freezeRequestId: body.clientRequestId, assetIdentifier: p.assetIdentifier, freezeStatus: 'in_force', queuePosition: 0, endsOn: p.endsOn, frozenAmount: p.amount, balanceAfter: 1_000_000 };
    case 'deduct':
      return { ...base, result: 'executed', freezeRequestId: p.freezeRequestId, assetIdentifier: p.assetIdentifier, freezeStatus: 'in_force', queuePosition: 0, endsOn: '2027-03-01', frozenAmount: 100_000, deductedAmount: p.amount, balanceAfter: 900_000 };
    case 'query':
      return { ...base, result: 'executed', freezeRequestId: p.freezeRequestId, assetIdentifier: ACCOUNT, freezeStatus: 'in_force', queuePosition: 0, endsOn: '2027-03-01', frozenAmount: 345_678, balanceAfter: 900_000 };
    default:
      return { ...base, result: 'executed', freezeRequestId: p.freezeRequestId, assetIdentifier: p.assetIdentifier, freezeStatus: 'in_force', queuePosition: 0, endsOn: p.endsOn ?? '2027-03-01', frozenAmount: 400_000 };
  }
}
const answered = (body: Record<string, unknown>): FakeOutcome => ({ status: 'answered', feedback: feedbackFor(body) });

const open: Array<{ close(): Promise<void> } | MeasureEngine> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await ('send' in x ? x.stop() : x.close());
});

interface Rig {
  gw: FakeGateway;
  engine: MeasureEngine;
  store: MemoryMeasureStore;
  events: Measure[];
  logs: Array<{ level: string; msg: string; fields?: EngineLogFields }>;
}

async function gateway(o: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const gw = await startFakeGateway({ outcome: answered, ...o });
  open.push(gw);
  return gw;
}

interface EngineExtras {
  limits?: Partial<ChannelLimits>;
  tuning?: Partial<MeasureEngineTuning>;
  /** wraps a real client with the test's script */
  client?: (real: GatewayClient) => GatewayClient;
}

function engineFor<S extends MeasureStore = MemoryMeasureStore>(
  url: string, gw: Pick<FakeGateway, 'stationId' | 'stationSecret'>, store: S = new MemoryMeasureStore() as unknown as S, x: EngineExtras = {},
) {
  const events: Measure[] = [];
  const logs: Rig['logs'] = [];
  const networks: boolean[] = [];
  let client: GatewayClient | undefined;
  if (x.client) {
    const real = createGatewayClient({ url, stationId: gw.stationId, stationSecret: gw.stationSecret });
    client = x.client(real);
    open.push({ close: async () => real.close() });
  }
  const engine = createMeasureEngine({
    gateway: { url, network: 'sandbox', stationId: gw.stationId, stationSecret: gw.stationSecret },
    store, events: { measure: (m) => events.push(m), network: (s) => networks.push(s.online) },
    adapters: fakeAdapters({ ...FAST_LIMITS, ...x.limits }),
    log: (level, msg, fields) => logs.push({ level, msg, ...(fields ? { fields } : {}) }),
    tuning: { ...TUNING, ...x.tuning },
    ...(client ? { client } : {}),
  });
  open.push(engine);
  return { engine, store, events, logs, networks };
}

async function rig(o: FakeGatewayOptions = {}, x: EngineExtras = {}): Promise<Rig> {
  const gw = await gateway(o);
  return { gw, ...engineFor(gw.url, gw, new MemoryMeasureStore(), x) };
}

/** the outbox write, then send: what the services do */
function decide(r: { engine: MeasureEngine; store: MeasureStore }, m: Measure, ctx = MCTX): Measure {
  r.store.insertMeasure(m);
  return r.engine.send(m, ctx);
}

const statesOf = (events: Measure[], id: string): MeasureState[] => events.filter((e) => e.id === id).map((e) => e.state);
const onFirst = (kind: 'submit' | 'status', f: FakeFault, times = 1) => (c: FakeCall): FakeFault => (c.kind === kind && c.n < times ? f : 'none');

function expectNoPersonalData(logs: Rig['logs']): void {
  const text = JSON.stringify(logs);
  for (const s of [SUBJECT.name, SUBJECT.idNumber, ACCOUNT, COURT_ACCOUNT.accountNo, '500000', '345678']) expect(text).not.toContain(s);
}

describe('measure body', () => {
  it('carries the case, subject, officer, the two documents of its kind and the params of its kind', () => {
    const f = measure();
    const b = buildMeasureBody(f, MCTX);
    expect(b).toEqual({
      clientRequestId: f.id, channel: 'bank.icbc', kind: 'freeze',
      case: { number: CTX.caseNumber, court: CTX.court }, subject: { kind: 'person', name: SUBJECT.name, idNumber: SUBJECT.idNumber },
      officer: CTX.officer, documents: f.documents.map((d) => ({ type: d.type, number: d.number, sha256: d.sha256 })),
      purpose: MEASURE_PURPOSE.freeze, legalBasis: MEASURE_LEGAL_BASIS.freeze,
      params: { assetIdentifier: ACCOUNT, amount: 500_000, endsOn: '2027-03-01' },
    });
    // a seal: no amount
    const seal = measure({ channel: 'realestate.gz', assetKind: 'real_estate', assetIdentifier: '黔(2021)贵阳市不动产权第0012345号', amount: undefined, endsOn: '2029-03-01' });
    expect(buildMeasureBody(seal, MCTX).params).toEqual({ assetIdentifier: seal.assetIdentifier, endsOn: '2029-03-01' });
    const renew = measure({ kind: 'renew', freezeId: f.id, endsOn: '2028-02-28' });
    expect(buildMeasureBody(renew, MCTX).params).toEqual({ freezeRequestId: f.id, assetIdentifier: ACCOUNT, endsOn: '2028-02-28' });
    expect(buildMeasureBody(renew, MCTX).documents.map((d) => d.type)).toEqual(['续行冻结裁定书', '协助续行冻结通知书']);
    const part = measure({ kind: 'unfreeze', freezeId: f.id, amount: 100_000 });
    expect(buildMeasureBody(part, MCTX).params).toEqual({ freezeRequestId: f.id, assetIdentifier: ACCOUNT, amount: 100_000 });
    expect(buildMeasureBody(measure({ kind: 'unfreeze', freezeId: f.id }), MCTX).params).toEqual({ freezeRequestId: f.id, assetIdentifier: ACCOUNT });
    const deduct = measure({ kind: 'deduct', freezeId: f.id, amount: 200_000, courtAccount: STORED_ACCOUNT });
    expect(buildMeasureBody(deduct, MCTX).params).toEqual({ freezeRequestId: f.id, assetIdentifier: ACCOUNT, amount: 200_000, courtAccount: COURT_ACCOUNT });
  });

  it('is byte-identical when rebuilt, whatever order the store lists the documents in', () => {
    const f = measure();
    const again = { ...structuredClone(f), documents: [...f.documents].reverse(), attempts: 3, state: 'unknown' as const, updatedAt: 'later' };
    expect(bodyText(buildMeasureBody(again, MCTX))).toBe(bodyText(buildMeasureBody(f, MCTX)));
  });

  it('refuses a measure that cannot be sent as it is', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppFailure).error.field;
      }
      return 'no error';
    };
    expect(code(() => buildMeasureBody(measure({ documents: docs('freeze').slice(0, 1) }), MCTX))).toBe('documents');
    expect(code(() => buildMeasureBody(measure({ documents: docs('deduct') }), MCTX))).toBe('documents');
    expect(code(() => buildMeasureBody(measure({ kind: 'deduct', freezeId: 'f-1', amount: 1 }), MCTX))).toBe('courtAccount');
    expect(code(() => buildMeasureBody(measure({ kind: 'renew' }), MCTX))).toBe('freezeId');
    expect(code(() => buildMeasureBody(measure({ endsOn: undefined }), MCTX))).toBe('endsOn');
    expect(code(() => buildMeasureBody(measure(), { ...MCTX, caseId: 'case-2' }))).toBe('caseId');
    expect(code(() => buildMeasureBody(measure(), { ...MCTX, subject: { ...SUBJECT, id: 'party-9' } }))).toBe('partyId');
    expect(code(() => buildMeasureBody(measure({ channel: 'tax.sta' }), MCTX))).toBe('channel');
    expect(code(() => buildMeasureBody(measure({ kind: 'deduct', channel: 'realestate.gz', freezeId: 'f-1', amount: 1 }), MCTX))).toBe('channel');
  });
});

describe('measure feedback', () => {
  const f = measure();
  const ans = (feedback: unknown, status: StatusAnswer['status'] = 'answered', extra: Partial<StatusAnswer> = {}): StatusAnswer => ({
    clientRequestId: f.id, gatewayRef: 'GW1', channel: 'bank.icbc', kind: 'freeze', status, acceptedAt: T0, feedback, ...extra,
  });
  const good = () => feedbackFor({ clientRequestId: f.id, kind: 'freeze', params: { assetIdentifier: ACCOUNT, amount: 500_000, endsOn: '2027-03-01' } });

  it('maps executed and waiting feedback to the outcome', () => {
    expect(verdictOf(f, ans(good()))).toMatchObject({
      state: 'executed',
      outcome: { frozenAmount: 500_000, queuePosition: 0, endsOn: '2027-03-01', agencyRef: 'ICBC-FREEZE-1', executedAt: '2026-03-02T01:00:01.000Z' },
    });
    const waiting = { ...good(), result: 'waiting', freezeStatus: 'waiting', queuePosition: 2, frozenAmount: 0 };
    expect(verdictOf(f, ans(waiting))).toMatchObject({ state: 'executed', outcome: { queuePosition: 2, frozenAmount: 0 } });
  });

  it('maps a rejection, with or without feedback', () => {
    const rej = { result: 'rejected', kind: 'freeze', agencyRef: 'R1', executedAt: T0, rejection: { code: 'ASSET_NOT_FOUND', message: '无此财产' } };
    expect(verdictOf(f, ans(rej, 'rejected', { rejection: rej.rejection }))).toMatchObject({ state: 'rejected', outcome: { rejection: { code: 'ASSET_NOT_FOUND' }, agencyRef: 'R1' } });
    expect(verdictOf(f, ans(undefined, 'rejected', { rejection: { code: 'DOCUMENT_INVALID', message: '' } }))).toEqual({
      state: 'rejected', outcome: { rejection: { code: 'DOCUMENT_INVALID', message: '' } },
    });
  });

  it('refuses feedback that is unreadable or about something else', () => {
    const refuse = (fb: unknown, m: Measure = f) => expect(() => verdictOf(m, ans(fb))).toThrow(FeedbackMismatch);
    refuse('<html>502</html>');
    refuse({ ...good(), kind: 'deduct' });
    refuse({ ...good(), freezeRequestId: 'another' });
    refuse({ ...good(), assetIdentifier: '6222000000000000000' });
    refuse({ ...good(), frozenAmount: 12.5 });
    refuse({ ...good(), result: 'waiting', queuePosition: undefined });
    const d = measure({ kind: 'deduct', freezeId: f.id, amount: 100 });
    refuse({ ...good(), kind: 'deduct', freezeRequestId: f.id, deductedAmount: 99 }, d);
    expect(() => verdictOf(f, { ...ans(good()), clientRequestId: 'other' })).toThrow(FeedbackMismatch);
  });
});

describe('measure engine against a scripted gateway', () => {
  it('writes sent before the bytes go out, submits once, polls by id and records the outcome', async () => {
    let stateAtSubmit: MeasureState | undefined;
    const r = await rig({
      pollsBeforeAnswer: 2,
      fault: (c) => {
        if (c.kind === 'submit') stateAtSubmit = r.store.getMeasure(c.id)?.state;
        return 'none';
      },
    });
    const f = measure();
    expect(decide(r, f).state).toBe('queued');
    await r.engine.idle();
    expect(stateAtSubmit).toBe('sent');
    const m = r.store.getMeasure(f.id)!;
    expect(m).toMatchObject({ state: 'executed', attempts: 1, outcome: { frozenAmount: 500_000, queuePosition: 0, endsOn: '2027-03-01', agencyRef: 'ICBC-FREEZE-1' } });
    expect(m.sentAt).toBeDefined();
    expect(m.error).toBeUndefined();
    expect(statesOf(r.events, f.id)).toEqual(['sent', 'executed']);
    expect(r.gw.stats).toMatchObject({ submits: 1, executed: 1, conflicts: 0 });
    expect(r.gw.bodies.get(f.id)).toEqual(JSON.parse(bodyText(buildMeasureBody(f, MCTX))));
    // the body sent and the answers received are kept as evidence, the first body by its digest
    const ex = r.store.exchangesOf(f.id);
    expect(ex.map((e) => e.direction)).toEqual(['sent', 'received', 'received']);
    expect(r.store.bodyDigestOf(f.id)).toBe(sha(bodyText(buildMeasureBody(f, MCTX))));
    expect(r.engine.counters()).toMatchObject({ sent: 1, executed: 1, unknownOutcomes: 0, resubmits: 0 });
    expectNoPersonalData(r.logs);
  });

  it('a lost answer after execution: unknown, resolved by asking about the same id, executed once', async () => {
    const r = await rig({ fault: onFirst('submit', 'lost') });
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    expect(r.store.getMeasure(f.id)?.state).toBe('executed');
    expect(statesOf(r.events, f.id)).toEqual(['sent', 'unknown', 'sent', 'executed']);
    expect(r.gw.stats).toMatchObject({ submits: 1, executed: 1, duplicates: 0, conflicts: 0 });
    expect(r.gw.executed).toEqual([f.id]);
    expect(r.engine.counters()).toMatchObject({ unknownOutcomes: 1, resubmits: 0 });
  });

  it('a submit that never arrived (404 on asking): the same body again under the same id', async () => {
    const r = await rig({ fault: onFirst('submit', 'drop') });
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    const m = r.store.getMeasure(f.id)!;
    expect(m.state).toBe('executed');
    expect(m.attempts).toBe(2);
    expect(r.gw.submitted).toEqual([f.id, f.id]);
    expect(r.gw.stats).toMatchObject({ executed: 1, conflicts: 0 });
    const sent = r.store.exchangesOf(f.id).filter((e) => e.direction === 'sent').map((e) => e.text);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(r.engine.counters().resubmits).toBe(1);
  });

  it('a submit answer held past the timeout, or unreadable: asked about, executed once', async () => {
    for (const fault of ['hang', 'garbage', 'badEnvelope'] as const) {
      const r = await rig({ fault: onFirst('submit', fault) }, { limits: { timeoutMs: 150 } });
      const f = measure();
      decide(r, f);
      await r.engine.idle();
      expect(r.store.getMeasure(f.id)?.state, fault).toBe('executed');
      expect(r.gw.executed, fault).toEqual([f.id]);
      expect(r.gw.stats.conflicts).toBe(0);
      expect(statesOf(r.events, f.id)).toContain('unknown');
    }
  });

  it('busy (503) and rate-limited (429): not taken, so back to queued, then sent under the same id', async () => {
    const r = await rig({ fault: (c) => (c.kind === 'submit' && c.n === 0 ? 'busy' : c.kind === 'submit' && c.n === 1 ? 'limited' : 'none'), retryAfterSeconds: 0 });
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    expect(r.store.getMeasure(f.id)).toMatchObject({ state: 'executed', attempts: 3 });
    expect(statesOf(r.events, f.id)).toEqual(['sent', 'queued', 'sent', 'queued', 'sent', 'executed']);
    expect(r.gw.submitted).toEqual([f.id, f.id, f.id]);
    expect(r.gw.stats.executed).toBe(1);
  });

  it('the agency refuses: rejected with its reason; the gateway refuses (422): rejected, not sent again', async () => {
    const r = await rig({
      outcome: (b) => (b.kind === 'freeze'
        ? { status: 'rejected', rejection: { code: 'ASSET_NOT_FOUND', message: '被执行人名下无此财产' } }
        : answered(b)),
    });
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    expect(r.store.getMeasure(f.id)).toMatchObject({ state: 'rejected', outcome: { rejection: { code: 'ASSET_NOT_FOUND' } }, error: { code: 'AGENCY_REJECTED' } });
    expect(r.store.getMeasure(f.id)?.error?.message).toContain('ASSET_NOT_FOUND');

    let submits = 0;
    const gw = await gateway();
    const x = engineFor(gw.url, gw, undefined, {
      client: (real) => ({ ...real, submit: async () => {
        submits += 1;
        throw new GatewayHttpError(422, 'CHANNEL_REFUSES', 'CHANNEL_REFUSES', 'bank.icbc does not execute freeze');
      } }),
    });
    const g = measure();
    decide(x, g);
    await x.engine.idle();
    expect(x.store.getMeasure(g.id)).toMatchObject({ state: 'rejected', error: { code: 'GATEWAY_ERROR' }, outcome: { rejection: { code: 'CHANNEL_REFUSES' } } });
    expect(submits).toBe(1);
  });

  it('feedback about another measure or not in the format is ignored; polling goes on to the real answer', async () => {
    let tampered = 0;
    const gw = await gateway();
    const x = engineFor(gw.url, gw, undefined, {
      client: (real) => ({
        ...real,
        async status(id, o) {
          const a = await real.status(id, o);
          if (a.value.status !== 'answered' || tampered >= 2) return a;
          tampered += 1;
          const fb = tampered === 1 ? { ...(a.value.feedback as object), freezeRequestId: 'someone-else' } : '<html>502 Bad Gateway</html>';
          return { ...a, value: { ...a.value, feedback: fb } };
        },
      }),
    });
    const f = measure();
    decide(x, f);
    await x.engine.idle();
    expect(tampered).toBe(2);
    expect(x.store.getMeasure(f.id)).toMatchObject({ state: 'executed', outcome: { frozenAmount: 500_000 } });
    expect(x.logs.filter((l) => l.msg === 'measure feedback refused')).toHaveLength(2);
  });

  it('offline: the measure waits in the outbox as queued and goes once the gateway is back', async () => {
    const first = await gateway();
    const { url, port, stationId, stationSecret } = first;
    await first.close();
    const x = engineFor(url, { stationId, stationSecret });
    const f = measure();
    decide(x, f);
    await until(() => x.networks.includes(false), 'offline');
    await until(() => x.store.getMeasure(f.id)?.state === 'queued' && statesOf(x.events, f.id).length >= 2, 'queued again');
    expect(x.engine.networkStatus().online).toBe(false);
    await new Promise((res) => setTimeout(res, 100));
    expect(x.store.getMeasure(f.id)?.state).toBe('queued');

    const back = await gateway({ port, stationId, stationSecret });
    await x.engine.idle();
    expect(x.networks.at(-1)).toBe(true);
    expect(x.store.getMeasure(f.id)?.state).toBe('executed');
    expect(back.stats).toMatchObject({ submits: 1, executed: 1 });
  });

  it('a measure cancelled while it waited offline is never sent', async () => {
    const first = await gateway();
    const { url, port, stationId, stationSecret } = first;
    await first.close();
    const x = engineFor(url, { stationId, stationSecret });
    const f = measure();
    decide(x, f);
    await until(() => x.networks.includes(false) && x.store.getMeasure(f.id)?.state === 'queued', 'queued offline');
    x.store.updateMeasure(f.id, { state: 'cancelled' });
    const back = await gateway({ port, stationId, stationSecret });
    await x.engine.idle();
    expect(x.store.getMeasure(f.id)?.state).toBe('cancelled');
    expect(back.stats.submits).toBe(0);
  });

  it('stopped between the sent write and the answer: a new engine asks about the id, executes nothing twice', async () => {
    // the answer to the submit is held: the engine is stopped while it waits for it
    const gw = await gateway({ fault: onFirst('submit', 'hang') });
    const disk = new MemoryMeasureStore();
    const a = engineFor(gw.url, gw, disk, { limits: { timeoutMs: 10_000 } });
    const f = measure();
    decide(a, f);
    await until(() => gw.stats.executed === 1, 'executed at the gateway');
    void a.engine.stop();
    expect(disk.getMeasure(f.id)?.state).toBe('sent');

    const b = engineFor(gw.url, gw, disk);
    expect(b.engine.resume(() => MCTX)).toBe(1);
    await b.engine.idle();
    expect(disk.getMeasure(f.id)?.state).toBe('executed');
    expect(statesOf(b.events, f.id)).toEqual(['unknown', 'sent', 'executed']);
    expect(gw.stats).toMatchObject({ executed: 1, submits: 1 });
  });

  it('two engines alive over one store: each measure goes out from the one holding its lease; a dead holder\'s lease runs out', async () => {
    const gw = await gateway();
    const disk = new MemoryMeasureStore();
    const lease = { tuning: { claimLeaseMs: 150 } };
    const a = engineFor(gw.url, gw, disk, lease);
    const b = engineFor(gw.url, gw, disk, lease);
    const ms = [measure(), measure(), measure()];
    for (const m of ms) disk.insertMeasure(m);
    expect(a.engine.resume(() => MCTX)).toBe(3);
    expect(b.engine.resume(() => MCTX)).toBe(0);
    expect(b.engine.counters().heldElsewhere).toBe(3);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    for (const m of ms) expect(disk.getMeasure(m.id)?.state).toBe('executed');
    expect([...gw.submitted].sort()).toEqual(ms.map((m) => m.id).sort());

    // a process died holding a measure: the live engine waits for the lease, then takes it up
    const orphan = measure();
    disk.insertMeasure(orphan);
    const t = Date.now();
    expect(disk.claimMeasure(orphan.id, 'a-dead-process', new Date(t + 150).toISOString(), new Date(t).toISOString())).toBe(true);
    b.engine.send(orphan, MCTX);
    expect(disk.getMeasure(orphan.id)?.state).toBe('queued');
    await b.engine.idle();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(disk.getMeasure(orphan.id)?.state).toBe('executed');
    expect(gw.submitted.filter((id) => id === orphan.id)).toHaveLength(1);
    expect(disk.claimOf(orphan.id)).toBeUndefined();
  });

  it('resume: queued is sent; sent and unknown are asked about first; no new id, nothing twice', async () => {
    const gw = await gateway();
    const disk = new MemoryMeasureStore();
    // on the gateway, but the store still says 'sent': the process died before the answer
    const crashedAfterSend = measure();
    disk.insertMeasure(crashedAfterSend);
    await sendRaw(gw, crashedAfterSend);
    disk.updateMeasure(crashedAfterSend.id, { state: 'sent', attempts: 1 });
    const crashedBeforeWire = measure();
    disk.insertMeasure(crashedBeforeWire);
    disk.updateMeasure(crashedBeforeWire.id, { state: 'sent', attempts: 1 });
    const lostAnswer = measure();
    disk.insertMeasure(lostAnswer);
    disk.updateMeasure(lostAnswer.id, { state: 'unknown', attempts: 1 });
    await sendRaw(gw, lostAnswer);
    const waiting = measure();
    disk.insertMeasure(waiting);

    const before = gw.stats.submits;
    const b = engineFor(gw.url, gw, disk);
    expect(b.engine.resume(() => MCTX)).toBe(4);
    await b.engine.idle();
    for (const m of [crashedAfterSend, crashedBeforeWire, lostAnswer, waiting]) expect(disk.getMeasure(m.id)?.state, m.id).toBe('executed');
    // only the two the gateway never had were submitted
    expect(gw.submitted.slice(before).sort()).toEqual([crashedBeforeWire.id, waiting.id].sort());
    expect(new Set(gw.executed).size).toBe(gw.executed.length);
    expect(disk.listOutbox()).toEqual([]);
  });

  it('409: surfaced as a fault, never a reason to send again; the outcome is asked by id', async () => {
    // first body executed with its answer lost; after a restart the officer's name reads differently
    // …and the gateway's first answer to the new engine's question wrongly says "never received"
    let stage: 'first engine' | 'lie' | 'truth' = 'first engine';
    const gw = await gateway({
      fault: (c) => {
        if (c.kind === 'submit') {
          if (c.n === 0) return 'lost';
          stage = 'truth'; // the re-submit under the same id: from here on the gateway tells the truth
          return 'none';
        }
        if (stage === 'first engine') return 'hang';
        // every question is answered "never received" until someone submits again — including a
        // straggling question of the stopped first engine, which it no longer listens to
        if (stage === 'lie') return 'notFound';
        return 'none';
      },
    });
    const disk = new MemoryMeasureStore();
    // a store that keeps no digest of the first body: the gateway's 409 is the last line
    const noDigest: MeasureStore = {
      insertMeasure: (m) => disk.insertMeasure(m), updateMeasure: (id, p) => disk.updateMeasure(id, p),
      getMeasure: (id) => disk.getMeasure(id), listOutbox: () => disk.listOutbox(),
    };
    const a = engineFor(gw.url, gw, disk);
    const f = measure();
    decide(a, f);
    await until(() => gw.stats.executed === 1 && a.store.getMeasure(f.id)?.state === 'unknown', 'executed, answer lost');
    // the first engine is gone before the gateway starts lying, so only the new one hears the lie
    await a.engine.stop();
    stage = 'lie';
    const b = engineFor(gw.url, gw, noDigest);
    b.engine.resume(() => ({ ...MCTX, officer: { ...MCTX.officer, name: '王 立新' } }));
    await b.engine.idle();
    expect(gw.stats.conflicts).toBe(1);
    expect(gw.stats.executed).toBe(1);
    expect(disk.getMeasure(f.id)).toMatchObject({ state: 'executed', error: { code: 'GATEWAY_ERROR' } });
    expect(b.logs.some((l) => l.level === 'error' && String(l.msg).includes('another body'))).toBe(true);
    expect(b.engine.counters().conflicts).toBe(1);
  });

  it('a body that would differ from the one first sent is stopped before the wire', async () => {
    const gw = await gateway();
    const disk = new MemoryMeasureStore();
    const f = measure();
    disk.insertMeasure(f);
    // the first send was written and recorded, then the process died before the bytes left
    disk.updateMeasure(f.id, { state: 'sent', attempts: 1 });
    disk.recordMeasureExchange({ measureId: f.id, direction: 'sent', at: T0, text: bodyText(buildMeasureBody(f, MCTX)) });
    const b = engineFor(gw.url, gw, disk);
    b.engine.resume(() => ({ ...MCTX, officer: { ...MCTX.officer, name: '王 立新' } }));
    await b.engine.idle();
    expect(gw.stats.submits).toBe(0);
    expect(disk.getMeasure(f.id)).toMatchObject({ state: 'unknown', error: { code: 'INTERNAL' } });
    // with the same context it goes
    b.engine.send(f, MCTX);
    await b.engine.idle();
    expect(disk.getMeasure(f.id)?.state).toBe('executed');
    expect(gw.stats).toMatchObject({ submits: 1, conflicts: 0 });
  });

  it('send: one job per measure, nothing for a concluded one, refusals for what is not in the outbox', async () => {
    const r = await rig({ pollsBeforeAnswer: 1 });
    const f = measure();
    decide(r, f);
    r.engine.send(f, MCTX);
    r.engine.send(f, MCTX);
    await r.engine.idle();
    r.engine.send(f, MCTX);
    expect(r.gw.stats.submits).toBe(1);
    expect(r.engine.counters().duplicateSends).toBe(3);
    expect(() => r.store.insertMeasure(f)).toThrow(/exists/);

    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppFailure).error.code;
      }
      return 'none';
    };
    expect(code(() => r.engine.send(measure(), MCTX))).toBe('NOT_FOUND');
    const g = measure();
    r.store.insertMeasure(g);
    expect(code(() => r.engine.send({ ...g, amount: 1 }, MCTX))).toBe('VALIDATION');
    const draft = measure({ state: 'awaiting_approval' });
    r.store.insertMeasure(draft);
    expect(code(() => r.engine.send(draft, MCTX))).toBe('VALIDATION');
    expect(code(() => r.engine.send(g, { ...MCTX, subject: { ...SUBJECT, id: 'x' } }))).toBe('VALIDATION');
    expect(r.store.getMeasure(g.id)?.state).toBe('queued');
  });

  it('respects the channel concurrency limit', async () => {
    const r = await rig({ delayMs: 20 }, { limits: { concurrency: 2 } });
    const ms = Array.from({ length: 8 }, () => measure());
    for (const m of ms) decide(r, m);
    await r.engine.idle();
    expect(ms.every((m) => r.store.getMeasure(m.id)?.state === 'executed')).toBe(true);
    expect(r.gw.maxInFlight.get('bank.icbc')).toBeLessThanOrEqual(2);
  });

  it('a deduction carries the court account and records the amount deducted', async () => {
    const r = await rig();
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    const d = measure({ kind: 'deduct', freezeId: f.id, amount: 200_000, courtAccount: STORED_ACCOUNT });
    decide(r, d);
    await r.engine.idle();
    expect(r.store.getMeasure(d.id)).toMatchObject({ state: 'executed', outcome: { deductedAmount: 200_000 } });
    expect((r.gw.bodies.get(d.id)!.params as Record<string, unknown>).courtAccount).toEqual(COURT_ACCOUNT);
    expectNoPersonalData(r.logs);
  });
});

describe('feedback feed', () => {
  it('answers from the feed are applied once; repeats and strangers change nothing', async () => {
    const gw = await gateway({ pollsBeforeAnswer: 1_000 }); // polls never see the answer: only the feed does
    let reads = 0;
    const x = engineFor(gw.url, gw, new MemoryMeasureStore(), {
      limits: { pollIntervalMs: 20 },
      tuning: { feedIntervalMs: 5 },
      client: (real) => ({
        ...real,
        async feedback(after) {
          reads += 1;
          // the cursor counts the requests delivered so far; the first read also carries a query's answer
          const from = after === '' ? 0 : Number(after);
          const items: unknown[] = after === '' ? [{ cursor: 'q', clientRequestId: 'some-query-0001', gatewayRef: 'GW', channel: 'bank.icbc', kind: 'query', status: 'answered', acceptedAt: T0, feedback: {} }] : [];
          const fresh = gw.executed.slice(from);
          for (const id of fresh) {
            const body = gw.bodies.get(id)!;
            items.push({ cursor: id, clientRequestId: id, gatewayRef: 'GW', channel: 'bank.icbc', kind: body.kind, status: 'answered', acceptedAt: T0, answeredAt: T0, feedback: feedbackFor(body) });
          }
          // each answer delivered twice, the repeats after the others (out of order)
          items.push(...items.slice(after === '' ? 1 : 0));
          return { value: { items, next: String(from + fresh.length) }, raw: '', httpStatus: 200 };
        },
      }),
    });
    const ms = [measure(), measure(), measure()];
    for (const m of ms) decide(x, m);
    await until(() => gw.executed.length === 3, 'all at the gateway');
    await x.engine.idle();
    for (const m of ms) {
      expect(x.store.getMeasure(m.id)).toMatchObject({ state: 'executed', outcome: { frozenAmount: 500_000 } });
      expect(statesOf(x.events, m.id)).toEqual(['sent', 'executed']);
    }
    expect(x.engine.counters()).toMatchObject({ feedApplied: 3, executed: 3 });
    expect(x.engine.counters().feedIgnored).toBeGreaterThanOrEqual(4);
    expect(x.store.feedCursor()).toBe('3');
    expect(reads).toBeGreaterThan(0);
  });

  it('a gateway without a feed is asked about each id, and said so once', async () => {
    const r = await rig({ pollsBeforeAnswer: 3 }, { tuning: { feedIntervalMs: 2 }, limits: { pollIntervalMs: 10 } });
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    expect(r.store.getMeasure(f.id)?.state).toBe('executed');
    expect(r.logs.filter((l) => l.msg.startsWith('feedback feed not available'))).toHaveLength(1);
  });
});

describe('frozen-balance re-query', () => {
  async function executedFreeze(r: Rig): Promise<Measure> {
    const f = measure();
    decide(r, f);
    await r.engine.idle();
    return r.store.getMeasure(f.id)!;
  }

  it('asks under a new id each time and answers what the freeze holds now', async () => {
    const r = await rig({ fault: onFirst('submit', 'lost') });
    const f = await executedFreeze(r);
    const a = await r.engine.frozenBalance(f, MCTX);
    const b = await r.engine.frozenBalance(f, MCTX);
    expect(a).toMatchObject({ freezeRequestId: f.id, frozenAmount: 345_678, freezeStatus: 'in_force', queuePosition: 0, endsOn: '2027-03-01', checkedAt: '2026-03-02T01:00:01.000Z' });
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.requestId).not.toBe(f.id);
    const body = r.gw.bodies.get(a.requestId)!;
    expect(body).toMatchObject({ kind: 'query', channel: 'bank.icbc', params: { purpose: 'frozen_balance', freezeRequestId: f.id } });
    expect((body.documents as Array<{ type: string }>)[0]!.type).toBe('协助查询通知书');
    // the lost answers were resolved by asking about the same id
    expect(r.gw.stats.executed).toBe(3);
    expectNoPersonalData(r.logs);
  });

  it('throws typed failures: rejected by the agency, network down, freeze not confirmed', async () => {
    const r = await rig({
      outcome: (b) => (b.kind === 'query'
        ? { status: 'rejected', rejection: { code: 'NOT_FROZEN_BY_THIS_CASE', message: '本案未作出该冻结' } }
        : answered(b)),
    });
    const f = await executedFreeze(r);
    const err = await r.engine.frozenBalance(f, MCTX).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeasureFailure);
    expect((err as MeasureFailure).error.code).toBe('AGENCY_REJECTED');
    expect((err as MeasureFailure).rejection?.code).toBe('NOT_FROZEN_BY_THIS_CASE');

    const pending = measure();
    r.store.insertMeasure(pending);
    const notYet = await r.engine.frozenBalance(pending, MCTX).catch((e: unknown) => e);
    expect((notYet as AppFailure).error.code).toBe('VALIDATION');

    const dead = await gateway();
    await dead.close();
    const x = engineFor(dead.url, dead, r.store);
    const down = await x.engine.frozenBalance(f, MCTX).catch((e: unknown) => e);
    expect((down as MeasureFailure).error.code).toBe('NETWORK_DOWN');
  });
});

// ---- waiting and direct submits ----

async function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** the measure's body handed to the gateway directly (a submit whose answer this side never saw) */
async function sendRaw(gw: FakeGateway, m: Measure): Promise<void> {
  const c = createGatewayClient({ url: gw.url, stationId: gw.stationId, stationSecret: gw.stationSecret });
  try {
    await c.submit(buildMeasureBody(m, MCTX), { officerCode: CTX.officer.code });
  } finally {
    c.close();
  }
}
