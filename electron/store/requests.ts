/**
 * The outbox and its feedback: the EngineStore the connector engine writes through. A request is
 * stored before it is sent; feedback is stored exactly as received, with its SHA-256, as evidence
 * (X-Road practice: every answer kept and verifiable), and only once per request id. The engine's
 * writes after the outbox (state changes, poll counts, exchanges, findings) go through the store's
 * writer, group-committed (writer.ts); the outbox itself is committed at once, before anything is sent.
 */
import type { ChannelId } from '../../shared/domain/channels';
import type { ChannelRequest, Findings, RequestKind, RequestState } from '../../shared/domain/types';
import { AppFailure } from '../../shared/app-failure';
import type { EngineStore, Exchange, SavedFindings } from '../engine/types';
import { MetaRepo, UPSERT_META_SQL } from './meta';
import type { Db } from './db';
import type { Connection } from './connection';
import type { Clock } from './clock';
import { findingsOfRequest, insertFindings } from './findings';
import { sha256Hex } from '../gateway/signing';

interface RequestRow {
  id: string; case_id: string; party_id: string; channel: ChannelId; kind: RequestKind; state: RequestState;
  attempts: number; polls: number; error_code: string | null; error_message: string | null;
  error_message_en: string | null; created_at: string; updated_at: string;
}

const toRequest = (r: RequestRow): ChannelRequest => {
  const q: ChannelRequest = {
    id: r.id, caseId: r.case_id, partyId: r.party_id, channel: r.channel, kind: r.kind, state: r.state,
    attempts: r.attempts, polls: r.polls, createdAt: r.created_at, updatedAt: r.updated_at,
  };
  if (r.error_code !== null) q.error = { code: r.error_code, message: r.error_message ?? '', messageEn: r.error_message_en ?? '' };
  return q;
};

const SELECT_REQUEST = 'SELECT * FROM requests WHERE id = ?';
const UPDATE_REQUEST = `UPDATE requests SET state = @state, attempts = @attempts, polls = @polls, error_code = @errorCode,
    error_message = @errorMessage, error_message_en = @errorMessageEn, created_at = @createdAt, updated_at = @updatedAt
  WHERE id = @id`;

/** One SHA-256 for the whole program (electron/gateway/signing.ts). */
export { sha256Hex };

export type RequestPatch = Parameters<EngineStore['updateRequest']>[1];

/** the meta row that keeps the query engine's feed cursor */
const FEED_CURSOR_KEY = 'query_feed_cursor';

