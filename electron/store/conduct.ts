/**
 * A debtor's conduct (docs/domain.md rule 8, "Refusing or unable"): the records his timeline is
 * read from, per debtor in a fixed number of statements (ConductReader), and the judge's word on the
 * proposal, kept once and never changed (ConductRepo; migration "conduct classifications").
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { ConductReview } from '../../shared/domain/terminal';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { ConductClass } from '../../shared/rules/conduct';
import type { Fact } from '../../shared/rules/terminal';
import type { AuditLog } from './audit';
import { caseNumberOf } from './case-ref';
import type { Clock } from './clock';
import type { Connection } from './connection';

/** A deposit account's balance as one answer gave it, with the time of that answer. */
export interface BalanceSeen {
  assetId: string;
  requestId: string;
  channel: string;
  identifier: string;
  value: number;
  available?: number;
  asOf: string;
}

/** An answered query of a deposit channel (to tell an account new since an earlier answer). */
export interface AnsweredQuery {
  requestId: string;
  channel: string;
  asOf: string;
}

export interface DeductionPaid {
  measureId: string;
  amount: number;
  at: string;
}

/** A payment he made himself (migration "debtor payments"), not reversed. */
export interface OwnPayment {
  paymentId: string;
  amount: number;
  paidOn: string;
}

export interface AlertSeen {
  id: string;
  kind: 'restriction.breach' | 'whereabouts.sighting' | 'funds.arrived';
  reasonZh: string;
  reasonEn: string;
  raisedAt: string;
  amount?: number;
}

export interface ConductRecords {
  balances: BalanceSeen[];
  answered: AnsweredQuery[];
  deductions: DeductionPaid[];
  payments: OwnPayment[];
  alerts: AlertSeen[];
}

interface BalanceRow { asset_id: string; request_id: string; channel: string; identifier: string; value: number | null; available: number | null; as_of: string }
interface AlertRow { id: string; kind: AlertSeen['kind']; reason_zh: string; reason_en: string; raised_at: string; amount: number | null }

/** The reads of one debtor's timeline: five statements, whatever the number of queries. */
export class ConductReader {
  constructor(private readonly conn: Connection) {}

  records(caseId: string, partyId: string): ConductRecords {
    const db = this.conn.db;
    const balances = db.prepare<[string, string], BalanceRow>(`
      SELECT a.id AS asset_id, a.request_id, a.channel, a.identifier, a.value, a.available, f.received_at AS as_of
      FROM assets a JOIN feedback f ON f.request_id = a.request_id
      WHERE a.case_id = ? AND a.party_id = ? AND a.kind = 'deposit'
      ORDER BY f.received_at, a.position`).all(caseId, partyId);
    const answered = db.prepare<[string, string], { request_id: string; channel: string; as_of: string }>(`
      SELECT r.id AS request_id, r.channel, f.received_at AS as_of
      FROM requests r JOIN feedback f ON f.request_id = r.id
      WHERE r.case_id = ? AND r.party_id = ? AND r.state = 'answered'
        AND r.channel IN (SELECT DISTINCT channel FROM assets WHERE case_id = r.case_id AND party_id = r.party_id AND kind = 'deposit')
      ORDER BY f.received_at`).all(caseId, partyId);
    const deductions = db.prepare<[string, string], { id: string; credited: number; credited_at: string }>(`
      SELECT id, credited, coalesce(credited_at, updated_at) AS credited_at FROM measures
      WHERE case_id = ? AND party_id = ? AND kind = 'deduct' AND credited IS NOT NULL ORDER BY credited_at`).all(caseId, partyId);
    const alerts = db.prepare<[string, string], AlertRow>(`
      SELECT id, kind, reason_zh, reason_en, raised_at, json_extract(action_input, '$.amount') AS amount FROM alerts
      WHERE case_id = ? AND kind IN ('restriction.breach', 'whereabouts.sighting', 'funds.arrived')
        AND json_extract(action_input, '$.partyId') = ?
      ORDER BY raised_at`).all(caseId, partyId);
    const payments = db.prepare<[string, string], { id: string; amount: number; paid_on: string }>(`
      SELECT p.id, p.amount, p.paid_on FROM debtor_payments p
      WHERE p.case_id = ? AND p.party_id = ? AND p.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM debtor_payments r WHERE r.reverses = p.id)
      ORDER BY p.paid_on, p.recorded_at`).all(caseId, partyId);
    return {
      balances: balances.filter((b) => b.value !== null).map((b) => ({
        assetId: b.asset_id, requestId: b.request_id, channel: b.channel, identifier: b.identifier, value: b.value!,
        ...(b.available !== null ? { available: b.available } : {}), asOf: b.as_of,
      })),
      answered: answered.map((r) => ({ requestId: r.request_id, channel: r.channel, asOf: r.as_of })),
      deductions: deductions.map((m) => ({ measureId: m.id, amount: m.credited, at: m.credited_at })),
      payments: payments.map((p) => ({ paymentId: p.id, amount: p.amount, paidOn: p.paid_on })),
      alerts: alerts.map((a) => ({
        id: a.id, kind: a.kind, reasonZh: a.reason_zh, reasonEn: a.reason_en, raisedAt: a.raised_at,
        ...(typeof a.amount === 'number' ? { amount: a.amount } : {}),
      })),
    };
  }
}

