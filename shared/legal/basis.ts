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
  /** property that may not be frozen: the living costs of the debtor and his dependants among it */
  seizure3: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第三条',
  /** the residence the debtor and his dependants need: sealed, never auctioned, sold or taken in payment */
  seizure4: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第四条',
  /** when an objection that the flat is the residence the debtor needs fails (the only home's exceptions) */
  objection20: '《最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定》第二十条',
  /** the withdrawal conditions of the housing provident fund */
  providentFund24: '《住房公积金管理条例》第二十四条',
  /**
   * no seizure clearly above what is owed, and the release of the excess (docs/domain.md rule 1);
   * 第二十一条 of the 2004 text, 第十九条 since the 2020 revision (as 第五条, 第六条 became 第三条, 第四条)
   */
  seizure19: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第十九条',
  /** release when the ground has gone (the debt paid, the application withdrawn …) */
  seizure28: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条',
  /** network inquiry and freezing of deposits */
  networkQuery1: '《最高人民法院关于网络查询、冻结被执行人存款的规定》第一条',
  /** query data serves only its case; every query is recorded */
  networkQuery7: '《最高人民法院关于网络查询、冻结被执行人存款的规定》第七条',
  /** searching for a debtor who evades or is missing */
  propertyInvestigation15: '《最高人民法院关于民事执行中财产调查若干问题的规定》第十五条',
  /** a lead the applicant gives is checked within 7 days, 3 when urgent (unconfirmed) */
  propertyInvestigation2: '《最高人民法院关于民事执行中财产调查若干问题的规定》第二条',
  /** late performance: double interest on the debt for the delay */
  cpl264: '《中华人民共和国民事诉讼法》第二百六十四条',
  /** how that interest is computed: 日万分之一点七五 from the end of the performance period */
  lateInterest1: '《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》第一条',
  /** a preservation's end date told to the applicant, renewal asked 7 days before */
  preservation18: '《最高人民法院关于人民法院办理财产保全案件若干问题的规定》第十八条',
  /** the execution notice to the debtor once enforcement begins */
  cpl251: '《中华人民共和国民事诉讼法》第二百五十一条',
  /** the debtor's duty to report his property (the 报告财产令) */
  cpl252: '《中华人民共和国民事诉讼法》第二百五十二条',
  /** the 报告财产令 states the period of the report (unconfirmed article number) */
  propertyInvestigation5: '《最高人民法院关于民事执行中财产调查若干问题的规定》第五条',
  /** the six grounds of the dishonest list (失信被执行人名单信息的若干规定, 2017) */
  dishonest1: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
  /** the period: two years for grounds 2–6, extended one to three years (violence or threats, serious; several grounds) */
  dishonest2: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第二条',
  /** not under ground 1: adequate security given; seized or frozen property enough to pay the debt */
  dishonest3: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第三条',
  /** a minor is never listed */
  dishonest4: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第四条',
  /** the listing is decided by a 决定书 (unconfirmed article number) */
  dishonest5: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第五条',
  /** removal within three working days: paid, settled and performed, applicant's request … */
  dishonest10: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第十条',
  /** a grace period before listing, credit repair (善意文明执行意见, 法发〔2019〕35号; unconfirmed item numbers) */
  goodFaithEnforcement: '《最高人民法院关于在执行工作中进一步强化善意文明执行理念的意见》',
  /**
   * 终本: no property found after the investigation, the round of enforcement is closed by a ruling;
   * the applicant may apply again on finding property, not bound by the limitation period
   * (2022 民诉法解释; 第五百一十九条 of the 2015 text)
   */
  interp517: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百一十七条',
  /** 参与分配: a debtor who is 公民或者其他组织 whose property does not cover every creditor (2022 numbering; 第五百零八条 of the 2015 text) */
  interp506: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零六条',
  /** costs first, then priority claims, then ordinary claims pro rata */
  interp508: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零八条',
  /** the plan served on every creditor and the debtor; written objections within 15 days of receiving it */
  interp509: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零九条',
  /** an objection answered within 15 days; the action against the plan */
  interp510: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百一十条',
  /** periods: the first day not counted, a last day off moves to the next working day */
  cpl85: '《中华人民共和国民事诉讼法》第八十五条',
  /** the first-seizing court disposes, unless a priority creditor's court asks after 60 days (法释〔2016〕6号) */
  firstSeizure1: '《最高人民法院关于首先查封法院与优先债权执行法院处分查封财产有关问题的批复》第一条',
  /** the 商请移送执行函, and 15 days for the first court to send the 移送执行函 */
  firstSeizure2: '《最高人民法院关于首先查封法院与优先债权执行法院处分查封财产有关问题的批复》第二条',
  /** a property with a 计税基准价 is valued by a directed inquiry (法释〔2018〕15号) */
  referencePrice5: '《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》第五条',
  /** the five conditions of 终本 (docs/domain.md rule 12) */
  terminal1: '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第一条',
  /**
   * what the 终本 ruling states, the applicant's right to apply for resumption among it
   * (unconfirmed: the article number as recalled, not checked against the published text)
   */
  terminal6: '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第六条',
  /** after 终本: the network re-queried every six months for five years, the result told to the applicant; resumption on property */
  terminal9: '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第九条',
  /** the work rules of enforcement (filing and docket) */
  enforcementWork: '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》',
  /** the decision to list a dishonest debtor is signed and issued by the president (院长签发) */
  dishonestList5: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第五条',
  /** the consumption restriction order is signed and issued by the president (院长签发) */
  consumptionRestriction5: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第五条',
  /** the nine kinds of consumption restricted; a company's order binds its 法定代表人, 主要负责人, 直接责任人员, 实际控制人 */
  consumptionRestriction3: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条',
  /** a restricted debtor needing a restricted consumption for living or business applies and may go only once approved */
  consumptionRestriction8: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第八条',
  /** lifted on adequate security or the applicant's consent (可以), and on full performance (应当) */
  consumptionRestriction9: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第九条',
} as const;

