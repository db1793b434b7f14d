/**
 * No over-seizure (超标的, docs/domain.md rule 1). What a case may hold frozen or sealed is the amount
 * still owed plus enforcement costs (查扣冻规定 art. 19: "以其价额足以清偿法律文书确定的债权额及
 * 执行费用为限"). Listed shares are valued at the previous close with a margin of at most 20%
 * (善意文明执行意见, 法发〔2019〕35号, item 7). An indivisible asset may go above the cap only where
 * other property does not cover it, and then with a recorded reason (art. 19, proviso). Living
 * costs of a person debtor are exempt (查扣冻规定 art. 3(2); docs/domain.md rule 5).
 *
 * All money is integer fen; the 20% margin is computed with exact integer arithmetic.
 */
import { channelInfo } from '../domain/channels';
import type { Asset, AssetKind } from '../domain/types';
import type { Fen } from '../money';
import { livingAllowance, livingAllowanceFormula, type LivingAllowanceBasis } from './exempt';
import type { IsoDate } from '../dates';
import { lateInterest, type DatedPayment, type LateInterest } from './interest';
import { fen, yuan, type RuleViolation } from './violation';

// ---------------------------------------------------------------------------------------------
// The cap and how each kind of asset counts against it
// ---------------------------------------------------------------------------------------------

export interface CapInput {
  /** amount the ruling orders paid (申请执行标的) */
  amountOwed: Fen;
  /** enforcement costs (执行费) */
  costs: Fen;
  /** already paid or recovered (执行到位金额) */
  recovered: Fen;
  /**
   * 迟延履行期间的加倍部分债务利息 (民诉法 第二百六十四条; docs/domain.md rule 1), when the case
   * knows the judgment's principal and its 履行期限届满日: counted to `asOf`. `payments` are the
   * parts of `recovered` whose day is known; the rest of `recovered` bears no interest.
   */
  lateInterest?: CapInterestInput;
}

export interface CapInterestInput {
  principal: Fen;
  dueOn: IsoDate;
  asOf: IsoDate;
  payments?: readonly DatedPayment[];
}

/** The late-performance interest a cap includes (absent when the case gives no deadline). */
export function capInterest(c: CapInput): LateInterest | undefined {
  if (!c.lateInterest) return undefined;
  const payments = c.lateInterest.payments ?? [];
  const dated = payments.reduce((s, p) => s + fen(p.amount, 'payments.amount'), 0);
  return lateInterest({ ...c.lateInterest, payments, paidUndated: Math.max(0, fen(c.recovered, 'recovered') - dated) });
}

/** Outstanding amount plus enforcement costs plus late-performance interest; zero once paid in full. */
export function freezeCap(c: CapInput): Fen {
  const owed = fen(c.amountOwed, 'amountOwed');
  const costs = fen(c.costs, 'costs');
  const recovered = fen(c.recovered, 'recovered');
  const interest = capInterest(c)?.amount ?? 0;
  return Math.max(0, owed + costs + interest - recovered);
}

/** Most liquid first: the order in which property is taken (and the last to be released). */
export const LIQUIDITY_ORDER: readonly AssetKind[] = [
  'deposit', 'online_funds', 'provident_fund', 'wealth', 'securities', 'vehicle', 'equity', 'real_estate',
];

const INDIVISIBLE: ReadonlySet<AssetKind> = new Set<AssetKind>(['real_estate', 'vehicle', 'equity']);

/** One flat, one car, one shareholding: sealed whole, never cut to an amount (art. 19 proviso). */
export function isIndivisible(kind: AssetKind): boolean {
  return INDIVISIBLE.has(kind);
}

export function liquidityRank(kind: AssetKind): number {
  return LIQUIDITY_ORDER.indexOf(kind);
}

/** The margin allowed on listed shares valued at the previous close (法发〔2019〕35号 item 7). */
export const SECURITIES_MARGIN_PERCENT = 20;

