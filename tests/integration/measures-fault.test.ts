/**
 * Exactly once under faults (DOMAIN rule 7), randomized and seeded: at least 1,000 runs of
 * freezes and deductions (some with a renewal and a part release, some a second case's freeze on an
 * account already frozen) against the sandbox network with timeouts, answers lost after execution,
 * busy gateways, unreadable answers, feedback held back (out of order) and delivered twice, stale
 * and misdelivered status answers, and the process killed at named points:
 *
 *   before-send          the outbox holds the measure; the 'sent' write never lands
 *   after-sent-write     'sent' is on disk; the bytes never leave
 *   after-submit-wire    the gateway has the request (executed); the answer never comes back
 *   before-outcome-write the agency's answer is in; 'executed'/'rejected' never lands
 *
 * A kill stops the engine abruptly (stop() not awaited) and cuts it off from the store and the
 * network, as a dead process is; a NEW engine is then built over the same store and resumes.
 *
 * Then, per sandbox: no measure reached the ledger twice, none was executed under an id the
 * program did not decide, none is left in the outbox (queued, sent or unknown), every refusal has
 * its reason, the ledger's money is conserved and the court account holds exactly the executed
 * deductions. The seed is printed; CK_FAULT_SEED=<seed> reproduces the decisions and fault draws.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Measure } from '../../shared/domain/measures';
import { startSandbox, type Knobs, type SandboxHandle } from '../../electron/sandbox';
import { ADAPTERS } from '../../electron/engine/adapters';
import { createGatewayClient, type GatewayAnswer, type GatewayClient } from '../../electron/engine/gateway-client';
import type { StatusAnswer } from '../../electron/engine/gateway-wire';
import type { MeasureStore } from '../../electron/engine/measure-store';
import type { MeasureContext } from '../../electron/engine/measures/measure-body';
import { createMeasureEngine, type MeasureEngine, type MeasureEngineCounters, type FrozenBalance } from '../../electron/engine/measures/measure-engine';
import { MemoryMeasureStore } from '../../electron/engine/measures/memory-measure-store';
import type { EngineLogLevel } from '../../electron/engine/types';
import { withLimits } from '../helpers/engine-kit';
import {
  admin, contextFor, courtAccountOf, Decider, endsOnIn, pickTargets, SECRET, SEED as POPULATION_SEED,
  type CourtAccountsView, type LedgerTotals, type Target,
} from './engine-measures-kit';

const SEED = Number(process.env.CK_FAULT_SEED ?? 20251127);
const RUNS = Math.max(1_000, Number(process.env.CK_FAULT_RUNS ?? 1_000));
const PER_BATCH = 100;

const KNOBS: Partial<Knobs> = {
  latencyScale: 0.01, timeoutRate: 0.04, hangMs: 250, lostAnswerRate: 0.08, errorRate: 0.03,
  duplicateRate: 0.2, outOfOrderRate: 0.05, garbageRate: 0.03,
};
const LIMITS = { pollIntervalMs: 5, timeoutMs: 120, maxPolls: 400, maxAttempts: 8, concurrency: 8, ratePerSecond: 2_000 };
const TUNING = {
  retryBaseMs: 5, retryMaxMs: 60, breakerCooldownMs: 20, breakerThreshold: 50, probeBaseMs: 10, probeMaxMs: 50, probeTimeoutMs: 500,
  feedIntervalMs: 15,
};

/** per measure, the chance of a kill at one of the named points */
const KILL_RATE = 0.03;
/** per status call: an earlier answer for the id again (stale, duplicate), or one about another id */
const STALE_RATE = 0.1;
const MISDELIVERED_RATE = 0.03;
const KILL_POINTS = ['before-send', 'after-sent-write', 'after-submit-wire', 'before-outcome-write'] as const;
type KillPoint = (typeof KILL_POINTS)[number];

