/**
 * The query policy of the exchange outline (exchange/outline.ts; docs/architecture.md, "Exchanges
 * and jobs"): how a channel query is sent, asked about and given up on. A query gives up after
 * its channel's maxAttempts setbacks, waits for its answer up to the channel's maxPolls questions
 * ('manual'), and is never sent under a new id on its own: only the judge's retry makes a new
 * request (engine.ts). The runner (exchange/runner.ts) hosts the jobs.
 *
 * Answers come from the station's feedback feed (query-feed.ts): a waiting request sleeps until the
 * feed hands it its answer. It asks about its own id (GET status, on a growing interval) only when
 * its answer is overdue on the feed — not there within the channel's timeout budget, the feed down
 * or absent, or the feed's copy unreadable — so nothing is lost if the feed misbehaves.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type { ChannelRequest, Party } from '../../shared/domain/types';
import { afterRetryAfter, fullJitter, pollDelay } from './backoff';
import type { ChannelBase, WaitTuning } from './channel-base';
import type { ChannelLane } from './channel-lane';
import type { FeedTuning } from './feed-reader';
import type { GatewayClient } from './gateway-client';
import { GatewayGarbage, GatewayHttpError, type GatewayFailure } from './gateway-errors';
import type { SubmitBody } from './gateway-wire';
import type { AskPhase, ExchangeSteps, Maybe, Phase, Status, StatusFailure, Step, SubmitFailure } from './exchange/outline';
import { buildQueryBody } from './query-body';
import type { QueryFeed } from './query-feed';
import { errorForFailure, garbageError, manualError, rejectionError, requestError, type RequestError } from './request-errors';
import { FeedbackFormatError, type ChannelAdapter, type EngineEvents, type EngineLog, type EngineStore, type QueryContext } from './types';

export interface QueryTuning extends WaitTuning, Omit<FeedTuning, 'probeTimeoutMs'> {
  /** unreadable answers or feedback tolerated before the request fails with GATEWAY_GARBAGE */
  garbageRetries: number;
  /** 429 answers waited out before the request fails */
  maxRateLimitedWaits: number;
  /** feedback processing slower than this is logged (docs/architecture.md, principle 10) */
  slowMs: number;
}

/** What a request being worked on carries besides its stored row. */
export interface QueryJob {
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
  /** an answer the feed handed over, taken up at the next question */
  fed: Status | undefined;
  /** ends the job's wait on the feed */
  wake: (() => void) | undefined;
  /** the answer in hand came from the feed */
  fromFeed: boolean;
  /** the feed's copy could not be used: ask about the id on the plain schedule from now on */
  feedMissed: boolean;
}

/** where an answer from the feed is recorded as received */
const FEED_PATH = '/gw/v1/feedback';

export interface QueryStepsDeps {
  base: ChannelBase;
  store: EngineStore;
  events: EngineEvents;
  tuning: QueryTuning;
  now: () => Date;
  random: () => number;
  log: EngineLog;
  feed: QueryFeed<QueryJob>;
}

/** a submit's answer, as the gateway client gives it */
type Submitted = Awaited<ReturnType<GatewayClient['submit']>>;
type Patch = Parameters<EngineStore['updateRequest']>[1];

export class QuerySteps implements ExchangeSteps<QueryJob, Submitted> {
  constructor(private readonly d: QueryStepsDeps) {}

  // ---- store and events ----

  /** Writes a change; `announce` sends it to the UI (state changes do, poll counts do not). */
  private save(job: QueryJob, patch: Patch, announce: boolean): void {
    const r = this.d.store.updateRequest(job.id, { ...patch, updatedAt: this.d.now().toISOString() });
    if (announce) this.tell(job, 'request', () => this.d.events.request(r));
  }

  /**
   * Tells the app of a write once it is on disk (a group-committing store's `committed()`), in the
   * order the writes were made; a batch that failed to commit tells nobody (resume takes the
   * request up from what is on disk).
   */
  private tell(job: QueryJob, what: 'request' | 'findings', fn: () => void): void {
    const durable = this.d.store.committed?.();
    if (!durable) return this.d.base.safely(what, fn);
    durable.then(() => this.d.base.safely(what, fn), (e: unknown) => {
      this.d.log('error', 'a write was not committed; nobody told', { requestId: job.id, channel: job.channel, what, error: (e as Error)?.name ?? 'unknown' });
    });
  }

