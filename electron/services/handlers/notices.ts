/**
 * The 查询结果告知书 (IPC group `notices`; docs/documents.md, "查询结果告知书"). Of one case: the router
 * has allowed the act on it. Of a finished batch query: the batch must be the officer's to see,
 * and each of its cases his to act on — one that is not refuses the whole, naming the case,
 * recorded — before any notice is made; then one per case, each stored with the batch. The print
 * of a batch's notices is one PDF rendered again from their stored content, each case's copy
 * audited as an export.
 */
import { AppFailure } from '../../../shared/app-failure';
import { caseAccess, permits } from '../../../shared/authority/matrix';
import { todayCst } from '../../../shared/dates';
import { BATCH_QUERY_KIND } from '../../../shared/domain/batch';
import type { Job } from '../../../shared/domain/jobs';
import type { DocumentModel } from '../../../shared/documents/model';
import type { BatchNoticeRow } from '../../../shared/ipc/groups/notices';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { renderPdfs } from '../../documents';
import type { StoredCase } from '../../store/cases';
import { toRef } from '../../store/documents';
import { accessCase, accessHolder, canRead, recordRefusal } from '../authority';
import type { FeatureHandlers, OfficerCtx } from '../context';
import type { Deps } from '../deps';
import { maySeeJob } from '../jobs/views';
import { issueQueryResultNotice, QUERY_RESULT_NOTICE } from '../notices/query-result-notice';

/** The finished batch, seen by the officer (his own, or any for a chief or the director). */
function finishedBatch(ctx: OfficerCtx, call: string, jobId: string): Job {
  const j = ctx.store.jobs.get(jobId);
  if (!j || j.kind !== BATCH_QUERY_KIND) throw new AppFailure('NOT_FOUND', { zh: '批量查询任务不存在', en: 'no such batch' });
  if (!maySeeJob(ctx.store, ctx.officer, j)) {
    throw recordRefusal(ctx, call, 'notice.queryResult', { zh: '这是其他干警发起的批量查询，只有其本人或庭长、局长可以查看', en: 'this batch is another officer’s', reason: 'not-own-job' });
  }
  if (j.state !== 'done') throw new AppFailure('VALIDATION', { zh: '批量查询尚未完成，完成后才能生成告知书', en: 'the batch query has not finished' });
  return j;
}

/** Each case of the batch the officer may make the notice of, or the whole refused with the first that is not. */
function batchCases(ctx: OfficerCtx, jobId: string) {
  const holder = accessHolder(ctx.officer);
  const rows = ctx.store.batchNotices.cases(jobId);
  if (rows.length === 0) throw new AppFailure('VALIDATION', { zh: '该批量查询没有查询过的案件', en: 'the batch queried no case' });
  return rows.map((row) => {
    const c = ctx.store.cases.get(row.caseId)!;
    const r = permits('notice.queryResult', ctx.officer.role, caseAccess(holder, accessCase(c)));
    if (!r.ok) throw recordRefusal(ctx, 'notices.batchQueryResult', 'notice.queryResult', { zh: `${c.number}：${r.zh}`, en: `${c.number}: ${r.en}`, reason: r.reason }, c);
    return { ...row, c };
  });
}

const mustHaveApplicant = (c: StoredCase) => {
  if (!c.parties.some((p) => p.role === 'applicant')) {
    throw new AppFailure('VALIDATION', { zh: `${c.number}：本案没有申请执行人，无从告知`, en: `${c.number}: the case has no applicant to notify` });
  }
};

export function noticeHandlers(d: Deps): FeatureHandlers<'notices'> {
  return {
    queryResult: async ({ phone }, { store, officer, case: c }) => {
      const { document, reused } = await issueQueryResultNotice(store, c, { by: officer, now: d.now(), courtName: d.courtName, phone });
      return { document: toRef(document), reused };
    },
    batchQueryResult: async ({ jobId, phone }, ctx) => {
      const { store, officer } = ctx;
      finishedBatch(ctx, 'notices.batchQueryResult', jobId);
      const cases = batchCases(ctx, jobId);
      cases.forEach((x) => mustHaveApplicant(x.c));
      const notices: BatchNoticeRow[] = [];
      for (const x of cases) {
        const made = x.documentId ? store.documents.get(x.documentId) : undefined;
        if (made) {
          notices.push({ caseId: x.caseId, caseNumber: x.c.number, document: toRef(made), reused: true });
          continue;
        }
        const { document, reused } = await issueQueryResultNotice(store, x.c, {
          by: officer, now: d.now(), courtName: d.courtName, phone, record: (documentId) => store.batchNotices.record(jobId, x.caseId, documentId, officer.code),
        });
        notices.push({ caseId: x.caseId, caseNumber: x.c.number, document: toRef(document), reused });
      }
      store.audit.append({
        officer: officer.code, action: 'notice.batch',
        detail: { jobId, type: QUERY_RESULT_NOTICE, cases: notices.length, made: notices.filter((n) => !n.reused).length },
      });
      return { jobId, notices };
    },
    batchPdf: async ({ jobId }, ctx) => {
      const { store, officer } = ctx;
      finishedBatch(ctx, 'notices.batchPdf', jobId);
      const made = store.batchNotices.cases(jobId).filter((x) => x.documentId !== undefined);
      if (made.length === 0) throw new AppFailure('VALIDATION', { zh: '该批量查询尚未生成告知书', en: 'no notice has been made for this batch' });
      const docs = made.map((x) => ({ c: store.cases.get(x.caseId)!, doc: store.documents.get(x.documentId!)! }));
      const hidden = docs.find((x) => !canRead(officer, x.c));
      if (hidden) throw recordRefusal(ctx, 'notices.batchPdf', 'document.export', { zh: `${hidden.c.number}：无权查阅本案`, en: `${hidden.c.number}: may not read this case`, reason: 'case' }, hidden.c);
      const models = docs.map((x) => store.documents.content(x.doc.id) as DocumentModel);
      const pdf = await renderPdfs(models, { title: QUERY_RESULT_NOTICE, number: `共${models.length}份`, court: d.courtName, type: QUERY_RESULT_NOTICE, caseNumber: '', date: todayCst(d.now()) });
      store.transaction(() => {
        for (const { c, doc } of docs) {
          store.audit.append({
            officer: officer.code, action: 'document.exported', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.caseRead,
            detail: { document: doc.number, type: doc.type, sha256: doc.sha256, via: 'notices.batchPdf', jobId },
          });
        }
      });
      return { jobId, count: models.length, pdfBase64: pdf.toString('base64') };
    },
  };
}