/** a × num / den rounded as asked, exactly (BigInt: no float, no overflow in between). */
function mulDiv(a: Fen, num: number, den: number, round: 'floor' | 'ceil'): Fen {
  const p = BigInt(a) * BigInt(num);
  const d = BigInt(den);
  let q = p / d;
  const r = p % d;
  if (r !== 0n && round === 'ceil' && p > 0n) q += 1n;
  if (r !== 0n && round === 'floor' && p < 0n) q -= 1n;
  return Number(q);
}

/**
 * The most listed shares (previous-close value) that may be frozen to secure `room` of the cap:
 * room plus at most 20%, rounded down to the fen.
 */
export function securitiesLimit(room: Fen): Fen {
  return room <= 0 ? 0 : mulDiv(room, 100 + SECURITIES_MARGIN_PERCENT, 100, 'floor');
}

/** The least part of the cap that shares of this close value must be securing (inverse of the above). */
function securitiesNeed(closeValue: Fen): Fen {
  return closeValue <= 0 ? 0 : mulDiv(closeValue, 100, 100 + SECURITIES_MARGIN_PERCENT, 'ceil');
}

/** What the rules need to know of an asset; a full `Asset` fits. */
export type FreezableAsset = Pick<Asset, 'id' | 'partyId' | 'channel' | 'kind' | 'value' | 'available'>;

/** What may still be frozen on an asset: the part not frozen by others, else its whole value. */
export function availableOf(asset: Pick<Asset, 'value' | 'available'>): Fen | undefined {
  return asset.available ?? asset.value;
}

/**
 * How much a freeze counts against the cap: funds at the amount frozen; listed shares at the
 * previous-close value of what is frozen; indivisible assets at their whole value when known
 * (undefined when the agency gives none, e.g. real estate).
 */
export function countedValue(asset: Pick<Asset, 'kind' | 'value' | 'available'>, amountAsked?: Fen): Fen | undefined {
  if (isIndivisible(asset.kind)) return asset.value;
  return amountAsked ?? availableOf(asset);
}

function canFreeze(asset: Pick<Asset, 'channel'>): boolean {
  return channelInfo(asset.channel).measures.includes('freeze');
}

/** What a case already holds: a plain total, or a total with the listed-share part named. */
export type AlreadyFrozen = Fen | { total: Fen; securities: Fen };

function split(already: AlreadyFrozen): { other: Fen; securities: Fen } {
  if (typeof already === 'number') return { other: fen(already, 'alreadyFrozen'), securities: 0 };
  const total = fen(already.total, 'alreadyFrozen.total');
  const securities = fen(already.securities, 'alreadyFrozen.securities');
  if (securities > total) throw new RangeError('alreadyFrozen.securities exceeds alreadyFrozen.total');
  return { other: total - securities, securities };
}

/**
 * A person debtor's exempt living allowance: one amount for every party, or per party id — an
 * amount, or how it is made up (per person per month × persons × months, shared/rules/exempt.ts).
 */
export type LivingAllowance = Fen | Readonly<Record<string, Fen | LivingAllowanceBasis>>;

function allowanceFor(a: LivingAllowance | undefined, partyId: string): Fen {
  if (a === undefined) return 0;
  const v = typeof a === 'number' ? a : (a[partyId] ?? 0);
  return typeof v === 'number' ? fen(v, 'exemptLivingAllowance') : livingAllowance(v);
}

/** "（每人每月¥900.00 × 2人 × 3个月）" when the allowance's make-up is known. */
function allowanceWhy(a: LivingAllowance, partyId: string): { zh: string; en: string } {
  const v = typeof a === 'number' ? undefined : a[partyId];
  if (v === undefined || typeof v === 'number') return { zh: '', en: '' };
  const f = livingAllowanceFormula(v);
  return { zh: `，${f.zh}`, en: ` (${f.en})` };
}

// ---------------------------------------------------------------------------------------------
// Checking a set of freezes the judge has chosen
// ---------------------------------------------------------------------------------------------

