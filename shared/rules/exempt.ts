/**
 * Exempt property (docs/domain.md rule 5). Three prohibitions, each kept as a refusal:
 *
 * - living costs: what a person debtor and his dependants need to live on stays free
 *   (查扣冻规定 第三条 (二): at the local minimum-living standard) — one amount per person per month,
 *   set by the bureau, times the debtor and his dependants, times the months the bureau keeps;
 * - the only home: the residence he and his dependants need may be sealed (查封) but not auctioned,
 *   sold or taken in payment (查扣冻规定 第四条), unless one of the exceptions of 执行异议复议规定
 *   第二十条 holds — which the judge records by clearing the flag with his reason;
 * - the housing provident fund: frozen, but deducted only when the debtor meets a withdrawal
 *   condition (住房公积金管理条例 第二十四条).
 *
 * Pure functions: the freeze plan, the freeze panel and the deduction handler all call these.
 */
import type { PfWithdrawal } from '../domain/types';
import type { Fen } from '../money';
import { fen, yuan, type RuleViolation } from './violation';

// ---------------------------------------------------------------------------------------------
// Living costs
// ---------------------------------------------------------------------------------------------

/** How a person debtor's living allowance is made up. */
export interface LivingAllowanceBasis {
  /** the bureau's amount per person per month (当地最低生活保障标准) */
  monthlyPerPerson: Fen;
  /** the debtor's dependants (所扶养家属人数) the judge recorded in this case */
  dependants: number;
  /** how many months of living costs the bureau leaves */
  months: number;
}

export const MAX_DEPENDANTS = 20;
export const MAX_ALLOWANCE_MONTHS = 24;

function count(v: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${what} must be a whole number from ${min} to ${max}, got ${v}`);
  return v;
}

/** The debtor himself and his dependants. */
export function personsOf(b: Pick<LivingAllowanceBasis, 'dependants'>): number {
  return 1 + count(b.dependants, 'dependants', 0, MAX_DEPENDANTS);
}

/**
 * The one formula: monthly amount per person × (debtor + dependants) × months, in fen
 * (查扣冻规定 第三条 (二)). ¥900 a month, one dependant, 3 months: ¥5,400.
 */
export function livingAllowance(b: LivingAllowanceBasis): Fen {
  const monthly = fen(b.monthlyPerPerson, 'monthlyPerPerson');
  const months = count(b.months, 'months', 0, MAX_ALLOWANCE_MONTHS);
  return fen(monthly * personsOf(b) * months, 'living allowance');
}

/** "每人每月¥900.00 × 2人 × 3个月": how the allowance was reached, as a ruling would put it. */
export function livingAllowanceFormula(b: LivingAllowanceBasis): { zh: string; en: string } {
  const n = personsOf(b);
  return {
    zh: `每人每月${yuan(b.monthlyPerPerson)} × ${n}人 × ${b.months}个月`,
    en: `${yuan(b.monthlyPerPerson)} a month per person × ${n} ${n === 1 ? 'person' : 'persons'} × ${b.months} ${b.months === 1 ? 'month' : 'months'}`,
  };
}

/** What a reduced account states: "留被执行人及其所扶养家属生活费 ¥x（每人每月¥a × n人 × m个月，查扣冻规定第三条）". */
export function livingCostsLeftNote(left: Fen, b: LivingAllowanceBasis): { zh: string; en: string } {
  const f = livingAllowanceFormula(b);
  return {
    zh: `留被执行人及其所扶养家属生活费 ${yuan(fen(left, 'left'))}（${f.zh}，查扣冻规定第三条）`,
    en: `Living costs of ${yuan(left)} are left to the debtor and his dependants (${f.en}; seizure provisions, art. 3)`,
  };
}

// ---------------------------------------------------------------------------------------------
// The only home
// ---------------------------------------------------------------------------------------------

/** The registry's 用途 of a dwelling. */
export const RESIDENTIAL_USAGE = '住宅';

/** Whether the judge's own finding or the registry's answer marks a flat as the debtor's only home. */
export interface OnlyHomeFlag {
  onlyHome: boolean;
  /** computed from the registry's answer, or recorded by the judge with a reason */
  source: 'registry' | 'judge';
  reason?: string;
  by?: string;
  at?: string;
}

/**
 * The registry's answer flags a flat as the only home when it shows exactly one unit of 用途 住宅
 * for that debtor; the judge's recorded finding (set or cleared, with a reason) prevails.
 */
export function onlyHomeFlags(
  units: readonly { id: string; partyId: string; usage?: string }[],
  judge: (unit: { id: string; partyId: string }) => Omit<OnlyHomeFlag, 'source'> | undefined,
): Map<string, OnlyHomeFlag> {
  const homes = new Map<string, string[]>();
  for (const u of units) if (u.usage === RESIDENTIAL_USAGE) homes.set(u.partyId, [...(homes.get(u.partyId) ?? []), u.id]);
  const out = new Map<string, OnlyHomeFlag>();
  for (const u of units) {
    const recorded = judge(u);
    if (recorded) { out.set(u.id, { ...recorded, source: 'judge' }); continue; }
    if (u.usage === RESIDENTIAL_USAGE && homes.get(u.partyId)!.length === 1) out.set(u.id, { onlyHome: true, source: 'registry' });
  }
  return out;
}

/** What the row of an only home says, and why no sale is proposed. */
export const ONLY_HOME_NOTE = {
  zh: `唯一住房：可以查封，但不得拍卖、变卖或者抵债（查扣冻规定第四条；例外情形见执行异议复议规定第二十条）`,
  en: 'Only home: it may be sealed, but not auctioned, sold or taken in payment (seizure provisions, art. 4; its exceptions: provisions on enforcement objections, art. 20)',
} as const;

// ---------------------------------------------------------------------------------------------
// The housing provident fund
// ---------------------------------------------------------------------------------------------

/** The withdrawal conditions of 住房公积金管理条例 第二十四条 (and the center's rules under it) that the center reports. */
export const PF_WITHDRAWAL_CONDITIONS = [
  '离休、退休', '完全丧失劳动能力并与单位终止劳动关系', '出境定居', '户口迁出所在市县', '与单位终止劳动关系未再就业',
  '购买建造翻建大修自住住房', '偿还购房贷款本息', '房租超出家庭工资收入规定比例',
] as const;
export type PfWithdrawalCondition = (typeof PF_WITHDRAWAL_CONDITIONS)[number];


export const PF_NOT_WITHDRAWABLE = {
  zh: '住房公积金账户尚不符合提取条件，只能冻结，不能扣划（住房公积金管理条例第二十四条）',
  en: 'The provident fund account does not meet a withdrawal condition yet: it may be frozen, not deducted (Housing Provident Fund Regulations, art. 24)',
} as const;

/** A deduction from a provident fund account only when the center reports a withdrawal condition met. */
export function checkProvidentFundDeduction(w: PfWithdrawal | undefined): RuleViolation<'PF_NOT_WITHDRAWABLE'> | undefined {
  if (w?.condition !== undefined && (PF_WITHDRAWAL_CONDITIONS as readonly string[]).includes(w.condition)) return undefined;
  return { code: 'PF_NOT_WITHDRAWABLE', ...PF_NOT_WITHDRAWABLE };
}
