/**
 * The consumption restriction (限制消费, docs/domain.md rule 9), as pure functions: the nine kinds
 * of consumption a 限制消费令 forbids (限制消费规定 第三条第一款), who a company's order binds (第三条
 * 第二款), when it is lifted (第九条), one restricted consumption allowed for a while (第八条; a
 * journey for medical care, 善意文明执行意见: at most one month), and which booking falls under
 * which kind — the same function the app and the sandbox's ticketing platform apply.
 */
import { addDays, addMonths, type IsoDate } from '../dates';
import { ARTICLES } from '../legal/basis';
import type { Fen } from '../money';
import type { Words } from './terminal';

/** 第三条第一款, items (一)–(九), in the order of the article: one source for the kinds and their words. */
export const RESTRICTION_KIND_TABLE = [
  { id: 'cabin', item: 1, zh: '乘坐交通工具时，选择飞机、列车软卧、轮船二等以上舱位', en: 'travelling by air, in a soft sleeper, or in second class or above on a ship' },
  { id: 'venue', item: 2, zh: '在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费', en: 'spending in star-rated hotels, night clubs, golf courses and the like' },
  { id: 'property', item: 3, zh: '购买不动产或者新建、扩建、高档装修房屋', en: 'buying real estate, building, extending or luxuriously fitting out a house' },
  { id: 'office', item: 4, zh: '租赁高档写字楼、宾馆、公寓等场所办公', en: 'renting high-grade offices, hotels or apartments to work in' },
  { id: 'vehicle', item: 5, zh: '购买非经营必需车辆', en: 'buying a vehicle not needed for the business' },
  { id: 'travel', item: 6, zh: '旅游、度假', en: 'travel and holidays' },
  { id: 'school', item: 7, zh: '子女就读高收费私立学校', en: 'children at high-fee private schools' },
  { id: 'insurance', item: 8, zh: '支付高额保费购买保险理财产品', en: 'paying high premiums for insurance or wealth products' },
  { id: 'bullet-train', item: 9, zh: '乘坐G字头动车组列车全部座位、其他动车组列车一等以上座位等其他非生活和工作必需的消费行为', en: 'any seat on a G train, first class or above on other bullet trains, and other consumption not needed for living or work' },
] as const;

export type RestrictionKind = (typeof RESTRICTION_KIND_TABLE)[number]['id'];
export const RESTRICTION_KINDS: readonly RestrictionKind[] = RESTRICTION_KIND_TABLE.map((k) => k.id);

export const isRestrictionKind = (v: unknown): v is RestrictionKind => typeof v === 'string' && (RESTRICTION_KINDS as readonly string[]).includes(v);

export function kindWords(k: RestrictionKind): Words {
  const row = RESTRICTION_KIND_TABLE.find((r) => r.id === k)!;
  return { zh: row.zh, en: row.en };
}

const NUMERALS = '一二三四五六七八九';

/** 第三条第一款第N项, as the order and the audit cite it. */
export function kindCitation(k: RestrictionKind): string {
  const row = RESTRICTION_KIND_TABLE.find((r) => r.id === k)!;
  return `${ARTICLES.consumptionRestriction3}第一款第${NUMERALS[row.item - 1]}项`;
}

/** The operative list of the 限制消费令: "（一）…；（二）…", in the article's order whatever order they were ticked. */
export function kindsClause(kinds: readonly RestrictionKind[]): string {
  return RESTRICTION_KIND_TABLE.filter((r) => kinds.includes(r.id)).map((r, i) => `（${NUMERALS[i]}）${r.zh}`).join('；');
}

/** 第三条第二款: whom a company's order binds besides the company. */
export const BOUND_ROLES = ['legal-representative', 'principal', 'responsible', 'actual-controller'] as const;
export type BoundRole = (typeof BOUND_ROLES)[number];
export const BOUND_ROLE_TEXT: Readonly<Record<BoundRole, Words>> = {
  'legal-representative': { zh: '法定代表人', en: 'legal representative' },
  principal: { zh: '主要负责人', en: 'principal person in charge' },
  responsible: { zh: '影响债务履行的直接责任人员', en: 'person directly responsible for the non-performance' },
  'actual-controller': { zh: '实际控制人', en: 'actual controller' },
};

