/**
 * One word for where a measure stands, the same in the case's list, the outbox and the calendar:
 * the measure's own state while it travels, the freeze's status (in force, waiting, lapsed,
 * released) once the agency has answered.
 */
import type { FreezeView, Measure } from '../../../../shared/domain/measures';
import { daysBetween, type IsoDate } from '../../../../shared/dates';

export type StateKey =
  | 'draft' | 'awaiting_approval' | 'queued' | 'queued_offline' | 'sent' | 'unknown'
  | 'in_force' | 'waiting' | 'lapsed' | 'released' | 'taken' | 'rejected' | 'cancelled'
  | 'renewed' | 'unfrozen' | 'deducted';

export interface StateOf {
  key: StateKey;
  /** waiting: the position in the queue (轮候) */
  position?: number;
}

/** States from which a measure may still be withdrawn (main refuses the others). */
export const CANCELLABLE: ReadonlySet<Measure['state']> = new Set(['draft', 'awaiting_approval', 'queued']);
/** States the outbox shows: decided, not concluded. */
export const UNFINISHED: ReadonlySet<Measure['state']> = new Set(['awaiting_approval', 'queued', 'sent', 'unknown']);

function travelling(m: Measure, offline: boolean): StateOf | null {
  switch (m.state) {
    case 'draft': return { key: 'draft' };
    case 'awaiting_approval': return { key: 'awaiting_approval' };
    case 'queued': return { key: offline ? 'queued_offline' : 'queued' };
    case 'sent': return { key: 'sent' };
    case 'unknown': return { key: 'unknown' };
    case 'rejected': return { key: 'rejected' };
    case 'cancelled': return { key: 'cancelled' };
    default: return null;
  }
}

/** A freeze: travelling, or as its view says; executed without a view means nothing is held any more. */
export function freezeStateOf(m: Measure, view: FreezeView | undefined, opts: { offline?: boolean; takenInFull?: boolean } = {}): StateOf {
  const t = travelling(m, opts.offline ?? false);
  if (t) return t;
  if (!view) return { key: opts.takenInFull ? 'taken' : 'released' };
  if (view.status === 'waiting') return { key: 'waiting', position: view.queuePosition ?? m.outcome?.queuePosition ?? 1 };
  if (view.status === 'lapsed') return { key: 'lapsed' };
  if (view.status === 'released') return { key: 'released' };
  return { key: 'in_force' };
}

/** Any measure, by its own state (renewals, releases and deductions in the outbox and the list). */
export function measureStateOf(m: Measure, offline = false): StateOf {
  const t = travelling(m, offline);
  if (t) return t;
  if (m.kind === 'freeze') {
    const pos = m.outcome?.queuePosition ?? 0;
    return pos > 0 ? { key: 'waiting', position: pos } : { key: 'in_force' };
  }
  return { key: m.kind === 'renew' ? 'renewed' : m.kind === 'unfreeze' ? 'unfrozen' : 'deducted' };
}

/**
 * What a freeze view becomes when an update of its measure arrives before main's next list: the
 * list that follows is authoritative, this only keeps the screen from lagging behind the event.
 */
export function viewAfterUpdate(m: Measure, prev: FreezeView | undefined, today: IsoDate): FreezeView | undefined {
  if (m.state === 'rejected' || m.state === 'cancelled' || m.state === 'draft') return undefined;
  if (m.state !== 'executed') {
    const v: FreezeView = { measure: m, status: 'pending', frozen: 0 };
    if (m.endsOn) v.endsOn = m.endsOn;
    return v;
  }
  const endsOn = prev && prev.status !== 'pending' ? prev.endsOn : (m.outcome?.endsOn ?? m.endsOn);
  const frozen = prev && prev.status !== 'pending' ? prev.frozen : (m.outcome?.frozenAmount ?? m.amount ?? 0);
  const pos = m.outcome?.queuePosition ?? 0;
  const v: FreezeView = { measure: m, status: pos > 0 ? 'waiting' : 'in_force', frozen };
  if (pos > 0) v.queuePosition = pos;
  if (endsOn) {
    v.endsOn = endsOn;
    v.daysLeft = daysBetween(today, endsOn);
    if (v.daysLeft < 0) v.status = 'lapsed';
  }
  return v;
}
