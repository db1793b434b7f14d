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
 * A waiting request is answered from the station's feedback feed (query-feed.ts), read by one
 * reader while requests are outstanding; it asks about its id only when the answer is overdue
 * there (query-steps.ts). A restart asks about every 'sent' or 'waiting' request by id first.
 *
 * Queries may be repeated; the engine still never sends one under a new id on its own: only
 * `retry` (the judge's decision) makes a new request. The exchanges run on the one exchange runner
 * (exchange/runner.ts) with the query policy (query-steps.ts); this file is the engine's face:
 * what a click writes to the outbox, what a restart takes up.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { CHANNEL_IDS, channelsFor, type ChannelId } from '../../shared/domain/channels';
import type { ChannelRequest, NetworkStatus, Party } from '../../shared/domain/types';
import { ChannelBase, type ChannelBaseTuning } from './channel-base';
import type { GatewayClient } from './gateway-client';
import type { Phase } from './exchange/outline';
import { ExchangeRunner } from './exchange/runner';
import { QueryFeed } from './query-feed';
import { QuerySteps, type QueryJob, type QueryTuning } from './query-steps';
import type { ChannelAdapter, EngineEvents, EngineLog, EngineStore, GatewayConfig, QueryContext } from './types';

/** The engine's knobs: the channels' gates and probing (channel-base.ts) and the query policy's (query-steps.ts). */
export type EngineTuning = ChannelBaseTuning & QueryTuning;

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
  // short: the one click waits for its slowest answer plus at most this (docs/bench.md, P1)
  feedIntervalMs: 150,
  feedPageSize: 200,
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

const noop: EngineLog = () => {};

/** Only a debtor of this very case may be queried (docs/domain.md, "The purpose"). */
function assertDebtor(ctx: QueryContext, p: Party): void {
  if (p.role !== 'debtor' || p.caseId !== ctx.caseId) {
    throw new AppFailure('NOT_A_DEBTOR', { zh: '所选当事人不是本案被执行人', en: 'the party chosen is not a debtor of this case' });
  }
}

function newRequest(ctx: QueryContext, p: Party, channel: ChannelId, at: string, id: string = randomUUID()): ChannelRequest {
  return {
    id, caseId: ctx.caseId, partyId: p.id, channel, kind: 'query', state: 'pending',
    attempts: 0, polls: 0, createdAt: at, updatedAt: at,
  };
}

class QueryEngine implements Engine {
  readonly client: GatewayClient;
  private readonly base: ChannelBase;
  private readonly runner: ExchangeRunner<QueryJob>;
  private readonly now: () => Date;
  private readonly log: EngineLog;

  constructor(private readonly o: EngineOptions) {
    const tuning: EngineTuning = { ...DEFAULT_TUNING, ...o.tuning };
    for (const id of CHANNEL_IDS) {
      const a = o.adapters[id];
      if (!a || a.channel !== id) throw new Error(`no adapter for channel ${id}`);
    }
    this.now = o.now ?? (() => new Date());
    this.log = o.log ?? noop;
    const random = o.random ?? Math.random;
    this.base = new ChannelBase({
      gateway: o.gateway, ...(o.client ? { client: o.client } : {}), limitsOf: (c) => o.adapters[c]?.limits, tuning,
      now: this.now, random, log: this.log, onNetwork: (s) => o.events.network(s),
    });
    this.client = this.base.client;
    const feed = new QueryFeed<QueryJob>({
      base: this.base, cursor: o.store, tuning, log: this.log, working: () => this.runner.working, jobOf: (id) => this.runner.job(id),
    });
    const steps = new QuerySteps({ base: this.base, store: o.store, events: o.events, tuning, now: this.now, random, log: this.log, feed });
    this.runner = new ExchangeRunner(this.base.life, steps, { started: () => feed.read() });
  }

  queryCase(ctx: QueryContext, debtors: Party[]): ChannelRequest[] {
    this.assertRunning();
    for (const p of debtors) assertDebtor(ctx, p);
    const at = this.now().toISOString();
    const seen = new Set<string>();
    const planned: Array<{ r: ChannelRequest; p: Party }> = [];
    for (const p of debtors) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      for (const c of channelsFor(p.kind, ctx.channels)) {
        const id = ctx.plan ? ctx.plan(p.id, c.id) : randomUUID();
        if (id !== undefined) planned.push({ r: newRequest(ctx, p, c.id, at, id), p });
      }
    }
    // The outbox: all of them on record before the first goes out.
    this.o.store.insertRequests(planned.map((x) => x.r));
    this.log('info', 'case query started', { caseId: ctx.caseId, debtors: seen.size, requests: planned.length });
    for (const x of planned) this.start(x.r, ctx, x.p, 'submit');
    return planned.map((x) => ({ ...x.r }));
  }

  retry(requestId: string, ctx: QueryContext, party: Party): ChannelRequest {
    this.assertRunning();
    const old = this.o.store.getRequest(requestId);
    if (!old || old.caseId !== ctx.caseId) throw new AppFailure('NOT_FOUND');
    assertDebtor(ctx, party);
    if (party.id !== old.partyId) throw new AppFailure('VALIDATION', { zh: '当事人与原查询不一致', en: 'the party differs from the original query' });
    if (old.state !== 'failed' && old.state !== 'manual') {
      throw new AppFailure('VALIDATION', { zh: '只有失败或需人工处理的查询可以重新发送', en: 'only a failed or manual query can be sent again' });
    }
    const r = newRequest(ctx, party, old.channel, this.now().toISOString());
    this.o.store.insertRequests([r]);
    this.log('info', 'query sent again as a new request', { requestId: r.id, previous: old.id, channel: r.channel });
    this.start(r, ctx, party, 'submit');
    return { ...r };
  }

  resume(resolve: ResumeResolver): number {
    this.assertRunning();
    let n = 0;
    for (const r of this.o.store.listUnfinishedRequests()) {
      if (this.runner.busy(r.id)) continue;
      const c = resolve(r);
      if (!c || c.party.id !== r.partyId || c.party.role !== 'debtor' || c.party.caseId !== r.caseId || c.ctx.caseId !== r.caseId) {
        this.log('warn', 'unfinished request left alone: its case or party is not available', { requestId: r.id, channel: r.channel });
        continue;
      }
      // pending never left this machine; sent or waiting may be at the gateway: ask first.
      this.start(r, c.ctx, c.party, r.state === 'pending' ? 'submit' : 'resolve');
      n += 1;
    }
    if (n) this.log('info', 'resumed unfinished requests', { count: n });
    return n;
  }

  checkNetwork(): Promise<NetworkStatus> {
    return this.base.network.check();
  }

  networkStatus(): NetworkStatus {
    return this.base.network.status();
  }

  idle(): Promise<void> {
    return this.runner.idle();
  }

  async stop(): Promise<void> {
    // Requests not started yet stay as stored ('pending' and so on) for resume.
    this.base.stop();
    await this.runner.stop();
    this.base.close();
  }

  private start(r: ChannelRequest, ctx: QueryContext, party: Party, first: Phase): void {
    this.runner.start(r.id, () => ({
      id: r.id, caseId: r.caseId, channel: r.channel, ctx, party, adapter: this.o.adapters[r.channel], lane: this.base.lane(r.channel),
      createdAt: r.createdAt, state: r.state, attempts: r.attempts, polls: r.polls,
      failures: 0, garbage: 0, limited: 0, forgotten: 0, last: undefined, body: undefined, pollNow: false,
      fed: undefined, wake: undefined, fromFeed: false, feedMissed: false,
    }), first);
  }

  private assertRunning(): void {
    if (this.base.life.stopped) throw new AppFailure('INTERNAL', { zh: '查控引擎已停止', en: 'the connector engine has stopped' });
  }
}

export function createEngine(o: EngineOptions): Engine {
  return new QueryEngine(o);
}
