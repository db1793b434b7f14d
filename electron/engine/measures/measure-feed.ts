/**
 * The measure engine's side of the feedback feed (feed-reader.ts; docs/gateway-protocol.md):
 * each answer is applied to its measure once, keyed by the measure's id. A duplicate, or an answer
 * about a measure not open here (a query's among them), changes nothing, and order is never
 * inferred from arrival. A gateway without a feed is left alone and every measure is asked about
 * by id, as always.
 */
import type { ChannelBase } from '../channel-base';
import type { StatusAnswer } from '../gateway-wire';
import { FeedReader, type FeedTuning } from '../feed-reader';
import { Stopped } from '../lifetime';
import type { MeasureStore } from '../measure-store';
import type { Status } from '../exchange/outline';
import type { EngineLog } from '../types';
import { Withdrawn, type MeasureJob } from './measure-steps';

export interface FeedDeps {
  base: ChannelBase;
  store: MeasureStore;
  tuning: FeedTuning;
  log: EngineLog;
  counters: { feedApplied: number; feedIgnored: number };
  /** measures being worked on here */
  working: () => number;
  jobOf: (id: string) => MeasureJob | undefined;
  consume: (job: MeasureJob, s: Status) => 'done' | 'poll';
}

export function measureFeed(d: FeedDeps): FeedReader {
  return new FeedReader({
    base: d.base, tuning: d.tuning, log: d.log, cursor: d.store, what: 'measure', working: d.working,
    apply: (item, raw) => applyToMeasure(d, item, raw),
  });
}

function applyToMeasure(d: FeedDeps, item: StatusAnswer, raw: string): void {
  const { counters, log } = d;
  const job = d.jobOf(item.clientRequestId);
  if (!job || job.done) {
    // an answer twice (duplicate), one for a query, or one for a measure not open in this engine
    counters.feedIgnored += 1;
    return;
  }
  if (item.status !== 'answered' && item.status !== 'rejected') return;
  try {
    if (d.consume(job, { value: item, raw, httpStatus: 200 }) === 'done') {
      counters.feedApplied += 1;
      log('debug', 'measure outcome taken from the feed', { measureId: job.id, channel: job.channel });
    }
  } catch (e) {
    if (e instanceof Stopped || d.base.life.stopped) throw e;
    if (e instanceof Withdrawn) {
      // another engine holds the measure: its own polling or feed writes the outcome
      counters.feedIgnored += 1;
      return;
    }
    // the write failed: the measure keeps its stored state and its own polling writes the outcome
    log('error', 'outcome from the feed could not be written', { measureId: job.id, channel: job.channel, error: (e as Error)?.name ?? 'unknown' });
  }
}
