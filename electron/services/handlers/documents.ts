/** The rulings and notices of a case: the list, and one document with its content and PDF. */
import { AppFailure } from '../../../shared/app-failure';
import type { FeatureHandlers } from '../context';

export function documentHandlers(): FeatureHandlers<'documents'> {
  return {
    list: ({ caseId }, { store }) =>
      store.documents.listForCase(caseId).map(({ id, type, number, sha256, createdAt }) => ({ id, type, number, sha256, createdAt })),
    get: ({ documentId }, { store }) => {
      const ref = store.documents.get(documentId);
      const pdf = store.documents.pdf(documentId);
      if (!ref || !pdf) throw new AppFailure('NOT_FOUND', { zh: '文书不存在', en: 'no such document' });
      return {
        ref: { id: ref.id, type: ref.type, number: ref.number, sha256: ref.sha256, createdAt: ref.createdAt },
        content: store.documents.content(documentId) as never,
        pdfBase64: pdf.toString('base64'),
      };
    },
  };
}
