/**
 * The agencies' ledger: what each asset holds and who froze it. Per asset a balance (money), a
 * quantity (securities, wealth products) or nothing (a flat, a car, a stake: held whole), and the
 * freezes on it in the order they were registered — the waiting queue (轮候) of
 * shared/rules/queue.ts, so the sandbox and the freeze panel share one model. Courts' receiving
 * accounts collect deductions.
 *
 * Money is conserved: a deduction moves fen from a debtor's account to a court account and nowhere
 * else, once per request id, and only out of what that freeze holds in force. Periods are checked
 * against the legal caps (shared/rules/periods.ts, 民诉法解释 art. 485); a freeze not renewed lapses
 * the day after its end date and loses its place (查扣冻规定 art. 27). The clock is injected.
 *
 * Every operation answers in the common measure feedback format (docs/gateway-protocol.md,
 * "Measures"); a refusal changes nothing.
 */
import { addDays, type HolidayCalendar, type IsoDate } from '../../shared/dates';
import type { ChannelId } from '../../shared/domain/channels';
import type { AssetKind } from '../../shared/domain/types';
import type { Fen } from '../../shared/money';
import { checkEndDate, checkRenewal } from '../../shared/rules/periods';
import * as Q from '../../shared/rules/queue';

/** money: a balance in fen; valued: a quantity with a unit value; whole: held as one */
export type AssetShape = 'money' | 'valued' | 'whole';

const SHAPE: Record<AssetKind, AssetShape> = {
  deposit: 'money', online_funds: 'money', provident_fund: 'money',
  securities: 'valued', wealth: 'valued',
  real_estate: 'whole', vehicle: 'whole', equity: 'whole',
};

export function shapeOf(kind: AssetKind): AssetShape {
  return SHAPE[kind];
}

export interface LedgerClock {
  /** milliseconds since the epoch, on the sandbox's clock */
  now(): number;
  /** the civil date (China Standard Time) of now() */
  today(): IsoDate;
}

export interface CourtAccount {
  /** court code, e.g. 黔0103 */
  court: string;
  bank: string;
  accountNo: string;
  name: string;
}

export interface Receipt {
  agencyRef: string;
  requestId: string;
  freezeRequestId: string;
  caseNumber: string;
  channel: ChannelId;
  assetIdentifier: string;
  owner: string;
  amount: Fen;
  at: string;
}

/** an earlier measure by another court, present from the start */
export interface ExistingFreeze {
  courtName: string;
  caseNumber: string;
  /** money: fen held; whole assets: informational (an equity freeze's contribution) */
  amount?: Fen;
  endsOn: IsoDate;
}

export interface AssetInit {
  channel: ChannelId;
  kind: AssetKind;
  /** ID number or credit code of the holder */
  owner: string;
  /** as the channel's feedback names it */
  identifier: string;
  /** money: balance in fen; valued: quantity (fen of value, or shares); whole: absent */
  units?: number;
  /** fen per unit: previous close per share for securities; 1 otherwise */
  unitValue?: Fen;
  existing?: readonly ExistingFreeze[];
}

export type FreezeStatus = 'in_force' | 'waiting' | 'lapsed' | 'released';
export type MeasureKindOrQuery = 'freeze' | 'renew' | 'unfreeze' | 'deduct' | 'query';

export interface Rejection {
  /** RejectionCode, or an agency refusal shared with queries (SUBJECT_MISMATCH, DOCUMENT_INVALID …) */
  code: string;
  message: string;
}

export type RejectionCode =
  | 'ASSET_NOT_FOUND' | 'AMOUNT_INVALID' | 'PERIOD_INVALID' | 'PERIOD_TOO_LONG' | 'NOT_FROZEN_BY_THIS_CASE'
  | 'FREEZE_LAPSED' | 'FREEZE_RELEASED' | 'INSUFFICIENT_FROZEN' | 'COURT_ACCOUNT_INVALID';

