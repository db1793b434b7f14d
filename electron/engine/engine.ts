/**
 * The connector engine: fans a case's queries out over every debtor × every channel that applies,
 * writes them to the store before anything is sent (the outbox), and works them in the background
 * through per-channel gates (concurrency, rate, circuit breaker; channel-lane.ts). Results stream
 * out through EngineEvents as each channel answers; nothing waits for the slowest channel.
 *
 * A request's life (the states are ChannelRequest['state']):
 *
 *   pending ──submit──▶ sent ──accepted──▶ waiting ──poll…──▶ answered
 *      ▲                  │                   │ └─rejected / unreadable──▶ failed
 *      └─ network down,   ├─no answer: ask GET status about the SAME id (rule 7)
 *         429, 503        │     404 → submit again under the same id; found → waiting
 *                         └─definite refusal (400/401/403/409/422) ──▶ failed
 *   waiting ──maxPolls without feedback──▶ manual
 *
 * Queries may be repeated; the engine still never sends one under a new id on its own: only
 * `retry` (the judge's decision) makes a new request. The outline is the one every exchange
 * follows (exchange/outline.ts, docs/architecture.md §5); this file is its query policy.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { CHANNEL_IDS, channelsFor, type ChannelId } from '../../shared/domain/channels';
import { listenerGuard } from './listener-guard';
import { createStartQueue } from './start-queue';
import type { ChannelRequest, NetworkStatus, Party } from '../../shared/domain/types';
import { afterRetryAfter, fullJitter, pollDelay } from './backoff';
import { ChannelLane } from './channel-lane';
import { createGatewayClient, type GatewayClient } from './gateway-client';
import { GatewayGarbage, GatewayHttpError, type GatewayFailure } from './gateway-errors';
import type { SubmitBody } from './gateway-wire';
import { Lifetime } from './lifetime';
import { runExchange, type AskPhase, type ExchangeSteps, type Phase, type Status, type StatusFailure, type Maybe, type Step } from './exchange/outline';
import { NetworkMonitor } from './network-monitor';
import { buildQueryBody } from './query-body';
import { errorForFailure, garbageError, manualError, rejectionError, requestError, type RequestError } from './request-errors';
import {
  FeedbackFormatError, type ChannelAdapter, type EngineEvents, type EngineLog, type EngineStore, type GatewayConfig,
  type QueryContext,
} from './types';

export interface EngineTuning {
  /** consecutive transient failures that open a channel's breaker */
  breakerThreshold: number;
  /** how long an open breaker leaves the channel alone before one trial call */
  breakerCooldownMs: number;
  /** first retry's backoff cap; doubles per retry (full jitter) */
  retryBaseMs: number;
  retryMaxMs: number;
  /** poll interval growth per poll, and its ceiling */
  pollFactor: number;
  pollMaxIntervalMs: number;
  /** unreadable answers or feedback tolerated before the request fails with GATEWAY_GARBAGE */
  garbageRetries: number;
  /** 429 answers waited out before the request fails */
  maxRateLimitedWaits: number;
  /** health probing while the network is down */
  probeBaseMs: number;
  probeMaxMs: number;
  probeTimeoutMs: number;
  /** feedback processing slower than this is logged (docs/architecture.md, principle 10) */
  slowMs: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  breakerThreshold: 5,
  breakerCooldownMs: 10_000,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  pollFactor: 1.5,
  pollMaxIntervalMs: 300_000,
  garbageRetries: 3,
  maxRateLimitedWaits: 50,
  probeBaseMs: 1_000,
  probeMaxMs: 60_000,
  probeTimeoutMs: 5_000,
  slowMs: 40,
};

export interface EngineOptions {
  gateway: GatewayConfig;
  store: EngineStore;
  adapters: Record<ChannelId, ChannelAdapter>;
  events: EngineEvents;
  /** wall clock for timestamps; timers and rate limits use a monotonic clock */
  now?: () => Date;
  random?: () => number;
  log?: EngineLog;
  tuning?: Partial<EngineTuning>;
  /** a ready client (tests); by default one is made from `gateway` */
  client?: GatewayClient;
}

