/**
 * The batch one-click query (docs/batch.md): hundreds to thousands of cases queried as one durable
 * job. One source for the item states, the skip reasons, the job kind and the freshness window.
 */
import type { ChannelId } from './channels';

/** the job kind of a batch query (electron/services/batch/) */
export const BATCH_QUERY_KIND = 'query.batch';

/**
 *   queued ──planned──▶ sent ──every request final──▶ settled
 *     └── closed, no debtor, or every channel fresh ──▶ skipped
 */
export const BATCH_ITEM_STATES = ['queued', 'sent', 'settled', 'skipped'] as const;
export type BatchItemState = (typeof BATCH_ITEM_STATES)[number];

export const BATCH_SKIPS = ['fresh', 'closed', 'no-debtor', 'no-access'] as const;
export type BatchSkip = (typeof BATCH_SKIPS)[number];

export const BATCH_SKIP_WORDS: Record<BatchSkip, { zh: string; en: string }> = {
  fresh: { zh: '各渠道均在有效期内已有答复，未重复查询', en: 'every channel answered within the freshness window' },
  closed: { zh: '案件已结案，不再查询', en: 'the case is closed' },
  'no-debtor': { zh: '本案没有被执行人', en: 'the case has no debtor' },
  'no-access': { zh: '发起人已不是本案承办人或其团队成员，未查询', en: 'the case is no longer the officer’s to query' },
};

/** A channel answered this many days ago or less is not asked again unless the batch is forced. */
export const DEFAULT_FRESH_DAYS = 7;
export const MAX_FRESH_DAYS = 90;
/** the most cases one batch takes */
export const MAX_BATCH_CASES = 5000;
/** cases whose requests are out at once: enough to keep every channel at its rate limit */
export const BATCH_WINDOW = 60;

export interface BatchParams {
  /** the officer whose query it is (his engine, his audit) */
  officer: string;
  force: boolean;
  freshDays: number;
}

/** one case of a batch, as its progress table shows it */
export interface BatchItem {
  seq: number;
  caseId: string;
  caseNumber: string;
  state: BatchItemState;
  skip?: BatchSkip;
  /** channels left out as answered within the window */
  fresh: number;
  /** requests planned for this case */
  planned: number;
  answered: number;
  /** failed or sent to manual handling */
  failed: number;
  /** assets found by this batch's requests */
  found: number;
  /** when the last of its answers came (ISO) */
  asOf?: string;
}

/** per channel: how far the batch got */
export interface BatchChannelProgress {
  channel: ChannelId;
  planned: number;
  /** stored in the outbox (sent or about to be) */
  sent: number;
  answered: number;
  failed: number;
}

export interface BatchTotals {
  cases: number;
  queued: number;
  sent: number;
  settled: number;
  skipped: number;
  found: number;
}
