/**
 * Which measure a document belongs to and so what it cites; the table itself is shared
 * (shared/legal/basis.ts), so the audit log and the wire cite the same articles.
 */
import { DOCUMENTS_FOR, type DocumentType, type MeasureKind } from '../../shared/domain/measures';
import { MEASURE_LEGAL_BASIS } from '../../shared/legal/basis';

export { MEASURE_LEGAL_BASIS };

/** The measure kind a document type belongs to (协助查询通知书 belongs to none). */
export function measureKindOfDocument(type: DocumentType | string): MeasureKind | undefined {
  for (const [kind, types] of Object.entries(DOCUMENTS_FOR) as [MeasureKind, readonly string[]][]) {
    if (types.includes(type)) return kind;
  }
  return undefined;
}

export function documentLegalBasis(type: DocumentType | string): string | undefined {
  const kind = measureKindOfDocument(type);
  return kind ? MEASURE_LEGAL_BASIS[kind] : undefined;
}
