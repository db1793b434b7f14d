/**
 * The dishonest list (失信被执行人名单, docs/domain.md rule 8), as pure functions: the six grounds
 * (若干规定 第一条), who is never listed and when a ground does not apply (第三条, 第四条), what must
 * have happened first (the execution notice served, a grace period run), the period (第二条), and
 * when a listed debtor must be removed (第十条). The services apply them; the tests read them.
 */
import { addDays, addMonths, isWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';
import { ageOn, parseResidentId } from '../ids/resident-id';
import { ARTICLES } from '../legal/basis';
import type { Fen } from '../money';

/** 若干规定 第一条, items (一)–(六). */
export const LISTING_GROUNDS = [1, 2, 3, 4, 5, 6] as const;
export type ListingGround = (typeof LISTING_GROUNDS)[number];

export const GROUND_TEXT: Readonly<Record<ListingGround, { zh: string; en: string }>> = {
  1: { zh: '有履行能力而拒不履行生效法律文书确定义务', en: 'able to perform but refusing to' },
  2: { zh: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行', en: 'obstructing or resisting enforcement with false evidence, violence or threats' },
  3: { zh: '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行', en: 'evading enforcement through sham litigation or arbitration, or by hiding or moving property' },
  4: { zh: '违反财产报告制度', en: 'breaching the duty to report property' },
  5: { zh: '违反限制消费令', en: 'breaching a consumption restriction' },
  6: { zh: '无正当理由拒不履行执行和解协议', en: 'refusing without good reason to perform a settlement agreement' },
};

/** 第一条第N项, as a document and the audit cite it. */
export function groundCitation(g: ListingGround): string {
  return `${ARTICLES.dishonest1}第${'一二三四五六'[g - 1]}项`;
}

/** Grounds 2–6 list for two years (第二条); ground 1 lasts until the debtor performs. */
export const FIXED_PERIOD_YEARS = 2;
export const MAX_EXTENSION_YEARS = 3;
/** 第二条: violence or threats, seriously; or several dishonest acts */
export const EXTENSION_REASONS = ['violence', 'multiple'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];
export const EXTENSION_REASON_TEXT: Readonly<Record<ExtensionReason, { zh: string; en: string }>> = {
  violence: { zh: '以暴力、威胁方法妨碍、抗拒执行情节严重', en: 'obstructed with violence or threats, seriously' },
  multiple: { zh: '具有多项失信行为', en: 'several dishonest acts' },
};

/** The bureau's default: removal within three working days (第十条; a setting). */
export const DEFAULT_REMOVAL_WORKING_DAYS = 3;
/** 18 周岁: a minor is never listed (第四条) */
export const AGE_OF_MAJORITY = 18;

export type ListingRefusalCode =
  | 'MINOR' | 'SECURED' | 'COVERED' | 'NOT_THE_DEBTOR' | 'NOTICE_NOT_SERVED' | 'GRACE_RUNNING'
  | 'REPORT_NOT_DUE' | 'NO_EVIDENCE' | 'PAID_IN_FULL' | 'BAD_EXTENSION';

export interface ListingRefusal {
  code: ListingRefusalCode;
  zh: string;
  en: string;
  /** the article that keeps the rule */
  basis: string;
}

/** The facts the rules look at, gathered from the case's own records by the services. */
export interface ListingFacts {
  ground: ListingGround;
  /** the day the listing would take effect (CST) */
  on: IsoDate;
  /** the party of the case to be listed */
  debtor: { kind: 'person' | 'company'; idNumber: string };
  /** whom the judge asks to list: the debtor himself, or (refused) someone else for his debt */
  subjectIdNumber: string;
  /** the execution notice's service date, if served (民诉法 第二百五十一条) */
  noticeServedOn?: IsoDate;
  /** the last day of a grace period given, if any (宽限期) */
  graceEndsOn?: IsoDate;
  /** ground 4: the report order's deadline, and whether a report was filed (and truthful) */
  report?: { deadlineOn?: IsoDate; filed: boolean; truthful: boolean };
  /** an adequate security recorded for this debtor */
  secured: boolean;
  /** still owed by the one cap formula (freezeCap), and frozen or sealed in force against it */
  outstanding: Fen;
  frozen: Fen;
  evidence: { text: string; refs: number };
  extension?: { years: number; reason: ExtensionReason | string };
}

const refusal = (code: ListingRefusalCode, zh: string, en: string, basis: string): ListingRefusal => ({ code, zh, en, basis });

/** Whether a person debtor is under 18 on `on`, by the birth date in his ID. */
export function isMinorOn(idNumber: string, on: IsoDate): boolean {
  const id = parseResidentId(idNumber, on);
  return id.ok && ageOn(id.value.birthDate, on) < AGE_OF_MAJORITY;
}

/** Whether the property seized or frozen in force covers what is still owed (第三条第二项). */
export function propertyCovers(outstanding: Fen, frozen: Fen): boolean {
  return outstanding > 0 && frozen >= outstanding;
}

/**
 * Every reason the debtor may not be listed now, first the exclusions of the law, then what must
 * have happened first. Empty: the judge may propose.
 */
export function listingRefusals(f: ListingFacts): ListingRefusal[] {
  const out: ListingRefusal[] = [];
  // 只有被执行人本人（单位本身）纳入名单：never the legal representative for the company's debt
  if (f.subjectIdNumber.trim().toUpperCase() !== f.debtor.idNumber.trim().toUpperCase()) {
    out.push(refusal('NOT_THE_DEBTOR',
      f.debtor.kind === 'company' ? '单位被执行人只能将单位本身纳入失信名单，不得将其法定代表人或其他人员纳入' : '只能将本案被执行人本人纳入失信名单',
      f.debtor.kind === 'company' ? 'for a company\'s debt only the company itself is listed, never its legal representative or anyone else' : 'only the debtor of the case himself is listed',
      ARTICLES.dishonest1));
  }
  // 第四条: 被执行人为未成年人的，不得纳入
  if (f.debtor.kind === 'person' && isMinorOn(f.debtor.idNumber, f.on)) {
    out.push(refusal('MINOR', '被执行人未满十八周岁，不得纳入失信被执行人名单', 'the debtor is under eighteen: a minor is never listed', ARTICLES.dishonest4));
  }
  if (f.outstanding <= 0) {
    out.push(refusal('PAID_IN_FULL', '本案已全部执行到位，不得纳入失信名单', 'the case is paid in full: nobody is listed', ARTICLES.dishonest10));
  }
  // 第三条 keeps ground 1 (able but refusing) away from a debtor who is secured or covered
  if (f.ground === 1 && f.secured) {
    out.push(refusal('SECURED', '被执行人已提供充分有效担保，不得以“有履行能力而拒不履行”纳入', 'the debtor gave adequate security: not listed as able but refusing', `${ARTICLES.dishonest3}第一项`));
  }
  if (f.ground === 1 && propertyCovers(f.outstanding, f.frozen)) {
    out.push(refusal('COVERED', '已查封、扣押、冻结的财产足以清偿债务，不得以“有履行能力而拒不履行”纳入', 'property seized or frozen covers the debt: not listed as able but refusing', `${ARTICLES.dishonest3}第二项`));
  }
  if (!f.noticeServedOn || f.noticeServedOn > f.on) {
    out.push(refusal('NOTICE_NOT_SERVED', '执行通知书尚未送达被执行人，不得纳入失信名单', 'the execution notice has not been served on the debtor', ARTICLES.cpl251));
  }
  if (f.graceEndsOn && f.graceEndsOn >= f.on) {
    out.push(refusal('GRACE_RUNNING', `宽限期至${f.graceEndsOn}届满，届满前不得纳入`, `the grace period runs to ${f.graceEndsOn}: not listed before it ends`, ARTICLES.goodFaithEnforcement));
  }
  if (f.ground === 4 && !reportBreached(f.report, f.on)) {
    out.push(refusal('REPORT_NOT_DUE', '被执行人未违反财产报告制度：报告期限未届满，或已如实报告', 'no breach of the duty to report: the period has not ended, or a truthful report was filed', ARTICLES.cpl252));
  }
  if (f.evidence.text.trim().length < 4 && f.evidence.refs === 0) {
    out.push(refusal('NO_EVIDENCE', '请记录纳入事由的证据（文字说明或所依据的记录、文书）', 'record the evidence of the ground (a statement or the records and documents it rests on)', ARTICLES.dishonest1));
  }
  const ext = extensionProblem(f.ground, f.extension);
  if (ext) out.push(ext);
  return out;
}

/** 第二条: an extension only for grounds 2–6, 1 to 3 whole years, for one of the two reasons. */
function extensionProblem(ground: ListingGround, ext: ListingFacts['extension']): ListingRefusal | undefined {
  if (!ext) return undefined;
  if (ground === 1) return refusal('BAD_EXTENSION', '“有履行能力而拒不履行”的名单没有固定期限，不能延长', 'a listing for refusing has no fixed period to extend', ARTICLES.dishonest2);
  if (!Number.isInteger(ext.years) || ext.years < 1 || ext.years > MAX_EXTENSION_YEARS) {
    return refusal('BAD_EXTENSION', '延长期限应为一至三年', 'an extension is one to three years', ARTICLES.dishonest2);
  }
  if (!(EXTENSION_REASONS as readonly string[]).includes(ext.reason)) {
    return refusal('BAD_EXTENSION', '延长须以暴力、威胁方法妨碍、抗拒执行情节严重或具有多项失信行为为由', 'an extension needs serious violence or threats, or several dishonest acts', ARTICLES.dishonest2);
  }
  return undefined;
}

/** Ground 4: no report by the deadline, or a report that was not truthful. */
export function reportBreached(r: ListingFacts['report'], on: IsoDate): boolean {
  if (!r) return false;
  if (r.filed) return !r.truthful;
  return r.deadlineOn !== undefined && on > r.deadlineOn;
}

export interface ListingPeriod {
  years?: number;
  /** the last day listed; absent for ground 1 (removed once he performs) */
  endsOn?: IsoDate;
}

/** 第二条: grounds 2–6 two years plus any extension, counted from the listing day; ground 1 none. */
export function listingPeriod(ground: ListingGround, listedOn: IsoDate, extensionYears = 0): ListingPeriod {
  if (ground === 1) return {};
  const years = FIXED_PERIOD_YEARS + extensionYears;
  return { years, endsOn: addDays(addMonths(listedOn, 12 * years), -1) };
}

/** The report's last day: the days the order gives, counted from the day after service. */
export function reportDeadline(servedOn: IsoDate, days: number): IsoDate {
  return addDays(servedOn, days);
}

/** The Nth working day after `from` (第十条: removal within N working days of the fact). */
export function workingDaysAfter(from: IsoDate, n: number, cal: HolidayCalendar): IsoDate {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

export type RemovalGround = 'paid' | 'corrected' | 'repaired' | 'committed' | 'expired';
export const REMOVAL_GROUND_TEXT: Readonly<Record<RemovalGround, { zh: string; en: string }>> = {
  paid: { zh: '被执行人已履行生效法律文书确定的全部义务', en: 'the debtor has performed in full' },
  corrected: { zh: '被执行人已纠正失信行为', en: 'the debtor has corrected the dishonest conduct' },
  repaired: { zh: '被执行人信用修复申请经审查准许', en: 'the debtor\'s credit repair was granted' },
  committed: { zh: '被执行人作出信用承诺并履行', en: 'the debtor gave a credit commitment and keeps it' },
  expired: { zh: '纳入期限届满', en: 'the listing period has ended' },
};

/** Whether the listing must be removed now, and on what ground; undefined = it stays. */
export function removalGround(x: { outstanding: Fen; corrected: boolean; repaired: boolean; committed: boolean; endsOn?: IsoDate; today: IsoDate }): RemovalGround | undefined {
  if (x.outstanding <= 0) return 'paid';
  if (x.corrected) return 'corrected';
  if (x.repaired) return 'repaired';
  if (x.committed) return 'committed';
  if (x.endsOn && x.today > x.endsOn) return 'expired';
  return undefined;
}

/** The removal's due day and whether it is late. */
export function removalDue(factOn: IsoDate, workingDays: number, today: IsoDate, cal: HolidayCalendar): { dueOn: IsoDate; overdue: boolean } {
  const dueOn = workingDaysAfter(factOn, workingDays, cal);
  return { dueOn, overdue: today > dueOn };
}
