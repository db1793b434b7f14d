/**
 * The waiting queue (轮候, docs/domain.md rule 3) of one asset: its freezes in the order they were
 * registered. A later freeze on an asset already frozen waits; when an earlier one is released,
 * the earliest waiting one takes effect by itself (查扣冻规定 art. 26; for land and buildings the
 * order is that of delivery of the notices, 法发〔2004〕5号 art. 20). A freeze that reaches its
 * end date unrenewed lapses and its place is gone (查扣冻规定 art. 27).
 *
 * Plain immutable data: every operation returns a new queue and leaves the old one untouched, so
 * the same model serves the freeze panel and the sandbox's ledger. Positions are derived, never
 * stored, so "the others move up" cannot go wrong.
 *
 * Two shapes:
 * - whole asset (no capacity: a flat, a car, a shareholding): the first freeze holds it, the others
 *   wait in order;
 * - funds (capacity = the balance): freezes hold amounts; each in turn takes what it asked for out
 *   of what the earlier ones leave. One that finds only part takes that part and is in effect
 *   (frozenAmount below asked, as banks answer); one that finds nothing waits. The shortfall of a
 *   part-filled freeze is made up first when money is freed, before any later freeze (first come,
 *   first served), as with a bank's freeze up to an amount (限额冻结) that catches money arriving.
 */
import type { Fen } from '../money';
import { addDays, type IsoDate } from '../dates';
import { fen, isoDate } from './violation';

export interface QueueEntry {
  /** who holds the freeze: a case number, or a measure id; unique within one asset */
  caseRef: string;
  /** funds: the amount asked; whole assets: informational */
  amount?: Fen;
  /** last day in force; absent while the period is not yet running (a waiting freeze) */
  endsOn?: IsoDate;
  /** when it was registered (ISO date or instant), which fixes its place */
  at: string;
  /** when it first took effect; absent while it has only waited */
  effectiveFrom?: string;
}

export interface FreezeQueue {
  /** balance of a funds account; absent for an asset held whole */
  capacity?: Fen;
  entries: readonly QueueEntry[];
}

export interface QueuePlace extends QueueEntry {
  /** 0 = in effect; n > 0 = n-th waiting */
  position: number;
  /** funds: the part now held (may be below `amount`); whole assets: absent */
  frozen?: Fen;
}

export function emptyQueue(capacity?: Fen): FreezeQueue {
  return capacity === undefined ? { entries: [] } : { capacity: fen(capacity, 'capacity'), entries: [] };
}

/** Every entry with its position (and for funds the part held), in order of registration. */
export function placesOf(q: FreezeQueue): QueuePlace[] {
  const out: QueuePlace[] = [];
  let waiting = 0;
  if (q.capacity === undefined) {
    q.entries.forEach((e, i) => out.push({ ...e, position: i === 0 ? 0 : ++waiting }));
    return out;
  }
  let free = q.capacity;
  for (const e of q.entries) {
    const take = waiting > 0 ? 0 : Math.min(e.amount ?? 0, free);
    free -= take;
    if (take > 0) out.push({ ...e, position: 0, frozen: take });
    else out.push({ ...e, position: ++waiting, frozen: 0 });
  }
  return out;
}

export function positionOf(q: FreezeQueue, caseRef: string): number | undefined {
  return placesOf(q).find((p) => p.caseRef === caseRef)?.position;
}

export function entryOf(q: FreezeQueue, caseRef: string): QueuePlace | undefined {
  return placesOf(q).find((p) => p.caseRef === caseRef);
}

/** Total held by freezes in effect (funds: never above the capacity). */
export function frozenTotal(q: FreezeQueue): Fen {
  return placesOf(q).reduce((s, p) => s + (p.position === 0 ? (p.frozen ?? p.amount ?? 0) : 0), 0);
}

/** Stamps `effectiveFrom` on entries that have just come into effect; returns them. */
function settle(q: FreezeQueue, at: string): { queue: FreezeQueue; promoted: QueueEntry[] } {
  const places = placesOf(q);
  const promoted: QueueEntry[] = [];
  const entries = q.entries.map((e, i) => {
    if (places[i]!.position !== 0 || e.effectiveFrom !== undefined) return e;
    const next = { ...e, effectiveFrom: at };
    promoted.push(next);
    return next;
  });
  return { queue: { ...q, entries }, promoted };
}

export interface FreezeRequest {
  caseRef: string;
  amount?: Fen;
  endsOn?: IsoDate;
  at: string;
}

export interface Applied {
  queue: FreezeQueue;
  position: number;
  /** funds: the part it holds now */
  frozen?: Fen;
  /** the same holder had already been registered: nothing changed (docs/domain.md rule 7) */
  duplicate: boolean;
}

/**
 * Registers a freeze at the end of the queue. Registering the same holder again changes nothing
 * and answers its present place, so a repeated request can never freeze twice (docs/domain.md rule 7).
 */
