/**
 * 执保: the applicant reminded of the 保全期限届满日 (docs/domain.md rule 2; 财产保全规定 第十八条), once per
 * case and 届满日, with the notice that told him, and audited in the same write. A renewal moves the
 * 届满日 and so asks for a reminder afresh.
 */
import { AppFailure } from '../../shared/app-failure';
import { ARTICLES } from '../../shared/legal/basis';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { caseNumberOf } from './case-ref';

export interface PreservationNotice {
  caseId: string;
  endsOn: string;
  dueOn: string;
  /** the freeze or renewal whose end is the 届满日 */
  measureId: string;
  documentId: string;
  remindedAt: string;
  remindedBy: string;
}

interface Row { case_id: string; ends_on: string; due_on: string; measure_id: string; document_id: string; reminded_at: string; reminded_by: string }

const toNotice = (r: Row): PreservationNotice => ({
  caseId: r.case_id, endsOn: r.ends_on, dueOn: r.due_on, measureId: r.measure_id, documentId: r.document_id, remindedAt: r.reminded_at, remindedBy: r.reminded_by,
});

export class PreservationNoticeRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  of(caseId: string, endsOn: string): PreservationNotice | undefined {
    const r = this.db.prepare<[string, string], Row>('SELECT * FROM preservation_notices WHERE case_id = ? AND ends_on = ?').get(caseId, endsOn);
    return r ? toNotice(r) : undefined;
  }

  /** The 届满日 the applicant of these cases was already reminded of, by case. */
  remindedFor(caseIds: readonly string[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const rows = this.db.prepare<[string], { case_id: string; ends_on: string }>(
      'SELECT case_id, ends_on FROM preservation_notices WHERE case_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(caseIds));
    for (const r of rows) out.set(r.case_id, (out.get(r.case_id) ?? new Set()).add(r.ends_on));
    return out;
  }

  /** Records the reminder and audits it, once: a second record for the same 届满日 is refused. */
  record(n: Omit<PreservationNotice, 'remindedAt'>): PreservationNotice {
    return this.db.transaction((): PreservationNotice => {
      if (this.of(n.caseId, n.endsOn)) throw new AppFailure('VALIDATION', { zh: `已就保全期限届满日 ${n.endsOn} 提醒过申请人`, en: `the applicant was already reminded of the end on ${n.endsOn}` });
      const number = caseNumberOf(this.db, n.caseId);
      const at = this.clock().toISOString();
      this.db.prepare(`INSERT INTO preservation_notices (case_id, ends_on, due_on, measure_id, document_id, reminded_at, reminded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(n.caseId, n.endsOn, n.dueOn, n.measureId, n.documentId, at, n.remindedBy);
      this.audit.append({
        officer: n.remindedBy, action: 'preservation.applicant-reminded', caseId: n.caseId, caseNumber: number,
        legalBasis: ARTICLES.preservation18, detail: { endsOn: n.endsOn, dueOn: n.dueOn, measureId: n.measureId, documentId: n.documentId },
      });
      return { ...n, remindedAt: at };
    }).immediate();
  }
}