export class RequestRepo implements EngineStore {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /**
   * All or none. A request id already stored is refused (the id is the idempotency key the gateway
   * deduplicates on: two requests with one id would be one request sent twice). A party that is not
   * a debtor of the case is refused by a trigger: AppFailure('NOT_A_DEBTOR'). Committed at once,
   * after what the writer holds (Connection.db commits it first): the outbox is on disk before the
   * engine starts sending.
   */
  insertRequests(requests: ChannelRequest[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO requests (id, case_id, party_id, channel, kind, state, attempts, polls, error_code, error_message,
         error_message_en, created_at, updated_at)
       VALUES (@id, @caseId, @partyId, @channel, @kind, @state, @attempts, @polls, @errorCode, @errorMessage,
         @errorMessageEn, @createdAt, @updatedAt)`,
    );
    try {
      this.db.transaction(() => {
        for (const r of requests) {
          stmt.run({
            id: r.id, caseId: r.caseId, partyId: r.partyId, channel: r.channel, kind: r.kind, state: r.state,
            attempts: r.attempts, polls: r.polls, errorCode: r.error?.code ?? null, errorMessage: r.error?.message ?? null,
            errorMessageEn: r.error?.messageEn ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt,
          });
        }
      }).immediate();
    } catch (e) {
      if (e instanceof Error && e.message.includes('NOT_A_DEBTOR')) throw new AppFailure('NOT_A_DEBTOR');
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new Error('a request with this id exists');
      throw e;
    }
  }

  /**
   * `error: undefined` in the patch clears the error; a patch without the key keeps it. Through the
   * writer: on disk once `committed()` resolves.
   */
  updateRequest(id: string, patch: RequestPatch): ChannelRequest {
    const w = this.conn.writer;
    return w.write(() => {
      const row = w.stmt(SELECT_REQUEST).get(id) as RequestRow | undefined;
      if (!row) throw new AppFailure('NOT_FOUND', { zh: '查询请求不存在', en: 'no such request' });
      const cur = toRequest(row);
      const next: ChannelRequest = { ...cur, ...patch, updatedAt: patch.updatedAt ?? this.clock().toISOString() };
      if ('error' in patch && patch.error === undefined) delete next.error;
      w.stmt(UPDATE_REQUEST).run({
        id, state: next.state, attempts: next.attempts, polls: next.polls, errorCode: next.error?.code ?? null,
        errorMessage: next.error?.message ?? null, errorMessageEn: next.error?.messageEn ?? null,
        createdAt: next.createdAt, updatedAt: next.updatedAt,
      });
      return next;
    });
  }

  /** Resolves once the engine's writes made so far are on disk (the writer's batch committed). */
  committed(): Promise<void> {
    return this.conn.writer.committed();
  }

  getRequest(id: string): ChannelRequest | undefined {
    const r = this.db.prepare<[string], RequestRow>(SELECT_REQUEST).get(id);
    return r ? toRequest(r) : undefined;
  }

  /**
   * Feedback, findings and the request's move to 'answered' in one write of the writer's batch, so a
   * crash leaves either all or none; on disk once `committed()` resolves. A second call for the same
   * request (a duplicate answer, a re-poll after a restart) stores nothing and returns what the
   * first one saved.
   */
  saveFindings(requestId: string, findings: Findings, rawFeedback: string, receivedAt: string): SavedFindings {
    const w = this.conn.writer;
    return w.write((): SavedFindings => {
      const row = w.stmt(SELECT_REQUEST).get(requestId) as RequestRow | undefined;
      if (!row) throw new AppFailure('NOT_FOUND', { zh: '查询请求不存在', en: 'no such request' });
      if (w.stmt('SELECT 1 FROM feedback WHERE request_id = ?').pluck().get(requestId)) return findingsOfRequest(this.db, requestId);
      w.stmt('INSERT INTO feedback (request_id, raw, sha256, received_at) VALUES (?, ?, ?, ?)')
        .run(requestId, rawFeedback, sha256Hex(rawFeedback), receivedAt);
      const saved = insertFindings((sql) => w.stmt(sql), toRequest(row), findings, receivedAt);
      w.stmt(`UPDATE requests SET state = 'answered', error_code = NULL, error_message = NULL,
        error_message_en = NULL, updated_at = ? WHERE id = ?`).run(receivedAt, requestId);
      return saved;
    });
  }

  /** where the engine last read the gateway's feedback feed (EngineStore.feedCursor) */
  feedCursor(): string | undefined {
    return new MetaRepo(this.conn).get(FEED_CURSOR_KEY);
  }

  /** Through the writer, riding along with the answers read from that page. */
  saveFeedCursor(cursor: string): void {
    const w = this.conn.writer;
    w.write(() => w.stmt(UPSERT_META_SQL).run(FEED_CURSOR_KEY, cursor));
  }

  /** Oldest first, so a restart resumes in the order the judge started them. */
  listUnfinishedRequests(): ChannelRequest[] {
    return this.db.prepare<[], RequestRow>(
      `SELECT * FROM requests WHERE state IN ('pending', 'sent', 'waiting') ORDER BY created_at, rowid`,
    ).all().map(toRequest);
  }

  listForCase(caseId: string): ChannelRequest[] {
    return this.db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE case_id = ? ORDER BY created_at, rowid').all(caseId).map(toRequest);
  }

  /**
   * Keeps a request body sent or an answer received, verbatim with its SHA-256. A sent body's
   * digest is also set on the outbox entry, so the request shows what was asked of the agency.
   * Through the writer: on disk once `committed()` resolves.
   */
  recordExchange(e: Exchange): void {
    const digest = sha256Hex(e.body);
    const w = this.conn.writer;
    w.write(() => {
      w.stmt(`INSERT INTO exchanges (request_id, direction, method, path, http_status, body, sha256, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(e.requestId, e.direction, e.method, e.path, e.httpStatus ?? null, e.body, digest, e.at);
      if (e.direction === 'sent' && e.method === 'POST') w.stmt('UPDATE requests SET body_sha256 = ? WHERE id = ?').run(digest, e.requestId);
    });
  }

  /** The exchanges of a request in the order they happened, with their digests. */
  exchangesOf(requestId: string): (Exchange & { sha256: string })[] {
    return this.db.prepare<[string], {
      request_id: string; direction: Exchange['direction']; method: Exchange['method']; path: string;
      http_status: number | null; body: string; sha256: string; at: string;
    }>('SELECT * FROM exchanges WHERE request_id = ? ORDER BY seq').all(requestId).map((r) => {
      const x: Exchange & { sha256: string } = {
        requestId: r.request_id, direction: r.direction, method: r.method, path: r.path, body: r.body, at: r.at, sha256: r.sha256,
      };
      if (r.http_status !== null) x.httpStatus = r.http_status;
      return x;
    });
  }

  /** SHA-256 of the body last submitted for this request (set by recordExchange). */
  bodyDigestOf(id: string): string | undefined {
    return this.db.prepare<[string], string | null>('SELECT body_sha256 FROM requests WHERE id = ?').pluck().get(id) ?? undefined;
  }

  /** The raw answer and its digest, for evidence export and re-verification. */
  feedbackOf(requestId: string): { raw: string; sha256: string; receivedAt: string } | undefined {
    const r = this.db.prepare<[string], { raw: string; sha256: string; received_at: string }>(
      'SELECT raw, sha256, received_at FROM feedback WHERE request_id = ?',
    ).get(requestId);
    return r ? { raw: r.raw, sha256: r.sha256, receivedAt: r.received_at } : undefined;
  }
}
