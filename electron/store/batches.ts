/**
 * A batch query's rows (docs/batch.md; migration "batch query"): one item per case in the order
 * chosen, and the request id planned for each (case, party, channel) before it is sent. Every read
 * the job and its view need is one SQL pass over the batch's indexed rows — the batch's progress is
 * never a loop over its cases calling the per-case view. Statements are prepared once per connection.
 */
import { createHash } from 'node:crypto';
import type { ChannelId } from '../../shared/domain/channels';
import type { BatchChannelProgress, BatchItem, BatchItemState, BatchSkip, BatchTotals } from '../../shared/domain/batch';
import type { Job } from '../../shared/domain/jobs';
import type { Clock } from './clock';
import type { Connection } from './connection';
import { cachedStatement, type Db } from './db';
import type { JobInput, JobRepo } from './jobs';

export interface PlannedRequest {
  requestId: string;
  partyId: string;
  channel: ChannelId;
}

interface ItemRow {
  seq: number; case_id: string; number: string; state: BatchItemState; skip: BatchSkip | null; fresh: number; planned: number;
  answered: number; failed: number; found: number; as_of: string | null;
}

const toItem = (r: ItemRow): BatchItem => ({
  seq: r.seq, caseId: r.case_id, caseNumber: r.number, state: r.state, ...(r.skip ? { skip: r.skip } : {}), fresh: r.fresh,
  planned: r.planned, answered: r.answered, failed: r.failed, found: r.found, ...(r.as_of ? { asOf: r.as_of } : {}),
});

/**
 * The request id a batch gives one (case, party, channel): derived, not random, so that a batch
 * killed between planning and sending finds the same ids again and the gateway, which deduplicates
 * on the id, never sees one query twice.
 */
export function batchRequestId(jobId: string, caseId: string, partyId: string, channel: ChannelId): string {
  return `qb-${createHash('sha256').update(`${jobId}\u0000${caseId}\u0000${partyId}\u0000${channel}`).digest('hex').slice(0, 40)}`;
}

const FINAL = `('answered', 'failed', 'manual')`;