  private setState(job: QueryJob, state: ChannelRequest['state'], extra: Patch = {}): void {
    if (state === job.state && Object.keys(extra).length === 0) return;
    job.state = state;
    this.save(job, { state, ...extra }, true);
  }

  private finish(job: QueryJob, state: 'failed' | 'manual', error: RequestError): Phase {
    this.setState(job, state, { error, polls: job.polls, attempts: job.attempts });
    this.d.log(state === 'manual' ? 'warn' : 'info', `request ${state}`, {
      requestId: job.id, channel: job.channel, code: error.code, attempts: job.attempts, polls: job.polls,
      failure: job.last?.kind, gatewayCode: job.last instanceof GatewayHttpError ? job.last.gatewayCode : undefined,
    });
    return 'done';
  }

  private record(job: QueryJob, direction: 'sent' | 'received', method: 'GET' | 'POST', path: string, body: string, httpStatus?: number): void {
    if (!this.d.store.recordExchange) return;
    this.d.store.recordExchange({ requestId: job.id, direction, method, path, body, at: this.d.now().toISOString(), ...(httpStatus !== undefined ? { httpStatus } : {}) });
  }

  private bumpPolls(job: QueryJob): void {
    job.polls += 1;
    // Kept so the polling limit survives a restart; not announced (it is not a state change).
    this.save(job, { polls: job.polls }, false);
  }

  // ---- waits ----

  private backoff(n: number): number {
    return fullJitter(n, { baseMs: this.d.tuning.retryBaseMs, maxMs: this.d.tuning.retryMaxMs }, this.d.random);
  }

  private maxAttempts(job: QueryJob): number {
    return Math.max(1, job.adapter.limits.maxAttempts);
  }

  /** Waits out a 429; false when the request has waited out too many. */
  private async waitRateLimited(job: QueryJob, e: GatewayHttpError, pauseChannel: boolean): Promise<boolean> {
    job.limited += 1;
    job.last = e;
    if (job.limited > this.d.tuning.maxRateLimitedWaits) return false;
    const ms = afterRetryAfter(e.retryAfterMs ?? 1_000, this.d.tuning.retryBaseMs, this.d.random);
    // Nobody on the channel submits before the gateway's Retry-After has passed.
    if (pauseChannel) job.lane.bucket.pauseUntil(this.d.base.mono() + (e.retryAfterMs ?? 1_000));
    await this.d.base.life.sleep(ms);
    return true;
  }

  private afterLimited(job: QueryJob, e: GatewayFailure, pauseChannel: boolean): Promise<Step> {
    return this.waitRateLimited(job, e as GatewayHttpError, pauseChannel).then((ok) => (ok ? 'again' : this.finish(job, 'failed', errorForFailure(e, job.limited))));
  }

  // ---- submit ----

  send(job: QueryJob): Promise<Submitted> {
    const { base } = this.d;
    return job.lane.run('submit', () => {
      // Built once, when first needed, so queryCase returns at once even for thousands.
      const body = (job.body ??= buildQueryBody(job, job.ctx, job.party, job.adapter));
      job.attempts += 1;
      // Written before it goes out: after a crash a 'sent' request is asked about, not re-sent blindly.
      this.setState(job, 'sent', { attempts: job.attempts });
      this.record(job, 'sent', 'POST', '/gw/v1/requests', JSON.stringify(body));
      const submit = () => base.client.submit(body, { officerCode: job.ctx.officer.code, timeoutMs: job.lane.limits.timeoutMs, signal: base.life.signal });
      // ... and on disk before it goes out (a group-committing store commits at the turn's end)
      const durable = this.d.store.committed?.();
      return durable ? durable.then(submit) : submit();
    });
  }

  accepted(job: QueryJob, res: Submitted): Phase {
    this.record(job, 'received', 'POST', '/gw/v1/requests', res.raw, res.httpStatus);
    job.failures = 0;
    job.pollNow = res.value.status === 'answered' || res.value.status === 'rejected';
    this.setState(job, 'waiting');
    this.d.log('debug', 'request accepted', { requestId: job.id, channel: job.channel, created: res.created, attempts: job.attempts });
    return 'poll';
  }

