/**
 * Deducting frozen funds to the court's account (扣划). Never on a stale balance: the frozen amount
 * is queried again first (docs/domain.md rule 6), because another court may have deducted, or a waiting
 * freeze taken effect, since the last look. Never more than is frozen for this case, and never more
 * than is still owed (民事诉讼法 art. 253: no more than the debtor's obligation; 查扣冻规定 art. 19).
 */
import type { Fen } from '../money';
import { fen, yuan, type RuleViolation } from './violation';

export const DEFAULT_BALANCE_MAX_AGE_MINUTES = 10;

export type DeductionCode = 'STALE_BALANCE' | 'ABOVE_FROZEN' | 'ABOVE_OUTSTANDING' | 'ZERO_AMOUNT';

export interface DeductionInput {
  amount: Fen;
  /** frozen for this case on this account, as the last query answered */
  frozenNow: Fen;
  /** when that answer came (ISO-8601 instant); absent if never queried */
  frozenCheckedAt?: string;
  /** now (ISO-8601 instant), passed in: the rules read no clock */
  now: string;
  /** still owed: outstanding amount plus enforcement costs (freezeCap) */
  outstanding: Fen;
  maxAgeMinutes?: number;
}

export interface DeductionCheck {
  ok: boolean;
  violations: RuleViolation<DeductionCode>[];
}

function instant(v: string, what: string): number {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) throw new RangeError(`${what} must be an ISO-8601 instant, got ${JSON.stringify(v)}`);
  return t;
}

function staleness(input: DeductionInput, maxAge: number): RuleViolation<'STALE_BALANCE'> | undefined {
  if (input.frozenCheckedAt === undefined) {
    return { code: 'STALE_BALANCE', zh: '尚未查询冻结余额，请先查询再扣划', en: 'The frozen balance has not been queried; query it before deducting' };
  }
  const now = instant(input.now, 'now');
  const at = instant(input.frozenCheckedAt, 'frozenCheckedAt');
  if (at > now) {
    // A time after now means the clock moved back: the age cannot be trusted.
    return { code: 'STALE_BALANCE', zh: '冻结余额的查询时间晚于当前时间（本机时钟可能有误），请重新查询', en: 'The balance was queried "after" now (the clock may be wrong); query it again' };
  }
  const ageMs = now - at;
  if (ageMs > maxAge * 60_000) {
    const minutes = Math.floor(ageMs / 60_000);
    return {
      code: 'STALE_BALANCE',
      zh: `冻结余额查询于 ${minutes} 分钟前，已超过 ${maxAge} 分钟，请重新查询后再扣划`,
      en: `The frozen balance was queried ${minutes} minutes ago, more than ${maxAge}; query it again before deducting`,
    };
  }
  return undefined;
}

export function checkDeduction(input: DeductionInput): DeductionCheck {
  const amount = fen(input.amount, 'amount');
  const frozenNow = fen(input.frozenNow, 'frozenNow');
  const outstanding = fen(input.outstanding, 'outstanding');
  const maxAge = input.maxAgeMinutes ?? DEFAULT_BALANCE_MAX_AGE_MINUTES;
  if (!(maxAge >= 0)) throw new RangeError(`maxAgeMinutes must be ≥ 0, got ${maxAge}`);
  const violations: RuleViolation<DeductionCode>[] = [];

  const stale = staleness(input, maxAge);
  if (stale) violations.push(stale);
  if (amount <= 0) violations.push({ code: 'ZERO_AMOUNT', zh: '扣划金额须大于零', en: 'The amount to deduct must be above zero' });
  if (amount > frozenNow) {
    violations.push({
      code: 'ABOVE_FROZEN',
      zh: `扣划金额 ${yuan(amount)} 超过本案当前冻结金额 ${yuan(frozenNow)}`,
      en: `The amount ${yuan(amount)} exceeds what is frozen for this case now, ${yuan(frozenNow)}`,
    });
  }
  if (amount > outstanding) {
    violations.push({
      code: 'ABOVE_OUTSTANDING',
      zh: `扣划金额 ${yuan(amount)} 超过尚未执行的金额及执行费 ${yuan(outstanding)}`,
      en: `The amount ${yuan(amount)} exceeds what is still owed, costs included, ${yuan(outstanding)}`,
    });
  }
  return { ok: violations.length === 0, violations };
}

/**
 * Whether a division chief must approve before the deduction is sent: above the bureau's
 * threshold (an amount equal to it does not need approval). No threshold set: none needed.
 */
export function needsApproval(amount: Fen, threshold: Fen | undefined): boolean {
  fen(amount, 'amount');
  if (threshold === undefined) return false;
  return amount > fen(threshold, 'threshold');
}

/** What to deduct by default: all that is frozen, but no more than is still owed. */
export function suggestDeduction(frozenNow: Fen, outstanding: Fen): Fen {
  return Math.max(0, Math.min(fen(frozenNow, 'frozenNow'), fen(outstanding, 'outstanding')));
}