export class BatchRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly jobs: JobRepo,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** The batch's job and its items, in one transaction: a batch is there whole or not at all. */
  create(job: JobInput, caseIds: readonly string[]): Job {
    return this.db.transaction((): Job => {
      const j = this.jobs.create({ ...job, total: caseIds.length });
      const add = this.db.prepare('INSERT INTO batch_items (job_id, seq, case_id) VALUES (?, ?, ?)');
      caseIds.forEach((caseId, seq) => add.run(j.id, seq, caseId));
      return j;
    }).immediate();
  }

  /** The next cases not yet started, in the order chosen. */
  nextQueued(jobId: string, limit: number): Array<{ seq: number; caseId: string }> {
    return cachedStatement<[string, number], { seq: number; case_id: string }>(this.db,
      `SELECT seq, case_id FROM batch_items WHERE job_id = ? AND state = 'queued' ORDER BY seq LIMIT ?`,
    ).all(jobId, limit).map((r) => ({ seq: r.seq, caseId: r.case_id }));
  }

  /** The cases whose requests are out. */
  sent(jobId: string): Array<{ seq: number; caseId: string }> {
    return cachedStatement<[string], { seq: number; case_id: string }>(this.db,
      `SELECT seq, case_id FROM batch_items WHERE job_id = ? AND state = 'sent' ORDER BY seq`,
    ).all(jobId).map((r) => ({ seq: r.seq, caseId: r.case_id }));
  }

  /** A case's plan: its request ids recorded, the item 'sent'. Written before any of them goes out. */
  plan(jobId: string, seq: number, caseId: string, rows: readonly PlannedRequest[], fresh: number): void {
    this.db.transaction(() => {
      const add = cachedStatement(this.db, 'INSERT OR IGNORE INTO batch_requests (request_id, job_id, case_id, party_id, channel) VALUES (?, ?, ?, ?, ?)');
      for (const r of rows) add.run(r.requestId, jobId, caseId, r.partyId, r.channel);
      cachedStatement(this.db, `UPDATE batch_items SET state = 'sent', planned = ?, fresh = ? WHERE job_id = ? AND seq = ? AND state = 'queued'`)
        .run(rows.length, fresh, jobId, seq);
    })();
  }

  skip(jobId: string, seq: number, why: BatchSkip, fresh = 0): void {
    cachedStatement(this.db, `UPDATE batch_items SET state = 'skipped', skip = ?, fresh = ?, as_of = ? WHERE job_id = ? AND seq = ? AND state = 'queued'`)
      .run(why, fresh, this.clock().toISOString(), jobId, seq);
  }

  /** What was planned for a case of the batch. */
  planned(jobId: string, caseId: string): PlannedRequest[] {
    return cachedStatement<[string, string], { request_id: string; party_id: string; channel: ChannelId }>(this.db,
      'SELECT request_id, party_id, channel FROM batch_requests WHERE job_id = ? AND case_id = ? ORDER BY party_id, channel',
    ).all(jobId, caseId).map((r) => ({ requestId: r.request_id, partyId: r.party_id, channel: r.channel }));
  }

  /** The planned requests the outbox does not hold yet (a kill came between planning and sending). */
  unsent(jobId: string, caseId: string): PlannedRequest[] {
    return cachedStatement<[string, string], { request_id: string; party_id: string; channel: ChannelId }>(this.db,
      `SELECT b.request_id, b.party_id, b.channel FROM batch_requests b LEFT JOIN requests r ON r.id = b.request_id
       WHERE b.job_id = ? AND b.case_id = ? AND r.id IS NULL`,
    ).all(jobId, caseId).map((r) => ({ requestId: r.request_id, partyId: r.party_id, channel: r.channel }));
  }

  /**
   * Settles, in one pass, every sent case whose requests are all final (answered, failed or sent to
   * manual handling), with its tallies and the assets its requests found. Returns how many settled.
   */
  settleReady(jobId: string): number {
    return cachedStatement(this.db, `
      WITH t AS (
        SELECT b.case_id, count(*) AS planned, coalesce(sum(r.state = 'answered'), 0) AS answered,
          coalesce(sum(r.state IN ('failed', 'manual')), 0) AS failed, max(r.updated_at) AS as_of,
          (SELECT count(*) FROM batch_requests b2 JOIN assets a ON a.request_id = b2.request_id WHERE b2.job_id = b.job_id AND b2.case_id = b.case_id) AS found
        FROM batch_requests b LEFT JOIN requests r ON r.id = b.request_id
        WHERE b.job_id = @job AND b.case_id IN (SELECT case_id FROM batch_items WHERE job_id = @job AND state = 'sent')
        GROUP BY b.case_id
        HAVING coalesce(sum(r.state IN ${FINAL}), 0) = count(*)
      )
      UPDATE batch_items SET state = 'settled', answered = t.answered, failed = t.failed, found = t.found, as_of = t.as_of
      FROM t WHERE batch_items.job_id = @job AND batch_items.case_id = t.case_id AND batch_items.state = 'sent'`,
    ).run({ job: jobId }).changes;
  }

  totals(jobId: string): BatchTotals {
    const r = cachedStatement<[string], Record<keyof BatchTotals, number | null>>(this.db, `
      SELECT count(*) AS cases, sum(state = 'queued') AS queued, sum(state = 'sent') AS sent, sum(state = 'settled') AS settled,
        sum(state = 'skipped') AS skipped, sum(found) AS found
      FROM batch_items WHERE job_id = ?`).get(jobId)!;
    return { cases: r.cases ?? 0, queued: r.queued ?? 0, sent: r.sent ?? 0, settled: r.settled ?? 0, skipped: r.skipped ?? 0, found: r.found ?? 0 };
  }

  /** Per channel: planned, in the outbox, answered, failed — one pass over the batch's requests. */
  channels(jobId: string): BatchChannelProgress[] {
    return cachedStatement<[string], BatchChannelProgress>(this.db, `
      SELECT b.channel AS channel, count(*) AS planned, count(r.id) AS sent, coalesce(sum(r.state = 'answered'), 0) AS answered,
        coalesce(sum(r.state IN ('failed', 'manual')), 0) AS failed
      FROM batch_requests b LEFT JOIN requests r ON r.id = b.request_id WHERE b.job_id = ? GROUP BY b.channel ORDER BY b.channel`).all(jobId);
  }

  /** A page of the batch's cases, in order, optionally of one state. */
  items(jobId: string, page: { offset: number; limit: number; state?: BatchItemState }): BatchItem[] {
    return cachedStatement<[string, string | null, string | null, number, number], ItemRow>(this.db, `
      SELECT i.seq, i.case_id, c.number, i.state, i.skip, i.fresh, i.planned, i.answered, i.failed, i.found, i.as_of
      FROM batch_items i JOIN cases c ON c.id = i.case_id
      WHERE i.job_id = ? AND (? IS NULL OR i.state = ?) ORDER BY i.seq LIMIT ? OFFSET ?`,
    ).all(jobId, page.state ?? null, page.state ?? null, page.limit, page.offset).map(toItem);
  }

  /**
   * The (party, channel) pairs of a case answered since `sinceIso` by a query: the freshness window.
   * Per case, never across cases: an answer serves the case it was asked for (docs/domain.md, "The purpose").
   */
  freshPairs(caseId: string, sinceIso: string): Set<string> {
    const rows = cachedStatement<[string, string], { party_id: string; channel: string }>(this.db,
      `SELECT DISTINCT party_id, channel FROM requests WHERE case_id = ? AND kind = 'query' AND state = 'answered' AND updated_at >= ?`,
    ).all(caseId, sinceIso);
    return new Set(rows.map((r) => `${r.party_id}|${r.channel}`));
  }
}
