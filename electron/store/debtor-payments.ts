/**
 * A debtor's own payments (自动履行, docs/domain.md rule 1, "What is recovered"; migration "debtor
 * payments"). A payment adds its fen to the case's `recovered` in the same transaction as its row,
 * so the one cap formula (MeasureRepo.capForCase) sees it; a reversal is a new row that takes them
 * back out. Rows are never edited. The audit names the case, the party id and the fen, never a name nor the free text (note, reason).
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { parseIsoDate, todayCst } from '../../shared/dates';
import { PAYMENT_METHODS, type DebtorPayment, type PaymentMethod } from '../../shared/domain/payments';
import type { AuditLog } from './audit';
import { caseNumberOf } from './case-ref';
import type { Clock } from './clock';
import type { Connection } from './connection';

export interface NewPayment {
  caseId: string;
  partyId: string;
  amount: number;
  paidOn: string;
  method: PaymentMethod;
  note?: string;
}

interface Row {
  id: string; case_id: string; party_id: string; amount: number; paid_on: string; method: PaymentMethod; note: string | null;
  recorded_by: string; recorded_at: string;
  r_id: string | null; r_reason: string | null; r_by: string | null; r_at: string | null;
}

const invalid = (zh: string, en: string, field: string) => new AppFailure('VALIDATION', { zh, en }, field);

const SELECT = `SELECT p.*, r.id AS r_id, r.reason AS r_reason, r.recorded_by AS r_by, r.recorded_at AS r_at
  FROM debtor_payments p LEFT JOIN debtor_payments r ON r.reverses = p.id WHERE p.reverses IS NULL`;

const toPayment = (r: Row): DebtorPayment => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, amount: r.amount, paidOn: r.paid_on, method: r.method,
  ...(r.note ? { note: r.note } : {}), recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  ...(r.r_id ? { reversal: { id: r.r_id, reason: r.r_reason!, by: r.r_by!, at: r.r_at! } } : {}),
});

export class DebtorPaymentRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  /** The payments of a case (reversed ones with their reversal), in the order paid. */
  ofCase(caseId: string): DebtorPayment[] {
    return this.conn.db.prepare<[string], Row>(`${SELECT} AND p.case_id = ? ORDER BY p.paid_on, p.recorded_at`).all(caseId).map(toPayment);
  }

  /** Checks the input in the judge's words, then writes the row and raises `recovered` at once. */
  record(p: NewPayment, by: string): DebtorPayment {
    this.assertInput(p);
    const db = this.conn.db;
    return db.transaction((): DebtorPayment => {
      const c = db.prepare<[string], { status: string }>('SELECT status FROM cases WHERE id = ?').get(p.caseId);
      if (!c) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED', { zh: '案件已结案，不能再记录履行', en: 'the case is closed; no payment can be recorded' });
      const role = db.prepare<[string, string], string>('SELECT role FROM parties WHERE id = ? AND case_id = ?').pluck().get(p.partyId, p.caseId);
      if (role !== 'debtor') throw new AppFailure('NOT_A_DEBTOR', { zh: '所指当事人不是本案被执行人', en: 'the party is not a debtor of this case' }, 'partyId');
      const id = randomUUID();
      const at = this.clock().toISOString();
      const note = p.note?.trim() || null;
      db.prepare(`INSERT INTO debtor_payments (id, case_id, party_id, amount, paid_on, method, note, recorded_by, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, p.caseId, p.partyId, p.amount, p.paidOn, p.method, note, by, at);
      db.prepare('UPDATE cases SET recovered = recovered + ?, updated_at = ? WHERE id = ?').run(p.amount, at, p.caseId);
      this.log(by, 'payment.recorded', p.caseId, { paymentId: id, partyId: p.partyId, amount: p.amount, paidOn: p.paidOn, method: p.method });
      return this.get(id)!;
    }).immediate();
  }

  /** Reverses a payment once, with a reason: its fen leave `recovered` again. */
  reverse(caseId: string, paymentId: string, reason: string, by: string): DebtorPayment {
    const why = reason.trim();
    if (!why) throw invalid('撤销履行记录须说明理由', 'reversing a payment needs a reason', 'reason');
    const db = this.conn.db;
    return db.transaction((): DebtorPayment => {
      const cur = this.get(paymentId);
      if (!cur || cur.caseId !== caseId) throw new AppFailure('NOT_FOUND', { zh: '本案没有这笔履行记录', en: 'no such payment in this case' });
      if (cur.reversal) throw invalid('这笔履行记录已经撤销', 'this payment is already reversed', 'paymentId');
      const status = db.prepare<[string], string>('SELECT status FROM cases WHERE id = ?').pluck().get(caseId);
      if (status !== 'open') throw new AppFailure('CASE_CLOSED', { zh: '案件已结案，不能撤销履行记录', en: 'the case is closed; a payment cannot be reversed' });
      const id = randomUUID();
      const at = this.clock().toISOString();
      db.prepare(`INSERT INTO debtor_payments (id, case_id, party_id, amount, paid_on, method, note, reverses, reason, recorded_by, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`).run(id, cur.caseId, cur.partyId, cur.amount, cur.paidOn, cur.method, cur.id, why, by, at);
      const r = db.prepare('UPDATE cases SET recovered = recovered - ?, updated_at = ? WHERE id = ? AND recovered >= ?').run(cur.amount, at, caseId, cur.amount);
      if (r.changes === 0) throw invalid('已执行到位金额少于这笔履行，不能撤销', 'less is recovered than this payment; it cannot be reversed', 'paymentId');
      this.log(by, 'payment.reversed', caseId, { paymentId: cur.id, reversalId: id, partyId: cur.partyId, amount: cur.amount });
      return this.get(paymentId)!;
    }).immediate();
  }

  get(id: string): DebtorPayment | undefined {
    const r = this.conn.db.prepare<[string], Row>(`${SELECT} AND p.id = ?`).get(id);
    return r ? toPayment(r) : undefined;
  }

  private assertInput(p: NewPayment): void {
    if (typeof p.amount !== 'number' || !Number.isSafeInteger(p.amount) || p.amount <= 0) {
      throw invalid('履行金额须为大于零的整数（分）', 'the amount must be a whole number of fen above zero', 'amount');
    }
    const d = parseIsoDate(String(p.paidOn));
    if (typeof p.paidOn !== 'string' || !d.ok || d.value !== p.paidOn) throw invalid('履行日期不正确（应为 年-月-日）', 'the payment date is not valid (YYYY-MM-DD)', 'paidOn');
    const today = todayCst(this.clock());
    if (p.paidOn > today) throw invalid(`履行日期不能晚于今天（${today}）`, `the payment date cannot be after today (${today})`, 'paidOn');
    if (!PAYMENT_METHODS.includes(p.method)) throw invalid('履行方式不正确', 'the payment method is not valid', 'method');
  }

  private log(by: string, action: string, caseId: string, detail: Record<string, unknown>): void {
    const number = caseNumberOf(this.conn.db, caseId);
    this.audit.append({ officer: by, action, caseId, ...(number ? { caseNumber: number } : {}), detail });
  }
}
