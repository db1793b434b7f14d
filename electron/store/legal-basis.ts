/**
 * The legal basis the audit log records for each measure and the documents it carries, so a
 * judge's "on what ground?" is answered by the entry itself.
 */
import { DOCUMENTS_FOR, type DocumentType, type MeasureKind } from '../../shared/domain/measures';

const CPL_253 = '《中华人民共和国民事诉讼法》第二百五十三条';
const SPC_SEIZURE_28 = '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条';
const SPC_CPL_485 = '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条';

/** The grounds each kind of measure cites (2023 revision of the Civil Procedure Law). */
export const MEASURE_LEGAL_BASIS: Readonly<Record<MeasureKind, string | undefined>> = {
  // freeze: the court may inquire into, freeze and transfer deposits within the amount owed (253)
  freeze: CPL_253,
  // renewal: the freeze period and its renewal (SPC interpretation 485)
  renew: SPC_CPL_485,
  // release: when the debt is paid, the ruling revoked, or more is held than is owed
  unfreeze: SPC_SEIZURE_28,
  // deduction: transfer of the debtor's deposits (253)
  deduct: CPL_253,
};

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
