/**
 * The outbox of exchanges with the credit platform (docs/domain.md rules 7–9): a listing published or
 * removed, a restriction issued or lifted. A row is written before anything is sent; one record
 * (listing, restriction) has at most one exchange of each kind, so a second submit of the same
 * decision returns the first and sends nothing. The exchange runner moves the state.
 */
import { AppFailure } from '../../shared/app-failure';
import {
  FINAL_CREDIT_EXCHANGE_STATES, type CreditExchange, type CreditExchangeKind, type CreditExchangeRequest, type CreditExchangeState, type CreditSubject,
} from '../../shared/domain/credit';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { afterCommit } from './after-commit';
import { caseNumberOf, existingCaseNumber } from './case-ref';
import { CLIENT_REQUEST_ID_RULE, isClientRequestId } from '../../shared/ids/request-id';

interface Row {
  id: string; kind: string; case_id: string; record_id: string; subjects: string; payload: string; state: string;
  signatures: string; platform_ref: string | null; reason_zh: string | null; reason_en: string | null; attempts: number; created_at: string; updated_at: string;
}

const toExchange = (r: Row): CreditExchange => ({
  id: r.id, kind: r.kind as CreditExchangeKind, caseId: r.case_id, recordId: r.record_id,
  subjects: JSON.parse(r.subjects) as CreditSubject[], payload: JSON.parse(r.payload) as Record<string, unknown>, signatures: JSON.parse(r.signatures) as MeasureSignature[],
  state: r.state as CreditExchangeState, attempts: r.attempts, createdAt: r.created_at, updatedAt: r.updated_at,
  ...(r.platform_ref ? { platformRef: r.platform_ref } : {}),
  ...(r.reason_zh ? { reason: { zh: r.reason_zh, en: r.reason_en ?? r.reason_zh } } : {}),
});

export interface CreditExchangePatch {
  state: CreditExchangeState;
  platformRef?: string;
  reason?: { zh: string; en: string };
  /** one more submit went on the wire */
  attempted?: boolean;
}

export class CreditExchangeRepo {
  private readonly submitted = new Set<(id: string) => void>();

  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** Told of each exchange newly queued, after its write committed: the runner sends it. */
  onSubmitted(listener: (id: string) => void): () => void {
    this.submitted.add(listener);
    return () => this.submitted.delete(listener);
  }

  get(id: string): CreditExchange | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM credit_exchanges WHERE id = ?').get(id);
    return r ? toExchange(r) : undefined;
  }

  of(recordId: string, kind: CreditExchangeKind): CreditExchange | undefined {
    const r = this.db.prepare<[string, string], Row>('SELECT * FROM credit_exchanges WHERE record_id = ? AND kind = ?').get(recordId, kind);
    return r ? toExchange(r) : undefined;
  }

  ofCase(caseId: string): CreditExchange[] {
    return this.db.prepare<[string], Row>('SELECT * FROM credit_exchanges WHERE case_id = ? ORDER BY created_at, id').all(caseId).map(toExchange);
  }

  /** Not yet settled: what the runner takes up at start and after a restart. */
  open(): CreditExchange[] {
    return this.db.prepare<[string], Row>(`SELECT * FROM credit_exchanges WHERE state NOT IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`)
      .all(JSON.stringify(FINAL_CREDIT_EXCHANGE_STATES)).map(toExchange);
  }

  /**
   * Queues the exchange, durable before it returns, audited in the same write. The same record and
   * kind submitted again returns the stored exchange: one decision is one exchange.
   */
  submit(r: CreditExchangeRequest, officer: string): { exchange: CreditExchange; created: boolean } {
    const out = this.write(r, officer);
    // queued inside a caller's transaction (the approval and its document): sent once that committed
    if (out.created) afterCommit(this.conn, () => this.get(r.id) !== undefined, () => { for (const l of this.submitted) l(r.id); });
    return out;
  }

  private write(r: CreditExchangeRequest, officer: string): { exchange: CreditExchange; created: boolean } {
    // the platform deduplicates on this id: one it would refuse is refused here, before it is kept
    if (!isClientRequestId(r.id)) throw new AppFailure('VALIDATION', { zh: CLIENT_REQUEST_ID_RULE.zh, en: `exchange id ${CLIENT_REQUEST_ID_RULE.en}` }, 'id');
    return this.db.transaction((): { exchange: CreditExchange; created: boolean } => {
      const seen = this.get(r.id) ?? this.of(r.recordId, r.kind);
      if (seen) return { exchange: seen, created: false };
      const number = existingCaseNumber(this.db, r.caseId);
      const at = this.clock().toISOString();
      this.db.prepare(`INSERT INTO credit_exchanges (id, kind, case_id, record_id, subjects, payload, signatures, state, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`).run(r.id, r.kind, r.caseId, r.recordId, JSON.stringify(r.subjects), JSON.stringify(r.payload), JSON.stringify(r.signatures), at, at);
      this.audit.append({ officer, action: 'credit.exchange-queued', caseId: r.caseId, caseNumber: number, detail: { exchangeId: r.id, kind: r.kind, recordId: r.recordId, subjects: r.subjects.length } });
      return { exchange: this.get(r.id)!, created: true };
    }).immediate();
  }

  /** Moves the exchange on; a settled one stays settled (a late or repeated answer writes nothing). */
  patch(id: string, p: CreditExchangePatch): CreditExchange {
    return this.db.transaction((): CreditExchange => {
      const e = this.get(id);
      if (!e) throw new AppFailure('NOT_FOUND', { zh: '报送记录不存在', en: 'no such exchange' });
      if (FINAL_CREDIT_EXCHANGE_STATES.includes(e.state)) return e;
      this.db.prepare(`UPDATE credit_exchanges SET state = ?, platform_ref = COALESCE(?, platform_ref), reason_zh = COALESCE(?, reason_zh),
        reason_en = COALESCE(?, reason_en), attempts = attempts + ?, updated_at = ? WHERE id = ?`).run(
        p.state, p.platformRef ?? null, p.reason?.zh ?? null, p.reason?.en ?? null, p.attempted ? 1 : 0, this.clock().toISOString(), id,
      );
      if (FINAL_CREDIT_EXCHANGE_STATES.includes(p.state)) {
        const number = caseNumberOf(this.db, e.caseId);
        this.audit.append({ officer: 'system', action: `credit.exchange-${p.state}`, caseId: e.caseId, caseNumber: number, detail: { exchangeId: id, kind: e.kind, recordId: e.recordId, ...(p.platformRef ? { platformRef: p.platformRef } : {}) } });
      }
      return this.get(id)!;
    }).immediate();
  }
}