/** The common measure feedback (docs/gateway-protocol.md, "Measure feedback"). */
export interface MeasureFeedback {
  result: 'executed' | 'waiting' | 'rejected';
  kind: MeasureKindOrQuery;
  agencyRef: string;
  executedAt: string;
  freezeRequestId?: string;
  assetIdentifier?: string;
  freezeStatus?: FreezeStatus;
  queuePosition?: number;
  endsOn?: IsoDate;
  frozenAmount?: Fen;
  frozenQuantity?: number;
  releasedAmount?: Fen;
  deductedAmount?: Fen;
  balanceAfter?: Fen;
  rejection?: Rejection;
}

/** who acts: the case's court and number, the subject, the channel */
export interface Actor {
  /** this request's client request id */
  requestId: string;
  /** court code of the case (黔0103) */
  court: string;
  courtName: string;
  caseNumber: string;
  /** ID number or credit code of the subject */
  owner: string;
  channel: ChannelId;
}

export interface FreezeOrder extends Actor {
  assetIdentifier: string;
  amount?: Fen;
  endsOn: IsoDate;
}

interface ByFreeze extends Actor {
  freezeRequestId: string;
  /** when given, must be the freeze's asset */
  assetIdentifier?: string;
}

export interface RenewOrder extends ByFreeze {
  endsOn: IsoDate;
}

export interface UnfreezeOrder extends ByFreeze {
  /** money only: release this much of what the freeze holds; absent = all */
  amount?: Fen;
}

export interface DeductOrder extends ByFreeze {
  amount: Fen;
  courtAccount: { bank: string; accountNo: string; name: string };
}

export type FrozenBalanceOrder = ByFreeze;

interface FreezeRecord {
  id: string;
  assetKey: string;
  courtName: string;
  caseNumber: string;
  owner: string;
  channel: ChannelId;
  /** from the population (another court's earlier measure), not from a request */
  existing: boolean;
  /** units asked (money, valued); informational amount for whole assets */
  asked?: number;
  endsOn: IsoDate;
  registeredAt: string;
  state: 'active' | 'lapsed' | 'released';
  lapsedOn?: IsoDate;
  releasedAt?: string;
  deducted: Fen;
  released: Fen;
}

interface Asset {
  key: string;
  channel: ChannelId;
  kind: AssetKind;
  shape: AssetShape;
  owner: string;
  identifier: string;
  unitValue: Fen;
  queue: Q.FreezeQueue;
  /** every freeze ever registered on the asset, in order */
  records: string[];
}

/** A freeze on an asset as it stands: its record and its place in the queue. */
export interface Holder {
  id: string;
  existing: boolean;
  courtName: string;
  caseNumber: string;
  status: FreezeStatus;
  /** 0 in force, n waiting; absent once lapsed or released */
  queuePosition?: number;
  /** units held now (money, valued); 0 while waiting */
  frozenUnits?: number;
  /** fen held now (money, valued) */
  frozenAmount?: Fen;
  /** units asked (money, valued); informational amount for whole assets */
  asked?: number;
  endsOn: IsoDate;
  registeredAt: string;
  effectiveFrom?: string;
  lapsedOn?: IsoDate;
  releasedAt?: string;
  /** fen paid out of it to a court account */
  deducted: Fen;
  /** fen released from it (part releases and the final one) */
  released: Fen;
}

export interface AssetView {
  channel: ChannelId;
  kind: AssetKind;
  shape: AssetShape;
  owner: string;
  assetIdentifier: string;
  /** money: the balance in fen */
  balance?: Fen;
  /** valued: quantity and unit value */
  units?: number;
  unitValue?: Fen;
  /** money and valued: fen not held by any freeze */
  available?: Fen;
  frozenTotal?: Fen;
  /** every freeze ever registered, in order (lapsed and released ones too) */
  freezes: Holder[];
  /** ids of the waiting freezes, first in line first */
  queue: string[];
}

export interface LedgerTotals {
  debtorsTotal: Fen;
  courtTotal: Fen;
  initialTotal: Fen;
  conserved: boolean;
}

export interface CourtAccountView extends CourtAccount {
  balance: Fen;
  receipts: Receipt[];
}

const KIND_CODE: Record<MeasureKindOrQuery, string> = { freeze: 'DJ', renew: 'XD', unfreeze: 'JD', deduct: 'KH', query: 'CX' };

