/**
 * The ledger policy of the exchange outline (docs/domain.md rule 7; docs/gateway-protocol.md,
 * "Unknown outcome"), for exchanges kept in a store's outbox (a ledger): each is sent exactly once.
 * The state is written before the bytes go on the wire; an unknown outcome (timeout, reset, lost
 * answer, garbage, a stop or kill) is resolved by asking about the same id; only "never received"
 * (404) sends the same body again; a final answer is settled once. An ExchangePolicy (policy.ts)
 * says what is sent and what the answer means — the credit platform's listing and restriction
 * (credit-policies.ts). Waits back off with jitter and never give up while the engine runs: an
 * exchange left open by a stop is taken up again on the next start. The runner (runner.ts) hosts
 * the jobs.
 */
import { afterRetryAfter, fullJitter, pollDelay } from '../backoff';
import { GatewayHttpError } from '../gateway-errors';
import type { Lifetime } from '../lifetime';
import { Semaphore } from '../semaphore';
import { UnreadableFeedback, type ExchangeLedger, type ExchangePolicy } from './policy';
import type { ExchangeWire } from './wire';
import type { GatewayAnswer } from '../gateway-client';
import type { GatewayFailure } from '../gateway-errors';
import type { StatusAnswer, SubmitAnswer } from '../gateway-wire';
import type { AskPhase, ExchangeSteps, Maybe, Phase, Status, StatusFailure, Step, SubmitFailure } from './outline';

export interface RunnerTuning {
  /** per-call timeout */
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollIntervalMs: number;
  pollFactor: number;
  pollMaxIntervalMs: number;
  /** calls in flight at once */
  concurrency: number;
}

export const DEFAULT_RUNNER_TUNING: RunnerTuning = {
  timeoutMs: 15_000, retryBaseMs: 500, retryMaxMs: 60_000, pollIntervalMs: 2_000, pollFactor: 1.5, pollMaxIntervalMs: 60_000, concurrency: 4,
};

export type RunnerLog = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface LedgerStepsOptions<I extends { id: string }, B> {
  policy: ExchangePolicy<I, B>;
  ledger: ExchangeLedger<I>;
  wire: ExchangeWire<B>;
  life: Lifetime;
  tuning?: Partial<RunnerTuning>;
  random?: () => number;
  log?: RunnerLog;
}

/** Settled meanwhile (a late answer on another path): nothing goes out. */
class AlreadySettled extends Error {}

/** One exchange being worked on: what this run has learnt about it. */
export interface LedgerJob<I> {
  id: string;
  item: I;
  /** an earlier send may have reached the gateway: a refusal now is not final, a 404 is not "never" */
  uncertain: boolean;
  /** a definite refusal heard after an uncertain send: final once the gateway says it never got the first */
  refused: GatewayHttpError | undefined;
  failures: number;
  polls: number;
  pollNow: boolean;
}

export class LedgerSteps<I extends { id: string }, B> implements ExchangeSteps<LedgerJob<I>> {
  private readonly life: Lifetime;
  private readonly slots: Semaphore;
  private readonly tuning: RunnerTuning;
  private readonly random: () => number;
  private readonly log: RunnerLog;

  constructor(private readonly o: LedgerStepsOptions<I, B>) {
    this.life = o.life;
    this.tuning = { ...DEFAULT_RUNNER_TUNING, ...o.tuning };
    this.slots = new Semaphore(this.tuning.concurrency);
    this.random = o.random ?? Math.random;
    this.log = o.log ?? (() => undefined);
  }

  /** The job for an open exchange and the phase it starts in; undefined when it is settled or unknown. */
  jobFor(id: string): { job: LedgerJob<I>; first: Phase } | undefined {
    const item = this.o.ledger.get(id);
    if (!item) return undefined;
    const phase = this.o.ledger.phaseOf(item);
    if (phase === 'final') return undefined;
    const job: LedgerJob<I> = { id, item, uncertain: phase !== 'queued', refused: undefined, failures: 0, polls: 0, pollNow: false };
    return { job, first: phase === 'queued' ? 'submit' : 'resolve' };
  }

  /** every call waiting for a slot is cancelled (the lifetime has stopped) */
  cancelAll(): void {
    this.slots.cancelAll(this.life.reason);
  }

  private backoff(n: number): number {
    return fullJitter(Math.min(n, 30), { baseMs: this.tuning.retryBaseMs, maxMs: this.tuning.retryMaxMs }, this.random);
  }

  private async call<T>(f: () => Promise<T>): Promise<T> {
    const release = await this.slots.acquire();
    try {
      this.life.check();
      return await f();
    } finally {
      release();
    }
  }

  private callOptions(job: LedgerJob<I>) {
    return { officerCode: this.o.policy.officerOf(job.item), timeoutMs: this.tuning.timeoutMs, signal: this.life.signal };
  }

  private settle(job: LedgerJob<I>, outcome: ReturnType<ExchangePolicy<I, B>['settle']>): Phase {
    job.item = this.o.ledger.settle(job.id, outcome);
    this.log('info', `exchange ${outcome.result}`, { exchangeId: job.id, policy: this.o.policy.name, ...(outcome.result === 'rejected' ? { code: outcome.code } : {}) });
    return 'done';
  }

