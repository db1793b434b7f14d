/**
 * The exchange runner (docs/architecture.md, "Exchanges and jobs"): the one place where the
 * exchanges of an engine are worked on. It starts them a batch per turn of the event loop (so a
 * fan-out of thousands never holds the thread), runs each through the outline (outline.ts) with
 * its engine's policy (an ExchangeSteps), keeps every exchange at most once in hand, tells when
 * none is left, and on stop drops what has not started and waits for what has. The policies are
 * the query's (engine/query-steps.ts), the measure's (measures/measure-steps.ts), the frozen-balance
 * check's (measures/balance-check.ts) and the credit platform's listing and restriction
 * (ledger-steps.ts over credit-policies.ts).
 */
import type { GatewayAnswer } from '../gateway-client';
import type { SubmitAnswer } from '../gateway-wire';
import type { Lifetime } from '../lifetime';
import { createStartQueue, type StartQueue } from '../start-queue';
import { runExchange, type ExchangeSteps, type Phase } from './outline';

export interface RunnerHooks<J> {
  /** a job was taken in hand (its exchange starts now) */
  started?(job: J): void;
  /** a job's exchange ended (done, crashed or stopped) */
  ended?(job: J): void;
  /** something besides the runner's own jobs that idle() also waits for (e.g. measures held elsewhere) */
  busy?(): boolean;
}

interface Pending<J> {
  id: string;
  make: () => J;
  first: Phase;
}

export class ExchangeRunner<J extends { id: string }, S extends GatewayAnswer<SubmitAnswer> = GatewayAnswer<SubmitAnswer>> {
  private readonly active = new Map<string, { job: J; done: Promise<void> }>();
  private readonly queued = new Set<string>();
  private readonly starts: StartQueue<Pending<J>>;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly life: Lifetime,
    private readonly steps: ExchangeSteps<J, S>,
    private readonly hooks: RunnerHooks<J> = {},
  ) {
    this.starts = createStartQueue<Pending<J>>((x) => {
      this.queued.delete(x.id);
      this.launch(x.make(), x.first);
    }, () => life.stopped);
  }

  /** Queues an exchange to start on the next turn; false when it is already in hand or the runner stopped. */
  start(id: string, make: () => J, first: Phase): boolean {
    if (this.life.stopped || this.busy(id)) return false;
    this.queued.add(id);
    this.starts.push({ id, make, first });
    return true;
  }

  /** Runs one exchange now and resolves when it ends (an answer the caller waits for). */
  run(job: J, first: Phase): Promise<void> {
    return this.launch(job, first);
  }

  /** queued or being worked on */
  busy(id: string): boolean {
    return this.active.has(id) || this.queued.has(id);
  }

  /** the job in hand under this id, if any */
  job(id: string): J | undefined {
    return this.active.get(id)?.job;
  }

  /** jobs being worked on (not those still queued) */
  get working(): number {
    return this.active.size;
  }

  /** Resolves when nothing is queued, nothing is worked on and the hooks' busy() is false. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Tells idle() waiters to look again (after something the hooks' busy() counts changed). */
  settle(): void {
    if (!this.isIdle()) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  /**
   * Drops what has not started (it stays as stored, for the next start) and waits for what has;
   * the owner stops the lifetime first, which ends every wait and call at once.
   */
  async stop(): Promise<void> {
    this.starts.clear();
    this.queued.clear();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
    this.settle();
  }

  /** nothing queued, nothing worked on, and the hooks' busy() false */
  isIdle(): boolean {
    return this.active.size === 0 && this.queued.size === 0 && !this.hooks.busy?.();
  }

  private launch(job: J, first: Phase): Promise<void> {
    // in hand before its first step runs, so everything the steps call can find it
    const entry: { job: J; done: Promise<void> } = { job, done: Promise.resolve() };
    this.active.set(job.id, entry);
    entry.done = runExchange(job, first, this.steps, this.life).finally(() => {
      if (this.active.get(job.id) === entry) this.active.delete(job.id);
      this.hooks.ended?.(job);
      this.settle();
    });
    this.hooks.started?.(job);
    return entry.done;
  }
}
