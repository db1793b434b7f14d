/**
 * The exchange runner (docs/domain.md rule 7; docs/gateway-protocol.md, "Unknown outcome"): takes
 * each open exchange of its ledger and sends it exactly once. The state is written before the bytes
 * go on the wire; an unknown outcome (timeout, reset, lost answer, garbage, a stop or kill) is
 * resolved by asking about the same id; only "never received" (404) sends the same body again; a
 * final answer is settled once. A policy (policy.ts) says what is sent and what the answer means.
 * Waits back off with jitter and never give up while the runner runs: an exchange left open by a
 * stop is taken up again by open() on the next start.
 */
import { afterRetryAfter, fullJitter, pollDelay } from '../backoff';
import { GatewayGarbage, GatewayHttpError, GatewayNoAnswer, GatewayUnreachable, isGatewayFailure } from '../gateway-errors';
import type { StatusAnswer } from '../gateway-wire';
import { Lifetime, Stopped } from '../lifetime';
import { Semaphore } from '../semaphore';
import { UnreadableFeedback, type ExchangeLedger, type ExchangePolicy } from './policy';
import type { ExchangeWire } from './wire';

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

export interface RunnerOptions<I extends { id: string }, B> {
  policy: ExchangePolicy<I, B>;
  ledger: ExchangeLedger<I>;
  wire: ExchangeWire<B>;
  tuning?: Partial<RunnerTuning>;
  random?: () => number;
  log?: RunnerLog;
}

type Phase = 'submit' | 'resolve' | 'poll' | 'done';

/** Settled meanwhile (a late answer on another path): nothing goes out. */
class AlreadySettled extends Error {}

/** One exchange being worked on: what this run has learnt about it. */
interface Job<I> {
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

export class ExchangeRunner<I extends { id: string }, B> {
  private readonly life = new Lifetime();
  private readonly active = new Map<string, Promise<void>>();
  private readonly slots: Semaphore;
  private readonly tuning: RunnerTuning;
  private readonly random: () => number;
  private readonly log: RunnerLog;

  constructor(private readonly o: RunnerOptions<I, B>) {
    this.tuning = { ...DEFAULT_RUNNER_TUNING, ...o.tuning };
    this.slots = new Semaphore(this.tuning.concurrency);
    this.random = o.random ?? Math.random;
    this.log = o.log ?? (() => undefined);
  }

  /** Takes up every open exchange (at start and after a restart); returns how many were started. */
  open(): number {
    let n = 0;
    for (const item of this.o.ledger.open()) if (this.kick(item.id)) n += 1;
    return n;
  }

  /** Starts working on one exchange; false when it is settled, unknown, already running, or the runner stopped. */
  kick(id: string): boolean {
    if (this.life.stopped || this.active.has(id)) return false;
    const item = this.o.ledger.get(id);
    if (!item) return false;
    const phase = this.o.ledger.phaseOf(item);
    if (phase === 'final') return false;
    const job: Job<I> = { id, item, uncertain: phase !== 'queued', refused: undefined, failures: 0, polls: 0, pollNow: false };
    const p = this.run(job, phase === 'queued' ? 'submit' : 'resolve').finally(() => this.active.delete(id));
    this.active.set(id, p);
    return true;
  }

  get running(): number {
    return this.active.size;
  }

  /** Resolves when no exchange is being worked on. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()]);
  }

  /** Cancels every wait and call at once; each exchange stays as the ledger holds it. */
  async stop(): Promise<void> {
    this.life.stop();
    this.slots.cancelAll(this.life.reason);
    await Promise.all([...this.active.values()]);
  }

