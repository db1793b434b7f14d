/**
 * 执行通知书 and 报告财产令 per debtor (民诉法 第二百五十一、二百五十二条; docs/domain.md rules 8, 12):
 * issued once per debtor and kind, served (the day and the method), the report's deadline from
 * the service, and the debtor's property report as recorded. Each write is audited with it.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { EnforcementNotice, NoticeKind, PropertyReport, ServiceMethod } from '../../shared/domain/listing';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';
import { existingCaseNumber } from './case-ref';

interface NoticeRow {
  id: string; case_id: string; party_id: string; kind: string; document_id: string | null; issued_at: string; issued_by: string;
  served_on: string | null; service_method: string | null; deadline_on: string | null; report_days: number | null;
}
interface ReportRow {
  id: string; case_id: string; party_id: string; notice_id: string; filed_on: string; truthful: number; content: string; recorded_by: string; recorded_at: string;
}

const toNotice = (r: NoticeRow): EnforcementNotice => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, kind: r.kind as NoticeKind, issuedAt: r.issued_at, issuedBy: r.issued_by,
  ...(r.document_id ? { documentId: r.document_id } : {}),
  ...(r.served_on ? { servedOn: r.served_on } : {}),
  ...(r.service_method ? { serviceMethod: r.service_method as ServiceMethod } : {}),
  ...(r.deadline_on ? { deadlineOn: r.deadline_on } : {}),
  ...(r.report_days !== null ? { reportDays: r.report_days } : {}),
});

const toReport = (r: ReportRow): PropertyReport => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, noticeId: r.notice_id, filedOn: r.filed_on, truthful: r.truthful === 1,
  summary: (JSON.parse(r.content) as { summary?: string }).summary ?? '', recordedBy: r.recorded_by, recordedAt: r.recorded_at,
});

export class EnforcementNoticeRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  private caseNumber(caseId: string): string {
    return existingCaseNumber(this.db, caseId);
  }

  get(id: string): EnforcementNotice | undefined {
    const r = this.db.prepare<[string], NoticeRow>('SELECT * FROM enforcement_notices WHERE id = ?').get(id);
    return r ? toNotice(r) : undefined;
  }

  of(caseId: string, partyId: string, kind: NoticeKind): EnforcementNotice | undefined {
    const r = this.db.prepare<[string, string, string], NoticeRow>('SELECT * FROM enforcement_notices WHERE case_id = ? AND party_id = ? AND kind = ?').get(caseId, partyId, kind);
    return r ? toNotice(r) : undefined;
  }

  ofCase(caseId: string): EnforcementNotice[] {
    return this.db.prepare<[string], NoticeRow>('SELECT * FROM enforcement_notices WHERE case_id = ? ORDER BY issued_at, kind').all(caseId).map(toNotice);
  }

  /** Records the notice issued with its document; one per debtor and kind (the first is kept). */
  issue(n: { caseId: string; partyId: string; kind: NoticeKind; documentId: string; reportDays?: number }, officer: string): { notice: EnforcementNotice; created: boolean } {
    return this.db.transaction(() => {
      const seen = this.of(n.caseId, n.partyId, n.kind);
      if (seen) return { notice: seen, created: false };
      const id = randomUUID();
      this.db.prepare(`INSERT INTO enforcement_notices (id, case_id, party_id, kind, document_id, issued_at, issued_by, report_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, n.caseId, n.partyId, n.kind, n.documentId, this.clock().toISOString(), officer, n.reportDays ?? null);
      this.audit.append({
        officer, action: `notice.issued`, caseId: n.caseId, caseNumber: this.caseNumber(n.caseId), legalBasis: LEGAL_BASIS.notice,
        detail: { noticeId: id, kind: n.kind, partyId: n.partyId, documentId: n.documentId },
      });
      return { notice: this.get(id)!, created: true };
    }).immediate();
  }

  /** Its service: the day and the method, and for a report order the report's last day. Once. */
  serve(id: string, s: { servedOn: string; method: ServiceMethod; deadlineOn?: string }, officer: string): EnforcementNotice {
    return this.db.transaction(() => {
      const n = this.get(id);
      if (!n) throw new AppFailure('NOT_FOUND', { zh: '通知书不存在', en: 'no such notice' });
      if (n.servedOn) throw new AppFailure('VALIDATION', { zh: `该文书已于${n.servedOn}送达`, en: `already served on ${n.servedOn}` }, 'noticeId');
      this.db.prepare('UPDATE enforcement_notices SET served_on = ?, service_method = ?, deadline_on = ? WHERE id = ?').run(s.servedOn, s.method, s.deadlineOn ?? null, id);
      this.audit.append({
        officer, action: 'notice.served', caseId: n.caseId, caseNumber: this.caseNumber(n.caseId), legalBasis: LEGAL_BASIS.notice,
        detail: { noticeId: id, kind: n.kind, servedOn: s.servedOn, method: s.method, ...(s.deadlineOn ? { deadlineOn: s.deadlineOn } : {}) },
      });
      return this.get(id)!;
    }).immediate();
  }

  reportsOf(caseId: string): PropertyReport[] {
    return this.db.prepare<[string], ReportRow>('SELECT * FROM property_reports WHERE case_id = ? ORDER BY filed_on, recorded_at').all(caseId).map(toReport);
  }

  /** The debtor's property report as filed (the report order must have been served first). */
  recordReport(r: { noticeId: string; filedOn: string; truthful: boolean; summary: string }, officer: string): PropertyReport {
    return this.db.transaction(() => {
      const n = this.get(r.noticeId);
      if (!n || n.kind !== 'report-order') throw new AppFailure('NOT_FOUND', { zh: '报告财产令不存在', en: 'no such property-report order' }, 'noticeId');
      if (!n.servedOn) throw new AppFailure('VALIDATION', { zh: '报告财产令尚未送达，不能记录财产报告', en: 'the report order has not been served: no report can be recorded' }, 'noticeId');
      if (r.filedOn < n.servedOn) throw new AppFailure('VALIDATION', { zh: '报告日期早于报告财产令送达日期', en: 'the report is dated before the order was served' }, 'filedOn');
      const id = randomUUID();
      this.db.prepare(`INSERT INTO property_reports (id, case_id, party_id, notice_id, filed_on, truthful, content, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, n.caseId, n.partyId, n.id, r.filedOn, r.truthful ? 1 : 0, JSON.stringify({ summary: r.summary }), officer, this.clock().toISOString());
      this.audit.append({
        officer, action: 'notice.report-recorded', caseId: n.caseId, caseNumber: this.caseNumber(n.caseId), legalBasis: LEGAL_BASIS.notice,
        detail: { reportId: id, noticeId: n.id, partyId: n.partyId, filedOn: r.filedOn, truthful: r.truthful },
      });
      return toReport(this.db.prepare<[string], ReportRow>('SELECT * FROM property_reports WHERE id = ?').get(id)!);
    }).immediate();
  }
}
