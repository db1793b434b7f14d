/**
 * Competing claims (参与分配, docs/distribution.md; migration "distribution and valuation"): the
 * creditors who applied to share in what a case recovered, the plans made with their figures and
 * document, and the 商请移送执行函 made for assets another court seized first. A claim is withdrawn
 * with a reason, never edited. The audit names the case, ids and fen, never a creditor's name.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import { parseCreditCode } from '../../shared/ids/credit-code';
import { parseResidentId } from '../../shared/ids/resident-id';
import type { ClaimPriority, DistributionPlanFigures } from '../../shared/rules/distribution';
import type { AuditLog } from './audit';
import { caseNumberOf } from './case-ref';
import type { Clock } from './clock';
import type { Connection } from './connection';

export interface NewClaim {
  caseId: string;
  creditor: string;
  idNumber: string;
  basis: string;
  amount: number;
  priority: ClaimPriority;
  rank?: number;
}

export interface StoredClaim extends NewClaim {
  id: string;
  addedBy: string;
  addedAt: string;
}

export interface StoredPlan {
  id: string;
  caseId: string;
  distributable: number;
  costs: number;
  figures: DistributionPlanFigures & { creditors: Record<string, string> };
  documentId: string;
  servedOn?: string;
  madeBy: string;
  madeAt: string;
}

export interface StoredTransfer {
  id: string;
  caseId: string;
  assetId: string;
  firstCourt: string;
  firstCaseNumber?: string;
  seizedOn: string;
  documentId: string;
  madeBy: string;
  madeAt: string;
}

export interface DuplicateRow { measure_id: string; case_id: string; case_number: string; channel: string; asset_kind: string; asset_identifier: string; amount: number | null }
interface ClaimRow { id: string; case_id: string; creditor: string; id_number: string; basis: string; amount: number; priority: ClaimPriority; rank: number | null; added_by: string; added_at: string }
interface PlanRow { id: string; case_id: string; distributable: number; costs: number; figures: string; document_id: string; served_on: string | null; made_by: string; made_at: string }
interface TransferRow { id: string; case_id: string; asset_id: string; first_court: string; first_case_number: string | null; seized_on: string; document_id: string; made_by: string; made_at: string }

const invalid = (zh: string, en: string, field: string) => new AppFailure('VALIDATION', { zh, en }, field);

const toClaim = (r: ClaimRow): StoredClaim => ({
  id: r.id, caseId: r.case_id, creditor: r.creditor, idNumber: r.id_number, basis: r.basis, amount: r.amount, priority: r.priority,
  ...(r.rank !== null ? { rank: r.rank } : {}), addedBy: r.added_by, addedAt: r.added_at,
});
const toPlan = (r: PlanRow): StoredPlan => ({
  id: r.id, caseId: r.case_id, distributable: r.distributable, costs: r.costs, figures: JSON.parse(r.figures) as StoredPlan['figures'],
  documentId: r.document_id, ...(r.served_on ? { servedOn: r.served_on } : {}), madeBy: r.made_by, madeAt: r.made_at,
});
const toTransfer = (r: TransferRow): StoredTransfer => ({
  id: r.id, caseId: r.case_id, assetId: r.asset_id, firstCourt: r.first_court, ...(r.first_case_number ? { firstCaseNumber: r.first_case_number } : {}),
  seizedOn: r.seized_on, documentId: r.document_id, madeBy: r.made_by, madeAt: r.made_at,
});

export class DistributionRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  /** The claims of a case still standing, in the order they were added. */
  claimsOf(caseId: string): StoredClaim[] {
    return this.conn.db.prepare<[string], ClaimRow>('SELECT * FROM distribution_claims WHERE case_id = ? AND withdrawn_at IS NULL ORDER BY added_at, id').all(caseId).map(toClaim);
  }

  addClaim(c: NewClaim, by: string): StoredClaim {
    this.assertClaim(c);
    const db = this.conn.db;
    return db.transaction((): StoredClaim => {
      const status = db.prepare<[string], string>('SELECT status FROM cases WHERE id = ?').pluck().get(c.caseId);
      if (!status) throw new AppFailure('NOT_FOUND', { zh: '案件不存在', en: 'no such case' });
      if (status !== 'open') throw new AppFailure('CASE_CLOSED', { zh: '案件已结案，不能再申请参与分配', en: 'the case is closed: no claim can be added' });
      const id = randomUUID();
      const at = this.clock().toISOString();
      db.prepare(`INSERT INTO distribution_claims (id, case_id, creditor, id_number, basis, amount, priority, rank, added_by, added_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, c.caseId, c.creditor.trim(), c.idNumber.trim(), c.basis.trim(), c.amount, c.priority, c.priority === 'priority' ? (c.rank ?? null) : null, by, at);
      this.log(by, 'distribution.claim.added', c.caseId, { claimId: id, amount: c.amount, priority: c.priority });
      return toClaim(db.prepare<[string], ClaimRow>('SELECT * FROM distribution_claims WHERE id = ?').get(id)!);
    }).immediate();
  }

  /** The class of the case's own applicant: ordinary unless the judge recorded a priority right. */
  applicantClass(caseId: string): { priority: ClaimPriority; rank?: number; basis?: string } {
    const r = this.conn.db.prepare<[string], { priority: ClaimPriority; rank: number | null; basis: string | null }>('SELECT priority, rank, basis FROM distribution_applicant_class WHERE case_id = ?').get(caseId);
    return r ? { priority: r.priority, ...(r.rank !== null ? { rank: r.rank } : {}), ...(r.basis ? { basis: r.basis } : {}) } : { priority: 'ordinary' };
  }

  setApplicantClass(caseId: string, k: { priority: ClaimPriority; rank?: number; basis?: string }, by: string): void {
    if (k.priority !== 'priority' && k.priority !== 'ordinary') throw invalid('债权类别应为优先受偿或普通', 'the class must be priority or ordinary', 'priority');
    if (k.rank !== undefined && (!Number.isSafeInteger(k.rank) || k.rank < 1)) throw invalid('优先受偿顺位须为正整数', 'the rank must be a whole number from 1', 'rank');
    const basis = k.basis?.trim() || null;
    if (k.priority === 'priority' && !basis) throw invalid('优先受偿须写明所依据的担保物权或优先权', 'a priority needs the right it rests on', 'basis');
    this.conn.db.prepare(`INSERT INTO distribution_applicant_class (case_id, priority, rank, basis, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (case_id) DO UPDATE SET priority = excluded.priority, rank = excluded.rank, basis = excluded.basis, set_by = excluded.set_by, set_at = excluded.set_at`)
      .run(caseId, k.priority, k.priority === 'priority' ? (k.rank ?? null) : null, basis, by, this.clock().toISOString());
    this.log(by, 'distribution.applicant.class', caseId, { priority: k.priority, ...(k.rank !== undefined ? { rank: k.rank } : {}) });
  }

  withdrawClaim(caseId: string, claimId: string, reason: string, by: string): void {
    const why = reason.trim();
    if (!why) throw invalid('撤回参与分配申请须说明理由', 'withdrawing a claim needs a reason', 'reason');
    const r = this.conn.db.prepare(`UPDATE distribution_claims SET withdrawn_at = ?, withdrawn_by = ?, reason = ? WHERE id = ? AND case_id = ? AND withdrawn_at IS NULL`)
      .run(this.clock().toISOString(), by, why, claimId, caseId);
    if (r.changes === 0) throw new AppFailure('NOT_FOUND', { zh: '本案没有这项参与分配申请', en: 'no such claim in this case' });
    this.log(by, 'distribution.claim.withdrawn', caseId, { claimId });
  }

  recordPlan(p: Omit<StoredPlan, 'id' | 'madeAt' | 'servedOn'>): StoredPlan {
    const id = randomUUID();
    const at = this.clock().toISOString();
    this.conn.db.prepare(`INSERT INTO distribution_plans (id, case_id, distributable, costs, figures, document_id, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, p.caseId, p.distributable, p.costs, JSON.stringify(p.figures), p.documentId, p.madeBy, at);
    this.log(p.madeBy, 'distribution.plan.made', p.caseId, { planId: id, documentId: p.documentId, distributable: p.distributable, costs: p.costs });
    return this.plan(id)!;
  }

  /** The day the plan was served on the creditors and the debtor: once, the objections run from it. */
  recordService(caseId: string, planId: string, servedOn: string, by: string): StoredPlan {
    const r = this.conn.db.prepare('UPDATE distribution_plans SET served_on = ? WHERE id = ? AND case_id = ? AND served_on IS NULL').run(servedOn, planId, caseId);
    if (r.changes === 0) {
      if (!this.plan(planId) || this.plan(planId)!.caseId !== caseId) throw new AppFailure('NOT_FOUND', { zh: '本案没有这份分配方案', en: 'no such plan in this case' });
      throw invalid('这份分配方案已经记录送达', 'this plan\'s service is already recorded', 'planId');
    }
    this.log(by, 'distribution.plan.served', caseId, { planId, servedOn });
    return this.plan(planId)!;
  }

  plan(id: string): StoredPlan | undefined {
    const r = this.conn.db.prepare<[string], PlanRow>('SELECT * FROM distribution_plans WHERE id = ?').get(id);
    return r ? toPlan(r) : undefined;
  }

  plansOf(caseId: string): StoredPlan[] {
    return this.conn.db.prepare<[string], PlanRow>('SELECT * FROM distribution_plans WHERE case_id = ? ORDER BY made_at, id').all(caseId).map(toPlan);
  }

  recordTransfer(t: Omit<StoredTransfer, 'id' | 'madeAt'>): StoredTransfer {
    const id = randomUUID();
    const at = this.clock().toISOString();
    this.conn.db.prepare(`INSERT INTO transfer_requests (id, case_id, asset_id, first_court, first_case_number, seized_on, document_id, made_by, made_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, t.caseId, t.assetId, t.firstCourt, t.firstCaseNumber ?? null, t.seizedOn, t.documentId, t.madeBy, at);
    this.log(t.madeBy, 'distribution.transfer.requested', t.caseId, { transferId: id, assetId: t.assetId, documentId: t.documentId, seizedOn: t.seizedOn });
    return toTransfer(this.conn.db.prepare<[string], TransferRow>('SELECT * FROM transfer_requests WHERE id = ?').get(id)!);
  }

  transfersOf(caseId: string): StoredTransfer[] {
    return this.conn.db.prepare<[string], TransferRow>('SELECT * FROM transfer_requests WHERE case_id = ? ORDER BY made_at, id').all(caseId).map(toTransfer);
  }

  /**
   * Every asset frozen or sealed by two or more of the bureau's cases, in one pass over the measures:
   * a freeze counts while it is under way or in force — not refused or cancelled, not released whole,
   * not past its end (its latest executed renewal's end when renewed). One asset is one channel and
   * one identifier, whichever case's query found it.
   */
  duplicateFreezes(today: string): DuplicateRow[] {
    return this.conn.db.prepare<[string], DuplicateRow>(`
      WITH live AS (
        SELECT f.id, f.case_id, f.channel, f.asset_kind, f.asset_identifier, f.amount
        FROM measures f
        WHERE f.kind = 'freeze' AND f.state IN ('awaiting_approval', 'queued', 'sent', 'unknown', 'executed')
          AND NOT EXISTS (SELECT 1 FROM measures u WHERE u.freeze_id = f.id AND u.kind = 'unfreeze' AND u.state = 'executed' AND u.amount IS NULL)
          AND COALESCE((SELECT max(r.ends_on) FROM measures r WHERE r.freeze_id = f.id AND r.kind = 'renew' AND r.state = 'executed'), f.ends_on, '9999-12-31') >= ?
      ), dup AS (
        SELECT channel, asset_identifier FROM live GROUP BY channel, asset_identifier HAVING COUNT(DISTINCT case_id) > 1
      )
      SELECT live.id AS measure_id, live.case_id, c.number AS case_number, live.channel, live.asset_kind, live.asset_identifier, live.amount
      FROM live JOIN dup USING (channel, asset_identifier) JOIN cases c ON c.id = live.case_id
      ORDER BY live.channel, live.asset_identifier, c.number`).all(today);
  }

  private assertClaim(c: NewClaim): void {
    if (typeof c.amount !== 'number' || !Number.isSafeInteger(c.amount) || c.amount <= 0) throw invalid('债权金额须为大于零的整数（分）', 'the claim must be a whole number of fen above zero', 'amount');
    if (!c.creditor?.trim()) throw invalid('请填写申请参与分配的债权人', 'name the creditor', 'creditor');
    if (!c.basis?.trim()) throw invalid('请填写执行依据（生效法律文书案号）', 'give the title the claim rests on', 'basis');
    const idNumber = c.idNumber?.trim() ?? '';
    if (idNumber && !parseResidentId(idNumber).ok && !parseCreditCode(idNumber).ok) {
      throw invalid('身份证号或统一社会信用代码不正确（可不填）', 'the ID number or credit code is not valid (it may be left empty)', 'idNumber');
    }
    if (c.priority !== 'priority' && c.priority !== 'ordinary') throw invalid('债权类别应为优先受偿或普通', 'the class must be priority or ordinary', 'priority');
    if (c.rank !== undefined && (!Number.isSafeInteger(c.rank) || c.rank < 1)) throw invalid('优先受偿顺位须为正整数', 'the rank must be a whole number from 1', 'rank');
  }

  private log(by: string, action: string, caseId: string, detail: Record<string, unknown>): void {
    const number = caseNumberOf(this.conn.db, caseId);
    this.audit.append({ officer: by, action, caseId, ...(number ? { caseNumber: number } : {}), detail });
  }
}
