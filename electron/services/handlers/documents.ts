/**
 * The rulings and notices of a case: the list, one document with its content and PDF, and a copy
 * exported to be kept outside the store — in plaintext, so each export is an audit entry of its own
 * (`document.exported`, with the case and document numbers). A document marked 作废 (every
 * measure it covers was refused or withdrawn) is shown and exported as a copy rendered again from its content with the 作废
 * stamp on every page; the stored original is kept unchanged as evidence.
 */
import { AppFailure } from '../../../shared/app-failure';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import { sumFen } from '../../../shared/money';
import type { FeatureHandlers } from '../context';
import type { DocumentModel } from '../../../shared/documents/model';
import { renderPdf } from '../../documents';
import type { SecureStore } from '../../store';
import { toRef, type StoredDocument } from '../../store/documents';
import type { CaseDocument, Measure } from '../../../shared/domain/measures';
import { failureReason, FAILED_MEASURE_STATES, itemLabel } from '../../store/measure-failure';

/** The document and the PDF to hand out: the stored one, or for a voided document a copy stamped 作废. */
async function stored(store: SecureStore, documentId: string) {
  const doc = store.documents.get(documentId);
  const pdf = store.documents.pdf(documentId);
  if (!doc || !pdf) throw new AppFailure('NOT_FOUND', { zh: '文书不存在', en: 'no such document' });
  const ref = toRef(doc);
  if (!ref.voided) return { ref, pdf };
  return { ref, pdf: await renderPdf(store.documents.content(documentId) as DocumentModel, { voided: ref.voided }) };
}

/**
 * A row of the case's document list: the title and addressee as printed, the amount of the
 * measures it covers (their total when each has one) and their state; when some of its items
 * failed and others stand, which failed and why (部分未执行, docs/documents.md).
 */
function caseDocument(store: SecureStore, d: StoredDocument): CaseDocument {
  const content = store.documents.content(d.id) as Partial<DocumentModel> | undefined;
  const cover = d.measureIds.map((id) => store.measures.getMeasure(id)).filter((m): m is Measure => m !== undefined);
  const amounts = cover.map((m) => m.amount);
  const states = new Set(cover.map((m) => m.state));
  const failed = cover.filter((m) => FAILED_MEASURE_STATES.has(m.state));
  return {
    ...toRef(d), title: content?.title ?? d.type,
    ...(content?.addressee ? { addressee: content.addressee } : {}),
    ...(cover.length && amounts.every((a) => a !== undefined) ? { amount: sumFen(amounts as number[]) } : {}),
    ...(cover[0] ? { measureKind: cover[0].kind, measureIds: cover.map((m) => m.id) } : {}),
    ...(states.size === 1 ? { measureState: cover[0]!.state } : {}),
    ...(!d.voided && failed.length ? { failedItems: failed.map((m) => ({ measureId: m.id, item: itemLabel(m), reason: failureReason(m) })) } : {}),
  };
}

export function documentHandlers(): FeatureHandlers<'documents'> {
  return {
    list: ({ caseId }, { store }) => store.documents.listForCase(caseId).map((d) => caseDocument(store, d)),
    get: async ({ documentId }, { store }) => {
      const { ref, pdf } = await stored(store, documentId);
      return { ref, content: store.documents.content(documentId) as never, pdfBase64: pdf.toString('base64') };
    },
    export: async ({ documentId }, { store, officer, case: c }) => {
      const { ref, pdf } = await stored(store, documentId);
      store.audit.append({
        officer: officer.code, action: 'document.exported', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.caseRead,
        detail: { document: ref.number, type: ref.type, sha256: ref.sha256, ...(ref.voided ? { voided: true } : {}) },
      });
      return { ref, pdfBase64: pdf.toString('base64') };
    },
  };
}