  submitFailed(job: QueryJob, e: GatewayFailure, why: SubmitFailure): Maybe<Step> {
    job.last = e;
    if (why === 'unreachable') {
      // It never left this machine: it waits for the network as 'pending'.
      this.setState(job, 'pending');
      return 'again';
    }
    if (why === 'unknown') {
      // It may have arrived: find out before anything else (rule 7).
      if (e instanceof GatewayGarbage) job.garbage += 1;
      else job.failures += 1;
      this.d.log('info', 'submit outcome unknown; asking about the same id', { requestId: job.id, channel: job.channel, failure: e.kind });
      return 'resolve';
    }
    // An HTTP error envelope: the gateway did not take the request.
    if (why === 'limited') {
      this.setState(job, 'pending');
      return this.afterLimited(job, e, true);
    }
    if (why === 'transient') {
      this.setState(job, 'pending');
      job.failures += 1;
      if (job.failures >= this.maxAttempts(job)) return this.finish(job, 'failed', errorForFailure(e, job.attempts));
      return this.d.base.life.sleep(this.backoff(job.failures - 1)).then(() => 'again' as const);
    }
    // a definite refusal, a 409 among them (queries may be repeated, only by a new request)
    return this.finish(job, 'failed', errorForFailure(e, job.attempts));
  }

  // ---- status questions: resolve after a moment's grace; poll with a growing interval ----

  beforeAsk(job: QueryJob, phase: AskPhase): Maybe<Phase | undefined> {
    const { life } = this.d.base;
    if (phase === 'poll') {
      if (job.fed) return undefined;
      if (job.pollNow) job.pollNow = false;
      else {
        const schedule = { intervalMs: job.adapter.limits.pollIntervalMs, factor: this.d.tuning.pollFactor, maxIntervalMs: this.d.tuning.pollMaxIntervalMs };
        return this.awaitAnswer(job, pollDelay(job.polls, schedule, this.d.random)).then(() => undefined);
      }
      return undefined;
    }
    if (job.garbage > this.d.tuning.garbageRetries) return this.finish(job, 'failed', garbageError(job.garbage));
    if (job.fed) return undefined;
    // A moment's grace before asking: a slow submit may still be landing.
    const setbacks = job.failures + job.garbage;
    return setbacks > 0 ? life.sleep(this.backoff(setbacks - 1)).then(() => undefined) : undefined;
  }

  /**
   * The wait before a question: until the feed hands the answer over, or — the answer overdue on
   * the feed — `plainMs` (the poll schedule) while the feed is down, absent or missed this answer,
   * and at least the channel's timeout budget while it is read. Woken when the feed goes down.
   */
  private async awaitAnswer(job: QueryJob, plainMs: number): Promise<void> {
    const { base, feed } = this.d;
    const t0 = base.mono();
    for (;;) {
      if (job.fed) return;
      const budget = feed.live && !job.feedMissed ? Math.max(plainMs, job.adapter.limits.timeoutMs) : plainMs;
      const left = t0 + budget - base.mono();
      if (left <= 0) return;
      await feed.wait(job, left);
    }
  }

  /** GET status, or the answer the feed handed over; it comes with its exact text, kept with the findings as evidence. */
  async ask(job: QueryJob): Promise<Status> {
    const { base } = this.d;
    const fed = job.fed;
    job.fromFeed = fed !== undefined;
    if (fed) {
      job.fed = undefined;
      this.record(job, 'received', 'GET', FEED_PATH, fed.raw, fed.httpStatus);
      return fed;
    }
    const res = await job.lane.run('status', () =>
      base.client.status(job.id, { officerCode: job.ctx.officer.code, timeoutMs: job.lane.limits.timeoutMs, signal: base.life.signal }));
    // Only answers worth keeping as evidence: the feedback and the refusal.
    if (res.value.status === 'answered' || res.value.status === 'rejected') this.record(job, 'received', 'GET', `/gw/v1/requests/${job.id}`, res.raw, res.httpStatus);
    return res;
  }

