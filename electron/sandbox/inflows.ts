/**
 * Money arriving in debtors' accounts as the sandbox clock moves on (docs/sandbox.md, "Money
 * arriving"): for each day that passes, each bank account of a debtor of the demo docket receives a
 * sum with a small probability drawn from the seed and the day — the same seed, the same arrivals —
 * paid out of another subject's account where that much is free of freezes, so the ledger still
 * conserves money. A trainer or a test may plan an arrival for a given day (POST
 * /sandbox/v1/inflows). The bank's push (GET /gw/v1/inflows) lists, per court, what arrived in the
 * accounts it watches or holds a freeze on.
 */
import { addDays, type IsoDate } from '../../shared/dates';
import type { ChannelId } from '../../shared/domain/channels';
import type { Ledger, LedgerClock } from './ledger';
import type { Population } from './population/types';
import { keyedDraw } from './prng';

export interface InflowEvent {
  seq: number;
  ref: string;
  /** sandbox time (ms) */
  at: number;
  day: IsoDate;
  channel: ChannelId;
  owner: string;
  assetIdentifier: string;
  amount: number;
  balanceAfter: number;
}

export interface PlannedInflow {
  day: IsoDate;
  channel: ChannelId;
  owner: string;
  assetIdentifier: string;
  amount: number;
}

/** the chance that one debtor's bank account receives a sum on a given day */
export const DEFAULT_INFLOW_RATE = 0.02;
const MIN_SUM = 50_000; // ¥500
const MAX_SUM = 5_000_000; // ¥50,000

interface Account { channel: ChannelId; owner: string; identifier: string }

export class InflowBook {
  /** the chance per debtor account and day (a trainer may set it; tests set 0 for planned arrivals only) */
  rate = DEFAULT_INFLOW_RATE;
  private readonly events: InflowEvent[] = [];
  private readonly planned: PlannedInflow[] = [];
  /** per court: the ledger keys of the accounts it watches */
  private readonly watches = new Map<string, Set<string>>();
  private lastDay: IsoDate;
  private readonly debtorAccounts: Account[];
  private readonly payers: Account[];

  constructor(private readonly seed: number, pop: Population, private readonly ledger: Ledger, private readonly clock: LedgerClock) {
    this.lastDay = clock.today();
    const debtors = new Set(pop.docket.flatMap((c) => c.debtors.map((d) => d.idNumber)));
    const accountsOf = (ids: Iterable<string>) => [...ids].flatMap((id) => (pop.byId.get(id)?.holdings.bankAccounts ?? []).map((a) => ({ channel: a.bank as ChannelId, owner: id, identifier: a.accountNo })));
    this.debtorAccounts = accountsOf([...debtors].sort());
    this.payers = accountsOf([...pop.byId.keys()].filter((id) => !debtors.has(id)).sort());
  }

  /** Applies every day that has passed since the last look: planned arrivals first, then the seeded ones. */
  catchUp(): void {
    const today = this.clock.today();
    while (this.lastDay < today) {
      this.lastDay = addDays(this.lastDay, 1);
      this.applyDay(this.lastDay);
    }
  }

  /** An arrival on `day` (today or later; today's lands at once). */
  plan(p: PlannedInflow): InflowEvent | undefined {
    if (!this.ledger.keyOf(p.channel, p.owner, p.assetIdentifier)) throw new RangeError('no such account in the ledger');
    this.catchUp();
    if (p.day <= this.lastDay) return this.credit(p.channel, p.owner, p.assetIdentifier, p.amount, `plan|${this.events.length}`, this.lastDay);
    this.planned.push(p);
    return undefined;
  }

  watch(court: string, accounts: readonly { channel: ChannelId; owner: string; assetIdentifier: string }[]): number {
    const set = this.watches.get(court) ?? new Set<string>();
    for (const a of accounts) {
      const k = this.ledger.keyOf(a.channel, a.owner, a.assetIdentifier);
      if (k) set.add(k);
    }
    this.watches.set(court, set);
    return set.size;
  }

  /** What arrived after `afterSeq` in accounts this court watches or holds a freeze on. */
  feed(court: string, afterSeq: number, limit: number): InflowEvent[] {
    this.catchUp();
    const watched = this.watches.get(court) ?? new Set<string>();
    const out: InflowEvent[] = [];
    for (const e of this.events) {
      if (e.seq <= afterSeq) continue;
      const k = this.ledger.keyOf(e.channel, e.owner, e.assetIdentifier)!;
      if (watched.has(k) || this.ledger.frozenByCourt(k, court)) out.push({ ...e });
      if (out.length >= limit) break;
    }
    return out;
  }

  all(): InflowEvent[] {
    this.catchUp();
    return this.events.map((e) => ({ ...e }));
  }

  private applyDay(day: IsoDate): void {
    for (const p of this.planned.filter((x) => x.day === day)) this.credit(p.channel, p.owner, p.assetIdentifier, p.amount, `plan|${day}`, day);
    if (this.rate <= 0) return;
    for (const a of this.debtorAccounts) {
      if (keyedDraw(this.seed, 'inflow', day, a.identifier) >= this.rate) continue;
      const amount = Math.round((MIN_SUM + keyedDraw(this.seed, 'inflow-sum', day, a.identifier) * (MAX_SUM - MIN_SUM)) / 100) * 100;
      this.credit(a.channel, a.owner, a.identifier, amount, `seed|${day}`, day);
    }
  }

  /** Pays `amount` into the account from the first payer (from a seeded start) with that much free. */
  private credit(channel: ChannelId, owner: string, identifier: string, amount: number, key: string, day: IsoDate): InflowEvent | undefined {
    const to = this.ledger.keyOf(channel, owner, identifier);
    if (!to || this.payers.length === 0) return undefined;
    const start = Math.floor(keyedDraw(this.seed, 'payer', key, identifier) * this.payers.length);
    for (let i = 0; i < this.payers.length; i++) {
      const p = this.payers[(start + i) % this.payers.length]!;
      const from = this.ledger.keyOf(p.channel, p.owner, p.identifier);
      if (!from) continue;
      const r = this.ledger.transfer(from, to, amount);
      if ('refused' in r) continue;
      const seq = this.events.length + 1;
      const e: InflowEvent = {
        seq, ref: `IN-${String(seq).padStart(8, '0')}`, at: this.clock.now(), day,
        channel, owner, assetIdentifier: identifier, amount, balanceAfter: r.balanceAfter,
      };
      this.events.push(e);
      return e;
    }
    return undefined;
  }
}
