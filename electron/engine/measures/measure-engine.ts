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
 * The steps are the outline every exchange follows (exchange/outline.ts, docs/architecture.md §5):
 * this file is its measure policy, balance-check.ts the frozen-balance re-query's. Per-channel
 * gates (concurrency, rate, circuit breaker) and health probing are shared with the query engine
 * (channel-lane.ts, network-monitor.ts); delays use backoff with jitter (backoff.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/app-failure';
import { canonicalJson } from '../../../shared/canonical-json';
import { listenerGuard } from '../listener-guard';
import { createStartQueue } from '../start-queue';
import type { ChannelId } from '../../../shared/domain/channels';
import type { Measure, MeasureState } from '../../../shared/domain/measures';
import type { NetworkStatus } from '../../../shared/domain/types';
import { ADAPTERS } from '../adapters';
import { afterRetryAfter, fullJitter, pollDelay } from '../backoff';
import { ChannelLane } from '../channel-lane';
import { createGatewayClient, type GatewayClient } from '../gateway-client';
import {
  GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, isGatewayFailure, type GatewayFailure,
} from '../gateway-errors';
import { statusAnswerSchema, type SubmitBody } from '../gateway-wire';
import { Lifetime, Stopped } from '../lifetime';
import { runExchange, type ExchangeSteps, type Phase, type Status } from '../exchange/outline';
import { FINAL_MEASURE_STATES, OUTBOX_STATES, type MeasurePatch, type MeasureStore } from '../measure-store';
import { NetworkMonitor } from '../network-monitor';
import { requestError } from '../request-errors';
import type { ChannelLimits, EngineLog, GatewayConfig } from '../types';
import { runBalanceCheck, type BalanceCheckDeps } from './balance-check';
import { bodyText, buildFrozenBalanceBody, buildMeasureBody, sha256Of, type MeasureContext } from './measure-body';
import {
  bodyChangedError, conflictError, failureFor, followUpError, gatewayRefusalError, MeasureFailure, measureRejectionError,
} from './measure-errors';
import { FeedbackMismatch, verdictOf, type FrozenBalance } from './measure-feedback';

export interface MeasureEngineTuning {
  /** consecutive transient failures that open a channel's breaker */
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** first retry's backoff cap; doubles per retry (full jitter), up to retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /** poll interval growth per poll, and its ceiling */
  pollFactor: number;
  pollMaxIntervalMs: number;
  /** unreadable answers about one measure before it is left for a follow-up */
  garbageRetries: number;
  /** consecutive calls without an answer while asking about a measure before it is left for a follow-up */
  statusFailures: number;
  /** times an accepted measure may be found forgotten by the gateway (404 while polling) */
  forgottenRetries: number;
  /** health probing while the network is down */
  probeBaseMs: number;
  probeMaxMs: number;
  probeTimeoutMs: number;
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


/** The measure is no longer to be sent from here (cancelled, or concluded by another path). */
class Withdrawn extends Error {
  constructor(readonly state: MeasureState | 'absent' | 'held elsewhere') {
    super(`measure no longer to be sent (${state})`);
    this.name = 'Withdrawn';
  }
}

/** Another process sent it since this job last read it: its outcome is asked about, never sent again blindly. */
class SentElsewhere extends Error {
  constructor() {
    super('sent meanwhile by another process');
    this.name = 'SentElsewhere';
  }
}

/** The rebuilt body differs from the one first sent under the id. */
class BodyChanged extends Error {
  constructor() {
    super('the body differs from the one first sent');
    this.name = 'BodyChanged';
  }
}

interface Job {
  id: string;
  channel: ChannelId;
  ctx: MeasureContext;
  lane: ChannelLane;
  limits: ChannelLimits;
  /** the measure as last read or written */
  m: Measure;
  body: SubmitBody;
  text: string;
  digest: string;
  polls: number;
  /** consecutive calls without a definite answer */
  failures: number;
  garbage: number;
  forgotten: number;
  resubmits: number;
  /** some submit of this measure may have reached the gateway: a refusal proves nothing */
  uncertain: boolean;
  /** a definite refusal seen while uncertain: final once a 404 shows nothing is held */
  refused: GatewayHttpError | undefined;
  /** the gateway said 409: never submitted again */
  conflict: boolean;
  last: GatewayFailure | undefined;
  /** the submit answer already said answered/rejected: poll at once */
  pollNow: boolean;
  /** executed or rejected is written (by a poll or from the feed): nothing more is done */
  done: boolean;
  /** ends the job's current nap early (an answer came from the feed) */
  wake: (() => void) | undefined;
  /** until when (epoch ms) this engine's own last claim holds the measure's lease */
  leaseUntil: number;
}

/** a submit's answer, as the gateway client gives it */
type Submitted = Awaited<ReturnType<GatewayClient['submit']>>;

const SENDABLE: ReadonlySet<MeasureState> = new Set(OUTBOX_STATES);
const FINAL: ReadonlySet<MeasureState> = new Set(FINAL_MEASURE_STATES);
const noop: EngineLog = () => {};

/** What decides a measure: a second send under its id must be the same decision. */
const DECISION_KEYS = ['caseId', 'partyId', 'channel', 'kind', 'assetIdentifier', 'amount', 'endsOn', 'freezeId', 'courtAccount'] as const;

export function createMeasureEngine(o: MeasureEngineOptions): MeasureEngine {
  const tuning: MeasureEngineTuning = { ...DEFAULT_MEASURE_TUNING, ...o.tuning };
  const now = o.now ?? (() => new Date());
  const random = o.random ?? Math.random;
  const log = o.log ?? noop;
  const mono = () => performance.now();
  const store = o.store;
  const adapters = o.adapters ?? ADAPTERS;
  const life = new Lifetime();
  const client = o.client ?? createGatewayClient({ url: o.gateway.url, stationId: o.gateway.stationId, stationSecret: o.gateway.stationSecret, now });
  const counters: MeasureEngineCounters = {
    sent: 0, resumed: 0, duplicateSends: 0, resubmits: 0, unknownOutcomes: 0, conflicts: 0, followUps: 0, executed: 0, rejected: 0,
    feedApplied: 0, feedIgnored: 0, heldElsewhere: 0,
  };
  /** this engine, as the holder of measures' leases */
  const owner = randomUUID();

  const network = new NetworkMonitor({
    client, gateway: o.gateway, life, now, random, log,
    probe: { baseMs: tuning.probeBaseMs, maxMs: tuning.probeMaxMs, timeoutMs: tuning.probeTimeoutMs },
    emit: (s) => safely('network', () => o.events.network?.(s)),
  });

  const lanes = new Map<ChannelId, ChannelLane>();
  const laneFor = (channel: ChannelId): ChannelLane => {
    let l = lanes.get(channel);
    if (!l) {
      const limits = adapters[channel]?.limits;
      if (!limits) throw new Error(`no limits for channel ${channel}`);
      l = new ChannelLane(channel, limits, { threshold: tuning.breakerThreshold, cooldownMs: tuning.breakerCooldownMs }, mono, life, network, log);
      lanes.set(channel, l);
    }
    return l;
  };

  const active = new Map<string, Promise<void>>();
  const jobs = new Map<string, Job>();
  let requeries = 0;
  let idleWaiters: Array<() => void> = [];
  const queued = new Set<string>();
  const starts = createStartQueue<{ m: Measure; ctx: MeasureContext; body: SubmitBody; first: Phase }>((x) => {
    queued.delete(x.m.id);
    launch(x.m, x.ctx, x.body, x.first);
  }, () => life.stopped);

  // ---- store, events, evidence ----

  const safely = listenerGuard(log);

  /** Every write goes through here: none after stop (a stopped engine is a dead process). */
  function save(job: Job, patch: MeasurePatch): Measure {
    life.check();
    if (!holds(job)) throw new Withdrawn('held elsewhere');
    const m = store.updateMeasure(job.id, patch);
    job.m = m;
    safely('measure', () => o.events.measure(m));
    return m;
  }

  function setState(job: Job, state: MeasureState, extra: MeasurePatch = {}): void {
    if (job.m.state === state && Object.keys(extra).length === 0) return;
    if (state === 'unknown' && job.m.state !== 'unknown') counters.unknownOutcomes += 1;
    save(job, { state, ...extra });
  }

  // ---- leases (a store shared by two processes) ----

  /** Takes or renews this engine's lease on the measure; true when the store has no leases. */
  function claim(id: string, extraMs = 0, job?: Job): boolean {
    if (!store.claimMeasure) return true;
    const t = now().getTime();
    const until = t + tuning.claimLeaseMs + extraMs;
    if (!store.claimMeasure(id, owner, new Date(until).toISOString(), new Date(t).toISOString())) return false;
    if (job) job.leaseUntil = until;
    return true;
  }

  /**
   * Before a write: the lease this engine last took is still good for half its length (nobody
   * else can have taken it), or it is taken again now.
   */
  function holds(job: Job): boolean {
    if (!store.claimMeasure) return true;
    return now().getTime() < job.leaseUntil - tuning.claimLeaseMs / 2 || claim(job.id, 0, job);
  }

  /** Measures another engine holds, with what is needed to take them up when its lease runs out. */
  const elsewhere = new Map<string, MeasureContext>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function leaveToHolder(m: Measure, ctx: MeasureContext): void {
    counters.heldElsewhere += 1;
    elsewhere.set(m.id, ctx);
    log('debug', 'measure held by another process; left to it', { measureId: m.id, channel: m.channel });
    retryTimer ??= setTimeout(retryElsewhere, Math.max(1, Math.floor(tuning.claimLeaseMs / 2)));
  }

  function retryElsewhere(): void {
    retryTimer = undefined;
    if (life.stopped) return;
    for (const [id, ctx] of [...elsewhere]) {
      if (busy(id)) {
        elsewhere.delete(id);
        continue;
      }
      try {
        const m = store.getMeasure(id);
        if (!m || !SENDABLE.has(m.state)) {
          elsewhere.delete(id);
          continue;
        }
        if (!claim(id)) continue;
        elsewhere.delete(id);
        const p = prepare(m, ctx);
        if (p) start(p.m, ctx, p.body, p.first);
      } catch (e) {
        elsewhere.delete(id);
        log('warn', 'measure held elsewhere could not be taken up', { measureId: id, code: e instanceof AppFailure ? e.error.code : 'INTERNAL' });
      }
    }
    if (elsewhere.size > 0) retryTimer = setTimeout(retryElsewhere, Math.max(1, Math.floor(tuning.claimLeaseMs / 2)));
    settleIdle();
  }

  /** Renews every lease this engine holds while it works on measures. */
  function keepLeases(): void {
    if (!store.renewClaims || heartbeat || life.stopped) return;
    heartbeat = setInterval(() => {
      if (life.stopped || active.size === 0) {
        clearInterval(heartbeat);
        heartbeat = undefined;
        return;
      }
      try {
        store.renewClaims!(owner, new Date(now().getTime() + tuning.claimLeaseMs).toISOString());
      } catch (e) {
        log('warn', 'measure leases could not be renewed', { error: (e as Error)?.name ?? 'unknown' });
      }
    }, Math.max(1, Math.floor(tuning.claimLeaseMs / 3)));
  }

  function release(id?: string): void {
    try {
      store.releaseClaims?.(owner, id);
    } catch {
      /* the store is gone (a dead process): the lease runs out by itself */
    }
  }

  function record(job: Job, direction: 'sent' | 'received', text: string): void {
    if (!store.recordMeasureExchange) return;
    life.check();
    store.recordMeasureExchange({ measureId: job.id, direction, at: now().toISOString(), text });
  }

  // ---- endings ----

  function finishRefused(job: Job, e: GatewayHttpError): Phase {
    save(job, { state: 'rejected', outcome: { rejection: { code: e.gatewayCode, message: e.gatewayMessage } }, error: gatewayRefusalError(e) });
    job.done = true;
    counters.rejected += 1;
    log('warn', 'measure refused by the gateway; not executed', { measureId: job.id, channel: job.channel, kind: job.m.kind, httpStatus: e.httpStatus, code: e.gatewayCode });
    return 'done';
  }

  /** Still open after the engine's limits: stays in the outbox (sent/unknown) with a reason; send() or resume() takes it up again. */
  function followUp(job: Job, f: GatewayFailure | undefined): Phase {
    save(job, { error: job.conflict ? conflictError() : followUpError(f, job.polls) });
    counters.followUps += 1;
    log('warn', 'measure outcome still open; left for a follow-up', {
      measureId: job.id, channel: job.channel, state: job.m.state, polls: job.polls, failure: f?.kind,
      code: f instanceof GatewayHttpError ? f.gatewayCode : undefined,
    });
    return 'done';
  }

  // ---- the phases ----

  const backoff = (n: number) => fullJitter(Math.min(n, 30), { baseMs: tuning.retryBaseMs, maxMs: tuning.retryMaxMs }, random);

  /** A job's wait: ends at `ms`, at once when an answer for it arrives from the feed, or with Stopped. */
  function nap(job: Job, ms: number): Promise<void> {
    if (life.stopped) return Promise.reject(life.reason);
    if (job.done || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const end = () => {
        clearTimeout(t);
        life.signal.removeEventListener('abort', onStop);
        job.wake = undefined;
      };
      const onStop = () => {
        end();
        reject(life.reason);
      };
      const t = setTimeout(() => {
        end();
        resolve();
      }, ms);
      job.wake = () => {
        end();
        resolve();
      };
      life.signal.addEventListener('abort', onStop, { once: true });
    });
  }

  async function waitRateLimited(job: Job, e: GatewayHttpError, pauseChannel: boolean): Promise<void> {
    if (pauseChannel) job.lane.bucket.pauseUntil(mono() + (e.retryAfterMs ?? 1_000));
    await nap(job, afterRetryAfter(e.retryAfterMs ?? 1_000, tuning.retryBaseMs, random));
  }

  /** The body about to go out again must be the one first sent (when the store remembers it). */
  function assertSameBody(job: Job): void {
    const first = store.bodyDigestOf?.(job.id);
    if (first !== undefined && first !== job.digest) throw new BodyChanged();
  }

  /** The measure policy of the outline's submit (outline.ts): sent once, re-sent only after a 404. */
  const submitSteps: Pick<ExchangeSteps<Job, Submitted>, 'enterSubmit' | 'beforeSend' | 'send' | 'accepted' | 'interrupted' | 'submitFailed'> = {
    enterSubmit: (job) => (job.resubmits > 0 ? nap(job, backoff(job.resubmits - 1)) : undefined),
    beforeSend: (job) => (job.done ? 'done' : undefined),
    send: (job) => job.lane.run('submit', () => {
      if (job.done) throw new Withdrawn(job.m.state);
      // Re-read: it may have been cancelled while it waited for the network or a slot.
      const cur = store.getMeasure(job.id);
      if (!cur || !SENDABLE.has(cur.state)) throw new Withdrawn(cur?.state ?? 'absent');
      // an attempt this job did not make: the bytes may have reached the gateway (docs/gateway-protocol.md "Unknown outcome")
      if (cur.attempts > job.m.attempts) {
        job.m = cur;
        throw new SentElsewhere();
      }
      job.m = cur;
      // held for the whole call: no other engine may take it while these bytes may be on the wire
      if (!claim(job.id, job.limits.timeoutMs, job)) throw new Withdrawn('held elsewhere');
      assertSameBody(job);
      // Written before the bytes leave: after a crash it is asked about, never re-sent blindly.
      save(job, { state: 'sent', attempts: cur.attempts + 1, ...(cur.sentAt ? {} : { sentAt: now().toISOString() }) });
      record(job, 'sent', job.text);
      return client.submit(job.body, { officerCode: job.ctx.officer.code, timeoutMs: job.limits.timeoutMs, signal: life.signal });
    }),
    accepted: (job, res) => {
      if (job.done) return 'done';
      record(job, 'received', res.raw);
      job.failures = 0;
      job.uncertain = true;
      job.pollNow = res.value.status === 'answered' || res.value.status === 'rejected';
      log('debug', 'measure accepted', { measureId: job.id, channel: job.channel, created: res.created, attempts: job.m.attempts });
      return 'poll';
    },
    interrupted: (job, e) => {
      if (!(e instanceof SentElsewhere)) return undefined;
      job.uncertain = true;
      return 'resolve';
    },
    submitFailed: (job, e, why) => {
      if (job.done) return 'done';
      job.last = e;
      if (why === 'unreachable') {
        if (job.uncertain) {
          setState(job, 'unknown');
          return 'resolve';
        }
        // It never left this machine: it waits in the outbox until the network is back.
        setState(job, 'queued');
        return 'again';
      }
      if (why === 'unknown') {
        job.uncertain = true;
        if (e instanceof GatewayGarbage) job.garbage += 1;
        else job.failures += 1;
        setState(job, 'unknown');
        log('info', 'measure outcome unknown; asking about the same id', { measureId: job.id, channel: job.channel, failure: e.kind });
        return 'resolve';
      }
      const he = e as GatewayHttpError;
      if (why === 'conflict') {
        job.conflict = true;
        job.uncertain = true;
        counters.conflicts += 1;
        setState(job, 'unknown', { error: conflictError() });
        log('error', 'gateway holds this measure id with another body; not sent again, asking about the id', { measureId: job.id, channel: job.channel, code: he.gatewayCode });
        return 'resolve';
      }
      if (why === 'limited' || why === 'transient') {
        // 429 or 5xx: the gateway did not take this call.
        job.failures += 1;
        if (job.uncertain) setState(job, 'unknown');
        else setState(job, 'queued');
        const wait = why === 'limited' ? waitRateLimited(job, he, true) : nap(job, backoff(job.failures - 1));
        return wait.then(() => (job.uncertain ? 'resolve' : 'again'));
      }
      // A definite refusal (400, 401, 403, 422): final, unless an earlier send may have landed.
      if (job.uncertain) {
        job.refused = he;
        setState(job, 'unknown');
        return 'resolve';
      }
      return finishRefused(job, he);
    },
  };

  /**
   * A status question that failed (other than unreachable or 404), the same in both phases:
   * 'again' to ask once more after backing off, or where the measure goes (a follow-up once the
   * engine's limits are spent — never a new submit).
   */
  async function afterStatusFailure(job: Job, e: GatewayFailure): Promise<'again' | Phase> {
    if (e instanceof GatewayHttpError && e.httpStatus === 429) {
      await waitRateLimited(job, e, false);
      return 'again';
    }
    if (e instanceof GatewayGarbage) {
      job.garbage += 1;
      return job.garbage > tuning.garbageRetries ? followUp(job, e) : 'again';
    }
    if (e instanceof GatewayNoAnswer || (e instanceof GatewayHttpError && e.transient)) {
      job.failures += 1;
      return job.failures > tuning.statusFailures ? followUp(job, e) : 'again';
    }
    return followUp(job, e);
  }

  /**
   * The measure policy of the outline's status questions: resolve asks about the same id, and
   * only that; poll asks with a growing interval, up to the channel's maxPolls. An answer from the
   * feed (job.done) ends either at once.
   */
  const askSteps: Pick<ExchangeSteps<Job, Submitted>, 'beforeAsk' | 'ask' | 'statusFailed' | 'answered'> = {
    beforeAsk: (job, phase) => {
      let wait: Promise<void> | undefined;
      if (phase === 'resolve') {
        const setbacks = job.failures + job.garbage;
        if (setbacks > 0) wait = nap(job, backoff(setbacks - 1));
      } else if (job.pollNow) job.pollNow = false;
      else wait = nap(job, pollDelay(job.polls, { intervalMs: job.limits.pollIntervalMs, factor: tuning.pollFactor, maxIntervalMs: tuning.pollMaxIntervalMs }, random));
      const after = (): Phase | undefined => (job.done ? 'done' : undefined);
      return wait ? wait.then(after) : after();
    },
    ask: (job) => askStatus(job),
    statusFailed: (job, e, why, phase) => {
      if (job.done) return 'done';
      if (why === 'not-found' && phase === 'resolve') {
        if (job.conflict) return followUp(job, e);
        if (job.refused) return finishRefused(job, job.refused);
        // Never received: the same body goes again under the same id (protocol, "Unknown outcome").
        job.resubmits += 1;
        counters.resubmits += 1;
        log('info', 'gateway never received the measure; submitting it again under the same id', { measureId: job.id, channel: job.channel, resubmits: job.resubmits });
        return 'submit';
      }
      job.last = e;
      if (why === 'unreachable') return 'again';
      if (why === 'not-found') {
        // Accepted once, now unknown to the gateway (it was reset): hand in the same body, same id.
        job.forgotten += 1;
        if (job.conflict || job.forgotten > tuning.forgottenRetries) return followUp(job, e);
        setState(job, 'unknown');
        job.resubmits += 1;
        counters.resubmits += 1;
        log('warn', 'gateway no longer knows an accepted measure; submitting it again under its id', { measureId: job.id, channel: job.channel });
        return 'submit';
      }
      // an unreadable answer counts as a poll: the agency was asked
      if (phase === 'poll' && why === 'garbage') job.polls += 1;
      return afterStatusFailure(job, e);
    },
    answered: (job, ans, phase) => {
      if (job.done) return 'done';
      job.failures = 0;
      if (phase === 'poll') job.polls += 1;
      if (consume(job, ans) === 'done') return 'done';
      if (job.garbage > tuning.garbageRetries) return followUp(job, job.last);
      if (phase === 'resolve') return 'poll';
      if (job.polls >= job.limits.maxPolls) return followUp(job, undefined);
      return 'again';
    },
  };

  function askStatus(job: Job): Promise<Status> {
    return job.lane.run('status', () =>
      client.status(job.id, { officerCode: job.ctx.officer.code, timeoutMs: job.limits.timeoutMs, signal: life.signal }));
  }

  /**
   * Acts on a status answer about the measure: 'done' once executed or rejected is written,
   * 'poll' to keep asking. An answer that is not about this measure, or feedback that is not in
   * the measure format, counts as unreadable and changes nothing.
   */
  function consume(job: Job, { value: ans, raw }: Status): 'done' | 'poll' {
    if (ans.clientRequestId !== job.id) {
      job.garbage += 1;
      job.last = new GatewayGarbage(200, 'answer about another request id');
      log('warn', 'status answer about another request id ignored', { measureId: job.id, channel: job.channel });
      return 'poll';
    }
    // The gateway holds it: no longer unknown.
    if (job.m.state === 'unknown') setState(job, 'sent');
    if (ans.status === 'accepted' || ans.status === 'processing') return 'poll';
    let v;
    try {
      v = verdictOf(job.m, ans);
    } catch (e) {
      if (!(e instanceof FeedbackMismatch)) throw e;
      job.garbage += 1;
      job.last = new GatewayGarbage(200, e.what);
      log('warn', 'measure feedback refused', { measureId: job.id, channel: job.channel, reason: e.what, garbage: job.garbage });
      return 'poll';
    }
    record(job, 'received', raw);
    if (v.state === 'executed') {
      // a conflict stays on record for a person to look at; anything else is resolved
      save(job, { state: 'executed', outcome: v.outcome, ...(job.conflict ? {} : { error: undefined }) });
      counters.executed += 1;
      log('info', 'measure executed', {
        measureId: job.id, channel: job.channel, kind: job.m.kind, queuePosition: v.outcome.queuePosition, attempts: job.m.attempts, polls: job.polls,
      });
    } else {
      const r = v.outcome.rejection!;
      save(job, { state: 'rejected', outcome: v.outcome, error: measureRejectionError(job.m.kind, r.code, r.message) });
      counters.rejected += 1;
      log('info', 'agency rejected the measure', { measureId: job.id, channel: job.channel, kind: job.m.kind, code: r.code });
    }
    job.done = true;
    job.wake?.();
    return 'done';
  }

  // ---- running jobs ----

  const steps: ExchangeSteps<Job, Submitted> = {
    ...submitSteps,
    ...askSteps,
    enter: (job, first) => {
      // Picked up while 'sent': the answer to the last send was never recorded.
      if (first === 'resolve' && job.m.state === 'sent') setState(job, 'unknown');
    },
    crashed: (job, e) => {
      if (e instanceof Withdrawn && e.state === 'held elsewhere') {
        // another engine took it (this one's lease ran out): it is that one's now, unless it dies too
        log('info', 'measure taken over by another process; left to it', { measureId: job.id, channel: job.channel });
        leaveToHolder(job.m, job.ctx);
        return;
      }
      if (e instanceof Withdrawn) {
        log('info', 'measure not sent: no longer in the outbox', { measureId: job.id, channel: job.channel, state: e.state });
        return;
      }
      if (e instanceof BodyChanged) {
        log('error', 'measure not sent again: its body would differ from the one first sent', { measureId: job.id, channel: job.channel });
        try {
          save(job, { error: bodyChangedError() });
        } catch {
          /* the store is failing; the measure stays as stored */
        }
        return;
      }
      // A bug or a store failure: the measure keeps its state (it may have been executed) with a mark.
      log('error', 'measure failed inside the engine', { measureId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
      try {
        save(job, { error: requestError('INTERNAL') });
      } catch {
        /* the store itself is failing; the measure stays as stored and resume picks it up */
      }
    },
  };
  const run = (job: Job, first: Phase): Promise<void> => runExchange(job, first, steps, life);

  function start(m: Measure, ctx: MeasureContext, body: SubmitBody, first: Phase): void {
    queued.add(m.id);
    starts.push({ m, ctx, body, first });
  }

  function launch(m: Measure, ctx: MeasureContext, body: SubmitBody, first: Phase): void {
    const text = bodyText(body);
    const job: Job = {
      id: m.id, channel: m.channel, ctx, lane: laneFor(m.channel), limits: adapters[m.channel]!.limits, m, body, text, digest: sha256Of(text),
      polls: 0, failures: 0, garbage: 0, forgotten: 0, resubmits: 0, uncertain: first !== 'submit', refused: undefined, conflict: false,
      last: undefined, pollNow: false, done: false, wake: undefined, leaseUntil: 0,
    };
    jobs.set(m.id, job);
    const p = run(job, first).finally(() => {
      active.delete(m.id);
      jobs.delete(m.id);
      // nothing is written after stop; the leases of a stopped engine are let go in stop()
      if (!life.stopped) release(m.id);
      settleIdle();
    });
    active.set(m.id, p);
    keepLeases();
    readFeed();
  }

  // ---- the feedback feed ----

  let feedRunning = false;
  let feedOff = false;
  let cursor: string | undefined;

  /**
   * Reads the gateway's feed while measures are open and applies each answer to its measure once.
   * A duplicate, or an answer about a measure not open here, changes nothing; a gateway without a
   * feed (404) is left alone and every measure is asked about by id, as always.
   */
  function readFeed(): void {
    if (feedRunning || feedOff || !client.feedback || tuning.feedIntervalMs <= 0 || life.stopped) return;
    feedRunning = true;
    void (async () => {
      try {
        cursor ??= store.feedCursor?.() ?? '';
        while (!life.stopped && jobs.size > 0 && !feedOff) {
          await life.sleep(tuning.feedIntervalMs);
          if (!network.online) continue;
          try {
            for (let page = 0; page < 50 && jobs.size > 0; page++) {
              const res = await client.feedback!(cursor, tuning.feedPageSize, { signal: life.signal, timeoutMs: tuning.probeTimeoutMs });
              for (const item of res.value.items) applyFeedItem(item);
              if (res.value.next && res.value.next !== cursor) {
                cursor = res.value.next;
                life.check();
                store.saveFeedCursor?.(cursor);
              }
              if (res.value.items.length < tuning.feedPageSize) break;
            }
          } catch (e) {
            if (e instanceof Stopped || life.stopped) return;
            if (e instanceof GatewayHttpError && !e.transient) {
              feedOff = true;
              log('info', 'feedback feed not available; asking about each measure by id', { httpStatus: e.httpStatus, code: e.gatewayCode });
            } else if (!isGatewayFailure(e)) {
              throw e;
            }
          }
        }
      } catch (e) {
        if (!(e instanceof Stopped) && !life.stopped) log('error', 'feedback feed reader failed', { error: (e as Error)?.name ?? 'unknown' });
      } finally {
        feedRunning = false;
        // a measure may have started while the reader was winding down
        if (!life.stopped && jobs.size > 0 && !feedOff) readFeed();
      }
    })();
  }

  function applyFeedItem(item: unknown): void {
    const parsed = statusAnswerSchema.safeParse(item);
    if (!parsed.success) return;
    const job = jobs.get(parsed.data.clientRequestId);
    if (!job || job.done) {
      // an answer twice (duplicate), one for a query, or one for a measure not open in this engine
      counters.feedIgnored += 1;
      return;
    }
    if (parsed.data.status !== 'answered' && parsed.data.status !== 'rejected') return;
    try {
      if (consume(job, { value: parsed.data, raw: JSON.stringify(item), httpStatus: 200 }) === 'done') {
        counters.feedApplied += 1;
        log('debug', 'measure outcome taken from the feed', { measureId: job.id, channel: job.channel });
      }
    } catch (e) {
      if (e instanceof Stopped || life.stopped) throw e;
      if (e instanceof Withdrawn) {
        // another engine holds the measure: its own polling or feed writes the outcome
        counters.feedIgnored += 1;
        return;
      }
      // the write failed: the measure keeps its stored state and its own polling writes the outcome
      log('error', 'outcome from the feed could not be written', { measureId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
    }
  }

  function settleIdle(): void {
    if (active.size > 0 || queued.size > 0 || requeries > 0 || elsewhere.size > 0) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  }

  function assertRunning(): void {
    if (life.stopped) throw new AppFailure('INTERNAL', { zh: '措施发送引擎已停止', en: 'the measure engine has stopped' });
  }

  const busy = (id: string) => active.has(id) || queued.has(id);
  const waiting = (id: string) => busy(id) || elsewhere.has(id);

  /** Checks and builds; undefined when there is nothing to do. Throws AppFailure. */
  function prepare(given: Measure, ctx: MeasureContext): { m: Measure; body: SubmitBody; first: Phase } | undefined {
    const m = store.getMeasure(given.id);
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

  // ---- the frozen-balance re-query ----

  const balanceDeps: BalanceCheckDeps = { client, network, life, log, random, mono, backoff, tuning };

  async function requery(freeze: Measure, ctx: MeasureContext): Promise<FrozenBalance> {
    const stored = store.getMeasure(freeze.id) ?? freeze;
    if (stored.kind !== 'freeze') throw new AppFailure('VALIDATION', { zh: '只能复查冻结措施的余额', en: 'only a freeze has a frozen balance' }, 'kind');
    if (stored.state !== 'executed') {
      throw new AppFailure('VALIDATION', { zh: '该冻结尚未经协助执行单位确认', en: 'the freeze has not been confirmed by the agency' }, 'state');
    }
    const id = randomUUID();
    const body = buildFrozenBalanceBody(id, stored, ctx, now().toISOString());
    if (!network.online) throw failureFor(new GatewayUnreachable('OFFLINE'), '冻结余额复查');
    return runBalanceCheck(balanceDeps, {
      id, freezeId: stored.id, channel: stored.channel, body, lane: laneFor(stored.channel), limits: adapters[stored.channel]!.limits,
      officerCode: ctx.officer.code, deadline: mono() + tuning.frozenBalanceTimeoutMs,
    });
  }

  return {
    client,

    send(given, ctx) {
      assertRunning();
      if (waiting(given.id)) {
        counters.duplicateSends += 1;
        log('debug', 'measure already being sent; nothing more done', { measureId: given.id });
        return store.getMeasure(given.id)!;
      }
      const p = prepare(given, ctx);
      if (!p) {
        counters.duplicateSends += 1;
        log('debug', 'measure already concluded; nothing sent', { measureId: given.id });
        return store.getMeasure(given.id)!;
      }
      if (!claim(p.m.id)) {
        leaveToHolder(p.m, ctx);
        return p.m;
      }
      counters.sent += 1;
      start(p.m, ctx, p.body, p.first);
      return p.m;
    },

    resume(resolve) {
      assertRunning();
      let n = 0;
      for (const m of store.listOutbox()) {
        if (waiting(m.id)) continue;
        let ctx: MeasureContext | undefined;
        let p: ReturnType<typeof prepare>;
        try {
          ctx = resolve(m);
          if (!ctx) throw new AppFailure('NOT_FOUND');
          p = prepare(m, ctx);
        } catch (e) {
          log('warn', 'measure left in the outbox: its case, party or documents are not available', {
            measureId: m.id, channel: m.channel, state: m.state, code: e instanceof AppFailure ? e.error.code : 'INTERNAL',
          });
          continue;
        }
        if (!p) continue;
        if (!claim(p.m.id)) {
          leaveToHolder(p.m, ctx);
          continue;
        }
        start(p.m, ctx, p.body, p.first);
        n += 1;
      }
      counters.resumed += n;
      if (n) log('info', 'resumed measures from the outbox', { count: n });
      return n;
    },

    async frozenBalance(freeze, ctx) {
      assertRunning();
      requeries += 1;
      try {
        return await requery(freeze, ctx);
      } catch (e) {
        if (e instanceof Stopped || (life.stopped && !(e instanceof AppFailure))) {
          throw new MeasureFailure('INTERNAL', { zh: '措施发送引擎已停止，复查未完成', en: 'the measure engine stopped; the re-query did not finish' });
        }
        throw e;
      } finally {
        requeries -= 1;
        settleIdle();
      }
    },

    checkNetwork: () => network.check(),
    networkStatus: () => network.status(),
    counters: () => ({ ...counters }),

    idle() {
      if (active.size === 0 && queued.size === 0 && requeries === 0 && elsewhere.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    async stop() {
      life.stop();
      // let go at once: a measure of ours another engine resumes is not held back by a stopped one
      release();
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      elsewhere.clear();
      starts.clear();
      queued.clear();
      network.stop();
      for (const l of lanes.values()) l.slots.cancelAll(life.reason);
      await Promise.allSettled([...active.values()]);
      if (!o.client) client.close();
      settleIdle();
    },
  };
}

export type { MeasureContext, WireCourtAccount } from './measure-body';
export type { FrozenBalance } from './measure-feedback';
export { MeasureFailure } from './measure-errors';