  private async run(job: Job<I>, first: Phase): Promise<void> {
    let phase = first;
    try {
      // picked up while 'sent': the answer to the last send was never recorded
      if (phase === 'resolve' && this.o.ledger.phaseOf(job.item) === 'sent') job.item = this.o.ledger.markUnknown(job.id);
      while (phase !== 'done') {
        if (phase === 'submit') phase = await this.submitPhase(job);
        else if (phase === 'resolve') phase = await this.resolvePhase(job);
        else phase = await this.pollPhase(job);
      }
    } catch (e) {
      if (e instanceof Stopped || this.life.stopped) return;
      // a bug or a store failure: the exchange keeps its state and the next open() takes it up
      this.log('error', 'exchange failed inside the runner', { exchangeId: job.id, policy: this.o.policy.name, error: (e as Error)?.name ?? 'unknown' });
    }
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

  private callOptions(job: Job<I>) {
    return { officerCode: this.o.policy.officerOf(job.item), timeoutMs: this.tuning.timeoutMs, signal: this.life.signal };
  }

  private settle(job: Job<I>, outcome: ReturnType<ExchangePolicy<I, B>['settle']>): Phase {
    job.item = this.o.ledger.settle(job.id, outcome);
    this.log('info', `exchange ${outcome.result}`, { exchangeId: job.id, policy: this.o.policy.name, ...(outcome.result === 'rejected' ? { code: outcome.code } : {}) });
    return 'done';
  }

  private async submitPhase(job: Job<I>): Promise<Phase> {
    const body = this.o.policy.body(job.item);
    for (;;) {
      try {
        const ans = await this.call(() => {
          // re-read: settled meanwhile (a late answer), nothing goes out
          const cur = this.o.ledger.get(job.id);
          if (!cur || this.o.ledger.phaseOf(cur) === 'final') throw new AlreadySettled();
          // written before the bytes leave: after a crash it is asked about, never re-sent blindly
          job.item = this.o.ledger.markSent(job.id);
          this.life.check();
          return this.o.wire.submit(body, this.callOptions(job));
        });
        job.uncertain = true;
        job.failures = 0;
        job.item = this.o.ledger.markHeld(job.id);
        job.pollNow = ans.value.status === 'answered' || ans.value.status === 'rejected';
        return 'poll';
      } catch (e) {
        if (e instanceof AlreadySettled) return 'done';
        if (!isGatewayFailure(e)) throw e;
        if (e instanceof GatewayUnreachable) {
          // it never left this machine: it waits until the network is back
          job.item = job.uncertain ? this.o.ledger.markUnknown(job.id) : this.o.ledger.markQueued(job.id);
          job.failures += 1;
          await this.life.sleep(this.backoff(job.failures - 1));
          if (job.uncertain) return 'resolve';
          continue;
        }
        if (e instanceof GatewayNoAnswer || e instanceof GatewayGarbage) {
          job.uncertain = true;
          job.failures += 1;
          job.item = this.o.ledger.markUnknown(job.id);
          this.log('info', 'exchange outcome unknown; asking about the same id', { exchangeId: job.id, policy: this.o.policy.name, failure: e.kind });
          return 'resolve';
        }
        if (e.code === 'IDEMPOTENCY_CONFLICT') {
          // the gateway holds this id with another body: never sent again, only asked about
          job.uncertain = true;
          job.item = this.o.ledger.markUnknown(job.id);
          this.log('error', 'gateway holds this exchange id with another body; asking about the id', { exchangeId: job.id, policy: this.o.policy.name });
          return 'resolve';
        }
        if (e.transient) {
          // 429 or 5xx: the gateway did not take this call
          job.failures += 1;
          job.item = job.uncertain ? this.o.ledger.markUnknown(job.id) : this.o.ledger.markQueued(job.id);
          await this.life.sleep(e.httpStatus === 429 ? afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random) : this.backoff(job.failures - 1));
          if (job.uncertain) return 'resolve';
          continue;
        }
        // a definite refusal: final, unless an earlier send may have landed
        if (job.uncertain) {
          job.refused = e;
          job.item = this.o.ledger.markUnknown(job.id);
          return 'resolve';
        }
        return this.settle(job, this.o.policy.refused(job.item, e));
      }
    }
  }

  /** A failed status question: back off and ask again (never a new submit). */
  private async afterStatusFailure(job: Job<I>, e: unknown): Promise<void> {
    if (e instanceof GatewayHttpError && e.httpStatus === 429) {
      await this.life.sleep(afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random));
      return;
    }
    job.failures += 1;
    await this.life.sleep(this.backoff(job.failures - 1));
  }

  /** What a status answer means: settled, or 'poll' to keep asking. */
  private consume(job: Job<I>, ans: StatusAnswer): Phase | 'poll' {
    if (ans.status === 'accepted' || ans.status === 'processing') {
      if (this.o.ledger.phaseOf(job.item) !== 'sent') job.item = this.o.ledger.markHeld(job.id);
      return 'poll';
    }
    return this.settle(job, this.o.policy.settle(job.item, ans));
  }

  private async ask(job: Job<I>): Promise<StatusAnswer> {
    const ans = await this.call(() => this.o.wire.status(job.id, this.callOptions(job)));
    return ans.value;
  }

  /** The outcome is unknown: ask the gateway about the same id, and only that. */
  private async resolvePhase(job: Job<I>): Promise<Phase> {
    for (;;) {
      let ans: StatusAnswer;
      try {
        ans = await this.ask(job);
      } catch (e) {
        if (!isGatewayFailure(e)) throw e;
        if (e instanceof GatewayHttpError && e.code === 'NOT_FOUND') {
          if (job.refused) return this.settle(job, this.o.policy.refused(job.item, job.refused));
          // never received: the same body goes again under the same id
          this.log('info', 'gateway never received the exchange; submitting the same body again', { exchangeId: job.id, policy: this.o.policy.name });
          job.uncertain = false;
          return 'submit';
        }
        await this.afterStatusFailure(job, e);
        continue;
      }
      job.failures = 0;
      try {
        return this.consume(job, ans);
      } catch (e) {
        if (!(e instanceof UnreadableFeedback)) throw e;
        await this.afterStatusFailure(job, e);
      }
    }
  }

  /** Polls for the platform's answer with a growing interval. */
  private async pollPhase(job: Job<I>): Promise<Phase> {
    const t = this.tuning;
    for (;;) {
      if (job.pollNow) job.pollNow = false;
      else await this.life.sleep(pollDelay(job.polls, { intervalMs: t.pollIntervalMs, factor: t.pollFactor, maxIntervalMs: t.pollMaxIntervalMs }, this.random));
      job.polls += 1;
      let ans: StatusAnswer;
      try {
        ans = await this.ask(job);
      } catch (e) {
        if (!isGatewayFailure(e)) throw e;
        // accepted once, now unknown to the gateway (it was reset): the same body under its id
        if (e instanceof GatewayHttpError && e.code === 'NOT_FOUND') {
          job.item = this.o.ledger.markUnknown(job.id);
          return 'resolve';
        }
        if (!(e instanceof GatewayUnreachable)) await this.afterStatusFailure(job, e);
        continue;
      }
      job.failures = 0;
      try {
        const next = this.consume(job, ans);
        if (next === 'done') return 'done';
      } catch (e) {
        if (!(e instanceof UnreadableFeedback)) throw e;
        job.failures += 1;
      }
    }
  }
}
