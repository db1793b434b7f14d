/**
 * Directed valuation inquiries (定向询价, docs/distribution.md; 确定参考价规定 第五条; migration
 * "distribution and valuation"): one request per property asked of the tax authority, and its answer
 * — the reference price in fen and how long it holds — or its failure. The latest answered price of
 * a property is what the freeze planner counts it at (docs/domain.md rule 1).
 */
import { randomUUID } from 'node:crypto';
import type { ValuationState, ValuationView } from '../../shared/domain/distribution';
import type { AuditLog } from './audit';
import { caseNumberOf } from './case-ref';
import type { Clock } from './clock';
import type { Connection } from './connection';

interface Row {
  id: string; case_id: string; asset_id: string; state: ValuationState; reference_price: number | null; valid_until: string | null; authority: string | null;
  error: string | null; requested_by: string; requested_at: string; answered_at: string | null;
}

const toView = (r: Row): ValuationView => ({
  id: r.id, caseId: r.case_id, assetId: r.asset_id, state: r.state,
  ...(r.reference_price !== null ? { referencePrice: r.reference_price } : {}),
  ...(r.valid_until ? { validUntil: r.valid_until } : {}),
  ...(r.authority ? { authority: r.authority } : {}),
  ...(r.error ? { error: JSON.parse(r.error) as { zh: string; en: string } } : {}),
  requestedBy: r.requested_by, requestedAt: r.requested_at, ...(r.answered_at ? { answeredAt: r.answered_at } : {}),
});

export class ValuationRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  /** A request written before it is sent: its id is the one the tax authority is asked under. */
  open(caseId: string, assetId: string, by: string): ValuationView {
    const id = randomUUID();
    this.conn.db.prepare(`INSERT INTO valuation_requests (id, case_id, asset_id, state, requested_by, requested_at) VALUES (?, ?, ?, 'sent', ?, ?)`)
      .run(id, caseId, assetId, by, this.clock().toISOString());
    this.log(by, 'valuation.requested', caseId, { valuationId: id, assetId });
    return this.get(id)!;
  }

  answered(id: string, a: { referencePrice: number; validUntil?: string; authority: string }, by: string): ValuationView {
    this.conn.db.prepare(`UPDATE valuation_requests SET state = 'answered', reference_price = ?, valid_until = ?, authority = ?, answered_at = ? WHERE id = ? AND state = 'sent'`)
      .run(a.referencePrice, a.validUntil ?? null, a.authority, this.clock().toISOString(), id);
    const v = this.get(id)!;
    this.log(by, 'valuation.answered', v.caseId, { valuationId: id, assetId: v.assetId, referencePrice: a.referencePrice });
    return v;
  }

  failed(id: string, error: { zh: string; en: string }, by: string): ValuationView {
    this.conn.db.prepare(`UPDATE valuation_requests SET state = 'failed', error = ?, answered_at = ? WHERE id = ? AND state = 'sent'`)
      .run(JSON.stringify(error), this.clock().toISOString(), id);
    const v = this.get(id)!;
    this.log(by, 'valuation.failed', v.caseId, { valuationId: id, assetId: v.assetId, reason: error.en });
    return v;
  }

  get(id: string): ValuationView | undefined {
    const r = this.conn.db.prepare<[string], Row>('SELECT * FROM valuation_requests WHERE id = ?').get(id);
    return r ? toView(r) : undefined;
  }

  /** The latest request per asset of the case. */
  latestOf(caseId: string): Map<string, ValuationView> {
    const rows = this.conn.db.prepare<[string], Row>('SELECT * FROM valuation_requests WHERE case_id = ? ORDER BY requested_at, rowid').all(caseId);
    return new Map(rows.map((r) => [r.asset_id, toView(r)]));
  }

  /** The reference price each property of the case counts at: its latest answered one. */
  pricesOf(caseId: string): Map<string, number> {
    const rows = this.conn.db.prepare<[string], { asset_id: string; reference_price: number }>(
      `SELECT asset_id, reference_price FROM valuation_requests WHERE case_id = ? AND state = 'answered' ORDER BY answered_at, rowid`).all(caseId);
    return new Map(rows.map((r) => [r.asset_id, r.reference_price]));
  }

  private log(by: string, action: string, caseId: string, detail: Record<string, unknown>): void {
    const number = caseNumberOf(this.conn.db, caseId);
    this.audit.append({ officer: by, action, caseId, ...(number ? { caseNumber: number } : {}), detail });
  }
}