export type CapViolationCode =
  | 'OVER_CAP'
  | 'INDIVISIBLE_OVER_CAP_NEEDS_REASON'
  | 'AMOUNT_ABOVE_AVAILABLE'
  | 'NOT_FREEZABLE'
  | 'ZERO_AMOUNT'
  | 'DUPLICATE_ASSET'
  | 'LIVING_COSTS_NOT_LEFT';

export interface CapViolation extends RuleViolation<CapViolationCode> {
  assetId: string;
  /** for a divisible asset: the most that may lawfully be frozen on it in this set */
  maxAmount?: Fen;
}

/** Not a refusal: something the judge should know before deciding. */
export type CapWarningCode = 'VALUE_UNKNOWN' | 'AVAILABLE_UNKNOWN';

export interface CapWarning extends RuleViolation<CapWarningCode> {
  assetId: string;
}

export interface FreezeItem {
  asset: FreezableAsset;
  /** divisible assets: the amount to freeze (default: all that is available); ignored for indivisible ones */
  amount?: Fen;
}

export interface FreezeSetOptions {
  /** recorded reasons for sealing an indivisible asset above the cap, by asset id */
  reasons?: Readonly<Record<string, string>>;
  /** living costs to leave on a person debtor's deposits (pass it for person debtors only) */
  exemptLivingAllowance?: LivingAllowance;
  /**
   * Every deposit account of the case's debtors the query found, with what this case already holds
   * on it: what is left to a debtor is counted over all of them, not only over the set.
   */
  knownDeposits?: readonly KnownDeposit[];
}

export interface KnownDeposit {
  asset: FreezableAsset;
  /** what this case holds frozen on it now (0 when nothing) */
  frozenByCase: Fen;
}

export interface FreezeSetCheck {
  ok: boolean;
  cap: Fen;
  /** already frozen plus this set, shares at previous close, indivisible assets at known value */
  total: Fen;
  /** cap − total, not below zero */
  remaining: Fen;
  /** total − cap, not below zero (may be lawful: share margin, indivisible asset with reason) */
  excess: Fen;
  violations: CapViolation[];
  warnings: CapWarning[];
}

function overCap(assetId: string, cap: Fen, excess: Fen, maxAmount: Fen): CapViolation {
  const head = {
    zh: `冻结总额将超过未执行金额及执行费 ${yuan(cap)}，超出 ${yuan(excess)}`,
    en: `The total frozen would exceed the outstanding amount plus enforcement costs of ${yuan(cap)} by ${yuan(excess)}`,
  };
  return maxAmount > 0
    ? { assetId, code: 'OVER_CAP', maxAmount, zh: `${head.zh}；此项最多可冻结 ${yuan(maxAmount)}`, en: `${head.en}; at most ${yuan(maxAmount)} may be frozen on this asset` }
    : { assetId, code: 'OVER_CAP', maxAmount: 0, zh: `${head.zh}；冻结上限已满，此项不应再冻结`, en: `${head.en}; the cap is already reached and this asset must not be frozen` };
}

/**
 * Living costs stay with a person debtor (查扣冻规定 第三条: a prohibition, so a refusal): over all
 * his deposit accounts the case knows, what is left after this case's freezes and this set must
 * cover the allowance. The last account of the set that cuts into it is refused, with the most it
 * may still take.
 */
