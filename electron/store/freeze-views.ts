/**
 * What each freeze of a case holds today, worked out from the measures outbox: the amount frozen
 * after partial releases and deductions, the end date after renewals, the waiting position (轮候),
 * and whether it has lapsed. Pure: the measures and today's date are passed in.
 */
import { daysBetween, type IsoDate } from '../../shared/dates';
import type { FreezeView, Measure, MeasureState } from '../../shared/domain/measures';
import type { Fen } from '../../shared/money';
import { isIndivisible } from '../../shared/rules/cap';

/** A freeze decided but whose outcome is not in yet: it counts against the cap (docs/domain.md rule 1). */
export const PENDING_FREEZE_STATES: ReadonlySet<MeasureState> = new Set(['awaiting_approval', 'queued', 'sent', 'unknown']);

export interface LiveFreeze extends FreezeView {
  /** the freeze, or the executed renewal, that set endsOn: reminders are keyed on it */
  endsOnSetBy: string;
  /** pending only: the amount asked, counted against the cap until the agency answers */
  requested?: Fen;
  /** released so far by executed partial releases */
  released: Fen;
  /** deducted so far by executed deductions */
  deducted: Fen;
  /** a flat, a car or a shareholding sealed whole: its reference value, which counts against the cap */
  referenceValue?: Fen;
}

const executed = (m: Measure) => m.state === 'executed';

/**
 * Every freeze of the case that is pending or was executed and not yet wholly released or
 * deducted, oldest first. `measures` are all measures of one case in creation order.
 */
export function freezeViews(measures: readonly Measure[], today: IsoDate, referenceValues: ReadonlyMap<string, Fen> = new Map()): LiveFreeze[] {
  const reference = (f: Measure, v: LiveFreeze) => {
    const value = isIndivisible(f.assetKind) && f.amount === undefined ? referenceValues.get(f.assetId) : undefined;
    if (value !== undefined) v.referenceValue = value;
  };
  const actsOn = new Map<string, Measure[]>();
  for (const m of measures) {
    if (!m.freezeId) continue;
    const list = actsOn.get(m.freezeId) ?? [];
    list.push(m);
    actsOn.set(m.freezeId, list);
  }
  const out: LiveFreeze[] = [];
  for (const f of measures) {
    if (f.kind !== 'freeze') continue;
    if (PENDING_FREEZE_STATES.has(f.state)) {
      const v: LiveFreeze = { measure: f, status: 'pending', frozen: 0, endsOnSetBy: f.id, released: 0, deducted: 0 };
      if (f.amount !== undefined) v.requested = f.amount;
      if (f.endsOn) v.endsOn = f.endsOn;
      reference(f, v);
      out.push(v);
      continue;
    }
    if (!executed(f)) continue;
    const related = (actsOn.get(f.id) ?? []).filter(executed);
    // what the agency froze; an asset sealed without an amount (a flat, a car) holds its reference value
    const base = f.outcome?.frozenAmount ?? f.amount ?? 0;
    let released = 0;
    let deducted = 0;
    let releasedAll = false;
    let endsOn = f.outcome?.endsOn ?? f.endsOn;
    let endsOnSetBy = f.id;
    let queuePosition = f.outcome?.queuePosition ?? 0;
    for (const m of related) {
      if (m.kind === 'unfreeze') {
        if (m.amount === undefined) releasedAll = true;
        else released += m.amount;
      } else if (m.kind === 'deduct') {
        deducted += m.outcome?.deductedAmount ?? m.amount ?? 0;
      } else if (m.kind === 'renew') {
        const renewedTo = m.outcome?.endsOn ?? m.endsOn;
        // a renewal moves the end date later, never earlier
        if (renewedTo && (!endsOn || renewedTo >= endsOn)) {
          endsOn = renewedTo;
          endsOnSetBy = m.id;
        }
        if (m.outcome?.queuePosition !== undefined) queuePosition = m.outcome.queuePosition;
      }
    }
    const frozen = Math.max(0, base - released - deducted);
    if (releasedAll || (base > 0 && frozen === 0)) continue; // released or taken in full
    const v: LiveFreeze = { measure: f, status: 'in_force', frozen, endsOnSetBy, released, deducted };
    reference(f, v);
    if (queuePosition > 0) {
      v.status = 'waiting';
      v.queuePosition = queuePosition;
    }
    if (endsOn) {
      v.endsOn = endsOn;
      v.daysLeft = daysBetween(today, endsOn);
      // the end date is the last day in force; an unrenewed freeze lapses and loses its priority (rule 2)
      if (v.daysLeft < 0) v.status = 'lapsed';
    }
    out.push(v);
  }
  return out;
}

/**
 * What counts against the cap (docs/domain.md rule 1): frozen amounts in force plus amounts asked by
 * freezes still pending, a flat, car or shareholding sealed whole at its reference value (where the
 * query found one). A waiting freeze (轮候) freezes nothing until it takes effect; a lapsed
 * one no longer holds anything.
 */
export function frozenTotal(views: readonly LiveFreeze[]): Fen {
  let total = 0;
  for (const v of views) {
    if (v.status === 'in_force') total += v.frozen + (v.referenceValue ?? 0);
    else if (v.status === 'pending') total += v.requested ?? v.referenceValue ?? 0;
  }
  return total;
}
