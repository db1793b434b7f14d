/**
 * 参与分配 (docs/domain.md rule 4; docs/distribution.md): what was recovered in a case is shared
 * among the creditors of one debtor who is a 公民或者其他组织 and whose property does not cover
 * every claim (民诉法解释 第五百零六条). The order is the law's (第五百零八条): enforcement costs
 * first, then the claims with a right to priority (优先受偿) in their rank, then the ordinary claims
 * pro rata to what each claims. Shares are whole fen: each ordinary creditor gets the floor of his
 * exact share and the fen left over go one each to the largest remainders (ties: the larger claim,
 * then the order the claims were listed), so the plan adds up to the distributable amount to the fen.
 * Pure: no clock, no I/O.
 */
import { addDays, rollToWorkingDay, type HolidayCalendar, type IsoDate } from '../dates';
import type { Fen } from '../money';
import { fen, isoDate } from './violation';

/** 优先受偿 (a mortgage, a pledge, a statutory priority) or 普通 */
export type ClaimPriority = 'priority' | 'ordinary';

export const CLAIM_PRIORITY_LABELS: Readonly<Record<ClaimPriority, { zh: string; en: string }>> = {
  priority: { zh: '优先受偿', en: 'priority' },
  ordinary: { zh: '普通', en: 'ordinary' },
};

export interface DistributionClaim {
  /** the creditor's id in the plan (a party id, or a participation's id) */
  creditorId: string;
  /** what he claims, fen */
  amount: Fen;
  priority: ClaimPriority;
  /** among priority claims, the lower rank is paid first (the order of the rights); absent: after ranked ones, in list order */
  rank?: number;
}

export interface DistributionInput {
  /** what the case recovered and is to be shared, fen */
  distributable: Fen;
  /** enforcement costs taken first (执行费用), fen */
  costs: Fen;
  claims: readonly DistributionClaim[];
}

export interface DistributionShare {
  creditorId: string;
  priority: ClaimPriority;
  claimed: Fen;
  /** what the plan pays him, fen */
  paid: Fen;
  /** what of his claim stays unpaid */
  unpaid: Fen;
}

export interface DistributionPlanFigures {
  distributable: Fen;
  /** the costs actually taken (no more than there is) */
  costsPaid: Fen;
  priorityPaid: Fen;
  /** what was left for the ordinary claims after costs and priority claims */
  ordinaryPool: Fen;
  ordinaryClaimed: Fen;
  /** in the order the claims were given */
  shares: DistributionShare[];
  /** left over once every claim is paid in full: it goes back to the debtor */
  surplus: Fen;
}

function checkInput(input: DistributionInput): void {
  fen(input.distributable, 'distributable');
  fen(input.costs, 'costs');
  if (input.distributable < 0) throw new RangeError('distributable must not be negative');
  if (input.costs < 0) throw new RangeError('costs must not be negative');
  const ids = new Set<string>();
  for (const c of input.claims) {
    fen(c.amount, `claim ${c.creditorId}`);
    if (c.amount <= 0) throw new RangeError(`claim ${c.creditorId} must be above zero`);
    if (ids.has(c.creditorId)) throw new RangeError(`creditor ${c.creditorId} is listed twice`);
    ids.add(c.creditorId);
  }
}

/**
 * Shares `pool` fen among `amounts` in proportion, in whole fen, by the largest remainder:
 * Σ result = min(pool, Σ amounts), and no one gets more than he claims. BigInt keeps pool × amount exact.
 */
export function largestRemainder(pool: Fen, amounts: readonly Fen[]): Fen[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  if (pool >= total) return [...amounts];
  if (pool <= 0 || total === 0) return amounts.map(() => 0);
  const P = BigInt(pool);
  const T = BigInt(total);
  const floors = amounts.map((a) => (P * BigInt(a)) / T);
  const rems = amounts.map((a, i) => ({ i, rem: (P * BigInt(a)) % T, amount: a }));
  let left = pool - floors.reduce((s, f) => s + Number(f), 0);
  rems.sort((x, y) => (x.rem === y.rem ? (y.amount - x.amount) || (x.i - y.i) : x.rem > y.rem ? -1 : 1));
  const out = floors.map(Number);
  for (const r of rems) {
    if (left === 0) break;
    out[r.i]! += 1;
    left -= 1;
  }
  return out;
}

/** The plan's figures: costs, then priority claims in rank, then ordinary claims pro rata (民诉法解释 第五百零八条). */
export function distributionPlan(input: DistributionInput): DistributionPlanFigures {
  checkInput(input);
  let left = input.distributable;
  const costsPaid = Math.min(input.costs, left);
  left -= costsPaid;
  const paid = new Map<string, Fen>();
  const priority = input.claims
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.priority === 'priority')
    .sort((a, b) => (a.c.rank ?? Number.MAX_SAFE_INTEGER) - (b.c.rank ?? Number.MAX_SAFE_INTEGER) || a.i - b.i);
  let priorityPaid = 0;
  for (const { c } of priority) {
    const p = Math.min(c.amount, left);
    paid.set(c.creditorId, p);
    left -= p;
    priorityPaid += p;
  }
  const ordinary = input.claims.filter((c) => c.priority === 'ordinary');
  const ordinaryPool = left;
  const ordinaryClaimed = ordinary.reduce((s, c) => s + c.amount, 0);
  const shares = largestRemainder(ordinaryPool, ordinary.map((c) => c.amount));
  ordinary.forEach((c, k) => paid.set(c.creditorId, shares[k]!));
  const ordinaryPaid = shares.reduce((s, x) => s + x, 0);
  return {
    distributable: input.distributable, costsPaid, priorityPaid, ordinaryPool, ordinaryClaimed,
    shares: input.claims.map((c) => {
      const p = paid.get(c.creditorId) ?? 0;
      return { creditorId: c.creditorId, priority: c.priority, claimed: c.amount, paid: p, unpaid: c.amount - p };
    }),
    surplus: ordinaryPool - ordinaryPaid,
  };
}

/** Days a creditor or the debtor has to object in writing to the plan, from its service (民诉法解释 第五百零九条). */
export const OBJECTION_DAYS = 15;

/**
 * The last day to object: 15 days from the day after service (the day served is not counted), moved
 * to the next working day when it falls on a day off (民诉法 第八十五条).
 */
export function objectionDeadline(servedOn: IsoDate, cal: HolidayCalendar): IsoDate {
  return rollToWorkingDay(addDays(isoDate(servedOn, 'servedOn'), OBJECTION_DAYS), cal);
}
