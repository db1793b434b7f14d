/**
 * The measure policy of the exchange outline (exchange/outline.ts; docs/domain.md rule 7;
 * docs/gateway-protocol.md, "Unknown outcome"): a freeze, renewal, release or deduction already in
 * the outbox is sent once and followed to the agency's answer. 'sent' is written before the bytes
 * go on the wire; an unknown outcome is resolved only by asking about the same id; a 404 (never
 * received) is the one case in which the same body goes out again; a 409 is a fault of this
 * program, asked about by id, never "fixed" by sending again; after the engine's limits a measure
 * stays in the outbox for a follow-up, never given up as failed. Every write checks the lease
 * (leases.ts) and none happens after a stop. The runner (exchange/runner.ts) hosts the jobs.
 */
import type { ChannelId } from '../../../shared/domain/channels';
import type { Measure, MeasureState } from '../../../shared/domain/measures';
import { afterRetryAfter, fullJitter, pollDelay } from '../backoff';
import type { ChannelBase } from '../channel-base';
import type { ChannelLane } from '../channel-lane';
import type { GatewayClient } from '../gateway-client';
import { GatewayGarbage, GatewayHttpError, GatewayNoAnswer, type GatewayFailure } from '../gateway-errors';
import type { SubmitBody } from '../gateway-wire';
import type { AskPhase, ExchangeSteps, Maybe, Phase, Status, StatusFailure, Step, SubmitFailure } from '../exchange/outline';
import { OUTBOX_STATES, type MeasurePatch, type MeasureStore } from '../measure-store';
import { requestError } from '../request-errors';
import type { ChannelLimits, EngineLog } from '../types';
import type { MeasureContext } from './measure-body';
import { bodyChangedError, conflictError, followUpError, gatewayRefusalError, measureRejectionError } from './measure-errors';
import { FeedbackMismatch, verdictOf } from './measure-feedback';
import type { MeasureEngineCounters, MeasureEngineTuning, MeasureEvents } from './measure-engine';

export const SENDABLE: ReadonlySet<MeasureState> = new Set(OUTBOX_STATES);

/** The measure is no longer to be sent from here (cancelled, or concluded by another path). */
export class Withdrawn extends Error {
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

export interface MeasureJob {
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

/** What the steps need of the leases (leases.ts). */
export interface LeaseKeeper {
  claim(id: string, extraMs: number, job: MeasureJob): boolean;
  holds(job: MeasureJob): boolean;
  leaveToHolder(m: Measure, ctx: MeasureContext): void;
}

export interface MeasureStepsDeps {
  base: ChannelBase;
  store: MeasureStore;
  events: MeasureEvents;
  tuning: MeasureEngineTuning;
  counters: MeasureEngineCounters;
  leases: LeaseKeeper;
  now: () => Date;
  random: () => number;
  log: EngineLog;
}

type Submitted = Awaited<ReturnType<GatewayClient['submit']>>;

export class MeasureSteps implements ExchangeSteps<MeasureJob, Submitted> {
  constructor(private readonly d: MeasureStepsDeps) {}

  // ---- store, events, evidence ----

  /** Every write goes through here: none after stop (a stopped engine is a dead process). */
  private save(job: MeasureJob, patch: MeasurePatch): Measure {
    this.d.base.life.check();
    if (!this.d.leases.holds(job)) throw new Withdrawn('held elsewhere');
    const m = this.d.store.updateMeasure(job.id, patch);
    job.m = m;
    this.d.base.safely('measure', () => this.d.events.measure(m));
    return m;
  }

  private setState(job: MeasureJob, state: MeasureState, extra: MeasurePatch = {}): void {
    if (job.m.state === state && Object.keys(extra).length === 0) return;
    if (state === 'unknown' && job.m.state !== 'unknown') this.d.counters.unknownOutcomes += 1;
    this.save(job, { state, ...extra });
  }

  private record(job: MeasureJob, direction: 'sent' | 'received', text: string): void {
    if (!this.d.store.recordMeasureExchange) return;
    this.d.base.life.check();
    this.d.store.recordMeasureExchange({ measureId: job.id, direction, at: this.d.now().toISOString(), text });
  }

  // ---- endings ----

