/**
 * The measure engine: sends freezes, renewals, releases and deductions that are already in the
 * outbox, each exactly once (docs/domain.md rule 7), and follows them to the agency's answer.
 *
 *   queued ──'sent' written, then on the wire──▶ sent ──poll by id…──▶ executed | rejected
 *     ▲  │                                        │
 *     │  └─ never left (network down, 429, 503) ◀─┤ (back to queued: it waits in the outbox)
 *     │                                           │
 *     │            timeout, reset, lost answer,   ▼
 *     │            garbage, killed before answer  unknown ──GET status, SAME id──▶ found: poll
 *     └──────────── 404: never received ◀─────────┘   (then submitted again: same id, same bytes)
 *
 * The rules it keeps:
 * - a measure is never sent under a new id; an unknown outcome is resolved only by asking about
 *   the id it has. A 404 (never received) is the one case in which the same body goes out again;
 * - 'sent' is written before the bytes go on the wire, so after a crash a measure that may have
 *   reached the agency is asked about, never blindly re-sent (resume);
 * - the body is rebuilt byte for byte from the stored measure; when the store keeps the digest of
 *   the first body, a re-send that would differ is stopped here rather than refused with 409;
 * - a 409 is a fault of this program: it is logged as an error and the outcome is asked by id,
 *   never "fixed" by sending again;
 * - after stop() nothing is written: a stopped engine leaves every measure as stored for resume;
 * - where the store may be shared by two processes, a measure is worked on by the one engine that
 *   holds its lease (MeasureStore.claimMeasure), renewed while it works and checked before every
 *   write and every submit; one it cannot take is left to the holder and taken up once the
 *   holder's lease runs out (its process died).
 *
 * Answers come by asking about each id (the ground truth) and, where the gateway offers one, from
 * its feedback feed (GET /gw/v1/feedback), which may deliver an answer twice or out of order: an
 * outcome is applied once, keyed by the measure's id, and order is never inferred from arrival.
 *
 * The exchanges run on the one exchange runner (exchange/runner.ts) with the measure policy
 * (measure-steps.ts); the frozen-balance re-query on a second runner with its policy
 * (balance-check.ts); leases in leases.ts, the feed in measure-feed.ts (over the
 * engines' one feed reader, feed-reader.ts). Per-channel gates
 * (concurrency, rate, circuit breaker) and health probing are shared with the query engine
 * (channel-base.ts); this file is the engine's face: what may be sent, what a restart takes up.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import { canonicalJson } from '../../../shared/canonical-json';
import type { ChannelId } from '../../../shared/domain/channels';
import type { Measure, MeasureState } from '../../../shared/domain/measures';
import type { NetworkStatus } from '../../../shared/domain/types';
import { ADAPTERS } from '../adapters';
import { fullJitter } from '../backoff';
import { ChannelBase, type ChannelBaseTuning, type WaitTuning } from '../channel-base';
import type { GatewayClient } from '../gateway-client';
import { GatewayUnreachable } from '../gateway-errors';
import type { SubmitBody } from '../gateway-wire';
import { Stopped } from '../lifetime';
import type { Phase } from '../exchange/outline';
import { ExchangeRunner } from '../exchange/runner';
import { FINAL_MEASURE_STATES, type MeasureStore } from '../measure-store';
import type { ChannelLimits, EngineLog, GatewayConfig } from '../types';
import { balanceCheckSteps, runBalanceCheck, type BalanceCheckJob } from './balance-check';
import { MeasureLeases } from './leases';
import { bodyText, buildFrozenBalanceBody, buildMeasureBody, sha256Of, type MeasureContext } from './measure-body';
import { failureFor, MeasureFailure } from './measure-errors';
import type { FrozenBalance } from './measure-feedback';
import type { FeedReader } from '../feed-reader';
import { measureFeed } from './measure-feed';
import { MeasureSteps, SENDABLE, type MeasureJob } from './measure-steps';

/** The engine's knobs: the channels' gates and probing, the waits (channel-base.ts), and the measure policy's own. */
export interface MeasureEngineTuning extends ChannelBaseTuning, WaitTuning {
  /** unreadable answers about one measure before it is left for a follow-up */
  garbageRetries: number;
  /** consecutive calls without an answer while asking about a measure before it is left for a follow-up */
  statusFailures: number;
  /** times an accepted measure may be found forgotten by the gateway (404 while polling) */
  forgottenRetries: number;
  /** the frozen-balance re-query gives up after this long */
  frozenBalanceTimeoutMs: number;
  /** how often the feedback feed is read while measures are open; 0 = ask about each id only */
  feedIntervalMs: number;
  /** answers per feed page */
  feedPageSize: number;
  /**
   * How long a measure's lease lasts without renewal; renewed every third of it while worked on.
   * After a crash, another engine takes the dead one's measures up once their leases run out.
   */
  claimLeaseMs: number;
}