export interface BoundPerson {
  role: BoundRole;
  name: string;
  /** 居民身份证 */
  idNumber: string;
  /** where the person comes from: the business registry's answer (a query request), or the judge's own entry */
  source: { kind: 'registry'; requestId: string } | { kind: 'judge' };
}

export interface RestrictionRefusal extends Words {
  code: 'NO_KIND' | 'UNKNOWN_KIND' | 'PERSON_BINDS_NO_ONE' | 'COMPANY_NO_REPRESENTATIVE' | 'PERSON_TWICE';
  basis: string;
}

const refusal = (code: RestrictionRefusal['code'], zh: string, en: string): RestrictionRefusal => ({ code, zh, en, basis: ARTICLES.consumptionRestriction3 });

/**
 * What stops an order from being proposed: no kind ticked, a kind not in 第三条; for a company, no
 * legal representative named (第三条第二款 binds him in every case); a person named twice. A person
 * debtor's order binds him alone.
 */
export function orderRefusals(o: { debtorKind: 'person' | 'company'; kinds: readonly string[]; bound: readonly Pick<BoundPerson, 'role' | 'idNumber'>[] }): RestrictionRefusal[] {
  const out: RestrictionRefusal[] = [];
  if (o.kinds.length === 0) out.push(refusal('NO_KIND', '未选择限制消费的事项', 'no kind of consumption is restricted'));
  const unknown = o.kinds.filter((k) => !isRestrictionKind(k));
  if (unknown.length) out.push(refusal('UNKNOWN_KIND', `限制事项不在第三条所列范围内：${unknown.join('、')}`, `not a kind of 第三条: ${unknown.join(', ')}`));
  if (o.debtorKind === 'person' && o.bound.length > 0) {
    out.push(refusal('PERSON_BINDS_NO_ONE', '被执行人为自然人的，限制消费令只约束其本人', 'an order on a person binds that person alone'));
  }
  if (o.debtorKind === 'company' && !o.bound.some((b) => b.role === 'legal-representative')) {
    out.push(refusal('COMPANY_NO_REPRESENTATIVE', '被执行人为单位的，须列明其法定代表人', 'an order on a company must name its legal representative'));
  }
  const ids = o.bound.map((b) => b.idNumber);
  if (new Set(ids).size !== ids.length) out.push(refusal('PERSON_TWICE', '同一人被重复列明', 'a person is named twice'));
  return out;
}

/** 第九条: 履行完毕 (the court must lift), 提供确实有效的担保 or 申请执行人同意 (the court may). */
export const LIFT_GROUNDS = ['paid', 'security', 'consent'] as const;
export type LiftGround = (typeof LIFT_GROUNDS)[number];
export const LIFT_GROUND_TEXT: Readonly<Record<LiftGround, Words>> = {
  paid: { zh: '被执行人已履行完毕生效法律文书确定的义务', en: 'the debtor has performed in full' },
  security: { zh: '被执行人提供确实有效的担保', en: 'the debtor gave adequate security' },
  consent: { zh: '申请执行人同意解除', en: 'the applicant consented' },
};

export interface LiftFacts {
  ground: LiftGround;
  /** still owed by the one cap formula (shared/rules/cap.ts), fen */
  outstanding: Fen;
  /** a security the judge recorded as given (a credit step) */
  securityRecorded: boolean;
  /** the judge's note of the applicant's consent */
  consentNote?: string;
}

/** Why the order may not be lifted on this ground now; undefined when it may (第九条). */
export function liftRefusal(f: LiftFacts): Words & { code: 'NOT_PAID' | 'NO_SECURITY' | 'NO_CONSENT' } | undefined {
  if (f.ground === 'paid' && f.outstanding > 0) return { code: 'NOT_PAID', zh: '案款尚未全部执行到位，不能以履行完毕为由解除', en: 'not paid in full: the order cannot be lifted as performed' };
  if (f.ground === 'security' && !f.securityRecorded) return { code: 'NO_SECURITY', zh: '尚未记录被执行人提供的担保', en: 'no security of the debtor is recorded' };
  if (f.ground === 'consent' && !(f.consentNote && f.consentNote.trim().length >= 2)) return { code: 'NO_CONSENT', zh: '请记录申请执行人同意解除的情况', en: 'record the applicant’s consent' };
  return undefined;
}

