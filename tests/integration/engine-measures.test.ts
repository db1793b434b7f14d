/**
 * Measures against the sandbox network over real HTTP, checked against the agencies' ledger: a
 * freeze takes what the account holds, a later one by another case waits (轮候), a renewal moves
 * the end date, a part release lets the waiting one in, the re-query tells what is frozen now,
 * and a deduction reaches the court account exactly once with the ledger's money conserved. Lost
 * answers, held answers and a missing network leave each measure executed once, never twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../shared/dates';
import type { Measure, MeasureState } from '../../shared/domain/measures';
import { startSandbox, type Knobs, type SandboxHandle } from '../../electron/sandbox';
import { ADAPTERS } from '../../electron/engine/adapters';
import type { EngineLogFields } from '../../electron/engine/types';
import { createMeasureEngine, type MeasureEngine, type MeasureEngineTuning } from '../../electron/engine/measures/measure-engine';
import { MemoryMeasureStore } from '../../electron/engine/measures/memory-measure-store';
import { withLimits } from '../helpers/engine-kit';
import {
  admin, contextFor, OFFICER, courtAccountOf, Decider, endsOnIn, pickTargets, SECRET, SEED, type CourtAccountsView, type LedgerTotals, type Target,
} from './engine-measures-kit';

const TUNING: Partial<MeasureEngineTuning> = {
  retryBaseMs: 5, retryMaxMs: 50, breakerCooldownMs: 30, probeBaseMs: 20, probeMaxMs: 100, probeTimeoutMs: 1_000,
};

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function sandbox(knobs: Partial<Knobs> = {}, port = 0, stateDir?: string): Promise<SandboxHandle> {
  const sb = await startSandbox({ seed: SEED, stationSecret: SECRET, port, knobs: { latencyScale: 0.01, ...knobs }, ...(stateDir ? { stateDir } : {}) });
  cleanup.push(() => sb.close());
  // the debtor is a debtor of the second case too (a second creditor's case against him)
  sb.courtSystem.addDebtor(otherCase, target.debtor);
  return sb;
}

function engine(
  sb: SandboxHandle, store = new MemoryMeasureStore(), limits: { timeoutMs?: number; pollIntervalMs?: number } = {},
  tuning: Partial<MeasureEngineTuning> = {},
) {
  const events: Measure[] = [];
  const logs: Array<{ level: string; msg: string; fields?: EngineLogFields }> = [];
  const e: MeasureEngine = createMeasureEngine({
    gateway: { url: sb.url, network: 'sandbox', stationId: sb.stationId, stationSecret: SECRET },
    store, events: { measure: (m) => events.push(m) },
    adapters: withLimits(ADAPTERS, { pollIntervalMs: 5, timeoutMs: 3_000, maxPolls: 60, ...limits }),
    log: (level, msg, fields) => logs.push({ level, msg, ...(fields ? { fields } : {}) }),
    tuning: { ...TUNING, ...tuning },
  });
  cleanup.push(() => e.stop());
  return { engine: e, store, events, logs, decide: new Decider(store, undefined, sb) };
}

const statesOf = (events: Measure[], id: string): MeasureState[] => events.filter((e) => e.id === id).map((e) => e.state);

let targets: Target[];
let target: Target;
let otherCase: string;

beforeAll(async () => {
  const probe = await startSandbox({ seed: SEED, stationSecret: SECRET });
  targets = pickTargets(probe.population, 100_000);
  target = targets.find((t) => t.debtor.kind === 'person' && t.balance >= 1_000_000) ?? targets[0]!;
  otherCase = probe.population.docket.find((c) => c.number !== target.case.number && c.assignee === OFFICER.code)!.number;
  await probe.close();
});

describe('measures × sandbox ledger', () => {
  it('freeze, a waiting second freeze, renewal, part release, re-query and deduction: the court receives the amount once', async () => {
    const sb = await sandbox();
    const { engine: e, store, decide, logs } = engine(sb);
    const ctx = contextFor(target, target.case.number);
    const ctx2 = contextFor(target, otherCase);
    const before = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    expect(before.conserved).toBe(true);

    // the whole balance frozen for this case
    const freeze = decide.freeze(target, target.case.number, target.balance, endsOnIn(180));
    e.send(freeze, ctx);
    await e.idle();
    const f1 = store.getMeasure(freeze.id)!;
    expect(f1).toMatchObject({ state: 'executed', attempts: 1, outcome: { frozenAmount: target.balance, queuePosition: 0, endsOn: freeze.endsOn } });
    expect(f1.outcome?.agencyRef).toBeTruthy();

    // another case's freeze on the same account finds nothing free: it waits, first in line
    const second = decide.freeze(target, otherCase, 50_000, endsOnIn(200));
    e.send(second, ctx2);
    await e.idle();
    expect(store.getMeasure(second.id)).toMatchObject({ state: 'executed', outcome: { queuePosition: 1, frozenAmount: 0 } });

    // renewal before it lapses: the new end date
    const renew = decide.renew(target, freeze, endsOnIn(270));
    e.send(renew, ctx);
    await e.idle();
    expect(store.getMeasure(renew.id)).toMatchObject({ state: 'executed', outcome: { endsOn: renew.endsOn, queuePosition: 0, frozenAmount: target.balance } });

    // part release: what is released goes to the waiting freeze
    const part = decide.unfreeze(target, freeze, 30_000);
    e.send(part, ctx);
    await e.idle();
    expect(store.getMeasure(part.id)).toMatchObject({ state: 'executed', outcome: { frozenAmount: target.balance - 30_000 } });
    const theirs = await e.frozenBalance(store.getMeasure(second.id)!, ctx2);
    expect(theirs).toMatchObject({ freezeRequestId: second.id, freezeStatus: 'in_force', queuePosition: 0, frozenAmount: 30_000 });

    // re-query before deducting (rule 6), then deduct at most what it holds
    const now = await e.frozenBalance(store.getMeasure(freeze.id)!, ctx);
    expect(now).toMatchObject({ freezeRequestId: freeze.id, freezeStatus: 'in_force', frozenAmount: target.balance - 30_000, endsOn: renew.endsOn });
    expect(now.requestId).not.toBe(freeze.id);
    const amount = Math.min(now.frozenAmount!, 123_456);
    const deduct = decide.deduct(target, freeze, amount, courtAccountOf(sb));
    e.send(deduct, ctx);
    await e.idle();
    expect(store.getMeasure(deduct.id)).toMatchObject({ state: 'executed', outcome: { deductedAmount: amount, frozenAmount: now.frozenAmount! - amount } });

    const after = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    expect(after).toMatchObject({ conserved: true, courtTotal: before.courtTotal + amount, debtorsTotal: before.debtorsTotal - amount, initialTotal: before.initialTotal });
    const court = await admin<CourtAccountsView>(sb, '/sandbox/v1/court-account?court=黔0103');
    const receipts = court.accounts[0]!.receipts.filter((r) => r.requestId === deduct.id);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ freezeRequestId: freeze.id, amount });

    // each measure reached the ledger once; nothing conflicted
    const st = sb.stats();
    for (const m of [freeze, second, renew, part, deduct]) expect(st.executions[m.id], m.kind).toBe(1);
    expect(st.totals.conflicts).toBe(0);
    expect(store.listOutbox()).toEqual([]);
    const text = JSON.stringify(logs);
    for (const s of [target.debtor.name, target.debtor.idNumber, target.accountNo, String(amount), String(target.balance)]) expect(text).not.toContain(s);
  });

  it('a deduction above what the freeze holds is refused with its reason; nothing moves', async () => {
    const sb = await sandbox();
    const { engine: e, store, decide } = engine(sb);
    const ctx = contextFor(target, target.case.number);
    const freeze = decide.freeze(target, target.case.number, 100_000, endsOnIn(90));
    e.send(freeze, ctx);
    await e.idle();
    const before = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    const deduct = decide.deduct(target, freeze, 100_001, courtAccountOf(sb));
    e.send(deduct, ctx);
    await e.idle();
    expect(store.getMeasure(deduct.id)).toMatchObject({ state: 'rejected', outcome: { rejection: { code: 'INSUFFICIENT_FROZEN' } }, error: { code: 'AGENCY_REJECTED' } });
    expect(await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals')).toEqual(before);
  });

  it('every submit answer lost after execution: unknown, resolved by asking, executed once', async () => {
    const sb = await sandbox({ lostAnswerRate: 1 });
    const { engine: e, store, decide, events } = engine(sb);
    const ctx = contextFor(target, target.case.number);
    const freeze = decide.freeze(target, target.case.number, 200_000, endsOnIn(120));
    e.send(freeze, ctx);
    await e.idle();
    expect(store.getMeasure(freeze.id)).toMatchObject({ state: 'executed', attempts: 1, outcome: { frozenAmount: 200_000 } });
    expect(statesOf(events, freeze.id)).toEqual(['sent', 'unknown', 'sent', 'executed']);
    const deduct = decide.deduct(target, freeze, 50_000, courtAccountOf(sb));
    e.send(deduct, ctx);
    await e.idle();
    expect(store.getMeasure(deduct.id)?.state).toBe('executed');
    const st = sb.stats();
    expect(st.executions[freeze.id]).toBe(1);
    expect(st.executions[deduct.id]).toBe(1);
    expect(st.totals.faults.lostAnswer).toBe(2);
    expect(st.totals.submits).toBe(2);
    expect(st.totals.conflicts).toBe(0);
    const totals = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    expect(totals).toMatchObject({ conserved: true, courtTotal: 50_000 });
  });

  it('the submit answer held past the timeout: unknown, resolved by asking, executed once', async () => {
    const sb = await sandbox({ timeoutRate: 1, hangMs: 2_000 });
    const { engine: e, store, decide, events } = engine(sb, undefined, { timeoutMs: 150 });
    const ctx = contextFor(target, target.case.number);
    const freeze = decide.freeze(target, target.case.number, 200_000, endsOnIn(120));
    e.send(freeze, ctx);
    await store.until(freeze.id, (m) => m.state === 'unknown');
    // the gateway answers again: the next question about the id is answered
    sb.setKnobs({ timeoutRate: 0 });
    await e.idle();
    expect(store.getMeasure(freeze.id)).toMatchObject({ state: 'executed', attempts: 1, outcome: { frozenAmount: 200_000 } });
    expect(statesOf(events, freeze.id)).toContain('unknown');
    const st = sb.stats();
    expect(st.executions[freeze.id]).toBe(1);
    expect(st.totals.faults.timeout).toBeGreaterThan(0);
    expect(st.totals.submits).toBe(1);
  });

  it('no network: the measure waits in the outbox as queued, and goes once the gateway is back', async () => {
    // the network's officer register outlives a restart of the gateway (it keeps the judge's key)
    const stateDir = mkdtempSync(path.join(tmpdir(), 'ck-register-'));
    cleanup.push(async () => rmSync(stateDir, { recursive: true, force: true }));
    const first = await sandbox({}, 0, stateDir);
    const port = Number(new URL(first.url).port);
    const networks: boolean[] = [];
    const store = new MemoryMeasureStore();
    const e = createMeasureEngine({
      gateway: { url: first.url, network: 'sandbox', stationId: first.stationId, stationSecret: SECRET },
      store, events: { measure: () => {}, network: (s) => networks.push(s.online) },
      adapters: withLimits(ADAPTERS, { pollIntervalMs: 5, timeoutMs: 3_000 }), tuning: TUNING,
    });
    cleanup.push(() => e.stop());
    const decide = new Decider(store, undefined, first);
    const freeze = decide.freeze(target, target.case.number, 150_000, endsOnIn(100));
    await first.close();
    e.send(freeze, contextFor(target, target.case.number));
    await store.until(freeze.id, (m) => m.state === 'queued' && m.attempts === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(networks).toEqual([false]);
    expect(store.getMeasure(freeze.id)?.state).toBe('queued');
    expect(store.listOutbox().map((m) => m.id)).toEqual([freeze.id]);

    const back = await sandbox({}, port, stateDir);
    await e.idle();
    expect(networks.at(-1)).toBe(true);
    expect(store.getMeasure(freeze.id)).toMatchObject({ state: 'executed', outcome: { frozenAmount: 150_000 } });
    expect(back.stats().executions[freeze.id]).toBe(1);
  });

  it('killed between the sent write and the answer: a new engine over the same store resumes by asking, executes nothing twice', async () => {
    const sb = await sandbox({ timeoutRate: 1, hangMs: 3_000 });
    const store = new MemoryMeasureStore();
    const a = engine(sb, store, { timeoutMs: 10_000 });
    const ctx = contextFor(target, target.case.number);
    const freeze = a.decide.freeze(target, target.case.number, 80_000, endsOnIn(60));
    const queued = a.decide.freeze(targets[1]!, targets[1]!.case.number, 10_000, endsOnIn(60));
    a.engine.send(freeze, ctx);
    await new Promise((r) => setTimeout(r, 100));
    expect(sb.stats().executions[freeze.id]).toBe(1);
    expect(store.getMeasure(freeze.id)?.state).toBe('sent');
    void a.engine.stop(); // the process dies: the answer never arrives, 'queued' never went out
    sb.setKnobs({ timeoutRate: 0 });

    const b = engine(sb, store);
    const contexts = new Map([[freeze.id, ctx], [queued.id, contextFor(targets[1]!, targets[1]!.case.number)]]);
    expect(b.engine.resume((m) => contexts.get(m.id))).toBe(2);
    await b.engine.idle();
    expect(store.getMeasure(freeze.id)).toMatchObject({ state: 'executed', attempts: 1 });
    expect(store.getMeasure(queued.id)).toMatchObject({ state: 'executed', attempts: 1 });
    expect(statesOf(b.events, freeze.id)).toEqual(['unknown', 'sent', 'executed']);
    const st = sb.stats();
    expect(st.executions[freeze.id]).toBe(1);
    expect(st.executions[queued.id]).toBe(1);
    expect(st.totals.submits).toBe(2);
  });

  it('re-query: the current frozen amount under a new id each time; another case cannot deduct from this freeze', async () => {
    const sb = await sandbox();
    const { engine: e, store, decide } = engine(sb);
    const ctx = contextFor(target, target.case.number);
    const freeze = decide.freeze(target, target.case.number, 70_000, endsOnIn(30));
    e.send(freeze, ctx);
    await e.idle();
    const f = store.getMeasure(freeze.id)!;
    const a = await e.frozenBalance(f, ctx);
    const b = await e.frozenBalance(f, ctx);
    expect(a).toMatchObject({ frozenAmount: 70_000, freezeStatus: 'in_force', queuePosition: 0 });
    expect(a.checkedAt.slice(0, 4)).toBe(todayCst().slice(0, 4));
    expect(a.requestId).not.toBe(b.requestId);
    // a deduction from this freeze in the name of another case: the agency refuses, nothing moves
    const other = contextFor(target, otherCase);
    const theft = decide.deduct(target, f, 10_000, courtAccountOf(sb), otherCase);
    e.send(theft, other);
    await e.idle();
    expect(store.getMeasure(theft.id)).toMatchObject({ state: 'rejected', outcome: { rejection: { code: 'NOT_FROZEN_BY_THIS_CASE' } } });
    expect((await e.frozenBalance(f, ctx)).frozenAmount).toBe(70_000);
    expect(await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals')).toMatchObject({ conserved: true, courtTotal: 0 });
  });

  it('answers from the feed, delivered twice and out of order, are applied once each', async () => {
    const sb = await sandbox({ duplicateRate: 1, outOfOrderRate: 0.5 });
    // polling slow on purpose: the feed brings the answers
    const { engine: e, store, decide, events } = engine(sb, undefined, { pollIntervalMs: 3_000 }, { feedIntervalMs: 10 });
    const picks = targets.slice(0, 6);
    const freezes = picks.map((t) => decide.freeze(t, t.case.number, 20_000, endsOnIn(60)));
    freezes.forEach((f, i) => e.send(f, contextFor(picks[i]!, picks[i]!.case.number)));
    const t0 = performance.now();
    await e.idle();
    expect(performance.now() - t0).toBeLessThan(2_000);
    // one more measure keeps the reader going while the second copies arrive
    await new Promise((r) => setTimeout(r, 150));
    const last = decide.freeze(targets[6]!, targets[6]!.case.number, 20_000, endsOnIn(60));
    e.send(last, contextFor(targets[6]!, targets[6]!.case.number));
    await e.idle();
    const c = e.counters();
    expect(c.feedApplied).toBe(7);
    expect(c.feedIgnored).toBeGreaterThanOrEqual(6);
    const st = sb.stats();
    expect(st.totals.faults.duplicate).toBe(7);
    for (const f of [...freezes, last]) {
      expect(store.getMeasure(f.id)).toMatchObject({ state: 'executed', outcome: { frozenAmount: 20_000 } });
      expect(statesOf(events, f.id)).toEqual(['sent', 'executed']);
      expect(st.executions[f.id]).toBe(1);
    }
  });
});