export const DEFAULT_MEASURE_TUNING: MeasureEngineTuning = {
  breakerThreshold: 5,
  breakerCooldownMs: 10_000,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  pollFactor: 1.5,
  pollMaxIntervalMs: 300_000,
  garbageRetries: 20,
  statusFailures: 30,
  forgottenRetries: 5,
  probeBaseMs: 1_000,
  probeMaxMs: 60_000,
  probeTimeoutMs: 5_000,
  frozenBalanceTimeoutMs: 60_000,
  feedIntervalMs: 2_000,
  feedPageSize: 200,
  claimLeaseMs: 30_000,
};

export interface MeasureEvents {
  /** every state change (and every outcome or error written), as stored */
  measure(m: Measure): void;
  network?(s: NetworkStatus): void;
}

export interface MeasureEngineOptions {
  gateway: GatewayConfig;
  store: MeasureStore;
  events: MeasureEvents;
  /** a ready client (tests); by default one is made from `gateway` */
  client?: GatewayClient;
  /** where per-channel limits come from; the shipped adapters by default */
  adapters?: Record<ChannelId, { limits: ChannelLimits }>;
  now?: () => Date;
  random?: () => number;
  log?: EngineLog;
  tuning?: Partial<MeasureEngineTuning>;
}

export type MeasureResolver = (m: Measure) => MeasureContext | undefined;

/** What the engine did, counted (for the outbox view, benchmarks and fault tests). */
export interface MeasureEngineCounters {
  /** measures started by send() */
  sent: number;
  /** measures picked up by resume() */
  resumed: number;
  /** send() of a measure already being worked on, or already concluded: nothing done */
  duplicateSends: number;
  /** submits that went out again under the same id after a 404 */
  resubmits: number;
  /** outcomes that became unknown (timeout, reset, lost or unreadable answer, restart) */
  unknownOutcomes: number;
  /** 409 answers: a fault surfaced, never a reason to send again */
  conflicts: number;
  /** measures left in the outbox for a follow-up after the engine's limits */
  followUps: number;
  executed: number;
  rejected: number;
  /** outcomes taken from the feed before a poll found them */
  feedApplied: number;
  /** feed answers about a measure already concluded here (delivered twice), or not open here */
  feedIgnored: number;
  /** send() or resume() of a measure another engine holds: left to it until its lease runs out */
  heldElsewhere: number;
}

export interface MeasureEngine {
  /**
   * Sends a measure the caller has already written to the outbox ('queued', documents attached).
   * A 'sent' or 'unknown' measure is asked about first. Returns the measure as stored; throws
   * AppFailure when it is not in the store or cannot be sent as it is (VALIDATION).
   */
  send(m: Measure, ctx: MeasureContext): Measure;
  /** After a restart: 'queued' → send; 'sent'/'unknown' → ask by id first. Returns how many were picked up. */
  resume(resolve: MeasureResolver): number;
  /** The frozen-balance re-query before a deduction (docs/domain.md rule 6): a new query id each time. Throws MeasureFailure. */
  frozenBalance(freeze: Measure, ctx: MeasureContext): Promise<FrozenBalance>;
  checkNetwork(): Promise<NetworkStatus>;
  networkStatus(): NetworkStatus;
  counters(): MeasureEngineCounters;
  /** resolves when no measure is being worked on and no re-query is running */
  idle(): Promise<void>;
  /** cancels timers and calls at once; writes nothing more: measures keep their stored state */
  stop(): Promise<void>;
  readonly client: GatewayClient;
}


const FINAL: ReadonlySet<MeasureState> = new Set(FINAL_MEASURE_STATES);
const noop: EngineLog = () => {};

/** What decides a measure: a second send under its id must be the same decision. */
const DECISION_KEYS = ['caseId', 'partyId', 'channel', 'kind', 'assetIdentifier', 'amount', 'endsOn', 'freezeId', 'courtAccount'] as const;

type Prepared = { m: Measure; body: SubmitBody; first: Phase };