function livingCostsRefusals(funds: readonly { item: FreezeItem; amount: Fen }[], allowance: LivingAllowance, known: readonly KnownDeposit[]): CapViolation[] {
  const byParty = new Map<string, { last: string; lastAmount: Fen; available: Fen; held: Fen }>();
  const inSet = new Set<string>();
  for (const { item, amount } of funds) {
    if (item.asset.kind !== 'deposit') continue;
    inSet.add(item.asset.id);
    const p = byParty.get(item.asset.partyId) ?? { last: '', lastAmount: 0, available: 0, held: 0 };
    p.available += availableOf(item.asset) ?? amount;
    p.held += amount;
    p.last = item.asset.id;
    p.lastAmount = amount;
    byParty.set(item.asset.partyId, p);
  }
  for (const k of known) {
    const p = byParty.get(k.asset.partyId);
    if (!p || inSet.has(k.asset.id) || k.asset.kind !== 'deposit') continue;
    // the query's balance, less what this case froze on it since
    p.available += availableOf(k.asset) ?? 0;
    p.held += Math.min(k.frozenByCase, availableOf(k.asset) ?? 0);
  }
  const out: CapViolation[] = [];
  for (const [partyId, p] of byParty) {
    const keep = allowanceFor(allowance, partyId);
    const left = Math.max(0, p.available - p.held);
    if (left >= keep) continue;
    const maxAmount = Math.max(0, p.lastAmount - (keep - left));
    const why = allowanceWhy(allowance, partyId);
    out.push({
      assetId: p.last, code: 'LIVING_COSTS_NOT_LEFT', maxAmount,
      zh: `应为被执行人及其所扶养家属保留生活必需费用 ${yuan(keep)}（查扣冻规定第三条${why.zh}），本次冻结后其已知存款账户仅余 ${yuan(left)}；此项最多可冻结 ${yuan(maxAmount)}`,
      en: `Living costs of ${yuan(keep)} must be left to the debtor and his dependants (seizure provisions, art. 3)${why.en}; after this freeze his known deposit accounts keep only ${yuan(left)}; at most ${yuan(maxAmount)} may be frozen on this one`,
    });
  }
  return out;
}

/**
 * Checks a set of freezes against the cap. Divisible assets are taken first (they can be cut to
 * the cap), then listed shares (which may use the 20% margin on the part of the cap they secure),
 * then indivisible assets in the order given: one that takes the total above the cap needs a
 * recorded reason; one added after other property already covers the cap is over-seizure.
 */