export interface LedgerOptions {
  clock: LedgerClock;
  courtAccounts?: readonly CourtAccount[];
  /** called after an asset changed (balance, freezes, queue), e.g. to refresh query feedback */
  onChange?: (key: string) => void;
}

const assetKey = (channel: ChannelId, owner: string, identifier: string) => `${channel}\u0001${owner}\u0001${identifier}`;

export class Ledger {
  private readonly assets = new Map<string, Asset>();
  private readonly byIdentifier = new Map<string, string[]>();
  private readonly byOwner = new Map<string, string[]>();
  private readonly records = new Map<string, FreezeRecord>();
  private readonly outcomes = new Map<string, MeasureFeedback>();
  private readonly accounts: { account: CourtAccount; balance: Fen; receipts: Receipt[] }[];
  /** calls per request id that reached the ledger (a test proves "executed once" with it) */
  readonly executions = new Map<string, number>();
  private initial = 0;
  private seq = 0;
  private existingSeq = 0;

  constructor(private readonly opts: LedgerOptions) {
    this.accounts = (opts.courtAccounts ?? []).map((account) => ({ account, balance: 0, receipts: [] }));
  }

  private nowIso(): string {
    return new Date(this.opts.clock.now()).toISOString();
  }

  /**
   * Registers an asset with other courts' earlier freezes, in the order given: on money each holds
   * its amount as far as the balance goes; on a whole asset the first holds it and the rest wait.
   */
  addAsset(a: AssetInit): string {
    const key = assetKey(a.channel, a.owner, a.identifier);
    if (this.assets.has(key)) throw new Error(`asset registered twice: ${a.channel} ${a.identifier}`);
    const shape = SHAPE[a.kind];
    if (shape !== 'whole' && (a.units === undefined || !Number.isSafeInteger(a.units) || a.units < 0)) throw new RangeError(`${a.identifier}: units must be a non-negative integer`);
    const asset: Asset = {
      key, channel: a.channel, kind: a.kind, shape, owner: a.owner, identifier: a.identifier,
      unitValue: a.unitValue ?? 1, queue: Q.emptyQueue(shape === 'whole' ? undefined : a.units), records: [],
    };
    this.assets.set(key, asset);
    push(this.byIdentifier, a.identifier, key);
    push(this.byOwner, a.owner, key);
    if (shape === 'money') this.initial += a.units!;
    for (const f of a.existing ?? []) {
      const id = `pop:${++this.existingSeq}`;
      const at = this.nowIso();
      const units = shape === 'whole' ? undefined : f.amount;
      if (shape !== 'whole' && (units === undefined || units <= 0)) continue;
      asset.queue = Q.applyFreeze(asset.queue, { caseRef: id, ...(units !== undefined ? { amount: units } : {}), endsOn: f.endsOn, at }).queue;
      this.records.set(id, {
        id, assetKey: key, courtName: f.courtName, caseNumber: f.caseNumber, owner: a.owner, channel: a.channel, existing: true,
        ...(f.amount !== undefined ? { asked: f.amount } : {}), endsOn: f.endsOn, registeredAt: at, state: 'active', deducted: 0, released: 0,
      });
      asset.records.push(id);
    }
    return key;
  }

  has(channel: ChannelId, owner: string, identifier: string): boolean {
    return this.assets.has(assetKey(channel, owner, identifier));
  }

  keysOf(owner: string): readonly string[] {
    return this.byOwner.get(owner) ?? [];
  }

  /** Lapses what ended before today on every asset of a holder (before showing them). */
  settleOwner(owner: string): void {
    for (const k of this.keysOf(owner)) this.settle(this.assets.get(k)!);
  }

  settleAll(): void {
    for (const a of this.assets.values()) this.settle(a);
  }

  // ---------------------------------------------------------------- measures

