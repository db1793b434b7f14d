/**
 * The documents of 一键式控行踪 (docs/documents.md; docs/domain.md rule 10): the 协助临时控制通知书 to
 * the railway police, sent with the control request, and the 拘留决定书 the judge drafts once the
 * debtor is held — built from the shipped templates, numbered in the case's sequence and saved
 * inside the encrypted store. A detention is decided with the president's approval (民诉法
 * 第一百一十九条), which the draft states; the draft itself is not sent anywhere.
 */
import { todayCst } from '../../../shared/dates';
import { SIGHTING_KIND_LABELS, type Sighting } from '../../../shared/domain/control';
import type { DocumentRef } from '../../../shared/domain/measures';
import type { Officer, Party } from '../../../shared/domain/types';
import type { DocumentData } from '../../../shared/documents';
import { generateDocument } from '../../documents';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { toRef } from '../../store/documents';
import { clerkOf, partyOf } from '../measures/documents';

export type ControlDocumentType = '协助临时控制通知书' | '拘留决定书';

export interface ControlDocumentInput {
  type: ControlDocumentType;
  courtName: string;
  c: StoredCase;
  debtor: Party;
  officer: Officer;
  now: Date;
  /** where and how he was seen, or what the detention rests on */
  reason: string;
}

/** "2026-12-03 铁路购票：贵阳北站 → 成都东站 G2886 次（铁路客票系统）" — the sighting as the documents state it */
export function sightingText(s: Pick<Sighting, 'kind' | 'place' | 'source' | 'seenAt'>): string {
  return `${todayCst(new Date(s.seenAt))}，${SIGHTING_KIND_LABELS[s.kind].zh}：${s.place}（${s.source}）`;
}

export async function makeControlDocument(store: SecureStore, i: ControlDocumentInput): Promise<DocumentRef & { sha256: string }> {
  const applicant = i.c.parties.find((p) => p.role === 'applicant');
  const number = store.documents.nextNumber(i.c.id).number;
  const data: DocumentData = {
    court: i.courtName, caseNumber: i.c.number, number, cause: i.c.cause, date: todayCst(i.now),
    ...(applicant ? { applicant: partyOf(applicant) } : {}),
    debtor: partyOf(i.debtor),
    officer: { name: i.officer.name },
    ...clerkOf(store, i.officer),
    reason: i.reason,
  };
  const g = await generateDocument(i.type, data);
  const saved = store.documents.save({ caseId: i.c.id, type: i.type, pdf: g.pdf, content: g.model, createdBy: i.officer.code, number });
  return toRef(saved);
}