  /** A failed status question: back off and ask again (never a new submit). */
  private async afterStatusFailure(job: LedgerJob<I>, e: unknown): Promise<'again'> {
    if (e instanceof GatewayHttpError && e.httpStatus === 429) {
      await this.life.sleep(afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random));
      return 'again';
    }
    job.failures += 1;
    await this.life.sleep(this.backoff(job.failures - 1));
    return 'again';
  }

  /** What a status answer means: settled, or 'poll' to keep asking. */
  private consume(job: LedgerJob<I>, ans: StatusAnswer): Phase {
    if (ans.status === 'accepted' || ans.status === 'processing') {
      if (this.o.ledger.phaseOf(job.item) !== 'sent') job.item = this.o.ledger.markHeld(job.id);
      return 'poll';
    }
    return this.settle(job, this.o.policy.settle(job.item, ans));
  }

  // ---- the outline's steps (outline.ts): never gives up while the engine runs ----

  enter(job: LedgerJob<I>, first: Phase): void {
    // picked up while 'sent': the answer to the last send was never recorded
    if (first === 'resolve' && this.o.ledger.phaseOf(job.item) === 'sent') job.item = this.o.ledger.markUnknown(job.id);
  }

  send(job: LedgerJob<I>): Promise<GatewayAnswer<SubmitAnswer>> {
    return this.call(() => {
      // re-read: settled meanwhile (a late answer), nothing goes out
      const cur = this.o.ledger.get(job.id);
      if (!cur || this.o.ledger.phaseOf(cur) === 'final') throw new AlreadySettled();
      // written before the bytes leave: after a crash it is asked about, never re-sent blindly
      job.item = this.o.ledger.markSent(job.id);
      this.life.check();
      return this.o.wire.submit(this.o.policy.body(job.item), this.callOptions(job));
    });
  }

  accepted(job: LedgerJob<I>, ans: GatewayAnswer<SubmitAnswer>): Phase {
    job.uncertain = true;
    job.failures = 0;
    job.item = this.o.ledger.markHeld(job.id);
    job.pollNow = ans.value.status === 'answered' || ans.value.status === 'rejected';
    return 'poll';
  }

  interrupted(_job: LedgerJob<I>, e: unknown): Phase | undefined {
    return e instanceof AlreadySettled ? 'done' : undefined;
  }

  submitFailed(job: LedgerJob<I>, e: GatewayFailure, why: SubmitFailure): Maybe<Step> {
    if (why === 'unreachable' || why === 'limited' || why === 'transient') {
      // it never left this machine, or the gateway did not take this call (429, 5xx)
      job.item = job.uncertain ? this.o.ledger.markUnknown(job.id) : this.o.ledger.markQueued(job.id);
      job.failures += 1;
      const limited = why === 'limited' && e instanceof GatewayHttpError;
      const ms = limited ? afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random) : this.backoff(job.failures - 1);
      return this.life.sleep(ms).then(() => (job.uncertain ? 'resolve' : 'again'));
    }
    if (why === 'unknown' || why === 'conflict') {
      // it may have landed, or the gateway holds this id with another body: never sent again, only asked about
      job.uncertain = true;
      if (why === 'unknown') job.failures += 1;
      job.item = this.o.ledger.markUnknown(job.id);
      if (why === 'unknown') this.log('info', 'exchange outcome unknown; asking about the same id', { exchangeId: job.id, policy: this.o.policy.name, failure: e.kind });
      else this.log('error', 'gateway holds this exchange id with another body; asking about the id', { exchangeId: job.id, policy: this.o.policy.name });
      return 'resolve';
    }
    // a definite refusal: final, unless an earlier send may have landed
    if (job.uncertain) {
      job.refused = e as GatewayHttpError;
      job.item = this.o.ledger.markUnknown(job.id);
      return 'resolve';
    }
    return this.settle(job, this.o.policy.refused(job.item, e as GatewayHttpError));
  }

  beforeAsk(job: LedgerJob<I>, phase: AskPhase): Maybe<Phase | undefined> {
    if (phase === 'resolve') return undefined;
    const t = this.tuning;
    const counted = () => {
      job.polls += 1;
      return undefined;
    };
    if (!job.pollNow) return this.life.sleep(pollDelay(job.polls, { intervalMs: t.pollIntervalMs, factor: t.pollFactor, maxIntervalMs: t.pollMaxIntervalMs }, this.random)).then(counted);
    job.pollNow = false;
    return counted();
  }

  ask(job: LedgerJob<I>): Promise<Status> {
    return this.call(() => this.o.wire.status(job.id, this.callOptions(job)));
  }

  statusFailed(job: LedgerJob<I>, e: GatewayFailure, why: StatusFailure, phase: AskPhase): Maybe<Step> {
    if (why === 'not-found' && phase === 'resolve') {
      if (job.refused) return this.settle(job, this.o.policy.refused(job.item, job.refused));
      // never received: the same body goes again under the same id
      this.log('info', 'gateway never received the exchange; submitting the same body again', { exchangeId: job.id, policy: this.o.policy.name });
      job.uncertain = false;
      return 'submit';
    }
    if (why === 'not-found') {
      // accepted once, now unknown to the gateway (it was reset): the same body under its id
      job.item = this.o.ledger.markUnknown(job.id);
      return 'resolve';
    }
    if (why === 'unreachable' && phase === 'poll') return 'again';
    return this.afterStatusFailure(job, e);
  }

  answered(job: LedgerJob<I>, ans: Status, phase: AskPhase): Maybe<Step> {
    job.failures = 0;
    try {
      const next = this.consume(job, ans.value);
      return phase === 'poll' && next === 'poll' ? 'again' : next;
    } catch (e) {
      if (!(e instanceof UnreadableFeedback)) throw e;
      if (phase === 'resolve') return this.afterStatusFailure(job, e);
      job.failures += 1;
      return 'again';
    }
  }

  crashed(job: LedgerJob<I>, e: unknown): void {
    // a bug or a store failure: the exchange keeps its state and the next start takes it up
    this.log('error', 'exchange failed inside the runner', { exchangeId: job.id, policy: this.o.policy.name, error: (e as Error)?.name ?? 'unknown' });
  }
}