export type ResumeResolver = (r: ChannelRequest) => { ctx: QueryContext; party: Party } | undefined;

export interface Engine {
  /** One click: writes a pending request per debtor × applicable channel, returns them, works in the background. */
  queryCase(ctx: QueryContext, debtors: Party[]): ChannelRequest[];
  /** Re-sends a failed or manual query as a new request (new id: queries may be repeated, measures may not). */
  retry(requestId: string, ctx: QueryContext, party: Party): ChannelRequest;
  /** After a restart: sends 'pending' requests, asks about 'sent'/'waiting' ones, all under their own ids. Returns how many were picked up. */
  resume(resolve: ResumeResolver): number;
  checkNetwork(): Promise<NetworkStatus>;
  networkStatus(): NetworkStatus;
  /** resolves when no request is being worked on */
  idle(): Promise<void>;
  /** cancels timers and in-flight calls; requests keep their stored state for resume */
  stop(): Promise<void>;
  /** the gateway client, for the officer register and the court docket */
  readonly client: GatewayClient;
}

/** a submit's answer, as the gateway client gives it */
type Submitted = Awaited<ReturnType<GatewayClient['submit']>>;

/** What a request being worked on carries besides its stored row. */
interface Job {
  id: string;
  caseId: string;
  channel: ChannelId;
  ctx: QueryContext;
  party: Party;
  adapter: ChannelAdapter;
  lane: ChannelLane;
  createdAt: string;
  /** the state as last written to the store */
  state: ChannelRequest['state'];
  attempts: number;
  polls: number;
  /** consecutive transient failures (no answer, 5xx); reset by a definite answer */
  failures: number;
  /** unreadable answers or feedback so far */
  garbage: number;
  /** 429s waited out so far */
  limited: number;
  /** times an accepted request was found forgotten by the gateway (404 while polling) */
  forgotten: number;
  last: GatewayFailure | undefined;
  /** built once, so every submit under this id carries the same body */
  body: SubmitBody | undefined;
  /** a poll is due at once (the submit answer already said answered or rejected) */
  pollNow: boolean;
}

const noop: EngineLog = () => {};