export function applyFreeze(q: FreezeQueue, req: FreezeRequest): Applied {
  const existing = entryOf(q, req.caseRef);
  if (existing) return { queue: q, position: existing.position, frozen: existing.frozen, duplicate: true };
  if (q.capacity !== undefined) {
    if (req.amount === undefined || fen(req.amount, 'amount') <= 0) throw new RangeError('a freeze on funds needs an amount above zero');
  } else if (req.amount !== undefined) fen(req.amount, 'amount');
  if (req.endsOn !== undefined) isoDate(req.endsOn, 'endsOn');
  const entry: QueueEntry = { caseRef: req.caseRef, at: req.at };
  if (req.amount !== undefined) entry.amount = req.amount;
  if (req.endsOn !== undefined) entry.endsOn = req.endsOn;
  const { queue } = settle({ ...q, entries: [...q.entries, entry] }, req.at);
  const place = entryOf(queue, req.caseRef)!;
  return { queue, position: place.position, frozen: place.frozen, duplicate: false };
}

export interface Released {
  queue: FreezeQueue;
  /** the entry as it was before (absent: nothing held under that name, nothing changed) */
  released?: QueueEntry;
  /** entries that took effect because of it */
  promoted: QueueEntry[];
}

/**
 * Releases a holder's freeze at `at`: all of it, or — funds only — `amount` of what it holds now.
 * A part release leaves the freeze holding the rest and asking no more (its shortfall is given up
 * too: the judge has decided how much it should hold); for a freeze still waiting it lowers the
 * amount asked. Whoever has waited longest takes effect first. Releasing what is not there changes
 * nothing.
 */
export function release(q: FreezeQueue, caseRef: string, at: string, amount?: Fen): Released {
  const place = entryOf(q, caseRef);
  if (!place) return { queue: q, promoted: [] };
  const entry = q.entries.find((e) => e.caseRef === caseRef)!;
  let rest = 0;
  if (amount !== undefined && q.capacity !== undefined) {
    if (fen(amount, 'amount') <= 0) return { queue: q, promoted: [] };
    rest = (place.position === 0 ? (place.frozen ?? 0) : (entry.amount ?? 0)) - amount;
  }
  const entries = rest > 0
    ? q.entries.map((e) => (e.caseRef === caseRef ? { ...e, amount: rest } : e))
    : q.entries.filter((e) => e.caseRef !== caseRef);
  const { queue, promoted } = settle({ ...q, entries }, at);
  return { queue, released: entry, promoted };
}

/**
 * Money paid out of a freeze to the court (扣划): the account and the holder's freeze both shrink
 * by the amount. Only what the holder has in effect can be taken. A freeze emptied is done.
 */
export function deduct(q: FreezeQueue, caseRef: string, amount: Fen, at: string): FreezeQueue {
  if (q.capacity === undefined) throw new RangeError('only funds are deducted');
  fen(amount, 'amount');
  const place = entryOf(q, caseRef);
  if (!place || place.position !== 0) throw new RangeError(`${caseRef} holds no freeze in effect here`);
  if (amount <= 0 || amount > (place.frozen ?? 0)) throw new RangeError(`cannot deduct ${amount}: ${caseRef} holds ${place.frozen ?? 0}`);
  const entries = q.entries
    .map((e) => (e.caseRef === caseRef ? { ...e, amount: (e.amount ?? 0) - amount } : e))
    .filter((e) => e.caseRef !== caseRef || (e.amount ?? 0) > 0);
  return settle({ capacity: q.capacity - amount, entries }, at).queue;
}

/**
 * The account balance changed by money moving in or out of its free part. Money leaving may not
 * touch what is frozen; money arriving may let a waiting freeze take effect.
 */
export function setCapacity(q: FreezeQueue, capacity: Fen, at: string): { queue: FreezeQueue; promoted: QueueEntry[] } {
  if (q.capacity === undefined) throw new RangeError('only funds have a capacity');
  fen(capacity, 'capacity');
  if (capacity < frozenTotal(q)) throw new RangeError(`the balance cannot fall below what is frozen (${frozenTotal(q)})`);
  return settle({ ...q, capacity }, at);
}

/** A renewal (续行冻结) moves the end date and keeps the place (第485条). */
export function renew(q: FreezeQueue, caseRef: string, endsOn: IsoDate): FreezeQueue {
  isoDate(endsOn, 'endsOn');
  if (!q.entries.some((e) => e.caseRef === caseRef)) throw new RangeError(`${caseRef} holds no freeze here`);
  return { ...q, entries: q.entries.map((e) => (e.caseRef === caseRef ? { ...e, endsOn } : e)) };
}

export interface Lapsed {
  queue: FreezeQueue;
  lapsed: QueueEntry[];
  promoted: QueueEntry[];
}

/**
 * Removes every freeze whose last day is before `today`, in the order they ended; whoever waits
 * next takes effect from the day after the one ahead of it ended. A waiting freeze with no end date
 * (its period not yet running) never lapses here.
 */
export function lapse(q: FreezeQueue, today: IsoDate): Lapsed {
  isoDate(today, 'today');
  let queue = q;
  const lapsed: QueueEntry[] = [];
  const promoted: QueueEntry[] = [];
  for (;;) {
    const ends = queue.entries.filter((e) => e.endsOn !== undefined && e.endsOn < today).map((e) => e.endsOn!);
    if (ends.length === 0) break;
    const day = ends.reduce((a, b) => (a < b ? a : b));
    lapsed.push(...queue.entries.filter((e) => e.endsOn === day));
    const step = settle({ ...queue, entries: queue.entries.filter((e) => e.endsOn !== day) }, addDays(day, 1));
    queue = step.queue;
    promoted.push(...step.promoted);
  }
  return { queue, lapsed, promoted: promoted.filter((p) => !lapsed.some((l) => l.caseRef === p.caseRef)) };
}