  freeze(o: FreezeOrder): MeasureFeedback {
    return this.once(o, 'freeze', () => {
      const asset = this.assets.get(assetKey(o.channel, o.owner, o.assetIdentifier));
      if (!asset) return reject('ASSET_NOT_FOUND', `被执行人名下无此财产（${o.assetIdentifier}）`);
      this.settle(asset);
      if (asset.shape === 'whole' && o.amount !== undefined) return reject('AMOUNT_INVALID', '查封整体财产不设金额');
      if (asset.shape !== 'whole' && (o.amount === undefined || o.amount <= 0)) return reject('AMOUNT_INVALID', '冻结金额须大于零');
      const today = this.opts.clock.today();
      const check = checkEndDate(today, o.endsOn, asset.kind);
      if (!check.ok) return reject(check.code === 'PAST_LEGAL_CAP' ? 'PERIOD_TOO_LONG' : 'PERIOD_INVALID', check.zh);
      const at = this.nowIso();
      const units = asset.shape === 'whole' ? undefined : Math.ceil(o.amount! / asset.unitValue);
      const applied = Q.applyFreeze(asset.queue, { caseRef: o.requestId, ...(units !== undefined ? { amount: units } : {}), endsOn: o.endsOn, at });
      asset.queue = applied.queue;
      this.records.set(o.requestId, {
        id: o.requestId, assetKey: asset.key, courtName: o.courtName, caseNumber: o.caseNumber, owner: o.owner, channel: o.channel,
        existing: false, ...(units !== undefined ? { asked: units } : {}), endsOn: o.endsOn, registeredAt: at, state: 'active', deducted: 0, released: 0,
      });
      asset.records.push(o.requestId);
      this.changed(asset);
      const state = this.stateOf(o.requestId);
      return { ...state, result: applied.position > 0 ? 'waiting' : 'executed' };
    });
  }

  renew(o: RenewOrder): MeasureFeedback {
    return this.once(o, 'renew', () => {
      const found = this.freezeOf(o);
      if ('rejection' in found) return found.rejection;
      const { rec, asset } = found;
      const check = checkRenewal(this.opts.clock.today(), rec.endsOn, o.endsOn, asset.kind);
      if (!check.ok) {
        const code = check.code === 'ALREADY_LAPSED' ? 'FREEZE_LAPSED' : check.code === 'PAST_LEGAL_CAP' ? 'PERIOD_TOO_LONG' : 'PERIOD_INVALID';
        return reject(code, check.zh);
      }
      asset.queue = Q.renew(asset.queue, rec.id, o.endsOn);
      rec.endsOn = o.endsOn;
      this.changed(asset);
      return { ...this.stateOf(rec.id), result: 'executed' };
    });
  }

  unfreeze(o: UnfreezeOrder): MeasureFeedback {
    return this.once(o, 'unfreeze', () => {
      const found = this.freezeOf(o);
      if ('rejection' in found) return found.rejection;
      const { rec, asset } = found;
      const held = this.heldUnits(asset, rec.id);
      if (o.amount !== undefined) {
        if (asset.shape !== 'money') return reject('AMOUNT_INVALID', '该财产只能整体解除冻结');
        if (o.amount <= 0) return reject('AMOUNT_INVALID', '解除冻结金额须大于零');
        if (o.amount > held) return reject('INSUFFICIENT_FROZEN', `本案该笔冻结现冻结 ${held} 分，不足解除 ${o.amount} 分`);
      }
      const at = this.nowIso();
      const r = Q.release(asset.queue, rec.id, at, o.amount);
      asset.queue = r.queue;
      const releasedUnits = o.amount ?? held;
      rec.released += releasedUnits * asset.unitValue;
      if (!asset.queue.entries.some((e) => e.caseRef === rec.id)) {
        rec.state = 'released';
        rec.releasedAt = at;
      }
      this.changed(asset);
      const state = this.stateOf(rec.id);
      return { ...state, result: 'executed', ...(asset.shape !== 'whole' ? { releasedAmount: releasedUnits * asset.unitValue } : {}) };
    });
  }

