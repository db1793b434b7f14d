/**
 * The exchange runner (docs/domain.md rule 7; docs/gateway-protocol.md, "Unknown outcome"): takes
 * each open exchange of its ledger and sends it exactly once. The state is written before the bytes
 * go on the wire; an unknown outcome (timeout, reset, lost answer, garbage, a stop or kill) is
 * resolved by asking about the same id; only "never received" (404) sends the same body again; a
 * final answer is settled once. A policy (policy.ts) says what is sent and what the answer means.
 * Waits back off with jitter and never give up while the runner runs: an exchange left open by a
 * stop is taken up again by open() on the next start. The steps are the outline's (outline.ts);
 * this class is its credit policy over a ledger.
 */
import { afterRetryAfter, fullJitter, pollDelay } from '../backoff';
import { GatewayHttpError } from '../gateway-errors';
import type { StatusAnswer } from '../gateway-wire';
import { Lifetime } from '../lifetime';
import { Semaphore } from '../semaphore';
import { UnreadableFeedback, type ExchangeLedger, type ExchangePolicy } from './policy';
import type { ExchangeWire } from './wire';
import { runExchange, type ExchangeSteps, type Phase } from './outline';

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

  private run(job: Job<I>, first: Phase): Promise<void> {
    return runExchange(job, first, this.steps, this.life);
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

  /** A failed status question: back off and ask again (never a new submit). */
  private async afterStatusFailure(job: Job<I>, e: unknown): Promise<'again'> {
    if (e instanceof GatewayHttpError && e.httpStatus === 429) {
      await this.life.sleep(afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random));
      return 'again';
    }
    job.failures += 1;
    await this.life.sleep(this.backoff(job.failures - 1));
    return 'again';
  }

  /** What a status answer means: settled, or 'poll' to keep asking. */
  private consume(job: Job<I>, ans: StatusAnswer): Phase {
    if (ans.status === 'accepted' || ans.status === 'processing') {
      if (this.o.ledger.phaseOf(job.item) !== 'sent') job.item = this.o.ledger.markHeld(job.id);
      return 'poll';
    }
    return this.settle(job, this.o.policy.settle(job.item, ans));
  }

  /** The credit policy of the outline (outline.ts): never gives up while the runner runs. */
  private readonly steps: ExchangeSteps<Job<I>> = {
    enter: (job, first) => {
      // picked up while 'sent': the answer to the last send was never recorded
      if (first === 'resolve' && this.o.ledger.phaseOf(job.item) === 'sent') job.item = this.o.ledger.markUnknown(job.id);
    },
    send: (job) => this.call(() => {
      // re-read: settled meanwhile (a late answer), nothing goes out
      const cur = this.o.ledger.get(job.id);
      if (!cur || this.o.ledger.phaseOf(cur) === 'final') throw new AlreadySettled();
      // written before the bytes leave: after a crash it is asked about, never re-sent blindly
      job.item = this.o.ledger.markSent(job.id);
      this.life.check();
      return this.o.wire.submit(this.o.policy.body(job.item), this.callOptions(job));
    }),
    accepted: (job, ans) => {
      job.uncertain = true;
      job.failures = 0;
      job.item = this.o.ledger.markHeld(job.id);
      job.pollNow = ans.value.status === 'answered' || ans.value.status === 'rejected';
      return 'poll';
    },
    interrupted: (_job, e) => (e instanceof AlreadySettled ? 'done' : undefined),
    submitFailed: (job, e, why) => {
      if (why === 'unreachable' || why === 'limited' || why === 'transient') {
        // it never left this machine, or the gateway did not take this call (429, 5xx)
        job.item = job.uncertain ? this.o.ledger.markUnknown(job.id) : this.o.ledger.markQueued(job.id);
        job.failures += 1;
        const limited = why === 'limited' && e instanceof GatewayHttpError;
        const ms = limited ? afterRetryAfter(e.retryAfterMs ?? 1_000, this.tuning.retryBaseMs, this.random) : this.backoff(job.failures - 1);
        return this.life.sleep(ms).then(() => (job.uncertain ? 'resolve' : 'again'));
      }
      if (why === 'unknown') {
        job.uncertain = true;
        job.failures += 1;
        job.item = this.o.ledger.markUnknown(job.id);
        this.log('info', 'exchange outcome unknown; asking about the same id', { exchangeId: job.id, policy: this.o.policy.name, failure: e.kind });
        return 'resolve';
      }
      if (why === 'conflict') {
        // the gateway holds this id with another body: never sent again, only asked about
        job.uncertain = true;
        job.item = this.o.ledger.markUnknown(job.id);
        this.log('error', 'gateway holds this exchange id with another body; asking about the id', { exchangeId: job.id, policy: this.o.policy.name });
        return 'resolve';
      }
      // a definite refusal: final, unless an earlier send may have landed
      if (job.uncertain) {
        job.refused = e as GatewayHttpError;
        job.item = this.o.ledger.markUnknown(job.id);
        return 'resolve';
      }
      return this.settle(job, this.o.policy.refused(job.item, e as GatewayHttpError));
    },
    beforeAsk: (job, phase) => {
      if (phase === 'resolve') return undefined;
      const t = this.tuning;
      const counted = () => {
        job.polls += 1;
        return undefined;
      };
      if (!job.pollNow) return this.life.sleep(pollDelay(job.polls, { intervalMs: t.pollIntervalMs, factor: t.pollFactor, maxIntervalMs: t.pollMaxIntervalMs }, this.random)).then(counted);
      job.pollNow = false;
      return counted();
    },
    ask: (job) => this.call(() => this.o.wire.status(job.id, this.callOptions(job))),
    statusFailed: (job, e, why, phase) => {
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
    },
    answered: (job, ans, phase) => {
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
    },
    crashed: (job, e) => {
      // a bug or a store failure: the exchange keeps its state and the next open() takes it up
      this.log('error', 'exchange failed inside the runner', { exchangeId: job.id, policy: this.o.policy.name, error: (e as Error)?.name ?? 'unknown' });
    },
  };
}
