/**
 * Court documents in the main process: the shipped templates, PDF rendering with a Chinese font,
 * and the digest a request carries. Plain Node; nothing here touches the Electron API.
 */
import type { DocumentType } from '../../shared/domain/measures';
import type { DocumentData, DocumentModel } from '../../shared/documents';
import { buildDocument } from './templates';
import { documentSha256, renderPdf, type RenderOptions } from './render-pdf';

export { buildDocument, checkDocumentData, requiredFields, DOCUMENT_TEMPLATES } from './templates';
export { documentSha256, renderPdf, renderPdfs, resolveFont, type RenderOptions } from './render-pdf';
export { CjkFontMissingError, findCjkFont, fontFaceNames, systemFontCandidates, type CjkFont, type FontCandidate, type FontLookup } from './fonts';

export interface GeneratedDocument {
  model: DocumentModel;
  pdf: Buffer;
  /** lowercase hex sha256 of pdf: what DocumentRef.sha256 records */
  sha256: string;
}

/** Builds, renders and digests one document. Throws DocumentError or CjkFontMissingError. */
export async function generateDocument(type: DocumentType, data: DocumentData, opts?: RenderOptions): Promise<GeneratedDocument> {
  const model = buildDocument(type, data);
  const pdf = await renderPdf(model, opts);
  return { model, pdf, sha256: documentSha256(pdf) };
}