/** What each recorded act cites. */
export const LEGAL_BASIS = {
  query: `${ARTICLES.cpl253}；${ARTICLES.networkQuery1}`,
  whereabouts: `${ARTICLES.propertyInvestigation15}；${ARTICLES.cpl253}`,
  finding: ARTICLES.propertyInvestigation15,
  caseImport: ARTICLES.enforcementWork,
  /** a read of personal data is recorded: query data serves only its case */
  caseRead: ARTICLES.networkQuery7,
  /** the living costs left to a person debtor and his dependants: the judge's record of them, a refused freeze */
  livingCosts: ARTICLES.seizure3,
  /** the judge's finding that a flat is, or is not, the debtor's only home */
  onlyHome: `${ARTICLES.seizure4}；${ARTICLES.objection20}`,
  /** the 终本 ruling and its approval (docs/domain.md rule 12) */
  terminal: `${ARTICLES.interp517}；${ARTICLES.terminal1}`,
  /** the re-query after 终本 and the result told to the applicant */
  terminalRequery: `${ARTICLES.terminal9}；${ARTICLES.cpl253}`,
  /** 执恢: new property found after 终本 */
  terminalResume: `${ARTICLES.terminal9}；${ARTICLES.interp517}`,
  /** the judge's confirmation of a debtor's conduct (失信 / 失能 / 积极履行): it feeds the listing, never acts */
  conduct: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
  /** a provident fund deduction refused: no withdrawal condition met */
  providentFund: ARTICLES.providentFund24,
  /** the execution notice and the property-report order, their service and the report recorded */
  notice: `${ARTICLES.cpl251}；${ARTICLES.cpl252}`,
  /** a listing proposed, approved, refused or published */
  listing: `${ARTICLES.dishonest1}；${ARTICLES.dishonest5}`,
  /** a listing removed, a credit commitment or repair recorded */
  listingRemoval: ARTICLES.dishonest10,
  /** a consumption restriction proposed, approved, refused or issued */
  restriction: `${ARTICLES.consumptionRestriction3}；${ARTICLES.consumptionRestriction5}`,
  /** a restriction lifted, or one journey allowed */
  restrictionLift: `${ARTICLES.consumptionRestriction9}；${ARTICLES.consumptionRestriction8}`,
  /** a creditor's lead recorded and checked */
  lead: ARTICLES.propertyInvestigation2,
} as const;

/** The grounds each kind of measure cites: in its audit entries and on the wire. */
export const MEASURE_LEGAL_BASIS: Readonly<Record<MeasureKind, string>> = {
  freeze: ARTICLES.cpl253,
  renew: ARTICLES.interp485,
  unfreeze: ARTICLES.seizure28,
  deduct: ARTICLES.cpl253,
};

/**
 * Why the program proposes a release (docs/domain.md rule 1): the reason shown with the proposal
 * and written into the 解除冻结裁定书. Paid in full, the debt is settled: 查扣冻规定 第二十八条
 * (第一款第四项, 债务已经清偿); more frozen than is still owed: the excess (第十九条).
 */
export const RELEASE_REASONS = {
  paidInFull: {
    zh: `案款已全部执行到位，债务已经清偿，依照${ARTICLES.seizure28}第一款第四项解除冻结`,
    en: 'paid in full: the debt is settled, so the freeze is released (查扣冻规定 art. 28(1)(4))',
  },
  excess: { zh: '冻结总额超过尚未执行的金额，应解除超出部分', en: 'more is frozen than is still owed: release the excess' },
} as const;
