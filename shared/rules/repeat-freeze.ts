/**
 * The repeat freeze until covered (SISBAJUD's "teimosinha", docs/domain.md rule 1): a freeze order
 * that re-tries once a day for at most thirty days, each run freezing only what is still not
 * covered. Each fen counts once: what the case has frozen, and what its freezes decided but not yet
 * answered ask, are covered already (the same `frozenTotal` the cap uses); the order stops when the
 * cap is reached or its days are over.
 */
import { daysBetween, type IsoDate } from '../dates';
import type { Fen } from '../money';

export const REPEAT_FREEZE_MAX_DAYS = 30;

export interface FoundDeposit {
  assetId: string;
  /** what the account holds that no freeze holds (fen) */
  available: Fen;
}

export interface RepeatAllocation {
  /** what is still not covered before this run: cap − (frozen + pending) */
  uncovered: Fen;
  items: { assetId: string; amount: Fen }[];
  /** uncovered − what this run decides */
  left: Fen;
}

/**
 * What one run freezes: of the deposits found (largest first, then by id, so a run repeated after
 * a restart decides the same), as much as is available, until nothing is uncovered.
 */
export function allocateRepeatFreeze(cap: Fen, covered: Fen, found: readonly FoundDeposit[]): RepeatAllocation {
  const uncovered = Math.max(0, cap - covered);
  let left = uncovered;
  const items: { assetId: string; amount: Fen }[] = [];
  const order = [...found].filter((d) => d.available > 0).sort((a, b) => b.available - a.available || (a.assetId < b.assetId ? -1 : 1));
  for (const d of order) {
    if (left <= 0) break;
    const amount = Math.min(d.available, left);
    items.push({ assetId: d.assetId, amount });
    left -= amount;
  }
  return { uncovered, items, left };
}

/** The order's days are over on the thirtieth day after the day it started. */
export function repeatFreezeExpired(startedOn: IsoDate, today: IsoDate): boolean {
  return daysBetween(startedOn, today) >= REPEAT_FREEZE_MAX_DAYS;
}
