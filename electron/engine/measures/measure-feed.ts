/**
 * The gateway's feedback feed (GET /gw/v1/feedback; docs/gateway-protocol.md), read while
 * measures are open: each answer is applied to its measure once, keyed by the measure's id. The
 * feed may deliver an answer twice or out of order; a duplicate, or an answer about a measure not
 * open here, changes nothing, and order is never inferred from arrival. A gateway without a feed
 * (404) is left alone and every measure is asked about by id, as always.
 */
import type { ChannelBase } from '../channel-base';
import { GatewayHttpError, isGatewayFailure } from '../gateway-errors';
import { statusAnswerSchema } from '../gateway-wire';
import { Stopped } from '../lifetime';
import type { MeasureStore } from '../measure-store';
import type { Status } from '../exchange/outline';
import type { EngineLog } from '../types';
import { Withdrawn, type MeasureJob } from './measure-steps';

export interface FeedDeps {
  base: ChannelBase;
  store: MeasureStore;
  tuning: { feedIntervalMs: number; feedPageSize: number; probeTimeoutMs: number };
  log: EngineLog;
  counters: { feedApplied: number; feedIgnored: number };
  /** measures being worked on here */
  working: () => number;
  jobOf: (id: string) => MeasureJob | undefined;
  consume: (job: MeasureJob, s: Status) => 'done' | 'poll';
}

export class FeedReader {
  private running = false;
  private off = false;
  private cursor: string | undefined;

  constructor(private readonly d: FeedDeps) {}

  /** Starts reading unless a reader runs, the gateway has no feed, or nothing is open. */
  read(): void {
    const { base, tuning } = this.d;
    if (this.running || this.off || !base.client.feedback || tuning.feedIntervalMs <= 0 || base.life.stopped) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      // a measure may have started while the reader was winding down
      if (!base.life.stopped && this.d.working() > 0 && !this.off) this.read();
    });
  }

  private async loop(): Promise<void> {
    const { base, tuning, log } = this.d;
    try {
      this.cursor ??= this.d.store.feedCursor?.() ?? '';
      while (!base.life.stopped && this.d.working() > 0 && !this.off) {
        await base.life.sleep(tuning.feedIntervalMs);
        if (!base.network.online) continue;
        try {
          await this.pages();
        } catch (e) {
          if (e instanceof Stopped || base.life.stopped) return;
          if (e instanceof GatewayHttpError && !e.transient) {
            this.off = true;
            log('info', 'feedback feed not available; asking about each measure by id', { httpStatus: e.httpStatus, code: e.gatewayCode });
          } else if (!isGatewayFailure(e)) {
            throw e;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Stopped) && !base.life.stopped) log('error', 'feedback feed reader failed', { error: (e as Error)?.name ?? 'unknown' });
    }
  }

  private async pages(): Promise<void> {
    const { base, tuning } = this.d;
    for (let page = 0; page < 50 && this.d.working() > 0; page++) {
      const res = await base.client.feedback!(this.cursor ?? '', tuning.feedPageSize, { signal: base.life.signal, timeoutMs: tuning.probeTimeoutMs });
      for (const item of res.value.items) this.apply(item);
      if (res.value.next && res.value.next !== this.cursor) {
        this.cursor = res.value.next;
        base.life.check();
        this.d.store.saveFeedCursor?.(this.cursor);
      }
      if (res.value.items.length < tuning.feedPageSize) break;
    }
  }

  private apply(item: unknown): void {
    const { counters, log } = this.d;
    const parsed = statusAnswerSchema.safeParse(item);
    if (!parsed.success) return;
    const job = this.d.jobOf(parsed.data.clientRequestId);
    if (!job || job.done) {
      // an answer twice (duplicate), one for a query, or one for a measure not open in this engine
      counters.feedIgnored += 1;
      return;
    }
    if (parsed.data.status !== 'answered' && parsed.data.status !== 'rejected') return;
    try {
      if (this.d.consume(job, { value: parsed.data, raw: JSON.stringify(item), httpStatus: 200 }) === 'done') {
        counters.feedApplied += 1;
        log('debug', 'measure outcome taken from the feed', { measureId: job.id, channel: job.channel });
      }
    } catch (e) {
      if (e instanceof Stopped || this.d.base.life.stopped) throw e;
      if (e instanceof Withdrawn) {
        // another engine holds the measure: its own polling or feed writes the outcome
        counters.feedIgnored += 1;
        return;
      }
      // the write failed: the measure keeps its stored state and its own polling writes the outcome
      log('error', 'outcome from the feed could not be written', { measureId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
    }
  }
}
