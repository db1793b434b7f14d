/**
 * 终本 records (docs/domain.md rule 12) and the judge's word on conduct (rule 8): the proposal and
 * its approval, the re-query runs, the recorded reasons a listing does not apply, the conduct
 * reviews — and the read of the execution notices (migration 015) the checklist needs.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { MeasureSignature } from '../../shared/domain/measures';
import type { ConductReview, RequeryRun, TerminalClosing, TerminalClosingState } from '../../shared/domain/terminal';
import type { ConductClass } from '../../shared/rules/conduct';
import type { NoticeFact, TerminalChecklist } from '../../shared/rules/terminal';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';

interface ClosingRow {
  id: string; case_id: string; state: TerminalClosingState; checklist: string; proposed_by: string; proposed_at: string; signatures: string;
  decided_by: string | null; decided_at: string | null; refusal: string | null; document_id: string | null; resumed_case_id: string | null;
}
const toClosing = (r: ClosingRow): TerminalClosing => ({
  id: r.id, caseId: r.case_id, state: r.state, checklist: JSON.parse(r.checklist) as TerminalChecklist, proposedBy: r.proposed_by, proposedAt: r.proposed_at,
  signatures: JSON.parse(r.signatures) as MeasureSignature[],
  ...(r.decided_by ? { decidedBy: r.decided_by } : {}), ...(r.decided_at ? { decidedAt: r.decided_at } : {}), ...(r.refusal ? { refusal: r.refusal } : {}),
  ...(r.document_id ? { documentId: r.document_id } : {}), ...(r.resumed_case_id ? { resumedCaseId: r.resumed_case_id } : {}),
});

interface RunRow { id: string; case_id: string; job_id: string; run: number; ran_at: string; requests: string; new_assets: string; document_id: string | null; alert_id: string | null }
const toRun = (r: RunRow): RequeryRun => ({
  id: r.id, caseId: r.case_id, jobId: r.job_id, run: r.run, ranAt: r.ran_at, requests: JSON.parse(r.requests) as string[],
  newAssets: JSON.parse(r.new_assets) as RequeryRun['newAssets'], ...(r.document_id ? { documentId: r.document_id } : {}), ...(r.alert_id ? { alertId: r.alert_id } : {}),
});

interface ReviewRow { id: string; case_id: string; party_id: string; proposed: ConductClass | null; decided: ConductClass; reason: string | null; decided_by: string; decided_at: string }
const toReview = (r: ReviewRow): ConductReview => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, ...(r.proposed ? { proposed: r.proposed } : {}), decided: r.decided,
  ...(r.reason ? { reason: r.reason } : {}), decidedBy: r.decided_by, decidedAt: r.decided_at,
});

export interface NoticeRecord extends NoticeFact {
  partyId: string;
  deadlineOn?: string;
  /** the report filed on this order, if any */
  report?: { id: string; filedOn: string; truthful: boolean };
}