export function checkFreezeSet(
  cap: Fen,
  alreadyFrozen: AlreadyFrozen,
  items: readonly FreezeItem[],
  opts: FreezeSetOptions = {},
): FreezeSetCheck {
  fen(cap, 'cap');
  const already = split(alreadyFrozen);
  const violations: CapViolation[] = [];
  const warnings: CapWarning[] = [];
  const reasons = opts.reasons ?? {};

  // Valid items, by how they count.
  const funds: { item: FreezeItem; amount: Fen }[] = [];
  const shares: { item: FreezeItem; amount: Fen }[] = [];
  const whole: FreezeItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const { asset } = item;
    if (seen.has(asset.id)) {
      // The same asset twice in one decision would be sent twice (docs/domain.md rule 7).
      violations.push({ assetId: asset.id, code: 'DUPLICATE_ASSET', zh: '同一财产在本次冻结中出现两次', en: 'The same asset appears twice in this freeze' });
      continue;
    }
    seen.add(asset.id);
    if (!canFreeze(asset)) {
      const ch = channelInfo(asset.channel);
      violations.push({ assetId: asset.id, code: 'NOT_FREEZABLE', zh: `${ch.zh}不能办理网络冻结`, en: `${ch.en} does not take freezes over the network` });
      continue;
    }
    if (isIndivisible(asset.kind)) {
      whole.push(item);
      continue;
    }
    const available = availableOf(asset);
    const amount = item.amount ?? available;
    if (amount === undefined) {
      warnings.push({ assetId: asset.id, code: 'AVAILABLE_UNKNOWN', zh: '该财产余额未知，请填写冻结金额', en: 'The balance of this asset is unknown; enter the amount to freeze' });
      violations.push({ assetId: asset.id, code: 'ZERO_AMOUNT', zh: '冻结金额须大于零', en: 'The amount to freeze must be above zero' });
      continue;
    }
    fen(amount, 'amount');
    if (amount <= 0) {
      violations.push({ assetId: asset.id, code: 'ZERO_AMOUNT', zh: '冻结金额须大于零', en: 'The amount to freeze must be above zero' });
      continue;
    }
    if (available === undefined) {
      warnings.push({ assetId: asset.id, code: 'AVAILABLE_UNKNOWN', zh: '该财产可冻结余额未知，实际冻结金额以协助单位反馈为准', en: 'What is available on this asset is unknown; the agency will freeze what there is' });
    } else if (amount > available) {
      violations.push({
        assetId: asset.id, code: 'AMOUNT_ABOVE_AVAILABLE', maxAmount: available,
        zh: `冻结金额 ${yuan(amount)} 超过该财产可冻结余额 ${yuan(available)}`,
        en: `The amount ${yuan(amount)} exceeds what is available on this asset, ${yuan(available)}`,
      });
    }
    (asset.kind === 'securities' ? shares : funds).push({ item, amount });
  }

  // Funds (and everything already frozen) must fit the cap, leaving the part already-frozen shares secure.
  let other = already.other;
  let sharesHeld = already.securities;
  for (const { item, amount } of funds) {
    const room = cap - other - securitiesNeed(sharesHeld);
    if (amount > room) violations.push(overCap(item.asset.id, cap, amount - Math.max(0, room), Math.max(0, room)));
    other += amount;
  }

  // Listed shares: at most 120% of the part of the cap the funds leave (法发〔2019〕35号 item 7).
  for (const { item, amount } of shares) {
    const limit = securitiesLimit(cap - other);
    if (sharesHeld + amount > limit) {
      const maxAmount = Math.max(0, limit - sharesHeld);
      violations.push({
        assetId: item.asset.id, code: 'OVER_CAP', maxAmount,
        zh: `股票按前一交易日收盘价计，冻结价值不得超过其所担保金额的120%（${yuan(limit)}），超出 ${yuan(sharesHeld + amount - limit)}；此项最多可冻结 ${yuan(maxAmount)}`,
        en: `Shares valued at the previous close may exceed the part of the cap they secure by at most 20% (${yuan(limit)}); this is ${yuan(sharesHeld + amount - limit)} over; at most ${yuan(maxAmount)} may be frozen on this asset`,
      });
    }
    sharesHeld += amount;
  }

  // Indivisible assets: needed only while the cap is not covered (art. 19 proviso).
  let covered = other + sharesHeld;
  for (const item of whole) {
    const { asset } = item;
    const value = asset.value;
    if (covered >= cap) {
      violations.push({
        assetId: asset.id, code: 'OVER_CAP',
        zh: `其他财产已足额冻结（未执行金额及执行费 ${yuan(cap)}），不得再查封此不可分财产`,
        en: `Other property already covers the outstanding amount plus enforcement costs of ${yuan(cap)}; this indivisible asset must not be sealed as well`,
      });
    } else if (value === undefined) {
      warnings.push({ assetId: asset.id, code: 'VALUE_UNKNOWN', zh: '该财产价值未知，查封后须评估，如明显超出应及时解除', en: 'The value of this asset is unknown; have it valued after sealing and release it if it is clearly more than needed' });
    } else if (covered + value > cap && !(reasons[asset.id] ?? '').trim()) {
      violations.push({
        assetId: asset.id, code: 'INDIVISIBLE_OVER_CAP_NEEDS_REASON',
        zh: `此财产不可分割，价值 ${yuan(value)}，查封后总额将超过未执行金额及执行费 ${yuan(cap)}，超出 ${yuan(covered + value - cap)}；须记录理由（如被执行人无其他财产或其他财产不足以清偿）`,
        en: `This asset cannot be divided; worth ${yuan(value)}, sealing it takes the total ${yuan(covered + value - cap)} above the outstanding amount plus enforcement costs of ${yuan(cap)}; record the reason (e.g. the debtor has no other property, or not enough)`,
      });
    }
    covered += value ?? 0;
  }

  if (opts.exemptLivingAllowance !== undefined) violations.push(...livingCostsRefusals(funds, opts.exemptLivingAllowance, opts.knownDeposits ?? []));

  const total = covered;
  return {
    ok: violations.length === 0,
    cap,
    total,
    remaining: Math.max(0, cap - total),
    excess: Math.max(0, total - cap),
    violations,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Suggesting what to freeze
// ---------------------------------------------------------------------------------------------

export interface AllocationItem {
  assetId: string;
  kind: AssetKind;
  /** divisible assets: the amount to freeze; absent for indivisible ones (sealed whole) */
  amount?: Fen;
  /** how much it counts against the cap */
  counted: Fen;
  /** a divisible asset cut below what is available on it */
  partial: boolean;
  /** an indivisible asset that takes the total above the cap: a reason must be recorded */
  needsReason: boolean;
  /** living costs left unfrozen on this deposit account */
  exemptLeft?: Fen;
}

/**
 * Why the suggestion leaves a freezable asset out, so that the judge reads a reason on every row it
 * does not tick (the renderer words each code in its dictionaries).
 */
export type SkipReason =
  /** its channel does not freeze over the network */
  | 'NOT_FREEZABLE'
  /** nothing on it to freeze */
  | 'NOTHING_AVAILABLE'
  /** other courts' freezes hold all of it: a freeze would only wait its turn (轮候, docs/domain.md rule 3) */
  | 'FROZEN_BY_OTHERS'
  /** what it holds is the debtor's living costs (查扣冻规定 art. 3; docs/domain.md rule 5) */
  | 'LIVING_COSTS'
  /** other property already covers the cap: freezing or sealing it would be over-seizure (art. 19) */
  | 'CAP_REACHED'
  /** indivisible, of unknown value, and one such asset is already proposed: to be valued (询价) first */
  | 'VALUE_UNKNOWN';

export interface Allocation {
  items: AllocationItem[];
  /** counted value of the suggested items */
  total: Fen;
  /** already frozen plus the suggestion */
  frozenAfter: Fen;
  capReached: boolean;
  /** what the suggestion leaves uncovered */
  shortfall: Fen;
  /** indivisible assets of unknown value, listed when the cap is not reached (the first is proposed) */
  unvalued: string[];
  skipped: { assetId: string; reason: SkipReason }[];
}

/** An asset offered to the suggestion: other courts' freezes on it tell an empty account from a held one. */
export type SuggestableAsset = FreezableAsset & { existingFreezes?: readonly unknown[] };

export interface AllocationOptions {
  /** living costs to leave on a person debtor's deposits (pass it for person debtors only) */
  exemptLivingAllowance?: LivingAllowance;
}

function byIdAsc(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Reaches the cap with the fewest, most liquid assets: kinds in LIQUIDITY_ORDER; within a
 * divisible kind the largest available first, the last one cut to what remains; within an
 * indivisible kind the smallest asset that covers what remains (least excess), else the largest
 * and on. When money and valued property do not reach the cap, the most liquid indivisible asset
 * of unknown value is proposed as well, sealed whole (查扣冻规定 art. 19 proviso: its value is
 * established after sealing); further ones wait for a valuation. Every asset left out is listed in
 * `skipped` with its reason.
 */
export function suggestAllocation(
  cap: Fen,
  alreadyFrozen: AlreadyFrozen,
  assets: readonly SuggestableAsset[],
  opts: AllocationOptions = {},
): Allocation {
  fen(cap, 'cap');
  const already = split(alreadyFrozen);
  const start = already.other + already.securities;
  let remaining = cap - start;
  const items: AllocationItem[] = [];
  const skipped: Allocation['skipped'] = [];
  const unvaluedAll: SuggestableAsset[] = [];
  const allowanceLeft = new Map<string, Fen>();

  const byKind = new Map<AssetKind, SuggestableAsset[]>();
  const seen = new Set<string>();
  for (const a of assets) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    if (!canFreeze(a)) { skipped.push({ assetId: a.id, reason: 'NOT_FREEZABLE' }); continue; }
    if (isIndivisible(a.kind)) {
      if (a.value === undefined) { unvaluedAll.push(a); continue; }
      if (a.value <= 0) { skipped.push({ assetId: a.id, reason: 'NOTHING_AVAILABLE' }); continue; }
    } else if ((availableOf(a) ?? 0) <= 0) {
      skipped.push({ assetId: a.id, reason: (a.existingFreezes?.length ?? 0) > 0 ? 'FROZEN_BY_OTHERS' : 'NOTHING_AVAILABLE' });
      continue;
    }
    const list = byKind.get(a.kind) ?? [];
    list.push(a);
    byKind.set(a.kind, list);
  }

  for (const kind of LIQUIDITY_ORDER) {
    const pool = byKind.get(kind) ?? [];
    if (isIndivisible(kind)) {
      const left = [...pool].sort((a, b) => (b.value! - a.value!) || byIdAsc(a, b));
      while (remaining > 0 && left.length > 0) {
        // The smallest one that covers what remains; if none does, the largest, and go on.
        const covering = left.filter((a) => a.value! >= remaining);
        const pick = covering.reduce<SuggestableAsset | undefined>(
          (best, a) => (best === undefined || a.value! < best.value! ? a : best), undefined) ?? left[0]!;
        left.splice(left.indexOf(pick), 1);
        items.push({ assetId: pick.id, kind, counted: pick.value!, partial: false, needsReason: pick.value! > remaining });
        remaining -= pick.value!;
      }
      continue;
    }
    const sorted = [...pool].sort((a, b) => (availableOf(b)! - availableOf(a)!) || byIdAsc(a, b));
    for (const a of sorted) {
      if (remaining <= 0) break;
      const available = availableOf(a)!;
      let exempt = 0;
      if (kind === 'deposit' && opts.exemptLivingAllowance !== undefined) {
        // The first accounts taken keep the living allowance (查扣冻规定 art. 3(2)).
        const owed = allowanceLeft.get(a.partyId) ?? allowanceFor(opts.exemptLivingAllowance, a.partyId);
        exempt = Math.min(owed, available);
        allowanceLeft.set(a.partyId, owed - exempt);
      }
      const usable = available - exempt;
      if (usable <= 0) { skipped.push({ assetId: a.id, reason: 'LIVING_COSTS' }); continue; }
      const amount = Math.min(usable, remaining);
      const item: AllocationItem = { assetId: a.id, kind, amount, counted: amount, partial: amount < available, needsReason: false };
      if (exempt > 0) item.exemptLeft = exempt;
      items.push(item);
      remaining -= amount;
    }
  }

  const unvalued = unvaluedAll.sort((a, b) => (liquidityRank(a.kind) - liquidityRank(b.kind)) || byIdAsc(a, b));
  const capReached = remaining <= 0;
  // Short of the cap: the first asset of unknown value is sealed whole; the others wait for its valuation.
  const proposed = capReached ? undefined : unvalued[0];
  if (proposed) items.push({ assetId: proposed.id, kind: proposed.kind, counted: 0, partial: false, needsReason: false });
  const taken = new Set(items.map((i) => i.assetId));
  const left = new Set(skipped.map((x) => x.assetId));
  for (const a of [...byKind.values()].flat()) {
    if (!taken.has(a.id) && !left.has(a.id)) skipped.push({ assetId: a.id, reason: 'CAP_REACHED' });
  }
  for (const a of unvalued) if (!taken.has(a.id)) skipped.push({ assetId: a.id, reason: capReached ? 'CAP_REACHED' : 'VALUE_UNKNOWN' });

  const total = items.reduce((s, i) => s + i.counted, 0);
  return {
    items,
    total,
    frozenAfter: start + total,
    capReached,
    shortfall: Math.max(0, remaining),
    unvalued: capReached ? [] : unvalued.map((a) => a.id),
    skipped,
  };
}

// ---------------------------------------------------------------------------------------------
// Releasing what is more than needed
// ---------------------------------------------------------------------------------------------

export interface HeldFreeze {
  freezeId: string;
  assetId: string;
  kind: AssetKind;
  /** counted value held now (funds: amount; shares: previous close; indivisible: value, undefined if unknown) */
  frozen?: Fen;
  /** waiting in another court's queue (轮候): holds nothing yet */
  waiting?: boolean;
}

export interface ReleaseAdvice {
  freezeId: string;
  assetId: string;
  /** release: lift it entirely; reduce: release part of a divisible freeze */
  action: 'release' | 'reduce';
  /** amount to release (indivisible assets: their counted value, 0 when unknown) */
  amount: Fen;
  /** amount that stays frozen */
  keep: Fen;
}

export interface ExcessAdvice {
  cap: Fen;
  frozen: Fen;
  excess: Fen;
  releases: ReleaseAdvice[];
  /** what stays frozen after the releases */
  kept: Fen;
  /** what stays above the cap lawfully (an indivisible asset still needed, shares within the margin) */
  keptAboveCap: Fen;
}

/**
 * When a case holds more than it is still owed (feedback found more than expected, or the debtor
 * paid part), the excess must be released (查扣冻规定 art. 19 para. 2). The most liquid
 * freezes are kept, larger ones first; the last divisible one kept is reduced; an indivisible asset
 * is kept only while the cap is not otherwise covered. Paid in full (cap 0): release everything
 * (查扣冻规定 art. 28(4), 债务已经清偿).
 */
export function excessToRelease(cap: Fen, freezes: readonly HeldFreeze[]): ExcessAdvice {
  fen(cap, 'cap');
  for (const f of freezes) if (f.frozen !== undefined) fen(f.frozen, `frozen of ${f.freezeId}`);
  const frozen = freezes.reduce((s, f) => s + (f.frozen ?? 0), 0);
  const order = [...freezes].sort((a, b) =>
    (liquidityRank(a.kind) - liquidityRank(b.kind))
    || (Number(a.waiting ?? false) - Number(b.waiting ?? false))
    || ((b.frozen ?? 0) - (a.frozen ?? 0))
    || (a.freezeId < b.freezeId ? -1 : a.freezeId > b.freezeId ? 1 : 0));

  const releases: ReleaseAdvice[] = [];
  let covered = 0;
  let fundsKept = 0;
  let sharesKept = 0;
  const releaseAll = (f: HeldFreeze) => releases.push({ freezeId: f.freezeId, assetId: f.assetId, action: 'release', amount: f.frozen ?? 0, keep: 0 });

  for (const f of order) {
    const held = f.frozen ?? 0;
    if (cap <= 0 || covered >= cap) { releaseAll(f); continue; }
    if (isIndivisible(f.kind)) { covered += held; continue; }
    if (f.kind === 'securities') {
      // Shares within 120% of what they secure stay (法发〔2019〕35号 item 7); beyond it, cut to cover.
      const within = sharesKept + held <= securitiesLimit(cap - fundsKept);
      const keep = within ? held : Math.max(0, cap - covered);
      if (keep < held) releases.push({ freezeId: f.freezeId, assetId: f.assetId, action: keep === 0 ? 'release' : 'reduce', amount: held - keep, keep });
      sharesKept += keep;
      covered += keep;
      continue;
    }
    const keep = Math.min(held, cap - covered);
    if (keep < held) releases.push({ freezeId: f.freezeId, assetId: f.assetId, action: keep === 0 ? 'release' : 'reduce', amount: held - keep, keep });
    fundsKept += keep;
    covered += keep;
  }

  const kept = frozen - releases.reduce((s, r) => s + r.amount, 0);
  return { cap, frozen, excess: Math.max(0, frozen - cap), releases, kept, keptAboveCap: Math.max(0, kept - cap) };
}