  private finishRefused(job: MeasureJob, e: GatewayHttpError): Phase {
    this.save(job, { state: 'rejected', outcome: { rejection: { code: e.gatewayCode, message: e.gatewayMessage } }, error: gatewayRefusalError(e) });
    job.done = true;
    this.d.counters.rejected += 1;
    this.d.log('warn', 'measure refused by the gateway; not executed', { measureId: job.id, channel: job.channel, kind: job.m.kind, httpStatus: e.httpStatus, code: e.gatewayCode });
    return 'done';
  }

  /** Still open after the engine's limits: stays in the outbox (sent/unknown) with a reason; send() or resume() takes it up again. */
  private followUp(job: MeasureJob, f: GatewayFailure | undefined): Phase {
    this.save(job, { error: job.conflict ? conflictError() : followUpError(f, job.polls) });
    this.d.counters.followUps += 1;
    this.d.log('warn', 'measure outcome still open; left for a follow-up', {
      measureId: job.id, channel: job.channel, state: job.m.state, polls: job.polls, failure: f?.kind,
      code: f instanceof GatewayHttpError ? f.gatewayCode : undefined,
    });
    return 'done';
  }

  // ---- waits ----

  private backoff(n: number): number {
    return fullJitter(Math.min(n, 30), { baseMs: this.d.tuning.retryBaseMs, maxMs: this.d.tuning.retryMaxMs }, this.d.random);
  }

  /** A job's wait: ends at `ms`, at once when an answer for it arrives from the feed, or with Stopped. */
  private nap(job: MeasureJob, ms: number): Promise<void> {
    const { life } = this.d.base;
    if (life.stopped) return Promise.reject(life.reason);
    if (job.done || ms <= 0) return Promise.resolve();
    return life.nap(ms, (wake) => (job.wake = wake)).finally(() => (job.wake = undefined));
  }

  private async waitRateLimited(job: MeasureJob, e: GatewayHttpError, pauseChannel: boolean): Promise<void> {
    if (pauseChannel) job.lane.bucket.pauseUntil(this.d.base.mono() + (e.retryAfterMs ?? 1_000));
    await this.nap(job, afterRetryAfter(e.retryAfterMs ?? 1_000, this.d.tuning.retryBaseMs, this.d.random));
  }

  /** The body about to go out again must be the one first sent (when the store remembers it). */
  private assertSameBody(job: MeasureJob): void {
    const first = this.d.store.bodyDigestOf?.(job.id);
    if (first !== undefined && first !== job.digest) throw new BodyChanged();
  }

  // ---- submit: sent once, re-sent only after a 404 ----

  enter(job: MeasureJob, first: Phase): void {
    // Picked up while 'sent': the answer to the last send was never recorded.
    if (first === 'resolve' && job.m.state === 'sent') this.setState(job, 'unknown');
  }

  enterSubmit(job: MeasureJob): Promise<void> | undefined {
    return job.resubmits > 0 ? this.nap(job, this.backoff(job.resubmits - 1)) : undefined;
  }

  beforeSend(job: MeasureJob): Phase | undefined {
    return job.done ? 'done' : undefined;
  }

  send(job: MeasureJob): Promise<Submitted> {
    const { base, store } = this.d;
    return job.lane.run('submit', () => {
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
      if (!this.d.leases.claim(job.id, job.limits.timeoutMs, job)) throw new Withdrawn('held elsewhere');
      this.assertSameBody(job);
      // Written before the bytes leave: after a crash it is asked about, never re-sent blindly.
      this.save(job, { state: 'sent', attempts: cur.attempts + 1, ...(cur.sentAt ? {} : { sentAt: this.d.now().toISOString() }) });
      this.record(job, 'sent', job.text);
      return base.client.submit(job.body, { officerCode: job.ctx.officer.code, timeoutMs: job.limits.timeoutMs, signal: base.life.signal });
    });
  }

  accepted(job: MeasureJob, res: Submitted): Phase {
    if (job.done) return 'done';
    this.record(job, 'received', res.raw);
    job.failures = 0;
    job.uncertain = true;
    job.pollNow = res.value.status === 'answered' || res.value.status === 'rejected';
    this.d.log('debug', 'measure accepted', { measureId: job.id, channel: job.channel, created: res.created, attempts: job.m.attempts });
    return 'poll';
  }

  interrupted(job: MeasureJob, e: unknown): Phase | undefined {
    if (!(e instanceof SentElsewhere)) return undefined;
    job.uncertain = true;
    return 'resolve';
  }

