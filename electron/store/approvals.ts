/**
 * A division chief's decision on a measure awaiting approval (a deduction above the bureau's
 * threshold). Recorded with the measure's move in one transaction: approved → queued with
 * approvedBy set; refused → cancelled, with the reason. Four eyes: the approver is not the officer
 * who decided. Append-only.
 */
import { AppFailure } from '../../shared/app-failure';
import type { Measure, MeasureSignature } from '../../shared/domain/measures';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { MEASURE_LEGAL_BASIS } from './legal-basis';
import { MeasureStateError, type MeasureRepo } from './measures';
import { caseNumberOf } from './case-ref';

export type ApprovalDecision = 'approved' | 'refused';

export interface Approval {
  seq: number;
  measureId: string;
  /** officer code of the chief who decided */
  approver: string;
  decision: ApprovalDecision;
  at: string;
  reason?: string;
}

export interface ApprovalInput {
  measureId: string;
  approver: string;
  decision: ApprovalDecision;
  /** required when refusing */
  reason?: string;
  /** approving: the approver's signature over the measure's request body, appended to its signatures */
  signature?: MeasureSignature;
}

interface ApprovalRow { seq: number; measure_id: string; approver: string; decision: ApprovalDecision; at: string; reason: string | null }

const toApproval = (r: ApprovalRow): Approval => {
  const a: Approval = { seq: r.seq, measureId: r.measure_id, approver: r.approver, decision: r.decision, at: r.at };
  if (r.reason !== null) a.reason = r.reason;
  return a;
};

export class ApprovalRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly measures: MeasureRepo,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  record(input: ApprovalInput): { approval: Approval; measure: Measure } {
    const reason = input.reason?.trim() || undefined;
    if (input.decision !== 'approved' && input.decision !== 'refused') {
      throw new AppFailure('VALIDATION', { zh: '审批结果无效', en: 'the decision must be approved or refused' }, 'decision');
    }
    if (input.decision === 'refused' && !reason) {
      throw new AppFailure('VALIDATION', { zh: '不予批准须说明理由', en: 'a refusal needs a reason' }, 'reason');
    }
    return this.db.transaction(() => {
      const m = this.measures.getMeasure(input.measureId);
      if (!m) throw new AppFailure('NOT_FOUND', { zh: '措施不存在', en: 'no such measure' });
      if (m.state !== 'awaiting_approval') throw new MeasureStateError(`the measure is '${m.state}', not awaiting approval`);
      if (!input.approver || input.approver === m.decidedBy) {
        throw new AppFailure('VALIDATION', { zh: '审批人不能是决定人本人', en: 'the approver cannot be the officer who decided' }, 'approver');
      }
      const at = this.clock().toISOString();
      const seq = Number(this.db.prepare('INSERT INTO approvals (measure_id, approver, decision, at, reason) VALUES (?, ?, ?, ?, ?)')
        .run(m.id, input.approver, input.decision, at, reason ?? null).lastInsertRowid);
      const caseNumber = caseNumberOf(this.db, m.caseId);
      this.audit.append({
        officer: input.approver, action: `measure.${m.kind}.${input.decision}`, caseId: m.caseId, caseNumber,
        legalBasis: MEASURE_LEGAL_BASIS[m.kind], detail: { measureId: m.id, amount: m.amount, decidedBy: m.decidedBy, reason },
      });
      const measure = input.decision === 'approved'
        ? this.measures.updateMeasure(m.id, {
          state: 'queued', approvedBy: input.approver,
          ...(input.signature ? { signatures: [...(m.signatures ?? []), input.signature] } : {}),
        }, input.approver)
        : this.measures.updateMeasure(m.id, { state: 'cancelled' }, input.approver);
      return { approval: toApproval(this.db.prepare<[number], ApprovalRow>('SELECT * FROM approvals WHERE seq = ?').get(seq)!), measure };
    }).immediate();
  }

  listFor(measureId: string): Approval[] {
    return this.db.prepare<[string], ApprovalRow>('SELECT * FROM approvals WHERE measure_id = ? ORDER BY seq').all(measureId).map(toApproval);
  }
}