export class TerminalRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock) {}

  private get db(): Db {
    return this.conn.db;
  }

  /** The case's 执行通知书 and 报告财产令 per debtor, with the report filed on each order (migration 015). */
  notices(caseId: string): NoticeRecord[] {
    type Row = { id: string; party_id: string; kind: NoticeFact['kind']; issued_at: string; served_on: string | null; deadline_on: string | null; report_id: string | null; filed_on: string | null; truthful: number | null };
    return this.db.prepare<[string], Row>(`SELECT n.id, n.party_id, n.kind, n.issued_at, n.served_on, n.deadline_on, r.id AS report_id, r.filed_on, r.truthful
      FROM enforcement_notices n LEFT JOIN property_reports r ON r.notice_id = n.id WHERE n.case_id = ? ORDER BY n.issued_at, n.id`).all(caseId)
      .map((r) => ({
        id: r.id, partyId: r.party_id, kind: r.kind, issuedAt: r.issued_at, ...(r.served_on ? { servedOn: r.served_on } : {}), ...(r.deadline_on ? { deadlineOn: r.deadline_on } : {}),
        ...(r.report_id ? { report: { id: r.report_id, filedOn: r.filed_on!, truthful: r.truthful === 1 } } : {}),
      }));
  }

  listingReasons(caseId: string): { id: string; partyId: string; reason: string }[] {
    return this.db.prepare<[string], { id: string; party_id: string; reason: string }>('SELECT id, party_id, reason FROM terminal_listing_reasons WHERE case_id = ?').all(caseId)
      .map((r) => ({ id: r.id, partyId: r.party_id, reason: r.reason }));
  }

  recordListingReason(caseId: string, partyId: string, reason: string, by: string): string {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO terminal_listing_reasons (id, case_id, party_id, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (case_id, party_id) DO UPDATE SET reason = excluded.reason, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`)
      .run(id, caseId, partyId, reason, by, this.clock().toISOString());
    return this.db.prepare<[string, string], string>('SELECT id FROM terminal_listing_reasons WHERE case_id = ? AND party_id = ?').pluck().get(caseId, partyId)!;
  }

  closing(id: string): TerminalClosing | undefined {
    const r = this.db.prepare<[string], ClosingRow>('SELECT * FROM terminal_closings WHERE id = ?').get(id);
    return r ? toClosing(r) : undefined;
  }

  /** The proposal in progress or the approved closing of a case, if any. */
  liveClosing(caseId: string): TerminalClosing | undefined {
    const r = this.db.prepare<[string], ClosingRow>(`SELECT * FROM terminal_closings WHERE case_id = ? AND state IN ('proposed', 'approved')`).get(caseId);
    return r ? toClosing(r) : undefined;
  }

  /** The case's latest closing in any state (a refusal, with its reason, included). */
  lastClosing(caseId: string): TerminalClosing | undefined {
    const r = this.db.prepare<[string], ClosingRow>('SELECT * FROM terminal_closings WHERE case_id = ? ORDER BY proposed_at DESC, rowid DESC LIMIT 1').get(caseId);
    return r ? toClosing(r) : undefined;
  }

  /** Proposals waiting for a chief's or the director's approval, for one court's inbox. */
  awaitingApproval(): TerminalClosing[] {
    return this.db.prepare<[], ClosingRow>(`SELECT * FROM terminal_closings WHERE state = 'proposed' ORDER BY proposed_at`).all().map(toClosing);
  }

  propose(c: { caseId: string; checklist: TerminalChecklist; by: string; signature: MeasureSignature; id?: string }): TerminalClosing {
    const id = c.id ?? randomUUID();
    try {
      this.db.prepare(`INSERT INTO terminal_closings (id, case_id, state, checklist, proposed_by, proposed_at, signatures) VALUES (?, ?, 'proposed', ?, ?, ?, ?)`)
        .run(id, c.caseId, JSON.stringify(c.checklist), c.by, this.clock().toISOString(), JSON.stringify([c.signature]));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppFailure('VALIDATION', { zh: '本案已有终本申请待审批或已终本', en: 'the case already has a 终本 proposal pending or approved' }, 'caseId');
      }
      throw e;
    }
    return this.closing(id)!;
  }

  /** The approval, signed; only a proposal still waiting. */
  approve(id: string, by: string, signature: MeasureSignature, documentId: string): TerminalClosing {
    const cur = this.closing(id)!;
    const r = this.db.prepare(`UPDATE terminal_closings SET state = 'approved', decided_by = ?, decided_at = ?, signatures = ?, document_id = ? WHERE id = ? AND state = 'proposed'`)
      .run(by, this.clock().toISOString(), JSON.stringify([...cur.signatures, signature]), documentId, id);
    if (r.changes === 0) throw new AppFailure('VALIDATION', { zh: '该终本申请已处理', en: 'the proposal was already decided' });
    return this.closing(id)!;
  }

  refuse(id: string, by: string, reason: string): TerminalClosing {
    const r = this.db.prepare(`UPDATE terminal_closings SET state = 'refused', decided_by = ?, decided_at = ?, refusal = ? WHERE id = ? AND state = 'proposed'`)
      .run(by, this.clock().toISOString(), reason, id);
    if (r.changes === 0) throw new AppFailure('VALIDATION', { zh: '该终本申请已处理', en: 'the proposal was already decided' });
    return this.closing(id)!;
  }

  setResumed(id: string, resumedCaseId: string): void {
    const r = this.db.prepare('UPDATE terminal_closings SET resumed_case_id = ? WHERE id = ? AND resumed_case_id IS NULL').run(resumedCaseId, id);
    if (r.changes === 0) throw new AppFailure('VALIDATION', { zh: '本案已恢复执行', en: 'the case was already resumed' });
  }

  runs(caseId: string): RequeryRun[] {
    return this.db.prepare<[string], RunRow>('SELECT * FROM terminal_requery_runs WHERE case_id = ? ORDER BY run').all(caseId).map(toRun);
  }

  run(jobId: string, run: number): RequeryRun | undefined {
    const r = this.db.prepare<[string, number], RunRow>('SELECT * FROM terminal_requery_runs WHERE job_id = ? AND run = ?').get(jobId, run);
    return r ? toRun(r) : undefined;
  }

  /** One run recorded once (job id + run number): a run taken up again after a kill records nothing twice. */
  recordRun(r: Omit<RequeryRun, 'id'>): RequeryRun {
    this.db.prepare(`INSERT INTO terminal_requery_runs (id, case_id, job_id, run, ran_at, requests, new_assets, document_id, alert_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (job_id, run) DO NOTHING`).run(randomUUID(), r.caseId, r.jobId, r.run, r.ranAt, JSON.stringify(r.requests), JSON.stringify(r.newAssets), r.documentId ?? null, r.alertId ?? null);
    return this.run(r.jobId, r.run)!;
  }

  recordReview(r: Omit<ConductReview, 'id' | 'decidedAt'> & { grounds: unknown[] }): ConductReview {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO conduct_reviews (id, case_id, party_id, proposed, decided, reason, grounds, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, r.caseId, r.partyId, r.proposed ?? null, r.decided, r.reason ?? null, JSON.stringify(r.grounds), r.decidedBy, this.clock().toISOString());
    return toReview(this.db.prepare<[string], ReviewRow>('SELECT * FROM conduct_reviews WHERE id = ?').get(id)!);
  }

  /** The latest review per debtor of a case. */
  reviews(caseId: string): ConductReview[] {
    return this.db.prepare<[string], ReviewRow>(`SELECT * FROM conduct_reviews r WHERE case_id = ? AND decided_at = (SELECT max(decided_at) FROM conduct_reviews x WHERE x.case_id = r.case_id AND x.party_id = r.party_id)`)
      .all(caseId).map(toReview);
  }
}