  deduct(o: DeductOrder): MeasureFeedback {
    return this.once(o, 'deduct', () => {
      const found = this.freezeOf(o);
      if ('rejection' in found) return found.rejection;
      const { rec, asset } = found;
      if (asset.shape !== 'money') return reject('AMOUNT_INVALID', '该财产不能扣划');
      if (o.amount <= 0) return reject('AMOUNT_INVALID', '扣划金额须大于零');
      const account = this.accounts.find((x) => x.account.court === o.court && x.account.bank === o.courtAccount.bank
        && x.account.accountNo === o.courtAccount.accountNo && x.account.name === o.courtAccount.name);
      if (!account) return reject('COURT_ACCOUNT_INVALID', '收款账户不是本院登记的执行款专户');
      const held = this.heldUnits(asset, rec.id);
      if (o.amount > held) return reject('INSUFFICIENT_FROZEN', `本案该笔冻结现冻结 ${held} 分，不足扣划 ${o.amount} 分`);
      const at = this.nowIso();
      asset.queue = Q.deduct(asset.queue, rec.id, o.amount, at);
      account.balance += o.amount;
      rec.deducted += o.amount;
      if (!asset.queue.entries.some((e) => e.caseRef === rec.id)) {
        rec.state = 'released';
        rec.releasedAt = at;
      }
      this.changed(asset);
      return { ...this.stateOf(rec.id), result: 'executed', deductedAmount: o.amount, onAgencyRef: (agencyRef: string) => account.receipts.push({
        agencyRef, requestId: o.requestId, freezeRequestId: rec.id, caseNumber: o.caseNumber, channel: o.channel,
        assetIdentifier: asset.identifier, owner: o.owner, amount: o.amount, at,
      }) };
    });
  }

  /** The frozen-balance query (docs/domain.md rule 6): what this case's freeze holds now. */
  frozenBalance(o: FrozenBalanceOrder): MeasureFeedback {
    return this.once(o, 'query', () => {
      const found = this.freezeOf(o, true);
      if ('rejection' in found) return found.rejection;
      return { ...this.stateOf(found.rec.id), result: 'executed' };
    });
  }

  /**
   * The agency refuses before acting (subject, documents): the answer is recorded under the id,
   * nothing is executed and no execution is counted.
   */
  refuse(o: Actor, kind: MeasureKindOrQuery, rejection: Rejection): MeasureFeedback {
    const known = this.outcomes.get(o.requestId);
    if (known) return known;
    const fb: MeasureFeedback = { result: 'rejected', kind, agencyRef: this.nextRef(o.channel, kind), executedAt: this.nowIso(), rejection: { ...rejection } };
    this.outcomes.set(o.requestId, fb);
    return fb;
  }

  /** the stored answer of a request id the ledger has executed, if any */
  outcome(requestId: string): MeasureFeedback | undefined {
    return this.outcomes.get(requestId);
  }

  /**
   * Money moves between two accounts held in the ledger (a salary, a customer's payment arriving in
   * a debtor's account): only out of what no freeze holds on the payer's side, so money is
   * conserved and no freeze is emptied. On the payee's side a freeze that asked more than it held
   * takes its share of what arrived first, as a bank's freeze does. Answers the payee's balance after.
   */
  transfer(fromKey: string, toKey: string, amount: Fen): { balanceAfter: Fen } | { refused: string } {
    const from = this.assets.get(fromKey);
    const to = this.assets.get(toKey);
    if (!from || !to || from.shape !== 'money' || to.shape !== 'money' || fromKey === toKey) return { refused: 'not two money accounts' };
    if (!Number.isSafeInteger(amount) || amount <= 0) return { refused: 'amount must be whole fen above zero' };
    this.settle(from);
    this.settle(to);
    const free = from.queue.capacity! - Q.frozenTotal(from.queue);
    if (amount > free) return { refused: 'the payer has not that much free of freezes' };
    const at = this.nowIso();
    from.queue = Q.setCapacity(from.queue, from.queue.capacity! - amount, at).queue;
    to.queue = Q.setCapacity(to.queue, to.queue.capacity! + amount, at).queue;
    this.changed(from);
    this.changed(to);
    return { balanceAfter: to.queue.capacity! };
  }

  /** the key of a money account, if the ledger holds it */
  keyOf(channel: ChannelId, owner: string, identifier: string): string | undefined {
    const k = assetKey(channel, owner, identifier);
    return this.assets.has(k) ? k : undefined;
  }

  /** whether a case of this court (its case numbers carry the court code) holds an active freeze on the asset */
  frozenByCourt(key: string, court: string): boolean {
    const asset = this.assets.get(key);
    if (!asset) return false;
    return asset.queue.entries.some((e) => {
      const rec = this.records.get(e.caseRef);
      return !!rec && !rec.existing && rec.caseNumber.includes(court);
    });
  }

