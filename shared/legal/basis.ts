/**
 * The legal basis of every act the program records or sends, in one table: the audit log's
 * "on what authority", the request's `legalBasis` on the wire and the policies of the IPC contract
 * all cite from here, so an article renumbered by a revision is corrected in one place
 * (docs/domain.md lists the sources; articles of the 2023 民事诉讼法, the 2022 民诉法解释, the 2020
 * 查扣冻规定, the 2017 财产调查规定 and the 2013 网络查询规定).
 */
import type { MeasureKind } from '../domain/measures';

export const ARTICLES = {
  /** inquiry, seizure, freezing, transfer within what is owed */
  cpl253: '《中华人民共和国民事诉讼法》第二百五十三条',
  /** sealing (查封) and seizing other property */
  cpl255: '《中华人民共和国民事诉讼法》第二百五十五条',
  /** the freeze period and its renewal */
  interp485: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条',
  /** release when the ground has gone */
  seizure28: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条',
  /** network inquiry and freezing of deposits */
  networkQuery1: '《最高人民法院关于网络查询、冻结被执行人存款的规定》第一条',
  /** query data serves only its case; every query is recorded */
  networkQuery7: '《最高人民法院关于网络查询、冻结被执行人存款的规定》第七条',
  /** searching for a debtor who evades or is missing */
  propertyInvestigation15: '《最高人民法院关于民事执行中财产调查若干问题的规定》第十五条',
  /** late performance: double interest on the debt for the delay */
  cpl264: '《中华人民共和国民事诉讼法》第二百六十四条',
  /** how that interest is computed: 日万分之一点七五 from the end of the performance period */
  lateInterest1: '《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》第一条',
  /** a preservation's end date told to the applicant, renewal asked 7 days before */
  preservation18: '《最高人民法院关于人民法院办理财产保全案件若干问题的规定》第十八条',
  /** the work rules of enforcement (filing and docket) */
  enforcementWork: '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》',
} as const;

/** What each recorded act cites. */
export const LEGAL_BASIS = {
  query: `${ARTICLES.cpl253}；${ARTICLES.networkQuery1}`,
  whereabouts: `${ARTICLES.propertyInvestigation15}；${ARTICLES.cpl253}`,
  finding: ARTICLES.propertyInvestigation15,
  caseImport: ARTICLES.enforcementWork,
  /** a read of personal data is recorded: query data serves only its case */
  caseRead: ARTICLES.networkQuery7,
} as const;

/** The grounds each kind of measure cites: in its audit entries and on the wire. */
export const MEASURE_LEGAL_BASIS: Readonly<Record<MeasureKind, string>> = {
  freeze: ARTICLES.cpl253,
  renew: ARTICLES.interp485,
  unfreeze: ARTICLES.seizure28,
  deduct: ARTICLES.cpl253,
};
