/**
 * The rulings and notices of a case: the list, one document with its content and PDF, and a copy
 * exported to be kept outside the store — in plaintext, so each export is an audit entry of its own
 * (`document.exported`, with the case and document numbers). A document marked 作废 (its measure
 * was refused) is shown and exported as a copy rendered again from its content with the 作废
 * stamp on every page; the stored original is kept unchanged as evidence.
 */
import { AppFailure } from '../../../shared/app-failure';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import type { FeatureHandlers } from '../context';
import type { DocumentModel } from '../../../shared/documents/model';
import { renderPdf } from '../../documents';
import type { SecureStore } from '../../store';
import { toRef, type StoredDocument } from '../../store/documents';
import type { CaseDocument } from '../../../shared/domain/measures';

/** The document and the PDF to hand out: the stored one, or for a voided document a copy stamped 作废. */
async function stored(store: SecureStore, documentId: string) {
  const doc = store.documents.get(documentId);
  const pdf = store.documents.pdf(documentId);
  if (!doc || !pdf) throw new AppFailure('NOT_FOUND', { zh: '文书不存在', en: 'no such document' });
  const ref = toRef(doc);
  if (!ref.voided) return { ref, pdf };
  return { ref, pdf: await renderPdf(store.documents.content(documentId) as DocumentModel, { voided: ref.voided }) };
}

/** A row of the case's document list: the title and addressee as printed, the measure's amount and state. */
function caseDocument(store: SecureStore, d: StoredDocument): CaseDocument {
  const content = store.documents.content(d.id) as Partial<DocumentModel> | undefined;
  const m = d.measureId ? store.measures.getMeasure(d.measureId) : undefined;
  return {
    ...toRef(d), title: content?.title ?? d.type,
    ...(content?.addressee ? { addressee: content.addressee } : {}),
    ...(m?.amount !== undefined ? { amount: m.amount } : {}),
    ...(m ? { measureKind: m.kind, measureState: m.state } : {}),
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
