/**
 * The reader of the gateway's feedback feed (GET /gw/v1/feedback; docs/gateway-protocol.md),
 * shared by the query engine (query-feed.ts) and the measure engine (measures/measure-feed.ts):
 * while its engine has exchanges open it reads the feed on from its cursor at a short interval and
 * hands every readable item to the engine, which applies it to its exchange by clientRequestId.
 * The feed may deliver an item twice or out of order and carries answers about requests of other
 * engines and workstations: what an item means is the engine's to decide, never the order.
 *
 * The feed only speeds answers up; asking about each id stays the ground truth. A gateway without
 * a feed (a definite HTTP refusal such as 404) is left alone for the engine's life; a feed that
 * fails now and then is said to be down (`live` false, `onLive` told) until a page is read again,
 * so the engine can ask about its ids meanwhile. A cursor the gateway refuses (400, e.g. one kept
 * from another gateway) is dropped once and the feed read from the start.
 */
import type { ChannelBase } from './channel-base';
import { GatewayHttpError, isGatewayFailure } from './gateway-errors';
import { statusAnswerSchema, type StatusAnswer } from './gateway-wire';
import { Stopped } from './lifetime';
import type { EngineLog } from './types';

export interface FeedTuning {
  /** how often the feed is read while exchanges are open; 0 = never (ask about each id only) */
  feedIntervalMs: number;
  /** answers per feed page */
  feedPageSize: number;
  probeTimeoutMs: number;
}

/** Where the reader keeps its cursor across restarts (optional in both engines' stores). */
export interface FeedCursorStore {
  feedCursor?(): string | undefined;
  saveFeedCursor?(cursor: string): void;
}

export interface FeedReaderDeps {
  base: ChannelBase;
  tuning: FeedTuning;
  log: EngineLog;
  cursor: FeedCursorStore;
  /** what the engine asks about by id when the feed is not there: 'measure', 'query' (for the log) */
  what: string;
  /** exchanges being worked on: the reader runs while there are any */
  working: () => number;
  /** one readable item, with its text as evidence */
  apply: (item: StatusAnswer, raw: string) => void;
  /** the feed went down (false) or is read again (true) */
  onLive?: (live: boolean) => void;
}

/** at most this many pages in one turn, so a long backlog does not starve everything else */
const PAGES_PER_TURN = 50;

export class FeedReader {
  private running = false;
  private off = false;
  private failing = false;
  private cursor: string | undefined;

  constructor(private readonly d: FeedReaderDeps) {}

  /** true while the gateway offers a feed, it is read, and its last read did not fail */
  get live(): boolean {
    return this.available() && !this.failing;
  }

  /** Starts reading unless a reader runs, the gateway has no feed, or nothing is open. */
  read(): void {
    if (this.running || !this.available() || this.d.base.life.stopped) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      // an exchange may have started while the reader was winding down
      if (!this.d.base.life.stopped && this.d.working() > 0) this.read();
    });
  }

  private available(): boolean {
    return !this.off && !!this.d.base.client.feedback && this.d.tuning.feedIntervalMs > 0;
  }

  private setFailing(failing: boolean): void {
    if (failing === this.failing) return;
    this.failing = failing;
    this.d.onLive?.(this.live);
  }

  private async loop(): Promise<void> {
    const { base, tuning, log } = this.d;
    try {
      this.cursor ??= this.d.cursor.feedCursor?.() ?? '';
      while (!base.life.stopped && this.d.working() > 0 && !this.off) {
        await base.life.sleep(tuning.feedIntervalMs);
        if (!base.network.online) continue;
        try {
          await this.pages();
          this.setFailing(false);
        } catch (e) {
          if (e instanceof Stopped || base.life.stopped) return;
          if (!isGatewayFailure(e)) throw e;
          this.failed(e);
        }
      }
    } catch (e) {
      if (!(e instanceof Stopped) && !base.life.stopped) {
        log('error', 'feedback feed reader failed', { error: (e as Error)?.name ?? 'unknown' });
        this.setFailing(true);
      }
    }
  }

  private failed(e: unknown): void {
    if (e instanceof GatewayHttpError && e.httpStatus === 400 && this.cursor) {
      this.d.log('warn', 'feedback feed refused the cursor; reading it from the start', { code: e.gatewayCode });
      this.cursor = '';
      return;
    }
    if (e instanceof GatewayHttpError && !e.transient) {
      this.off = true;
      this.d.log('info', `feedback feed not available; asking about each ${this.d.what} by id`, { httpStatus: e.httpStatus, code: e.gatewayCode });
      this.d.onLive?.(false);
      return;
    }
    this.setFailing(true);
  }

  private async pages(): Promise<void> {
    const { base, tuning } = this.d;
    for (let page = 0; page < PAGES_PER_TURN && this.d.working() > 0; page++) {
      const res = await base.client.feedback!(this.cursor ?? '', tuning.feedPageSize, { signal: base.life.signal, timeoutMs: tuning.probeTimeoutMs });
      for (const item of res.value.items) {
        const parsed = statusAnswerSchema.safeParse(item);
        // an unreadable item is skipped: its exchange is asked about by id
        if (parsed.success) this.d.apply(parsed.data, JSON.stringify(item));
      }
      if (res.value.next && res.value.next !== this.cursor) {
        this.cursor = res.value.next;
        base.life.check();
        this.d.cursor.saveFeedCursor?.(this.cursor);
      }
      if (res.value.items.length < tuning.feedPageSize) break;
    }
  }
}