/** 第八条 with 善意文明执行意见: the urgent needs for which a journey is allowed for a while. */
export const EXEMPTION_REASONS = ['medical', 'funeral', 'official-duty', 'exam', 'business'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];
export const EXEMPTION_REASON_TEXT: Readonly<Record<ExemptionReason, Words>> = {
  medical: { zh: '本人或者近亲属重大疾病就医', en: 'medical care for a serious illness of the debtor or a close relative' },
  funeral: { zh: '近亲属丧葬', en: 'the funeral of a close relative' },
  'official-duty': { zh: '执行或者配合执行公务、参加外事活动', en: 'official duty or a foreign-affairs event' },
  exam: { zh: '参加重要考试', en: 'an important examination' },
  business: { zh: '经营必需', en: 'needed for the business' },
};
/** the kinds a single journey may be allowed for: travel and the lodging on the way */
export const EXEMPTABLE_KINDS: readonly RestrictionKind[] = ['cabin', 'bullet-train', 'venue'];

export interface Exemption {
  kind: RestrictionKind;
  /** CST days, both counted */
  from: IsoDate;
  until: IsoDate;
}

/** The last day an exemption from `from` may run: one month, the start day counted. */
export const exemptionLastDay = (from: IsoDate): IsoDate => addDays(addMonths(from, 1), -1);

/** Why this single exemption may not be granted; undefined when it may. */
export function exemptionRefusal(e: Exemption, orderKinds: readonly string[], today: IsoDate): (Words & { code: string }) | undefined {
  if (!orderKinds.includes(e.kind)) return { code: 'NOT_RESTRICTED', zh: '该事项不在本限制消费令之内，无需解除', en: 'the order does not restrict this kind' };
  if (!EXEMPTABLE_KINDS.includes(e.kind)) return { code: 'NOT_EXEMPTABLE', zh: '单项解除限于出行及住宿', en: 'a single exemption is for travel and lodging only' };
  if (e.until < e.from) return { code: 'BAD_PERIOD', zh: '截止日期早于起始日期', en: 'the period ends before it starts' };
  if (e.from < today) return { code: 'BAD_PERIOD', zh: '起始日期不得早于今日', en: 'the period cannot start in the past' };
  if (e.until > exemptionLastDay(e.from)) return { code: 'TOO_LONG', zh: `暂时解除期间最长一个月（至${exemptionLastDay(e.from)}）`, en: `an exemption lasts one month at most (until ${exemptionLastDay(e.from)})` };
  return undefined;
}

/** Whether a day falls inside one of the exemptions of that kind. */
export const isExempt = (exemptions: readonly Exemption[], kind: RestrictionKind, day: IsoDate): boolean =>
  exemptions.some((e) => e.kind === kind && e.from <= day && day <= e.until);

export type Booking =
  | { mode: 'air'; flightNo?: string }
  | { mode: 'rail'; trainNo: string; seat?: string }
  | { mode: 'ship'; cabinClass: number }
  | { mode: 'hotel'; stars: number };

const FIRST_CLASS_OR_ABOVE = ['一等座', '商务座', '特等座', '优选一等座'];
const SLEEPERS = ['软卧', '高级软卧', '动卧一等'];

/**
 * The kind of 第三条 a booking falls under, or undefined when it is allowed: any flight (item 1);
 * a soft sleeper (item 1); any seat of a G train, first class or above on a D or C train (item 9);
 * second class or above on a ship (item 1); a star-rated hotel (item 2).
 */
export function bookingKind(b: Booking): RestrictionKind | undefined {
  switch (b.mode) {
    case 'air':
      return 'cabin';
    case 'ship':
      return b.cabinClass <= 2 ? 'cabin' : undefined;
    case 'hotel':
      return b.stars >= 1 ? 'venue' : undefined;
    case 'rail': {
      const train = b.trainNo.trim().toUpperCase();
      const seat = (b.seat ?? '').trim();
      if (SLEEPERS.includes(seat)) return 'cabin';
      if (train.startsWith('G')) return 'bullet-train';
      if ((train.startsWith('D') || train.startsWith('C')) && FIRST_CLASS_OR_ABOVE.includes(seat)) return 'bullet-train';
      return undefined;
    }
  }
}
