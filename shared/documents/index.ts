/**
 * Court documents as data: templates → DocumentModel. Pure (no Node, no DOM); the template texts
 * are in resources/templates/documents.json, loaded by whoever builds (electron/documents binds
 * them; shared/ imports nothing outside shared/).
 */
export type {
  CourtAccount, DocumentAsset, DocumentBlock, DocumentData, DocumentItem, DocumentModel, DocumentParty, ParagraphBlock,
  ParagraphStyle, SignatureBlock, Signatory, TermRow, TermsBlock,
} from './model';
export { amountInChineseCapitals, arabicDate, chineseDate, chineseNumber } from './numerals';
export { documentNumber, parseDocumentNumber, MAX_DOCUMENT_SEQ } from './numbering';
export { parseTemplateSet, PLACEHOLDERS, TemplateError, type DocumentTemplate, type PlaceholderKey, type TemplateSet } from './template';
export {
  createDocumentBuilder, DEFAULT_SIGNATORY_TITLE, DocumentError, SEAL_LABEL, type DocumentBuilder, type DocumentProblem,
} from './build';