  submitFailed(job: MeasureJob, e: GatewayFailure, why: SubmitFailure): Maybe<Step> {
    if (job.done) return 'done';
    job.last = e;
    if (why === 'unreachable') {
      if (job.uncertain) {
        this.setState(job, 'unknown');
        return 'resolve';
      }
      // It never left this machine: it waits in the outbox until the network is back.
      this.setState(job, 'queued');
      return 'again';
    }
    if (why === 'unknown') {
      job.uncertain = true;
      if (e instanceof GatewayGarbage) job.garbage += 1;
      else job.failures += 1;
      this.setState(job, 'unknown');
      this.d.log('info', 'measure outcome unknown; asking about the same id', { measureId: job.id, channel: job.channel, failure: e.kind });
      return 'resolve';
    }
    const he = e as GatewayHttpError;
    if (why === 'conflict') {
      job.conflict = true;
      job.uncertain = true;
      this.d.counters.conflicts += 1;
      this.setState(job, 'unknown', { error: conflictError() });
      this.d.log('error', 'gateway holds this measure id with another body; not sent again, asking about the id', { measureId: job.id, channel: job.channel, code: he.gatewayCode });
      return 'resolve';
    }
    if (why === 'limited' || why === 'transient') {
      // 429 or 5xx: the gateway did not take this call.
      job.failures += 1;
      this.setState(job, job.uncertain ? 'unknown' : 'queued');
      const wait = why === 'limited' ? this.waitRateLimited(job, he, true) : this.nap(job, this.backoff(job.failures - 1));
      return wait.then(() => (job.uncertain ? 'resolve' : 'again'));
    }
    // A definite refusal (400, 401, 403, 422): final, unless an earlier send may have landed.
    if (job.uncertain) {
      job.refused = he;
      this.setState(job, 'unknown');
      return 'resolve';
    }
    return this.finishRefused(job, he);
  }

  // ---- status questions: resolve asks about the same id, and only that; poll up to maxPolls ----

  beforeAsk(job: MeasureJob, phase: AskPhase): Maybe<Phase | undefined> {
    let wait: Promise<void> | undefined;
    if (phase === 'resolve') {
      const setbacks = job.failures + job.garbage;
      if (setbacks > 0) wait = this.nap(job, this.backoff(setbacks - 1));
    } else if (job.pollNow) job.pollNow = false;
    else {
      const schedule = { intervalMs: job.limits.pollIntervalMs, factor: this.d.tuning.pollFactor, maxIntervalMs: this.d.tuning.pollMaxIntervalMs };
      wait = this.nap(job, pollDelay(job.polls, schedule, this.d.random));
    }
    // an answer from the feed (job.done) ends either phase at once
    const after = (): Phase | undefined => (job.done ? 'done' : undefined);
    return wait ? wait.then(after) : after();
  }

  ask(job: MeasureJob): Promise<Status> {
    const { base } = this.d;
    return job.lane.run('status', () =>
      base.client.status(job.id, { officerCode: job.ctx.officer.code, timeoutMs: job.limits.timeoutMs, signal: base.life.signal }));
  }

  statusFailed(job: MeasureJob, e: GatewayFailure, why: StatusFailure, phase: AskPhase): Maybe<Step> {
    if (job.done) return 'done';
    if (why === 'not-found' && phase === 'resolve') {
      if (job.conflict) return this.followUp(job, e);
      if (job.refused) return this.finishRefused(job, job.refused);
      // Never received: the same body goes again under the same id (protocol, "Unknown outcome").
      return this.resubmit(job, 'gateway never received the measure; submitting it again under the same id');
    }
    job.last = e;
    if (why === 'unreachable') return 'again';
    if (why === 'not-found') {
      // Accepted once, now unknown to the gateway (it was reset): hand in the same body, same id.
      job.forgotten += 1;
      if (job.conflict || job.forgotten > this.d.tuning.forgottenRetries) return this.followUp(job, e);
      this.setState(job, 'unknown');
      return this.resubmit(job, 'gateway no longer knows an accepted measure; submitting it again under its id');
    }
    // an unreadable answer counts as a poll: the agency was asked
    if (phase === 'poll' && why === 'garbage') job.polls += 1;
    return this.afterStatusFailure(job, e);
  }