  statusFailed(job: QueryJob, e: GatewayFailure, why: StatusFailure, phase: AskPhase): Maybe<Step> {
    if (why === 'not-found' && phase === 'resolve') {
      // Never received: the same id may be submitted again (protocol, "Ask about a request").
      // Given up on, it fails for what went wrong with the submits, not for the 404.
      if (job.failures >= this.maxAttempts(job)) return this.finish(job, 'failed', errorForFailure(job.last, job.attempts));
      return 'submit';
    }
    job.last = e;
    if (why === 'unreachable') return 'again';
    if (why === 'not-found') {
      // The gateway has forgotten the request (it was reset): hand it in again, same id.
      job.forgotten += 1;
      if (job.forgotten > this.maxAttempts(job)) return this.finish(job, 'failed', errorForFailure(e, job.attempts));
      this.d.log('warn', 'gateway no longer knows an accepted request; submitting it again under its id', { requestId: job.id, channel: job.channel });
      return 'submit';
    }
    if (why === 'limited') return this.afterLimited(job, e, false);
    if (why === 'garbage') {
      job.garbage += 1;
      if (phase === 'resolve') return 'again';
      this.bumpPolls(job);
      return job.garbage > this.d.tuning.garbageRetries ? this.finish(job, 'failed', garbageError(job.garbage)) : 'again';
    }
    if (why === 'unknown') {
      job.failures += 1;
      return job.failures > this.maxAttempts(job) ? this.finish(job, 'failed', errorForFailure(e, job.attempts)) : 'again';
    }
    return this.finish(job, 'failed', errorForFailure(e, job.attempts));
  }

  answered(job: QueryJob, ans: Status, phase: AskPhase): Step {
    job.failures = 0;
    if (phase === 'poll') this.bumpPolls(job);
    const next = this.consume(job, ans);
    if (next !== 'poll') return next;
    // the feed's copy was unreadable: this request asks about its id from now on
    if (job.fromFeed) job.feedMissed = true;
    if (phase === 'resolve') {
      this.setState(job, 'waiting');
      return 'poll';
    }
    if (job.polls >= job.adapter.limits.maxPolls) return this.finish(job, 'manual', manualError(job.polls));
    return 'again';
  }

  crashed(job: QueryJob, e: unknown): void {
    // A bug or a store failure: the request is marked so the judge sees it; nothing is re-sent.
    this.d.log('error', 'request failed inside the engine', { requestId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
    try {
      this.finish(job, 'failed', requestError('INTERNAL'));
    } catch {
      /* the store itself is failing; the request stays as stored and resume picks it up */
    }
  }

  /** Acts on a status answer: 'done' when the request is finished, 'poll' to keep waiting. */
  private consume(job: QueryJob, { value: ans, raw }: Status): Phase {
    if (ans.status === 'rejected') {
      const r = ans.rejection ?? { code: 'REJECTED', message: '' };
      this.d.log('info', 'agency rejected the query', { requestId: job.id, channel: job.channel, code: r.code });
      return this.finish(job, 'failed', rejectionError(r.code, r.message));
    }
    if (ans.status !== 'answered') return 'poll';
    const t0 = performance.now();
    let findings;
    try {
      findings = job.adapter.normalize(ans.feedback);
    } catch (e) {
      if (!(e instanceof FeedbackFormatError)) throw e;
      job.garbage += 1;
      this.d.log('warn', 'feedback not in the agency format', { requestId: job.id, channel: job.channel, garbage: job.garbage });
      if (job.garbage > this.d.tuning.garbageRetries) return this.finish(job, 'failed', garbageError(job.garbage));
      return 'poll';
    }
    // Findings first, then the state: after a crash in between, the request is asked about again
    // and saveFindings is idempotent per request.
    const saved = this.d.store.saveFindings(job.id, findings, raw, this.d.now().toISOString());
    this.tell(job, 'findings', () => this.d.events.findings(job.caseId, job.id, saved));
    this.setState(job, 'answered', { polls: job.polls, attempts: job.attempts });
    const ms = performance.now() - t0;
    const records = saved.assets.length + saved.whereabouts.length + saved.info.length;
    const slow = ms > this.d.tuning.slowMs;
    this.d.log(slow ? 'warn' : 'debug', slow ? 'slow feedback processing' : 'request answered', {
      requestId: job.id, channel: job.channel, records, ms: Math.round(ms), polls: job.polls,
    });
    return 'done';
  }
}