  // ---------------------------------------------------------------- views

  /** the freeze's state now, as the feedback reports it */
  stateOf(freezeId: string): Omit<MeasureFeedback, 'result' | 'kind' | 'agencyRef' | 'executedAt'> {
    const rec = this.records.get(freezeId);
    if (!rec) throw new Error(`no freeze ${freezeId}`);
    const asset = this.assets.get(rec.assetKey)!;
    const h = this.holder(asset, rec);
    return {
      freezeRequestId: rec.id,
      assetIdentifier: asset.identifier,
      freezeStatus: h.status,
      ...(h.queuePosition !== undefined ? { queuePosition: h.queuePosition } : {}),
      endsOn: rec.endsOn,
      ...(h.frozenAmount !== undefined ? { frozenAmount: h.frozenAmount } : {}),
      ...(asset.kind === 'securities' ? { frozenQuantity: h.frozenUnits ?? 0 } : {}),
      ...(asset.shape === 'money' ? { balanceAfter: asset.queue.capacity! } : {}),
    };
  }

  /** the freezes of an asset that are still active (in force or waiting), in queue order */
  activeHolders(key: string): Holder[] {
    const asset = this.assets.get(key);
    if (!asset) return [];
    const places = placeMap(asset);
    return asset.queue.entries.map((e) => this.holder(asset, this.records.get(e.caseRef)!, places));
  }

  /** the asset's balance (money) or quantity (valued) now */
  units(key: string): number | undefined {
    return this.assets.get(key)?.queue.capacity;
  }

  view(key: string): AssetView | undefined {
    const asset = this.assets.get(key);
    if (!asset) return undefined;
    this.settle(asset);
    const places = placeMap(asset);
    const freezes = asset.records.map((id) => this.holder(asset, this.records.get(id)!, places));
    const v: AssetView = {
      channel: asset.channel, kind: asset.kind, shape: asset.shape, owner: asset.owner, assetIdentifier: asset.identifier,
      freezes, queue: freezes.filter((f) => f.status === 'waiting').map((f) => f.id),
    };
    if (asset.shape !== 'whole') {
      const frozen = Q.frozenTotal(asset.queue);
      const cap = asset.queue.capacity!;
      if (asset.shape === 'money') v.balance = cap;
      else {
        v.units = cap;
        v.unitValue = asset.unitValue;
      }
      v.frozenTotal = frozen * asset.unitValue;
      v.available = (cap - frozen) * asset.unitValue;
    }
    return v;
  }

  /** keys of the assets carrying this identifier (an equity stake's company name may be shared) */
  keysByIdentifier(identifier: string): readonly string[] {
    return this.byIdentifier.get(identifier) ?? [];
  }

  totals(): LedgerTotals {
    let debtorsTotal = 0;
    for (const a of this.assets.values()) if (a.shape === 'money') debtorsTotal += a.queue.capacity!;
    const courtTotal = this.accounts.reduce((s, a) => s + a.balance, 0);
    return { debtorsTotal, courtTotal, initialTotal: this.initial, conserved: debtorsTotal + courtTotal === this.initial };
  }

  courtAccounts(): CourtAccountView[] {
    return this.accounts.map((a) => ({ ...a.account, balance: a.balance, receipts: a.receipts.map((r) => ({ ...r })) }));
  }

  // ---------------------------------------------------------------- internals

  /** Executes once per request id: a repeated id answers the stored outcome and changes nothing. */
  private once(o: Actor, kind: MeasureKindOrQuery, run: () => Outcome): MeasureFeedback {
    this.executions.set(o.requestId, (this.executions.get(o.requestId) ?? 0) + 1);
    const known = this.outcomes.get(o.requestId);
    if (known) return known;
    const { onAgencyRef, ...r } = run();
    const agencyRef = this.nextRef(o.channel, kind);
    const fb: MeasureFeedback = { result: 'rejected', ...r, kind, agencyRef, executedAt: this.nowIso() };
    onAgencyRef?.(agencyRef);
    this.outcomes.set(o.requestId, fb);
    return fb;
  }

