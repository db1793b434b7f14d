/**
 * 执行通知书 and 报告财产令 (民诉法 第二百五十一、二百五十二条): made per debtor from the template, once;
 * their service recorded, the report's last day following from it; the report as filed. Not
 * reporting by that day, or reporting falsely, is ground 4 of the dishonest list.
 */
import type { EnforcementNotice, NoticeKind, PropertyReport, ServiceMethod } from '../../../shared/domain/listing';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { Officer } from '../../../shared/domain/types';
import { AppFailure } from '../../../shared/app-failure';
import { reportDeadline } from '../../../shared/rules/listing';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { toRef } from '../../store/documents';
import { makeCreditDocument, reportDaysText } from './documents';
import { debtorOf } from './facts';
import type { CreditDeps } from './listing';

/** The days a report order gives when the judge states none (a bureau's common practice). */
export const DEFAULT_REPORT_DAYS = 5;

export async function issueNotice(d: CreditDeps, store: SecureStore, officer: Officer, c: StoredCase, x: { partyId: string; kind: NoticeKind; reportDays?: number }): Promise<{ notice: EnforcementNotice; document: DocumentRef }> {
  const debtor = debtorOf(c, x.partyId);
  const seen = store.enforcementNotices.of(c.id, debtor.id, x.kind);
  if (seen?.documentId) return { notice: seen, document: toRef(store.documents.get(seen.documentId)!) };
  const days = x.kind === 'report-order' ? x.reportDays ?? DEFAULT_REPORT_DAYS : undefined;
  const document = await makeCreditDocument(store, {
    type: x.kind === 'execution-notice' ? '执行通知书' : '报告财产令', courtName: d.courtName, c, debtor, officer, today: d.today(),
    ...(x.kind === 'execution-notice' ? { amount: store.measures.capForCase(c.id, d.today()) } : { reason: reportDaysText(days!) }),
  });
  const { notice } = store.enforcementNotices.issue({ caseId: c.id, partyId: debtor.id, kind: x.kind, documentId: document.id, ...(days ? { reportDays: days } : {}) }, officer.code);
  return { notice, document };
}

function noticeOf(store: SecureStore, c: StoredCase, noticeId: string): EnforcementNotice {
  const n = store.enforcementNotices.get(noticeId);
  if (!n || n.caseId !== c.id) throw new AppFailure('NOT_FOUND', { zh: '通知书不存在', en: 'no such notice' }, 'noticeId');
  return n;
}

export function serveNotice(d: CreditDeps, store: SecureStore, officer: Officer, c: StoredCase, x: { noticeId: string; servedOn: string; method: ServiceMethod }): EnforcementNotice {
  const n = noticeOf(store, c, x.noticeId);
  if (x.servedOn > d.today()) throw new AppFailure('VALIDATION', { zh: '送达日期不能晚于今天', en: 'the service date cannot be in the future' }, 'servedOn');
  if (x.servedOn < n.issuedAt.slice(0, 10)) throw new AppFailure('VALIDATION', { zh: '送达日期早于文书制作日期', en: 'served before the document was made' }, 'servedOn');
  const deadlineOn = n.kind === 'report-order' ? reportDeadline(x.servedOn, n.reportDays ?? DEFAULT_REPORT_DAYS) : undefined;
  return store.enforcementNotices.serve(n.id, { servedOn: x.servedOn, method: x.method, ...(deadlineOn ? { deadlineOn } : {}) }, officer.code);
}

export function recordReport(d: CreditDeps, store: SecureStore, officer: Officer, c: StoredCase, x: { noticeId: string; filedOn: string; truthful: boolean; summary: string }): PropertyReport {
  noticeOf(store, c, x.noticeId);
  if (x.filedOn > d.today()) throw new AppFailure('VALIDATION', { zh: '报告日期不能晚于今天', en: 'the report date cannot be in the future' }, 'filedOn');
  return store.enforcementNotices.recordReport(x, officer.code);
}
