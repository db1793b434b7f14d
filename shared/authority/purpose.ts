/**
 * The lawful purpose of an act on a case (docs/authority.md, "Purpose and gates"; docs/domain.md rules 10,
 * 13, 15), beside who may act: a query or a measure only in a case the court's case-management
 * system has confirmed; measures only in 执, 执恢 and 执保 cases; no deduction in a 执保 case. Main
 * and the gateway apply the same table.
 */
import type { CaseTypeCode } from '../ids/case-number';
import type { Act } from './matrix';

/** Case types that take measures (rule 13). */
export const MEASURE_CASE_TYPES: readonly CaseTypeCode[] = ['执', '执恢', '执保'];
/** Case types that take deductions: a preservation case freezes and seals, it never deducts (rule 13). */
export const DEDUCTION_CASE_TYPES: readonly CaseTypeCode[] = ['执', '执恢'];

/** Acts that gather personal data or act on property: they need a confirmed case. */
const NEEDS_CONFIRMED: ReadonlySet<Act> = new Set<Act>(['query.property', 'query.whereabouts', 'finding.record', 'measure.draft', 'measure.decide', 'deduction.decide']);
const MEASURE_ACTS: ReadonlySet<Act> = new Set<Act>(['measure.draft', 'measure.decide', 'deduction.decide']);

export interface PurposeCase {
  type: CaseTypeCode;
  filing: 'pending' | 'confirmed' | 'refused';
}

export type PurposeRefusal = { reason: 'filing' | 'caseType'; zh: string; en: string };

/** Why this act has no lawful purpose in this case, or undefined when it has. */
export function purposeRefusal(act: Act, c: PurposeCase): PurposeRefusal | undefined {
  if (NEEDS_CONFIRMED.has(act) && c.filing !== 'confirmed') {
    return c.filing === 'refused'
      ? { reason: 'filing', zh: '案件管理系统未确认该案的立案信息，不能查询或采取措施', en: 'the case-management system did not confirm this filing: no query, no measure' }
      : { reason: 'filing', zh: '该案是手工录入的待确认立案，须经案件管理系统确认案号、法院和当事人后才能查询或采取措施', en: 'a filing entered by hand: it must be confirmed by the case-management system (number, court, parties) before any query or measure' };
  }
  if (MEASURE_ACTS.has(act) && !MEASURE_CASE_TYPES.includes(c.type)) {
    return { reason: 'caseType', zh: `${c.type}字案件不采取执行措施（仅执、执恢、执保案件）`, en: `a ${c.type} case takes no measures (only 执, 执恢 and 执保 cases do)` };
  }
  if (act === 'deduction.decide' && !DEDUCTION_CASE_TYPES.includes(c.type)) {
    return { reason: 'caseType', zh: '财产保全案件只冻结、查封，不扣划', en: 'a preservation case freezes and seals; it never deducts' };
  }
  return undefined;
}
