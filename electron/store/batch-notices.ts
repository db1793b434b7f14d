/**
 * The 查询结果告知书 of a batch query (migration 26; docs/documents.md, "查询结果告知书"): which cases
 * of a batch take one — those the batch queried (settled) or found answered within the freshness
 * window (skipped as fresh) — and the notice made for each, so a second click gives back the
 * ones made. The notices themselves are documents like any other (electron/store/documents.ts).
 */
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';

export interface BatchNoticeCase {
  seq: number;
  caseId: string;
  /** the notice made for it in this batch, when there is one */
  documentId?: string;
}

export class BatchNoticeRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** The batch's cases a notice is made for, in the batch's order, with the notice already made. */
  cases(jobId: string): BatchNoticeCase[] {
    return this.db.prepare<[string], { seq: number; case_id: string; document_id: string | null }>(
      `SELECT i.seq, i.case_id, n.document_id FROM batch_items i
       LEFT JOIN batch_notices n ON n.job_id = i.job_id AND n.case_id = i.case_id
       WHERE i.job_id = ? AND (i.state = 'settled' OR (i.state = 'skipped' AND i.skip = 'fresh'))
       ORDER BY i.seq`,
    ).all(jobId).map((r) => ({ seq: r.seq, caseId: r.case_id, ...(r.document_id !== null ? { documentId: r.document_id } : {}) }));
  }

  /** Records the notice made for a case of the batch (caller holds the transaction with the document's save). */
  record(jobId: string, caseId: string, documentId: string, by: string): void {
    this.db.prepare('INSERT INTO batch_notices (job_id, case_id, document_id, made_at, made_by) VALUES (?, ?, ?, ?, ?)')
      .run(jobId, caseId, documentId, this.clock().toISOString(), by);
  }
}
