/**
 * The channel service board's reads (docs/board.md): per channel, the queries of the window with
 * their outcome and answer-latency percentiles, and the age of freezes that were never deducted —
 * each one SQL pass with window functions over indexed tables, never a loop over cases or requests.
 */
import { CHANNELS, type ChannelId } from '../../shared/domain/channels';
import type { ChannelBoardRow } from '../../shared/domain/board';
import type { Connection } from './connection';
import { cachedStatement, type Db } from './db';

/** the channels whose freezes can be deducted online (the deduction panel's own rule) */
const DEDUCTING = JSON.stringify(CHANNELS.filter((c) => c.measures.includes('deduct')).map((c) => c.id));

/** the k of the p-th percentile among n sorted values (nearest rank), in SQL integer arithmetic */
const rank = (p: number) => `max(1, (n * ${p} + 99) / 100)`;

type QueryRow = Pick<ChannelBoardRow, 'channel' | 'queries' | 'answered' | 'failed' | 'manual' | 'unanswered'> & { p50: number | null; p90: number | null; p99: number | null };
type FreezeRow = { channel: ChannelId; n: number; median: number | null; oldest: number | null };

export class ChannelBoardReader {
  constructor(private readonly conn: Connection) {}

  private get db(): Db {
    return this.conn.db;
  }

  private queries(since: string): QueryRow[] {
    return cachedStatement<{ since: string }, QueryRow>(this.db, `
      WITH q AS (
        SELECT channel, state, (julianday(updated_at) - julianday(created_at)) * 86400000.0 AS ms
        FROM requests WHERE kind = 'query' AND created_at >= @since
      ), r AS (
        SELECT channel, ms, row_number() OVER (PARTITION BY channel ORDER BY ms) AS k, count(*) OVER (PARTITION BY channel) AS n
        FROM q WHERE state = 'answered'
      ), p AS (
        SELECT channel, max(CASE WHEN k = ${rank(50)} THEN ms END) AS p50, max(CASE WHEN k = ${rank(90)} THEN ms END) AS p90,
          max(CASE WHEN k = ${rank(99)} THEN ms END) AS p99
        FROM r GROUP BY channel
      )
      SELECT q.channel, count(*) AS queries, sum(q.state = 'answered') AS answered, sum(q.state = 'failed') AS failed,
        sum(q.state = 'manual') AS manual, sum(q.state IN ('pending', 'sent', 'waiting')) AS unanswered, p.p50, p.p90, p.p99
      FROM q LEFT JOIN p ON p.channel = q.channel GROUP BY q.channel`).all({ since });
  }

  private undeducted(now: string): FreezeRow[] {
    return cachedStatement<{ now: string; deducting: string }, FreezeRow>(this.db, `
      WITH f AS (
        SELECT m.channel, julianday(@now) - julianday(coalesce(json_extract(m.outcome, '$.executedAt'), m.updated_at)) AS days
        FROM measures m JOIN cases c ON c.id = m.case_id
        WHERE m.kind = 'freeze' AND m.state = 'executed' AND c.status = 'open'
          AND m.channel IN (SELECT value FROM json_each(@deducting))
          AND (m.ends_on IS NULL OR m.ends_on >= substr(@now, 1, 10))
          AND NOT EXISTS (SELECT 1 FROM measures d WHERE d.freeze_id = m.id AND d.kind IN ('deduct', 'unfreeze') AND d.state = 'executed')
      ), r AS (
        SELECT channel, days, row_number() OVER (PARTITION BY channel ORDER BY days) AS k, count(*) OVER (PARTITION BY channel) AS n FROM f
      )
      SELECT channel, max(n) AS n, max(CASE WHEN k = ${rank(50)} THEN days END) AS median, max(days) AS oldest
      FROM r GROUP BY channel`).all({ now, deducting: DEDUCTING });
  }

  /** Every channel with a query in the window or a freeze waiting, in the catalogue's order. */
  rows(sinceIso: string, nowIso: string): ChannelBoardRow[] {
    const q = new Map(this.queries(sinceIso).map((r) => [r.channel, r]));
    const f = new Map(this.undeducted(nowIso).map((r) => [r.channel, r]));
    const ms = (v: number | null | undefined) => (v === null || v === undefined ? undefined : Math.round(v));
    const days = (v: number | null | undefined) => (v === null || v === undefined ? undefined : Math.floor(v));
    return CHANNELS.filter((c) => q.has(c.id) || f.has(c.id)).map((c): ChannelBoardRow => {
      const a = q.get(c.id);
      const b = f.get(c.id);
      const row: ChannelBoardRow = {
        channel: c.id, queries: a?.queries ?? 0, answered: a?.answered ?? 0, failed: a?.failed ?? 0, manual: a?.manual ?? 0,
        unanswered: a?.unanswered ?? 0, frozenUndeducted: b?.n ?? 0,
      };
      const set = <K extends keyof ChannelBoardRow>(k: K, v: ChannelBoardRow[K] | undefined) => {
        if (v !== undefined) row[k] = v;
      };
      set('p50Ms', ms(a?.p50));
      set('p90Ms', ms(a?.p90));
      set('p99Ms', ms(a?.p99));
      set('medianFrozenDays', days(b?.median));
      set('maxFrozenDays', days(b?.oldest));
      return row;
    });
  }
}