/** a keyed draw in [0, 1): the same seed and key give the same number, whatever the timing */
function draw(...key: Array<string | number>): number {
  const h = createHash('sha256').update(`${SEED}\u0001${key.join('\u0001')}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** ids that look like UUIDs, made from the seed: the sandbox's fault draws are keyed by them */
function seededId(...key: Array<string | number>): string {
  const h = createHash('sha256').update(`${SEED}\u0002${key.join('\u0002')}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class ProcessGone extends Error {
  constructor() {
    super('the process is gone');
    this.name = 'ProcessGone';
  }
}

interface Tally {
  runs: number;
  measures: number;
  executed: number;
  rejected: number;
  lostAnswers: number;
  timeouts: number;
  busy: number;
  garbage: number;
  outOfOrder: number;
  duplicateFeedback: number;
  staleAnswers: number;
  misdelivered: number;
  kills: number;
  killsAt: Record<KillPoint, number>;
  resumed: number;
  duplicateSends: number;
  duplicateInserts: number;
  gatewayDuplicates: number;
  unknownOutcomes: number;
  resubmits: number;
  feedApplied: number;
  feedIgnored: number;
  requeries: number;
  requeriesAnswered: number;
  deducted: number;
}

const tally: Tally = {
  runs: 0, measures: 0, executed: 0, rejected: 0, lostAnswers: 0, timeouts: 0, busy: 0, garbage: 0, outOfOrder: 0, duplicateFeedback: 0,
  staleAnswers: 0, misdelivered: 0, kills: 0, killsAt: { 'before-send': 0, 'after-sent-write': 0, 'after-submit-wire': 0, 'before-outcome-write': 0 },
  resumed: 0, duplicateSends: 0, duplicateInserts: 0, gatewayDuplicates: 0, unknownOutcomes: 0, resubmits: 0, feedApplied: 0, feedIgnored: 0, requeries: 0, requeriesAnswered: 0, deducted: 0,
};

function addCounters(c: MeasureEngineCounters): void {
  tally.resumed += c.resumed;
  tally.duplicateSends += c.duplicateSends;
  tally.unknownOutcomes += c.unknownOutcomes;
  tally.resubmits += c.resubmits;
  tally.feedApplied += c.feedApplied;
  tally.feedIgnored += c.feedIgnored;
}

/**
 * One batch: one sandbox, one store (the disk), and a succession of processes, each an engine
 * over the disk that a kill cuts off and a resume replaces.
 */
class Batch {
  readonly disk = new MemoryMeasureStore();
  readonly decide: Decider;
  readonly contexts = new Map<string, MeasureContext>();
  readonly requeryIds = new Set<string>();
  readonly errors: string[] = [];
  readonly logText: string[] = [];
  private proc!: Process;
  private readonly procs: Process[] = [];
  private readonly kills = new Map<string, KillPoint>();
  private restarting: Promise<void> | undefined;
  private generation = 0;

  constructor(readonly sb: SandboxHandle, readonly batch: number) {
    this.decide = new Decider(this.disk, (() => {
      let n = 0;
      return () => seededId(batch, 'measure', n++);
    })(), sb);
    this.proc = this.spawn();
  }

  /** the kill point planned for a measure, if any (used once) */
  killFor(id: string, at: KillPoint): boolean {
    if (this.kills.get(id) !== at) return false;
    this.kills.delete(id);
    return true;
  }

  plan(m: Measure): void {
    if (draw('kill', m.id) < KILL_RATE) this.kills.set(m.id, KILL_POINTS[Math.floor(draw('killAt', m.id) * KILL_POINTS.length)]!);
  }

  private spawn(): Process {
    const p = new Process(this, this.generation++);
    this.procs.push(p);
    return p;
  }

  /** The process dies at `at`: no more writes, no more calls; a new one resumes shortly after. */
  kill(p: Process, at: KillPoint): void {
    if (!p.alive || p !== this.proc) return;
    p.alive = false;
    void p.engine.stop();
    tally.kills += 1;
    tally.killsAt[at] += 1;
    this.restarting = (async () => {
      await new Promise((r) => setTimeout(r, 2 + Math.floor(draw('restart', this.batch, p.generation) * 20)));
      this.proc = this.spawn();
      this.proc.engine.resume((m) => this.contexts.get(m.id));
      this.restarting = undefined;
    })();
  }

  /** what the services do after the outbox write: hand the measure to the engine running now */
  send(m: Measure, ctx: MeasureContext): void {
    this.contexts.set(m.id, ctx);
    this.plan(m);
    const p = this.proc;
    try {
      p.engine.send(m, ctx);
      // a judge's double click: the engine does nothing more
      if (draw('double', m.id) < 0.1) p.engine.send(m, ctx);
    } catch (e) {
      // a dead process's engine refuses; the measure is in the outbox and the next process resumes it
      if (p.alive) throw e;
    }
  }

  async frozenBalance(f: Measure, ctx: MeasureContext): Promise<FrozenBalance | undefined> {
    for (let i = 0; i < 10; i++) {
      await this.restarting;
      const p = this.proc;
      try {
        tally.requeries += 1;
        const b = await p.engine.frozenBalance(f, ctx);
        tally.requeriesAnswered += 1;
        return b;
      } catch (e) {
        const code = (e as { error?: { code?: string } }).error?.code;
        if (code === 'AGENCY_REJECTED') return undefined;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    return undefined;
  }

  async settle(): Promise<void> {
    for (;;) {
      await this.restarting;
      const p = this.proc;
      await p.engine.idle();
      if (p === this.proc && p.alive && !this.restarting) return;
    }
  }

  async close(): Promise<void> {
    for (const p of this.procs) {
      await p.engine.stop();
      p.client.close();
      addCounters(p.engine.counters());
    }
  }
}

class Process {
  alive = true;
  readonly engine: MeasureEngine;
  readonly client: GatewayClient;
  private readonly history = new Map<string, Array<GatewayAnswer<StatusAnswer>>>();
  private readonly calls = new Map<string, number>();

  constructor(private readonly b: Batch, readonly generation: number) {
    const sb = b.sb;
    this.client = createGatewayClient({ url: sb.url, stationId: sb.stationId, stationSecret: SECRET });
    this.engine = createMeasureEngine({
      gateway: { url: sb.url, network: 'sandbox', stationId: sb.stationId, stationSecret: SECRET },
      store: this.store(), client: this.wire(), events: { measure: () => {} },
      adapters: withLimits(ADAPTERS, LIMITS), tuning: TUNING,
      log: (level: EngineLogLevel, msg, fields) => {
        if (level === 'error') b.errors.push(`${msg} ${JSON.stringify(fields)}`);
        if (level !== 'debug') b.logText.push(msg, JSON.stringify(fields ?? {}));
      },
    });
  }

  /** the disk as this process sees it: nothing lands once it is dead; kill points on the way */
  private store(): MeasureStore {
    const disk = this.b.disk;
    const gone = () => {
      if (!this.alive) throw new ProcessGone();
    };
    return {
      insertMeasure: (m) => {
        gone();
        disk.insertMeasure(m);
      },
      updateMeasure: (id, patch) => {
        gone();
        if (patch.state === 'sent' && this.b.killFor(id, 'before-send')) {
          this.b.kill(this, 'before-send');
          throw new ProcessGone();
        }
        if ((patch.state === 'executed' || patch.state === 'rejected') && this.b.killFor(id, 'before-outcome-write')) {
          this.b.kill(this, 'before-outcome-write');
          throw new ProcessGone();
        }
        const m = disk.updateMeasure(id, patch);
        if (patch.state === 'sent' && this.b.killFor(id, 'after-sent-write')) this.b.kill(this, 'after-sent-write');
        return m;
      },
      getMeasure: (id) => disk.getMeasure(id),
      listOutbox: () => disk.listOutbox(),
      feedCursor: () => disk.feedCursor(),
      saveFeedCursor: (c) => {
        gone();
        disk.saveFeedCursor(c);
      },
      recordMeasureExchange: (e) => {
        gone();
        disk.recordMeasureExchange(e);
      },
      bodyDigestOf: (id) => disk.bodyDigestOf(id),
    };
  }

  /** the network as this process sees it: cut when dead; stale, duplicated and misdelivered answers */
  private wire(): GatewayClient {
    const real = this.client;
    const gone = () => {
      if (!this.alive) throw new ProcessGone();
    };
    return {
      url: real.url,
      close: () => real.close(),
      health: (o) => {
        gone();
        return real.health(o);
      },
      officers: (c, o) => real.officers(c, o),
      courtAccounts: (c, o) => real.courtAccounts(c, o),
      enrol: (e, o) => real.enrol(e, o),
      officer: (c, o) => real.officer(c, o),
      courtCases: (c, off, l, o) => real.courtCases(c, off, l, o),
      courtCase: (n, o) => real.courtCase(n, o),
      offerApproval: (b, o) => real.offerApproval(b, o),
      approvals: (o) => real.approvals(o),
      approval: (id, o) => real.approval(id, o),
      decideApproval: (id, d, o) => real.decideApproval(id, d, o),
      feedback: (after, limit, o) => {
        gone();
        return real.feedback!(after, limit, o);
      },
      submit: async (body, o) => {
        gone();
        // every frozen-balance query id is known; a measure goes only under an id in the outbox
        if (body.kind === 'query') this.b.requeryIds.add(body.clientRequestId);
        else if (!this.b.disk.getMeasure(body.clientRequestId)) this.b.errors.push(`submit under an id not in the outbox: ${body.clientRequestId}`);
        const res = await real.submit(body, o);
        if (this.b.killFor(body.clientRequestId, 'after-submit-wire')) {
          this.b.kill(this, 'after-submit-wire');
          throw new ProcessGone();
        }
        return res;
      },
      status: async (id, o) => {
        gone();
        const n = (this.calls.get(id) ?? 0) + 1;
        this.calls.set(id, n);
        const seen = this.history.get(id) ?? [];
        const u = draw('status', this.generation, id, n);
        if (seen.length > 0 && u < STALE_RATE) {
          tally.staleAnswers += 1;
          return seen[Math.floor(draw('stalePick', this.generation, id, n) * seen.length)]!;
        }
        if (u < STALE_RATE + MISDELIVERED_RATE) {
          const other = [...this.history.values()].find((h) => h.length > 0 && h[0]!.value.clientRequestId !== id);
          if (other) {
            tally.misdelivered += 1;
            return other[other.length - 1]!;
          }
        }
        const a = await real.status(id, o);
        seen.push(a);
        this.history.set(id, seen);
        return a;
      },
    };
  }
}

interface Run {
  n: number;
  target: Target;
  caseNumber: string;
  variant: 'freeze-deduct' | 'renew-release-deduct' | 'second-case';
}

/** One run: decide a freeze, follow it, re-query, deduct; as a judge would, through the outbox. */
async function drive(b: Batch, r: Run): Promise<void> {
  const t = r.target;
  const ctx = contextFor(t, r.caseNumber);
  const final = (id: string) => b.disk.until(id, (m) => m.state === 'executed' || m.state === 'rejected', 45_000);
  const u = (what: string) => draw('run', b.batch, r.n, what);
  const decideAndSend = (m: Measure): Promise<Measure> => {
    tally.measures += 1;
    if (u(`reinsert-${m.kind}`) < 0.05) {
      // the same decision written twice: the outbox refuses the second
      try {
        b.disk.insertMeasure(m);
      } catch {
        tally.duplicateInserts += 1;
      }
    }
    b.send(m, ctx);
    return final(m.id);
  };

  const ask = Math.max(1_000, Math.floor(t.balance * (0.2 + u('amount') * 1.0)));
  const fz = await decideAndSend(b.decide.freeze(t, r.caseNumber, ask, endsOnIn(30 + Math.floor(u('ends') * 300))));
  if (fz.state !== 'executed' || (fz.outcome?.queuePosition ?? 0) > 0 || !fz.outcome?.frozenAmount) return;
  if (r.variant === 'renew-release-deduct') {
    await decideAndSend(b.decide.renew(t, fz, endsOnIn(340 + Math.floor(u('renew') * 20))));
    const part = Math.max(1, Math.floor(fz.outcome.frozenAmount * 0.1));
    await decideAndSend(b.decide.unfreeze(t, fz, part));
  }
  const now = await b.frozenBalance(fz, ctx);
  if (!now || now.freezeStatus !== 'in_force' || !now.frozenAmount) return;
  // now and then more than the freeze holds: the agency refuses with INSUFFICIENT_FROZEN
  const amount = u('greedy') < 0.05 ? now.frozenAmount + 1 : Math.max(1, Math.floor(now.frozenAmount * (0.3 + u('take') * 0.7)));
  await decideAndSend(b.decide.deduct(t, fz, amount, courtAccountOf(b.sb)));
}

async function runBatch(batch: number, runs: number, targets: Target[], docketNumbers: string[]): Promise<void> {
  const sb = await startSandbox({ seed: POPULATION_SEED, stationSecret: SECRET, knobs: KNOBS });
  const b = new Batch(sb, batch);
  try {
    const before = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    const courtBefore = (await admin<CourtAccountsView>(sb, '/sandbox/v1/court-account?court=黔0103')).accounts[0]!.balance;
    const plans: Run[] = [];
    const offset = Math.floor(draw('offset', batch) * targets.length);
    for (let i = 0; i < runs; i++) {
      const v = draw('variant', batch, i);
      const variant: Run['variant'] = v < 0.7 ? 'freeze-deduct' : v < 0.85 ? 'renew-release-deduct' : 'second-case';
      // a second case's freeze lands on an account another run of this batch freezes too
      const target = variant === 'second-case' ? targets[(offset + Math.floor(draw('shared', batch, i) * i)) % targets.length]! : targets[(offset + i) % targets.length]!;
      const caseNumber = variant === 'second-case' ? docketNumbers.find((c) => c !== target.case.number)! : target.case.number;
      plans.push({ n: i, target, caseNumber, variant });
    }
    const results = await Promise.allSettled(plans.map((r) => drive(b, r)));
    const failed = results.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed) throw failed.reason;
    await b.settle();
    tally.runs += runs;

    // ---- the invariants ----
    const all = b.disk.all();
    const ids = new Set(all.map((m) => m.id));
    // zero lost: nothing left owing an outcome, every refusal with its reason
    expect(b.disk.listOutbox().map((m) => `${m.kind} ${m.id} ${m.state}`), `batch ${batch}: left in the outbox`).toEqual([]);
    for (const m of all) {
      expect(['executed', 'rejected'], `batch ${batch}: ${m.kind} ${m.id}`).toContain(m.state);
      if (m.state === 'rejected') expect(m.outcome?.rejection?.code ?? m.error?.code, `${m.id} reason`).toBeTruthy();
    }
    // zero double measures: each id reached the ledger at most once; executed ones exactly once;
    // nothing was executed under an id the program did not decide (no new ids, no re-decisions)
    const st = sb.stats();
    for (const [id, n] of Object.entries(st.executions)) {
      expect(n, `batch ${batch}: executions of ${id}`).toBeLessThanOrEqual(1);
      if (!ids.has(id)) expect(b.requeryIds.has(id), `batch ${batch}: executed id ${id} not decided`).toBe(true);
    }
    for (const m of all) if (m.state === 'executed') expect(st.executions[m.id], `batch ${batch}: ${m.kind} ${m.id} executed`).toBe(1);
    expect(st.totals.conflicts, `batch ${batch}: idempotency conflicts`).toBe(0);
    // money: conserved, and the court account holds exactly the executed deductions, each once
    const deducted = all.filter((m) => m.kind === 'deduct' && m.state === 'executed').reduce((s, m) => s + m.outcome!.deductedAmount!, 0);
    const after = await admin<LedgerTotals>(sb, '/sandbox/v1/ledger-totals');
    expect(after.conserved, `batch ${batch}: money conserved`).toBe(true);
    expect(after.initialTotal).toBe(before.initialTotal);
    expect(after.debtorsTotal + after.courtTotal).toBe(before.initialTotal);
    const court = (await admin<CourtAccountsView>(sb, '/sandbox/v1/court-account?court=黔0103')).accounts[0]!;
    expect(court.balance - courtBefore, `batch ${batch}: court account`).toBe(deducted);
    expect(after.courtTotal - before.courtTotal).toBe(deducted);
    const receipts = new Map<string, number>();
    for (const r of court.receipts) receipts.set(r.requestId, (receipts.get(r.requestId) ?? 0) + 1);
    for (const m of all.filter((x) => x.kind === 'deduct')) expect(receipts.get(m.id) ?? 0, `receipts of ${m.id}`).toBe(m.state === 'executed' ? 1 : 0);
    // the program's own errors (a 409, a body that changed, a fault inside the engine): none
    expect(b.errors, `batch ${batch}: engine errors`).toEqual([]);
    // logs carry ids, channels, codes and counts only
    const text = b.logText.join('\n');
    for (const t of new Set(plans.map((p) => p.target))) {
      for (const s of [t.debtor.name, t.debtor.idNumber, t.accountNo]) expect(text.includes(s), `batch ${batch}: personal data in the log`).toBe(false);
    }

    tally.executed += all.filter((m) => m.state === 'executed').length;
    tally.rejected += all.filter((m) => m.state === 'rejected').length;
    tally.deducted += deducted;
    tally.lostAnswers += st.totals.faults.lostAnswer;
    tally.timeouts += st.totals.faults.timeout;
    tally.busy += st.totals.faults.error;
    tally.garbage += st.totals.faults.garbage;
    tally.outOfOrder += st.totals.faults.outOfOrder;
    tally.duplicateFeedback += st.totals.faults.duplicate;
    tally.gatewayDuplicates += st.totals.duplicates;
  } finally {
    await b.close();
    await sb.close();
  }
}

describe('measures under faults', () => {
  it(`${RUNS} seeded runs: no double measure, no lost measure, money conserved`, { timeout: 180_000 }, async () => {
    const t0 = performance.now();
    const probe = await startSandbox({ seed: POPULATION_SEED, stationSecret: SECRET });
    const targets = pickTargets(probe.population, 10_000);
    const docketNumbers = probe.population.docket.map((c) => c.number);
    await probe.close();
    expect(targets.length).toBeGreaterThanOrEqual(PER_BATCH);
    try {
      for (let batch = 0, left = RUNS; left > 0; batch++) {
        const n = Math.min(PER_BATCH, left);
        await runBatch(batch, n, targets, docketNumbers);
        left -= n;
      }
    } finally {
      const s = (performance.now() - t0) / 1000;
      console.log(
        `measures-fault seed=${SEED} runs=${tally.runs} measures=${tally.measures} executed=${tally.executed} rejected=${tally.rejected} `
        + `lostAnswers=${tally.lostAnswers} timeouts=${tally.timeouts} busy=${tally.busy} garbage=${tally.garbage} outOfOrder=${tally.outOfOrder} `
        + `duplicateFeedback=${tally.duplicateFeedback} staleAnswers=${tally.staleAnswers} misdelivered=${tally.misdelivered} `
        + `kills=${tally.kills} (${KILL_POINTS.map((k) => `${k}:${tally.killsAt[k]}`).join(' ')}) resumed=${tally.resumed} `
        + `duplicatesRefused=${tally.duplicateSends + tally.duplicateInserts} (sends:${tally.duplicateSends} inserts:${tally.duplicateInserts}) `
        + `gatewayDuplicates=${tally.gatewayDuplicates} unknownOutcomes=${tally.unknownOutcomes} resubmits=${tally.resubmits} `
        + `feedApplied=${tally.feedApplied} feedIgnored=${tally.feedIgnored} `
        + `requeries=${tally.requeriesAnswered}/${tally.requeries} deductedFen=${tally.deducted} seconds=${s.toFixed(1)}`,
      );
    }
    expect(tally.runs).toBeGreaterThanOrEqual(1_000);
    expect(tally.kills).toBeGreaterThan(0);
    expect(tally.lostAnswers).toBeGreaterThan(0);
    expect(tally.timeouts).toBeGreaterThan(0);
  });
});