class Engine implements MeasureEngine {
  readonly client: GatewayClient;
  private readonly tuning: MeasureEngineTuning;
  private readonly now: () => Date;
  private readonly log: EngineLog;
  private readonly base: ChannelBase;
  private readonly adapters: Record<ChannelId, { limits: ChannelLimits }>;
  private readonly count: MeasureEngineCounters = {
    sent: 0, resumed: 0, duplicateSends: 0, resubmits: 0, unknownOutcomes: 0, conflicts: 0, followUps: 0, executed: 0, rejected: 0,
    feedApplied: 0, feedIgnored: 0, heldElsewhere: 0,
  };
  private readonly leases: MeasureLeases;
  private readonly feed: FeedReader;
  private readonly measures: ExchangeRunner<MeasureJob>;
  private readonly checks: ExchangeRunner<BalanceCheckJob>;

  constructor(private readonly o: MeasureEngineOptions) {
    const tuning = (this.tuning = { ...DEFAULT_MEASURE_TUNING, ...o.tuning });
    const now = (this.now = o.now ?? (() => new Date()));
    const log = (this.log = o.log ?? noop);
    const random = o.random ?? Math.random;
    const adapters = (this.adapters = o.adapters ?? ADAPTERS);
    const base = (this.base = new ChannelBase({
      gateway: o.gateway, ...(o.client ? { client: o.client } : {}), limitsOf: (c) => adapters[c]?.limits, tuning,
      now, random, log, onNetwork: (s) => o.events.network?.(s),
    }));
    this.client = base.client;
    const store = o.store;
    this.leases = new MeasureLeases({
      store, claimLeaseMs: tuning.claimLeaseMs, life: base.life, now, log,
      leftElsewhere: () => (this.count.heldElsewhere += 1),
      busy: (id) => this.measures.busy(id),
      working: () => this.measures.working,
      takeUp: (m, ctx) => {
        const p = this.prepare(m, ctx);
        if (p) this.start(p, ctx);
      },
      settle: () => this.measures.settle(),
    });
    const steps = new MeasureSteps({ base, store, events: o.events, tuning, counters: this.count, leases: this.leases, now, random, log });
    this.measures = new ExchangeRunner(base.life, steps, {
      busy: () => this.leases.waiting > 0,
      started: () => {
        this.leases.keep();
        this.feed.read();
      },
      ended: (job) => {
        // nothing is written after stop; the leases of a stopped engine are let go in stop()
        if (!base.life.stopped) this.leases.release(job.id);
      },
    });
    this.feed = measureFeed({
      base, store, tuning, log, counters: this.count, working: () => this.measures.working,
      jobOf: (id) => this.measures.job(id), consume: (job, s) => steps.consume(job, s),
    });
    const backoff = (n: number) => fullJitter(Math.min(n, 30), { baseMs: tuning.retryBaseMs, maxMs: tuning.retryMaxMs }, random);
    this.checks = new ExchangeRunner(base.life, balanceCheckSteps({
      client: base.client, network: base.network, life: base.life, log, random, mono: base.mono, backoff, tuning,
    }));
  }

  send(given: Measure, ctx: MeasureContext): Measure {
    this.assertRunning();
    if (this.waiting(given.id)) {
      this.count.duplicateSends += 1;
      this.log('debug', 'measure already being sent; nothing more done', { measureId: given.id });
      return this.o.store.getMeasure(given.id)!;
    }
    const p = this.prepare(given, ctx);
    if (!p) {
      this.count.duplicateSends += 1;
      this.log('debug', 'measure already concluded; nothing sent', { measureId: given.id });
      return this.o.store.getMeasure(given.id)!;
    }
    if (!this.leases.claim(p.m.id)) {
      this.leases.leaveToHolder(p.m, ctx);
      return p.m;
    }
    this.count.sent += 1;
    this.start(p, ctx);
    return p.m;
  }

  resume(resolve: MeasureResolver): number {
    this.assertRunning();
    let n = 0;
    for (const m of this.o.store.listOutbox()) {
      if (this.waiting(m.id)) continue;
      let ctx: MeasureContext | undefined;
      let p: Prepared | undefined;
      try {
        ctx = resolve(m);
        if (!ctx) throw new AppFailure('NOT_FOUND');
        p = this.prepare(m, ctx);
      } catch (e) {
        this.log('warn', 'measure left in the outbox: its case, party or documents are not available', {
          measureId: m.id, channel: m.channel, state: m.state, code: e instanceof AppFailure ? e.error.code : 'INTERNAL',
        });
        continue;
      }
      if (!p) continue;
      if (!this.leases.claim(p.m.id)) {
        this.leases.leaveToHolder(p.m, ctx);
        continue;
      }
      this.start(p, ctx);
      n += 1;
    }
    this.count.resumed += n;
    if (n) this.log('info', 'resumed measures from the outbox', { count: n });
    return n;
  }