interface ReviewRow {
  id: string; case_id: string; party_id: string; proposed: ConductClass | null; decided: ConductClass; reason: string | null;
  decided_by: string; decided_at: string;
}
const toReview = (r: ReviewRow): ConductReview => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, ...(r.proposed ? { proposed: r.proposed } : {}), decided: r.decided,
  ...(r.reason ? { reason: r.reason } : {}), decidedBy: r.decided_by, decidedAt: r.decided_at,
});

export interface NewReview {
  caseId: string;
  partyId: string;
  proposed?: ConductClass;
  decided: ConductClass;
  reason?: string;
  grounds: Fact[];
  against: Fact[];
}

/** The judge's confirmation or override of the proposal: a new row each time, the latest stands. */
export class ConductRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  latest(caseId: string, partyId: string): ConductReview | undefined {
    const r = this.conn.db.prepare<[string, string], ReviewRow>(
      'SELECT * FROM conduct_reviews WHERE case_id = ? AND party_id = ? ORDER BY decided_at DESC, rowid DESC LIMIT 1',
    ).get(caseId, partyId);
    return r ? toReview(r) : undefined;
  }

  record(r: NewReview, by: string): ConductReview {
    const db = this.conn.db;
    return db.transaction((): ConductReview => {
      const role = db.prepare<[string, string], string>('SELECT role FROM parties WHERE id = ? AND case_id = ?').pluck().get(r.partyId, r.caseId);
      if (role !== 'debtor') throw new AppFailure('NOT_A_DEBTOR', { zh: '所指当事人不是本案被执行人', en: 'the party is not a debtor of this case' });
      const id = randomUUID();
      const at = this.clock().toISOString();
      const reason = r.reason?.trim() || null;
      try {
        db.prepare(`INSERT INTO conduct_reviews (id, case_id, party_id, proposed, decided, reason, grounds, against, decided_by, decided_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, r.caseId, r.partyId, r.proposed ?? null, r.decided, reason, JSON.stringify(r.grounds), JSON.stringify(r.against), by, at);
      } catch (e) {
        if (String(e).includes('OVERRIDE_NEEDS_REASON')) throw new AppFailure('VALIDATION', { zh: '改变建议的认定须说明理由', en: 'overriding the proposal needs a reason' }, 'reason');
        throw e;
      }
      const number = caseNumberOf(db, r.caseId);
      this.audit.append({
        officer: by, action: r.proposed === r.decided ? 'conduct.confirmed' : 'conduct.overridden', caseId: r.caseId,
        ...(number ? { caseNumber: number } : {}), legalBasis: LEGAL_BASIS.conduct,
        detail: { reviewId: id, partyId: r.partyId, proposed: r.proposed ?? null, decided: r.decided, reason, grounds: r.grounds.length, against: r.against.length },
      });
      return toReview(db.prepare<[string], ReviewRow>('SELECT * FROM conduct_reviews WHERE id = ?').get(id)!);
    }).immediate();
  }
}
