/**
 * The rulings and notices of a case: the list, one document with its content and PDF, and a copy
 * exported to be kept outside the store — in plaintext, so each export is an audit entry of its own
 * (`document.exported`, with the case and document numbers).
 */
import { AppFailure } from '../../../shared/app-failure';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import type { FeatureHandlers } from '../context';
import type { SecureStore } from '../../store';

function stored(store: SecureStore, documentId: string) {
  const ref = store.documents.get(documentId);
  const pdf = store.documents.pdf(documentId);
  if (!ref || !pdf) throw new AppFailure('NOT_FOUND', { zh: '文书不存在', en: 'no such document' });
  return { ref: { id: ref.id, type: ref.type, number: ref.number, sha256: ref.sha256, createdAt: ref.createdAt }, pdf };
}

export function documentHandlers(): FeatureHandlers<'documents'> {
  return {
    list: ({ caseId }, { store }) =>
      store.documents.listForCase(caseId).map(({ id, type, number, sha256, createdAt }) => ({ id, type, number, sha256, createdAt })),
    get: ({ documentId }, { store }) => {
      const { ref, pdf } = stored(store, documentId);
      return { ref, content: store.documents.content(documentId) as never, pdfBase64: pdf.toString('base64') };
    },
    export: ({ documentId }, { store, officer, case: c }) => {
      const { ref, pdf } = stored(store, documentId);
      store.audit.append({
        officer: officer.code, action: 'document.exported', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.caseRead,
        detail: { document: ref.number, type: ref.type, sha256: ref.sha256 },
      });
      return { ref, pdfBase64: pdf.toString('base64') };
    },
  };
}