  async frozenBalance(freeze: Measure, ctx: MeasureContext): Promise<FrozenBalance> {
    this.assertRunning();
    try {
      return await this.requery(freeze, ctx);
    } catch (e) {
      if (e instanceof Stopped || (this.base.life.stopped && !(e instanceof AppFailure))) {
        throw new MeasureFailure('INTERNAL', { zh: '措施发送引擎已停止，复查未完成', en: 'the measure engine stopped; the re-query did not finish' });
      }
      throw e;
    }
  }

  checkNetwork(): Promise<NetworkStatus> {
    return this.base.network.check();
  }

  networkStatus(): NetworkStatus {
    return this.base.network.status();
  }

  counters(): MeasureEngineCounters {
    return { ...this.count };
  }

  async idle(): Promise<void> {
    while (!this.measures.isIdle() || !this.checks.isIdle()) await Promise.all([this.measures.idle(), this.checks.idle()]);
  }

  async stop(): Promise<void> {
    this.base.stop();
    this.leases.stop();
    await Promise.all([this.measures.stop(), this.checks.stop()]);
    this.base.close();
  }

  private start(p: Prepared, ctx: MeasureContext): void {
    const { m, body, first } = p;
    this.measures.start(m.id, () => {
      const text = bodyText(body);
      return {
        id: m.id, channel: m.channel, ctx, lane: this.base.lane(m.channel), limits: this.adapters[m.channel]!.limits, m, body, text, digest: sha256Of(text),
        polls: 0, failures: 0, garbage: 0, forgotten: 0, resubmits: 0, uncertain: first !== 'submit', refused: undefined, conflict: false,
        last: undefined, pollNow: false, done: false, wake: undefined, leaseUntil: 0,
      };
    }, first);
  }

  private waiting(id: string): boolean {
    return this.measures.busy(id) || this.leases.has(id);
  }

  private assertRunning(): void {
    if (this.base.life.stopped) throw new AppFailure('INTERNAL', { zh: '措施发送引擎已停止', en: 'the measure engine has stopped' });
  }

  /** Checks and builds; undefined when there is nothing to do. Throws AppFailure. */
  private prepare(given: Measure, ctx: MeasureContext): Prepared | undefined {
    const m = this.o.store.getMeasure(given.id);
    if (!m) {
      throw new AppFailure('NOT_FOUND', { zh: '措施尚未写入待发队列，不能发送', en: 'the measure is not in the outbox; it is written there before it is sent' });
    }
    for (const k of DECISION_KEYS) {
      if (canonicalJson(given[k] ?? null) !== canonicalJson(m[k] ?? null)) {
        throw new AppFailure('VALIDATION', { zh: '同一编号下的措施内容与已登记的不一致', en: 'the measure differs from the one stored under its id' }, k);
      }
    }
    if (FINAL.has(m.state)) return undefined;
    if (!SENDABLE.has(m.state)) {
      throw new AppFailure('VALIDATION', { zh: '措施尚未决定或尚待审批，不能发送', en: 'the measure is not decided or still awaits approval' }, 'state');
    }
    return { m, body: buildMeasureBody(m, ctx), first: m.state === 'queued' ? 'submit' : 'resolve' };
  }

  /** The frozen-balance re-query before a deduction (docs/domain.md rule 6): a new query id each time. */
  private async requery(freeze: Measure, ctx: MeasureContext): Promise<FrozenBalance> {
    const stored = this.o.store.getMeasure(freeze.id) ?? freeze;
    if (stored.kind !== 'freeze') throw new AppFailure('VALIDATION', { zh: '只能复查冻结措施的余额', en: 'only a freeze has a frozen balance' }, 'kind');
    if (stored.state !== 'executed') {
      throw new AppFailure('VALIDATION', { zh: '该冻结尚未经协助执行单位确认', en: 'the freeze has not been confirmed by the agency' }, 'state');
    }
    const id = randomUUID();
    const body = buildFrozenBalanceBody(id, stored, ctx, this.now().toISOString());
    if (!this.base.network.online) throw failureFor(new GatewayUnreachable('OFFLINE'), '冻结余额复查');
    return runBalanceCheck(this.checks, this.base.life, {
      id, freezeId: stored.id, channel: stored.channel, body, lane: this.base.lane(stored.channel), limits: this.adapters[stored.channel]!.limits,
      officerCode: ctx.officer.code, deadline: this.base.mono() + this.tuning.frozenBalanceTimeoutMs,
    });
  }
}

export function createMeasureEngine(o: MeasureEngineOptions): MeasureEngine {
  return new Engine(o);
}

export type { MeasureContext, WireCourtAccount } from './measure-body';
export type { FrozenBalance } from './measure-feedback';
export { MeasureFailure } from './measure-errors';