export function createEngine(o: EngineOptions): Engine {
  const tuning: EngineTuning = { ...DEFAULT_TUNING, ...o.tuning };
  const now = o.now ?? (() => new Date());
  const random = o.random ?? Math.random;
  const log = o.log ?? noop;
  const mono = () => performance.now();
  const store = o.store;
  const life = new Lifetime();
  const client = o.client ?? createGatewayClient({ url: o.gateway.url, stationId: o.gateway.stationId, stationSecret: o.gateway.stationSecret, now });

  for (const id of CHANNEL_IDS) {
    const a = o.adapters[id];
    if (!a || a.channel !== id) throw new Error(`no adapter for channel ${id}`);
  }

  const network = new NetworkMonitor({
    client, gateway: o.gateway, life, now, random, log,
    probe: { baseMs: tuning.probeBaseMs, maxMs: tuning.probeMaxMs, timeoutMs: tuning.probeTimeoutMs },
    emit: (s) => safely('network', () => o.events.network(s)),
  });

  const lanes = new Map<ChannelId, ChannelLane>();
  const laneFor = (channel: ChannelId): ChannelLane => {
    let l = lanes.get(channel);
    if (!l) {
      const breaker = { threshold: tuning.breakerThreshold, cooldownMs: tuning.breakerCooldownMs };
      l = new ChannelLane(channel, o.adapters[channel].limits, breaker, mono, life, network, log);
      lanes.set(channel, l);
    }
    return l;
  };

  const active = new Map<string, Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  const queued = new Set<string>();
  const starts = createStartQueue<{ r: ChannelRequest; ctx: QueryContext; party: Party; first: Phase }>((x) => {
    queued.delete(x.r.id);
    launch(x.r, x.ctx, x.party, x.first);
  }, () => life.stopped);

  // ---- store and events ----

  const safely = listenerGuard(log);

  type Patch = Parameters<EngineStore['updateRequest']>[1];

  /** Writes a change; `announce` sends it to the UI (state changes do, poll counts do not). */
  function save(job: Job, patch: Patch, announce: boolean): ChannelRequest {
    const r = store.updateRequest(job.id, { ...patch, updatedAt: now().toISOString() });
    if (announce) safely('request', () => o.events.request(r));
    return r;
  }

  function setState(job: Job, state: ChannelRequest['state'], extra: Patch = {}): void {
    if (state === job.state && Object.keys(extra).length === 0) return;
    job.state = state;
    save(job, { state, ...extra }, true);
  }

  function finish(job: Job, state: 'failed' | 'manual', error: RequestError): Phase {
    setState(job, state, { error, polls: job.polls, attempts: job.attempts });
    log(state === 'manual' ? 'warn' : 'info', `request ${state}`, {
      requestId: job.id, channel: job.channel, code: error.code, attempts: job.attempts, polls: job.polls,
      failure: job.last?.kind, gatewayCode: job.last instanceof GatewayHttpError ? job.last.gatewayCode : undefined,
    });
    return 'done';
  }

  function record(job: Job, direction: 'sent' | 'received', method: 'GET' | 'POST', path: string, body: string, httpStatus?: number): void {
    if (!store.recordExchange) return;
    const e = { requestId: job.id, direction, method, path, body, at: now().toISOString(), ...(httpStatus !== undefined ? { httpStatus } : {}) };
    store.recordExchange(e);
  }

  // ---- the phases ----

  const backoff = (n: number) => fullJitter(n, { baseMs: tuning.retryBaseMs, maxMs: tuning.retryMaxMs }, random);
  const maxAttempts = (job: Job) => Math.max(1, job.adapter.limits.maxAttempts);

  /** Waits out a 429; false when the request has waited out too many. */
  async function waitRateLimited(job: Job, e: GatewayHttpError, pauseChannel: boolean): Promise<boolean> {
    job.limited += 1;
    job.last = e;
    if (job.limited > tuning.maxRateLimitedWaits) return false;
    const ms = afterRetryAfter(e.retryAfterMs ?? 1_000, tuning.retryBaseMs, random);
    // Nobody on the channel submits before the gateway's Retry-After has passed.
    if (pauseChannel) job.lane.bucket.pauseUntil(mono() + (e.retryAfterMs ?? 1_000));
    await life.sleep(ms);
    return true;
  }

  /** The query policy of the outline's submit (outline.ts): a request gives up after its channel's maxAttempts. */
  const submitSteps: Pick<ExchangeSteps<Job, Submitted>, 'send' | 'accepted' | 'submitFailed'> = {
    send: (job) => job.lane.run('submit', () => {
      // Built once, when first needed, so queryCase returns at once even for thousands.
      const body = (job.body ??= buildQueryBody(job, job.ctx, job.party, job.adapter));
      job.attempts += 1;
      // Written before it goes out: after a crash a 'sent' request is asked about, not re-sent blindly.
      setState(job, 'sent', { attempts: job.attempts });
      record(job, 'sent', 'POST', '/gw/v1/requests', JSON.stringify(body));
      return client.submit(body, { officerCode: job.ctx.officer.code, timeoutMs: job.lane.limits.timeoutMs, signal: life.signal });
    }),
    accepted: (job, res) => {
      record(job, 'received', 'POST', '/gw/v1/requests', res.raw, res.httpStatus);
      job.failures = 0;
      job.pollNow = res.value.status === 'answered' || res.value.status === 'rejected';
      setState(job, 'waiting');
      log('debug', 'request accepted', { requestId: job.id, channel: job.channel, created: res.created, attempts: job.attempts });
      return 'poll';
    },
    submitFailed: (job, e, why) => {
      job.last = e;
      if (why === 'unreachable') {
        // It never left this machine: it waits for the network as 'pending'.
        setState(job, 'pending');
        return 'again';
      }
      if (why === 'unknown') {
        // It may have arrived: find out before anything else (rule 7).
        if (e instanceof GatewayGarbage) job.garbage += 1;
        else job.failures += 1;
        log('info', 'submit outcome unknown; asking about the same id', { requestId: job.id, channel: job.channel, failure: e.kind });
        return 'resolve';
      }
      // An HTTP error envelope: the gateway did not take the request.
      const he = e as GatewayHttpError;
      if (why === 'limited') {
        setState(job, 'pending');
        return waitRateLimited(job, he, true).then((ok) => (ok ? 'again' : finish(job, 'failed', errorForFailure(e, job.limited))));
      }
      if (why === 'transient') {
        setState(job, 'pending');
        job.failures += 1;
        if (job.failures >= maxAttempts(job)) return finish(job, 'failed', errorForFailure(e, job.attempts));
        return life.sleep(backoff(job.failures - 1)).then(() => 'again' as const);
      }
      // a definite refusal, a 409 among them (queries may be repeated, only by a new request)
      return finish(job, 'failed', errorForFailure(e, job.attempts));
    },
  };

  /** A failed status question other than unreachable or 404, the same in resolve and poll. */
  function afterStatusFailure(job: Job, e: GatewayFailure, why: StatusFailure, phase: AskPhase): Maybe<Step> {
    if (why === 'limited') {
      return waitRateLimited(job, e as GatewayHttpError, false).then((ok) => (ok ? 'again' : finish(job, 'failed', errorForFailure(e, job.limited))));
    }
    if (why === 'garbage') {
      job.garbage += 1;
      if (phase === 'resolve') return 'again';
      bumpPolls(job);
      return job.garbage > tuning.garbageRetries ? finish(job, 'failed', garbageError(job.garbage)) : 'again';
    }
    if (why === 'unknown') {
      job.failures += 1;
      return job.failures > maxAttempts(job) ? finish(job, 'failed', errorForFailure(e, job.attempts)) : 'again';
    }
    return finish(job, 'failed', errorForFailure(e, job.attempts));
  }

  /**
   * The query policy of the outline's status questions: resolve asks about the same id after a
   * moment's grace; poll asks with a growing interval, up to the channel's maxPolls ('manual').
   */
  const askSteps: Pick<ExchangeSteps<Job, Submitted>, 'beforeAsk' | 'ask' | 'statusFailed' | 'answered'> = {
    beforeAsk: (job, phase) => {
      if (phase === 'poll') {
        if (job.pollNow) job.pollNow = false;
        else return life.sleep(pollDelay(job.polls, { intervalMs: job.adapter.limits.pollIntervalMs, factor: tuning.pollFactor, maxIntervalMs: tuning.pollMaxIntervalMs }, random)).then(() => undefined);
        return undefined;
      }
      if (job.garbage > tuning.garbageRetries) return finish(job, 'failed', garbageError(job.garbage));
      // A moment's grace before asking: a slow submit may still be landing.
      const setbacks = job.failures + job.garbage;
      return setbacks > 0 ? life.sleep(backoff(setbacks - 1)).then(() => undefined) : undefined;
    },
    ask: (job) => askStatus(job),
    statusFailed: (job, e, why, phase) => {
      if (why === 'not-found' && phase === 'resolve') {
        // Never received: the same id may be submitted again (protocol, "Ask about a request").
        // Given up on, it fails for what went wrong with the submits, not for the 404.
        if (job.failures >= maxAttempts(job)) return finish(job, 'failed', errorForFailure(job.last, job.attempts));
        return 'submit';
      }
      job.last = e;
      if (why === 'unreachable') return 'again';
      if (why === 'not-found') {
        // The gateway has forgotten the request (it was reset): hand it in again, same id.
        job.forgotten += 1;
        if (job.forgotten > maxAttempts(job)) return finish(job, 'failed', errorForFailure(e, job.attempts));
        log('warn', 'gateway no longer knows an accepted request; submitting it again under its id', { requestId: job.id, channel: job.channel });
        return 'submit';
      }
      return afterStatusFailure(job, e, why, phase);
    },
    answered: (job, ans, phase) => {
      job.failures = 0;
      if (phase === 'poll') bumpPolls(job);
      const next = consume(job, ans);
      if (next !== 'poll') return next;
      if (phase === 'resolve') {
        setState(job, 'waiting');
        return 'poll';
      }
      if (job.polls >= job.adapter.limits.maxPolls) return finish(job, 'manual', manualError(job.polls));
      return 'again';
    },
  };

  function bumpPolls(job: Job): void {
    job.polls += 1;
    // Kept so the polling limit survives a restart; not announced (it is not a state change).
    save(job, { polls: job.polls }, false);
  }

  /** GET status; the answer comes with its exact text, kept with the findings as evidence. */
  async function askStatus(job: Job): Promise<Status> {
    const path = `/gw/v1/requests/${job.id}`;
    const res = await job.lane.run('status', () =>
      client.status(job.id, { officerCode: job.ctx.officer.code, timeoutMs: job.lane.limits.timeoutMs, signal: life.signal }));
    // Only answers worth keeping as evidence: the feedback and the refusal.
    if (res.value.status === 'answered' || res.value.status === 'rejected') record(job, 'received', 'GET', path, res.raw, res.httpStatus);
    return res;
  }

  /** Acts on a status answer: 'done' when the request is finished, 'poll' to keep waiting. */
  function consume(job: Job, { value: ans, raw }: Status): Phase {
    if (ans.status === 'rejected') {
      const r = ans.rejection ?? { code: 'REJECTED', message: '' };
      log('info', 'agency rejected the query', { requestId: job.id, channel: job.channel, code: r.code });
      return finish(job, 'failed', rejectionError(r.code, r.message));
    }
    if (ans.status !== 'answered') return 'poll';
    const t0 = performance.now();
    let findings;
    try {
      findings = job.adapter.normalize(ans.feedback);
    } catch (e) {
      if (!(e instanceof FeedbackFormatError)) throw e;
      job.garbage += 1;
      log('warn', 'feedback not in the agency format', { requestId: job.id, channel: job.channel, garbage: job.garbage });
      if (job.garbage > tuning.garbageRetries) return finish(job, 'failed', garbageError(job.garbage));
      return 'poll';
    }
    const receivedAt = now().toISOString();
    // Findings first, then the state: after a crash in between, the request is asked about again
    // and saveFindings is idempotent per request.
    const saved = store.saveFindings(job.id, findings, raw, receivedAt);
    safely('findings', () => o.events.findings(job.caseId, job.id, saved));
    setState(job, 'answered', { polls: job.polls, attempts: job.attempts });
    const ms = performance.now() - t0;
    const records = saved.assets.length + saved.whereabouts.length + saved.info.length;
    log(ms > tuning.slowMs ? 'warn' : 'debug', ms > tuning.slowMs ? 'slow feedback processing' : 'request answered', {
      requestId: job.id, channel: job.channel, records, ms: Math.round(ms), polls: job.polls,
    });
    return 'done';
  }

  // ---- running jobs ----

  const steps: ExchangeSteps<Job, Submitted> = {
    ...submitSteps,
    ...askSteps,
    crashed: (job, e) => {
      // A bug or a store failure: the request is marked so the judge sees it; nothing is re-sent.
      log('error', 'request failed inside the engine', { requestId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
      try {
        finish(job, 'failed', requestError('INTERNAL'));
      } catch {
        /* the store itself is failing; the request stays as stored and resume picks it up */
      }
    },
  };
  const run = (job: Job, first: Phase): Promise<void> => runExchange(job, first, steps, life);

  function start(r: ChannelRequest, ctx: QueryContext, party: Party, first: Phase): void {
    if (active.has(r.id) || queued.has(r.id)) return;
    queued.add(r.id);
    starts.push({ r, ctx, party, first });
  }

  function settleIdle(): void {
    if (active.size > 0 || queued.size > 0) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  }

  function launch(r: ChannelRequest, ctx: QueryContext, party: Party, first: Phase): void {
    const job: Job = {
      id: r.id, caseId: r.caseId, channel: r.channel, ctx, party, adapter: o.adapters[r.channel], lane: laneFor(r.channel),
      createdAt: r.createdAt, state: r.state, attempts: r.attempts, polls: r.polls,
      failures: 0, garbage: 0, limited: 0, forgotten: 0, last: undefined, body: undefined, pollNow: false,
    };
    const p = run(job, first).finally(() => {
      active.delete(r.id);
      settleIdle();
    });
    active.set(r.id, p);
  }

  function assertRunning(): void {
    if (life.stopped) throw new AppFailure('INTERNAL', { zh: '查控引擎已停止', en: 'the connector engine has stopped' });
  }

  /** Only a debtor of this very case may be queried (docs/domain.md, "The purpose"). */
  function assertDebtor(ctx: QueryContext, p: Party): void {
    if (p.role !== 'debtor' || p.caseId !== ctx.caseId) {
      throw new AppFailure('NOT_A_DEBTOR', { zh: '所选当事人不是本案被执行人', en: 'the party chosen is not a debtor of this case' });
    }
  }

  function newRequest(ctx: QueryContext, p: Party, channel: ChannelId, at: string): ChannelRequest {
    return {
      id: randomUUID(), caseId: ctx.caseId, partyId: p.id, channel, kind: 'query', state: 'pending',
      attempts: 0, polls: 0, createdAt: at, updatedAt: at,
    };
  }

  return {
    client,

    queryCase(ctx, debtors) {
      assertRunning();
      for (const p of debtors) assertDebtor(ctx, p);
      const at = now().toISOString();
      const seen = new Set<string>();
      const planned: Array<{ r: ChannelRequest; p: Party }> = [];
      for (const p of debtors) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        for (const c of channelsFor(p.kind, ctx.channels)) planned.push({ r: newRequest(ctx, p, c.id, at), p });
      }
      // The outbox: all of them on record before the first goes out.
      store.insertRequests(planned.map((x) => x.r));
      log('info', 'case query started', { caseId: ctx.caseId, debtors: seen.size, requests: planned.length });
      for (const x of planned) start(x.r, ctx, x.p, 'submit');
      return planned.map((x) => ({ ...x.r }));
    },

    retry(requestId, ctx, party) {
      assertRunning();
      const old = store.getRequest(requestId);
      if (!old || old.caseId !== ctx.caseId) throw new AppFailure('NOT_FOUND');
      assertDebtor(ctx, party);
      if (party.id !== old.partyId) throw new AppFailure('VALIDATION', { zh: '当事人与原查询不一致', en: 'the party differs from the original query' });
      if (old.state !== 'failed' && old.state !== 'manual') {
        throw new AppFailure('VALIDATION', { zh: '只有失败或需人工处理的查询可以重新发送', en: 'only a failed or manual query can be sent again' });
      }
      const r = newRequest(ctx, party, old.channel, now().toISOString());
      store.insertRequests([r]);
      log('info', 'query sent again as a new request', { requestId: r.id, previous: old.id, channel: r.channel });
      start(r, ctx, party, 'submit');
      return { ...r };
    },

    resume(resolve) {
      assertRunning();
      let n = 0;
      for (const r of store.listUnfinishedRequests()) {
        if (active.has(r.id) || queued.has(r.id)) continue;
        const c = resolve(r);
        if (!c || c.party.id !== r.partyId || c.party.role !== 'debtor' || c.party.caseId !== r.caseId || c.ctx.caseId !== r.caseId) {
          log('warn', 'unfinished request left alone: its case or party is not available', { requestId: r.id, channel: r.channel });
          continue;
        }
        // pending never left this machine; sent or waiting may be at the gateway: ask first.
        start(r, c.ctx, c.party, r.state === 'pending' ? 'submit' : 'resolve');
        n += 1;
      }
      if (n) log('info', 'resumed unfinished requests', { count: n });
      return n;
    },

    checkNetwork: () => network.check(),
    networkStatus: () => network.status(),

    idle() {
      if (active.size === 0 && queued.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    async stop() {
      life.stop();
      // Requests not started yet stay as stored ('pending' and so on) for resume.
      starts.clear();
      queued.clear();
      network.stop();
      for (const l of lanes.values()) l.slots.cancelAll(life.reason);
      await Promise.allSettled([...active.values()]);
      // A client handed in belongs to the caller; one made here is closed here.
      if (!o.client) client.close();
      settleIdle();
    },
  };
}