  answered(job: MeasureJob, ans: Status, phase: AskPhase): Step {
    if (job.done) return 'done';
    job.failures = 0;
    if (phase === 'poll') job.polls += 1;
    if (this.consume(job, ans) === 'done') return 'done';
    if (job.garbage > this.d.tuning.garbageRetries) return this.followUp(job, job.last);
    if (phase === 'resolve') return 'poll';
    if (job.polls >= job.limits.maxPolls) return this.followUp(job, undefined);
    return 'again';
  }

  crashed(job: MeasureJob, e: unknown): void {
    const { log } = this.d;
    if (e instanceof Withdrawn && e.state === 'held elsewhere') {
      // another engine took it (this one's lease ran out): it is that one's now, unless it dies too
      log('info', 'measure taken over by another process; left to it', { measureId: job.id, channel: job.channel });
      this.d.leases.leaveToHolder(job.m, job.ctx);
      return;
    }
    if (e instanceof Withdrawn) {
      log('info', 'measure not sent: no longer in the outbox', { measureId: job.id, channel: job.channel, state: e.state });
      return;
    }
    const body = e instanceof BodyChanged;
    if (body) log('error', 'measure not sent again: its body would differ from the one first sent', { measureId: job.id, channel: job.channel });
    // A bug or a store failure: the measure keeps its state (it may have been executed) with a mark.
    else log('error', 'measure failed inside the engine', { measureId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
    try {
      this.save(job, { error: body ? bodyChangedError() : requestError('INTERNAL') });
    } catch {
      /* the store itself is failing; the measure stays as stored and resume picks it up */
    }
  }

  private resubmit(job: MeasureJob, why: string): Phase {
    job.resubmits += 1;
    this.d.counters.resubmits += 1;
    this.d.log(job.forgotten > 0 ? 'warn' : 'info', why, { measureId: job.id, channel: job.channel, resubmits: job.resubmits });
    return 'submit';
  }

  /**
   * A status question that failed (other than unreachable or 404), the same in both phases:
   * 'again' to ask once more after backing off, or a follow-up once the engine's limits are spent.
   */
  private async afterStatusFailure(job: MeasureJob, e: GatewayFailure): Promise<'again' | Phase> {
    if (e instanceof GatewayHttpError && e.httpStatus === 429) {
      await this.waitRateLimited(job, e, false);
      return 'again';
    }
    if (e instanceof GatewayGarbage) {
      job.garbage += 1;
      return job.garbage > this.d.tuning.garbageRetries ? this.followUp(job, e) : 'again';
    }
    if (e instanceof GatewayNoAnswer || (e instanceof GatewayHttpError && e.transient)) {
      job.failures += 1;
      return job.failures > this.d.tuning.statusFailures ? this.followUp(job, e) : 'again';
    }
    return this.followUp(job, e);
  }

  /**
   * Acts on a status answer about the measure (a poll's or the feed's): 'done' once executed or
   * rejected is written, 'poll' to keep asking. An answer not about this measure, or feedback not
   * in the measure format, counts as unreadable and changes nothing.
   */
  consume(job: MeasureJob, { value: ans, raw }: Status): 'done' | 'poll' {
    const { log, counters } = this.d;
    if (ans.clientRequestId !== job.id) {
      job.garbage += 1;
      job.last = new GatewayGarbage(200, 'answer about another request id');
      log('warn', 'status answer about another request id ignored', { measureId: job.id, channel: job.channel });
      return 'poll';
    }
    // The gateway holds it: no longer unknown.
    if (job.m.state === 'unknown') this.setState(job, 'sent');
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
    this.record(job, 'received', raw);
    if (v.state === 'executed') {
      // a conflict stays on record for a person to look at; anything else is resolved
      this.save(job, { state: 'executed', outcome: v.outcome, ...(job.conflict ? {} : { error: undefined }) });
      counters.executed += 1;
      log('info', 'measure executed', {
        measureId: job.id, channel: job.channel, kind: job.m.kind, queuePosition: v.outcome.queuePosition, attempts: job.m.attempts, polls: job.polls,
      });
    } else {
      const r = v.outcome.rejection!;
      this.save(job, { state: 'rejected', outcome: v.outcome, error: measureRejectionError(job.m.kind, r.code, r.message) });
      counters.rejected += 1;
      log('info', 'agency rejected the measure', { measureId: job.id, channel: job.channel, kind: job.m.kind, code: r.code });
    }
    job.done = true;
    job.wake?.();
    return 'done';
  }
}
