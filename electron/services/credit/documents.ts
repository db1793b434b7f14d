/**
 * The documents of 信用惩戒 (docs/documents.md): the 执行通知书 and the 报告财产令 to a debtor, the
 * 纳入失信被执行人名单决定书, the 删除失信信息决定书 and the 信用修复决定书 — built from the shipped
 * templates, numbered in the case's sequence and saved inside the encrypted store.
 */
import { chineseNumber } from '../../../shared/documents/numerals';
import type { DocumentRef, DocumentType } from '../../../shared/domain/measures';
import type { Officer, Party } from '../../../shared/domain/types';
import type { DocumentData } from '../../../shared/documents';
import { generateDocument } from '../../documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { toRef } from '../../store/documents';
import { clerkOf, partyOf } from '../measures/documents';

export type CreditDocumentType = Extract<DocumentType, '执行通知书' | '报告财产令' | '纳入失信被执行人名单决定书' | '删除失信信息决定书' | '信用修复决定书'
  | '限制消费令' | '解除限制消费令决定书' | '暂时解除限制消费决定书'>;

export interface CreditDocumentInput {
  type: CreditDocumentType;
  courtName: string;
  c: StoredCase;
  debtor: Party;
  officer: Officer;
  today: string;
  amount?: number;
  period?: { start: string; end: string };
  /** the clause the template states: the ground, the report's days, the reason of a removal */
  reason?: string;
  previousRulingNumber?: string;
  legalBasis?: string[];
}

/** 五日: how the report order states its days. */
export const reportDaysText = (days: number): string => `${chineseNumber(days)}日`;

export async function makeCreditDocument(store: SecureStore, i: CreditDocumentInput): Promise<DocumentRef> {
  const applicant = i.c.parties.find((p) => p.role === 'applicant');
  const number = store.documents.nextNumber(i.c.id).number;
  const data: DocumentData = {
    court: i.courtName, caseNumber: i.c.number, number, cause: i.c.cause, date: i.today,
    ...(applicant ? { applicant: partyOf(applicant) } : {}),
    debtor: partyOf(i.debtor),
    officer: { name: i.officer.name },
    ...clerkOf(store, i.officer),
    ...(i.amount !== undefined && i.amount > 0 ? { amount: i.amount } : {}),
    ...(i.period ? { period: i.period } : {}),
    ...(i.reason ? { reason: i.reason } : {}),
    ...(i.previousRulingNumber ? { previousRulingNumber: i.previousRulingNumber } : {}),
    ...(i.legalBasis ? { legalBasis: i.legalBasis } : {}),
  };
  const g = await generateDocument(i.type, data);
  const saved = store.documents.save({ caseId: i.c.id, type: i.type, pdf: g.pdf, content: g.model, createdBy: i.officer.code, number });
  return toRef(saved);
}
