/**
 * IPC group `notices` (docs/documents.md, "查询结果告知书"): the 查询结果告知书 to the applicant after
 * the network query — of one case, or of every case a finished batch query queried, made as one
 * act (one notice stored per case) — and the batch's notices as one PDF to print, handed out on
 * the officer's explicit action and audited per case. Making them is the act notice.queryResult;
 * for a batch it is checked on each case, and one case not the officer's refuses the whole,
 * naming the case, recorded.
 */
import { z } from 'zod';
import type { DocumentRef } from '../../domain/measures';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
/** the judge's telephone printed for the applicant's property leads */
const phone = z.string().trim().regex(/^[0-9+\-（）() ]{5,20}$/, '联系电话只能包含数字、+、- 和括号，5至20位').optional();

/** one case's notice of a batch */
export interface BatchNoticeRow {
  caseId: string;
  caseNumber: string;
  document: DocumentRef;
  /** made before (nothing it states changed): the one made is given back */
  reused: boolean;
}

export const noticesGroup = {
  /** the case's 查询结果告知书, addressed to the applicant; the same facts again give back the one made */
  queryResult: {
    policy: { act: 'notice.queryResult', case: 'caseId' },
    input: z.object({ caseId: id, phone }).strict(),
    output: out<{ document: DocumentRef; reused: boolean }>(),
  },
  /** one notice per case of a finished batch query (each case checked as above) */
  batchQueryResult: {
    policy: { act: 'notice.queryResult' },
    input: z.object({ jobId: id, phone }).strict(),
    output: out<{ jobId: string; notices: BatchNoticeRow[] }>(),
  },
  /** the batch's notices as one PDF to print: personal data in plaintext, so each case's copy is audited */
  batchPdf: {
    policy: { act: 'document.export' },
    input: z.object({ jobId: id }).strict(),
    output: out<{ jobId: string; count: number; pdfBase64: string }>(),
  },
} as const;