  /** the agency's reference: ICBC-DJ-00000042 (冻结), XD 续冻, JD 解冻, KH 扣划, CX 查询 */
  private nextRef(channel: ChannelId, kind: MeasureKindOrQuery): string {
    this.seq += 1;
    return `${channel.slice(channel.indexOf('.') + 1).toUpperCase()}-${KIND_CODE[kind]}-${String(this.seq).padStart(8, '0')}`;
  }

  /** the freeze a renew/unfreeze/deduct/query names, if this case made it and it is still active */
  private freezeOf(o: ByFreeze, anyState = false): { rec: FreezeRecord; asset: Asset } | { rejection: Outcome } {
    const rec = this.records.get(o.freezeRequestId);
    const asset = rec ? this.assets.get(rec.assetKey) : undefined;
    if (!rec || !asset || rec.existing || rec.caseNumber !== o.caseNumber || rec.owner !== o.owner || rec.channel !== o.channel
      || (o.assetIdentifier !== undefined && o.assetIdentifier !== asset.identifier)) {
      return { rejection: reject('NOT_FROZEN_BY_THIS_CASE', `本案未在该财产上作出编号为 ${o.freezeRequestId} 的冻结`) };
    }
    this.settle(asset);
    if (!anyState && rec.state === 'lapsed') return { rejection: reject('FREEZE_LAPSED', `该冻结已于 ${rec.endsOn} 届满失效`) };
    if (!anyState && rec.state === 'released') return { rejection: reject('FREEZE_RELEASED', '该冻结已解除') };
    return { rec, asset };
  }

  /** units a freeze holds in force now (0 while waiting or once gone) */
  private heldUnits(asset: Asset, id: string): number {
    const p = Q.entryOf(asset.queue, id);
    return p && p.position === 0 ? (p.frozen ?? 0) : 0;
  }

  private holder(asset: Asset, rec: FreezeRecord, places?: ReadonlyMap<string, Q.QueuePlace>): Holder {
    const place = rec.state !== 'active' ? undefined : places ? places.get(rec.id) : Q.entryOf(asset.queue, rec.id);
    const status: FreezeStatus = rec.state === 'lapsed' ? 'lapsed' : rec.state === 'released' || !place ? 'released' : place.position > 0 ? 'waiting' : 'in_force';
    const h: Holder = {
      id: rec.id, existing: rec.existing, courtName: rec.courtName, caseNumber: rec.caseNumber, status,
      endsOn: rec.endsOn, registeredAt: rec.registeredAt, deducted: rec.deducted, released: rec.released,
    };
    if (place) h.queuePosition = place.position;
    if (rec.asked !== undefined) h.asked = rec.asked;
    if (asset.shape !== 'whole') {
      h.frozenUnits = place && place.position === 0 ? (place.frozen ?? 0) : 0;
      h.frozenAmount = h.frozenUnits * asset.unitValue;
    }
    if (place?.effectiveFrom) h.effectiveFrom = place.effectiveFrom;
    if (rec.lapsedOn) h.lapsedOn = rec.lapsedOn;
    if (rec.releasedAt) h.releasedAt = rec.releasedAt;
    return h;
  }

  /** Freezes that ended before today lapse, in the order they ended; the next in line moves up. */
  private settle(asset: Asset): void {
    const r = Q.lapse(asset.queue, this.opts.clock.today());
    if (r.lapsed.length === 0 && r.promoted.length === 0) return;
    asset.queue = r.queue;
    for (const e of r.lapsed) {
      const rec = this.records.get(e.caseRef)!;
      rec.state = 'lapsed';
      rec.lapsedOn = addDays(e.endsOn!, 1);
    }
    this.changed(asset);
  }

  private changed(asset: Asset): void {
    this.opts.onChange?.(asset.key);
  }
}

type Outcome = Partial<MeasureFeedback> & { onAgencyRef?: (agencyRef: string) => void };

function reject(code: RejectionCode, message: string): Outcome {
  return { result: 'rejected', rejection: { code, message } };
}

function placeMap(asset: Asset): Map<string, Q.QueuePlace> {
  return new Map(Q.placesOf(asset.queue).map((p) => [p.caseRef, p]));
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
