/**
 * The document templates shipped with the program, bound to the builder. Imported as JSON so the
 * bundle carries them; checked once at load (a bad template stops the program at start, not in
 * front of a judge).
 */
import templatesJson from '../../resources/templates/documents.json';
import { createDocumentBuilder, parseTemplateSet, type DocumentBuilder } from '../../shared/documents';
import type { DocumentType } from '../../shared/domain/measures';
import type { DocumentData, DocumentModel } from '../../shared/documents';

export const DOCUMENT_TEMPLATES = parseTemplateSet(templatesJson);

const builder: DocumentBuilder = createDocumentBuilder(DOCUMENT_TEMPLATES);

/** Fills the shipped template of `type`; throws DocumentError naming each missing or invalid field. */
export function buildDocument(type: DocumentType, data: DocumentData): DocumentModel {
  return builder.buildDocument(type, data);
}

export const checkDocumentData = builder.checkDocumentData;
export const requiredFields = builder.requiredFields;
