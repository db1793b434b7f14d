/**
 * The query engine's side of the feedback feed (feed-reader.ts; docs/gateway-protocol.md): while
 * queries are outstanding, the one reader hands each answer to its request by clientRequestId.
 * The request takes it up at its next step (query-steps.ts), so an answer is consumed in the
 * request's own order of work, never beside it. An answer for an id not worked on here, for a
 * request already finished, or a second copy of one already handed over changes nothing. While
 * the feed is down (or absent) every waiting request is woken to ask about its id by itself.
 */
import type { ChannelBase } from './channel-base';
import { FeedReader, type FeedCursorStore, type FeedTuning } from './feed-reader';
import type { Status } from './exchange/outline';
import type { EngineLog } from './types';

/** What the feed needs of a request being worked on (QueryJob). */
export interface FedJob {
  id: string;
  state: string;
  /** an answer from the feed not yet taken up */
  fed: Status | undefined;
  /** ends the request's wait at once */
  wake: (() => void) | undefined;
}

const FINISHED = new Set(['answered', 'failed', 'manual']);
/** requests woken per turn of the event loop */
const WAKE_PER_TURN = 8;

export interface QueryFeedDeps<J extends FedJob> {
  base: ChannelBase;
  cursor: FeedCursorStore;
  tuning: FeedTuning;
  log: EngineLog;
  working: () => number;
  jobOf: (id: string) => J | undefined;
}

export class QueryFeed<J extends FedJob> {
  private readonly reader: FeedReader;
  private readonly waiting = new Set<J>();
  private readonly toWake: J[] = [];
  /** answers handed to requests, and items ignored (strangers, repeats), for tests and benchmarks */
  readonly counts = { handed: 0, ignored: 0 };

  constructor(private readonly d: QueryFeedDeps<J>) {
    this.reader = new FeedReader({
      base: d.base, tuning: d.tuning, log: d.log, cursor: d.cursor, what: 'query', working: d.working,
      apply: (item, raw) => {
        const job = d.jobOf(item.clientRequestId);
        if (!job || job.fed || FINISHED.has(job.state) || (item.status !== 'answered' && item.status !== 'rejected')) {
          this.counts.ignored += 1;
          return;
        }
        job.fed = { value: item, raw, httpStatus: 200 };
        this.counts.handed += 1;
        this.wakeSoon(job);
      },
      onLive: (live) => {
        // down: whoever waits on the feed asks about its id on its own schedule
        if (!live) for (const j of [...this.waiting]) j.wake?.();
      },
    });
  }

  /**
   * Wakes a request a few per turn of the event loop: a page of answers taken up at once (each
   * normalised and saved) would hold the thread for the whole page (docs/bench.md, P7).
   */
  private wakeSoon(job: J): void {
    this.toWake.push(job);
    if (this.toWake.length === 1) setImmediate(() => this.wakeSome());
  }

  private wakeSome(): void {
    for (const j of this.toWake.splice(0, WAKE_PER_TURN)) j.wake?.();
    if (this.toWake.length > 0) setImmediate(() => this.wakeSome());
  }

  /** the feed is read and its last read did not fail */
  get live(): boolean {
    return this.reader.live;
  }

  /** Starts the reader when a request is taken in hand. */
  read(): void {
    this.reader.read();
  }

  /** Waits up to `ms`; ends at once when the feed hands the job its answer or goes down. */
  async wait(job: J, ms: number): Promise<void> {
    this.waiting.add(job);
    try {
      await this.d.base.life.nap(ms, (wake) => (job.wake = wake));
    } finally {
      job.wake = undefined;
      this.waiting.delete(job);
    }
  }
}
