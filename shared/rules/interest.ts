/**
 * Interest for late performance (迟延履行期间的加倍部分债务利息, docs/domain.md rule 1). A debtor who
 * does not pay within the period the judgment set pays double interest for the delay
 * (民诉法 第二百六十四条). The SPC's 2014 interpretation (迟延履行利息解释) fixes how:
 *
 *   加倍部分债务利息 = 生效法律文书确定的除一般债务利息之外的金钱债务 × 日万分之一点七五 × 迟延履行期间
 *
 * (第一条). The period runs from the end of the performance period — its last day not counted
 * (民诉法 第八十五条), so from the day after the 履行期限届满日 — to the day the debt is paid; paid in
 * parts, each part's interest runs to the day that part was paid (第三条). Money paid goes to the
 * money debt before the interest (第四条), so a payment lowers the sum interest accrues on.
 *
 * Integer fen throughout: the sum of (principal × days) is multiplied by 175 and divided by
 * 1,000,000 once, exactly (BigInt), and **rounded down to the fen** — the cap never includes a fen
 * that is not owed.
 */
import type { Fen } from '../money';
import { addDays, daysBetween, type IsoDate } from '../dates';
import { fen, isoDate } from './violation';

/** 日万分之一点七五: 175 per 1,000,000 per day. */
export const LATE_INTEREST_RATE = { num: 175, den: 1_000_000, zh: '日万分之一点七五' } as const;

/** A payment to the applicant the program knows the day of (an executed deduction, …). */
export interface DatedPayment {
  on: IsoDate;
  amount: Fen;
}

export interface LateInterestInput {
  /** 生效法律文书确定的除一般债务利息之外的金钱债务: the sum interest accrues on */
  principal: Fen;
  /** 履行期限届满日: the last day the judgment gave the debtor to pay */
  dueOn: IsoDate;
  /** the day to count to (today, when the cap is checked) */
  asOf: IsoDate;
  /** payments whose day is known: the part paid accrues up to that day, included, and no further */
  payments?: readonly DatedPayment[];
  /**
   * paid, day unknown (e.g. paid to the applicant directly and entered as a total): counted as
   * paid before the period began, so it bears no interest — the cautious reading for the cap
   */
  paidUndated?: Fen;
}

export interface LateInterest {
  amount: Fen;
  /** first day of the delay: the day after the 履行期限届满日 */
  from: IsoDate;
  /** days from `from` to `asOf`, both counted; 0 when the period has not begun */
  days: number;
  /** what still bears interest on `asOf` */
  principalNow: Fen;
}

/** The interest for late performance owed on `asOf` (迟延履行利息解释 第一条, 第三条, 第四条). */
export function lateInterest(i: LateInterestInput): LateInterest {
  const principal = fen(i.principal, 'principal');
  isoDate(i.dueOn, 'dueOn');
  isoDate(i.asOf, 'asOf');
  const from = addDays(i.dueOn, 1);
  const payments = [...(i.payments ?? [])]
    .map((p) => ({ on: isoDate(p.on, 'payments.on'), amount: fen(p.amount, 'payments.amount') }))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let bearing = Math.max(0, principal - fen(i.paidUndated ?? 0, 'paidUndated'));
  const days = i.asOf < from ? 0 : daysBetween(from, i.asOf) + 1;
  let fenDays = 0n;
  let cursor = from;
  for (const p of payments) {
    if (p.on > i.asOf) break;
    // the part paid on day `p.on` still accrues on that day
    if (p.on >= cursor) {
      fenDays += BigInt(bearing) * BigInt(daysBetween(cursor, p.on) + 1);
      cursor = addDays(p.on, 1);
    }
    bearing = Math.max(0, bearing - p.amount);
  }
  if (cursor <= i.asOf) fenDays += BigInt(bearing) * BigInt(daysBetween(cursor, i.asOf) + 1);
  const amount = Number((fenDays * BigInt(LATE_INTEREST_RATE.num)) / BigInt(LATE_INTEREST_RATE.den));
  return { amount, from, days, principalNow: bearing };
}
