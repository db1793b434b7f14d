/**
 * The sandbox agencies' ledger (electron/sandbox/ledger.ts): freezes within what is available, the
 * waiting queue (轮候), lapse and renewal, part release, deduction only from what this case froze,
 * legal period caps, one execution per request id — and money conserved over thousands of random
 * operations (seeded, so a failure reproduces).
 */
import { describe, expect, it } from 'vitest';
import holidayTable from '../../resources/holidays/cn-holidays.json';
import { addDays, addMonths, holidayCalendarFrom } from '../../shared/dates';
import type { ChannelId } from '../../shared/domain/channels';
import type { AssetKind } from '../../shared/domain/types';
import { SandboxClock } from '../../electron/sandbox/clock';
import { Ledger, type Actor, type AssetInit, type CourtAccount, type MeasureFeedback } from '../../electron/sandbox/ledger';
import { ledgerFromPopulation } from '../../electron/sandbox/ledger-seed';
import { generatePopulation } from '../../electron/sandbox/population/index';
import { mulberry32 } from '../../electron/sandbox/prng';

const calendar = holidayCalendarFrom(holidayTable as Record<string, unknown>);
const COURT: CourtAccount = { court: '黔0103', bank: '工行中华北路支行', accountNo: '2402001109200031035', name: '贵阳市云岩区人民法院' };
const TODAY = '2026-03-02';
const OWNER = '520103199001011236';

function setup(assets: Omit<AssetInit, 'owner'>[] = []) {
  const clock = new SandboxClock(() => Date.parse(`${TODAY}T02:00:00Z`));
  const ledger = new Ledger({ clock, courtAccounts: [COURT] });
  for (const a of assets) ledger.addAsset({ owner: OWNER, ...a });
  let n = 0;
  const actor = (caseNo: number, channel: ChannelId = 'bank.icbc', id = `req-${String(++n).padStart(6, '0')}`): Actor => ({
    requestId: id, court: '黔0103', courtName: '贵阳市云岩区人民法院', caseNumber: `(2026)黔0103执${caseNo}号`, owner: OWNER, channel,
  });
  return { clock, ledger, actor, today: () => clock.today() };
}

const deposit = (identifier: string, units: number, existing: AssetInit['existing'] = []): Omit<AssetInit, 'owner'> => ({ channel: 'bank.icbc', kind: 'deposit', identifier, units, existing });
const whole = (channel: ChannelId, kind: AssetKind, identifier: string, existing: AssetInit['existing'] = []): Omit<AssetInit, 'owner'> => ({ channel, kind, identifier, existing });
const other = (amount: number | undefined, endsOn = '2026-12-31') => ({ courtName: '贵阳市南明区人民法院', caseNumber: '(2025)黔0102执377号', ...(amount !== undefined ? { amount } : {}), endsOn });
const courtAccount = { bank: COURT.bank, accountNo: COURT.accountNo, name: COURT.name };
const code = (f: MeasureFeedback) => f.rejection?.code;

describe('freeze', () => {
  it('freezes at most what is available and reports what it froze', () => {
    const { ledger, actor } = setup([deposit('6222000000000001', 1_000_000, [other(300_000)])]);
    const f = ledger.freeze({ ...actor(1), assetIdentifier: '6222000000000001', amount: 900_000, endsOn: '2026-12-31' });
    expect(f).toMatchObject({ result: 'executed', kind: 'freeze', freezeStatus: 'in_force', frozenAmount: 700_000, queuePosition: 0, balanceAfter: 1_000_000, endsOn: '2026-12-31' });
    expect(f.agencyRef).toMatch(/^ICBC-DJ-\d{8}$/);
    const v = ledger.view(ledger.keysByIdentifier('6222000000000001')[0]!)!;
    expect([v.balance, v.frozenTotal, v.available]).toEqual([1_000_000, 1_000_000, 0]);
  });

  it('queues freezes on an asset already frozen, positions counting only those waiting', () => {
    const { ledger, actor } = setup([deposit('A1', 500_000, [other(500_000)])]);
    const a = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 100_000, endsOn: '2026-12-31' });
    const b = ledger.freeze({ ...actor(2), assetIdentifier: 'A1', amount: 100_000, endsOn: '2026-12-31' });
    expect([a.result, a.queuePosition, a.frozenAmount]).toEqual(['waiting', 1, 0]);
    expect([b.result, b.queuePosition, b.freezeStatus]).toEqual(['waiting', 2, 'waiting']);
    expect(ledger.view(ledger.keysByIdentifier('A1')[0]!)!.queue).toEqual([a.freezeRequestId, b.freezeRequestId]);
  });

  it('seals a whole asset without an amount; a later seal waits', () => {
    const { ledger, actor } = setup([whole('realestate.gz', 'real_estate', '黔(2021)贵阳市不动产权第0012345号')]);
    const a = ledger.freeze({ ...actor(1, 'realestate.gz'), assetIdentifier: '黔(2021)贵阳市不动产权第0012345号', endsOn: '2029-03-01' });
    const b = ledger.freeze({ ...actor(2, 'realestate.gz'), assetIdentifier: '黔(2021)贵阳市不动产权第0012345号', endsOn: '2029-03-01' });
    expect(a).toMatchObject({ result: 'executed', freezeStatus: 'in_force', queuePosition: 0 });
    expect(a.frozenAmount).toBeUndefined();
    expect(a.agencyRef).toMatch(/^GZ-DJ-/);
    expect(b).toMatchObject({ result: 'waiting', queuePosition: 1 });
    expect(code(ledger.freeze({ ...actor(3, 'realestate.gz'), assetIdentifier: '黔(2021)贵阳市不动产权第0012345号', amount: 1, endsOn: '2027-01-01' }))).toBe('AMOUNT_INVALID');
  });

  it('freezes whole shares of a position, enough to cover the amount', () => {
    const { ledger, actor } = setup([{ channel: 'securities.csdc', kind: 'securities', identifier: 'A123456789:600519', units: 200, unitValue: 148_866 }]);
    const f = ledger.freeze({ ...actor(1, 'securities.csdc'), assetIdentifier: 'A123456789:600519', amount: 300_000, endsOn: '2028-12-31' });
    expect(f).toMatchObject({ result: 'executed', frozenQuantity: 3, frozenAmount: 3 * 148_866 });
    expect(f.balanceAfter).toBeUndefined();
  });

  it('refuses an unknown asset, a missing or non-positive amount, and periods past the legal caps', () => {
    const { ledger, actor, today } = setup([
      deposit('D1', 100_000), whole('vehicle.mps', 'vehicle', '贵A·3B821'), whole('realestate.gz', 'real_estate', 'R1'), whole('equity.samr', 'equity', '贵阳鑫盛商贸有限公司'),
    ]);
    const t = today();
    expect(code(ledger.freeze({ ...actor(1), assetIdentifier: 'nope', amount: 1, endsOn: addDays(t, 30) }))).toBe('ASSET_NOT_FOUND');
    expect(code(ledger.freeze({ ...actor(1), assetIdentifier: 'D1', endsOn: addDays(t, 30) }))).toBe('AMOUNT_INVALID');
    expect(code(ledger.freeze({ ...actor(1), assetIdentifier: 'D1', amount: 0, endsOn: addDays(t, 30) }))).toBe('AMOUNT_INVALID');
    expect(code(ledger.freeze({ ...actor(1), assetIdentifier: 'D1', amount: 1, endsOn: addDays(t, -1) }))).toBe('PERIOD_INVALID');
    // deposits: one year, the start day counted: the last day is the day before the anniversary
    expect(code(ledger.freeze({ ...actor(1), assetIdentifier: 'D1', amount: 1, endsOn: addMonths(t, 12) }))).toBe('PERIOD_TOO_LONG');
    expect(ledger.freeze({ ...actor(1), assetIdentifier: 'D1', amount: 1, endsOn: addDays(addMonths(t, 12), -1) }).result).toBe('executed');
    // vehicles: two years; real estate and equity: three
    expect(code(ledger.freeze({ ...actor(1, 'vehicle.mps'), assetIdentifier: '贵A·3B821', endsOn: addDays(addMonths(t, 24), 10) }))).toBe('PERIOD_TOO_LONG');
    expect(ledger.freeze({ ...actor(1, 'vehicle.mps'), assetIdentifier: '贵A·3B821', endsOn: addMonths(t, 23) }).result).toBe('executed');
    expect(code(ledger.freeze({ ...actor(1, 'realestate.gz'), assetIdentifier: 'R1', endsOn: addDays(addMonths(t, 36), 10) }))).toBe('PERIOD_TOO_LONG');
    expect(ledger.freeze({ ...actor(1, 'realestate.gz'), assetIdentifier: 'R1', endsOn: addMonths(t, 35) }).result).toBe('executed');
    expect(ledger.freeze({ ...actor(1, 'equity.samr'), assetIdentifier: '贵阳鑫盛商贸有限公司', endsOn: addMonths(t, 30) }).result).toBe('executed');
  });
});

describe('release, lapse and renewal', () => {
  it('release of the freeze in force lets the earliest waiting one take effect', () => {
    const { ledger, actor } = setup([deposit('A1', 500_000)]);
    const x = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 500_000, endsOn: '2026-12-31' });
    const a = ledger.freeze({ ...actor(2), assetIdentifier: 'A1', amount: 200_000, endsOn: '2026-12-31' });
    const b = ledger.freeze({ ...actor(3), assetIdentifier: 'A1', amount: 200_000, endsOn: '2026-12-31' });
    expect([a.queuePosition, b.queuePosition]).toEqual([1, 2]);
    const r = ledger.unfreeze({ ...actor(1), freezeRequestId: x.freezeRequestId! });
    expect(r).toMatchObject({ result: 'executed', kind: 'unfreeze', freezeStatus: 'released', releasedAmount: 500_000, frozenAmount: 0 });
    expect(r.queuePosition).toBeUndefined();
    expect(ledger.frozenBalance({ ...actor(2), freezeRequestId: a.freezeRequestId! })).toMatchObject({ freezeStatus: 'in_force', frozenAmount: 200_000, queuePosition: 0 });
    expect(ledger.frozenBalance({ ...actor(3), freezeRequestId: b.freezeRequestId! })).toMatchObject({ freezeStatus: 'in_force', frozenAmount: 200_000, queuePosition: 0 });
    expect(code(ledger.unfreeze({ ...actor(1), freezeRequestId: x.freezeRequestId! }))).toBe('FREEZE_RELEASED');
  });

  it('a seal released hands the asset to the first in line, the others move up', () => {
    const { ledger, actor } = setup([whole('vehicle.mps', 'vehicle', '贵A·12345')]);
    const ids = [1, 2, 3].map((c) => ledger.freeze({ ...actor(c, 'vehicle.mps'), assetIdentifier: '贵A·12345', endsOn: '2027-06-30' }).freezeRequestId!);
    ledger.unfreeze({ ...actor(1, 'vehicle.mps'), freezeRequestId: ids[0]! });
    expect(ledger.frozenBalance({ ...actor(2, 'vehicle.mps'), freezeRequestId: ids[1]! })).toMatchObject({ freezeStatus: 'in_force', queuePosition: 0 });
    expect(ledger.frozenBalance({ ...actor(3, 'vehicle.mps'), freezeRequestId: ids[2]! })).toMatchObject({ freezeStatus: 'waiting', queuePosition: 1 });
  });

  it('an unrenewed freeze lapses the day after its end date and loses its place for good', () => {
    const { ledger, actor, clock, today } = setup([deposit('A1', 300_000)]);
    const x = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 300_000, endsOn: addDays(today(), 10) });
    const a = ledger.freeze({ ...actor(2), assetIdentifier: 'A1', amount: 300_000, endsOn: addDays(today(), 200) });
    expect(a.queuePosition).toBe(1);
    clock.advanceDays(10);
    expect(ledger.frozenBalance({ ...actor(1), freezeRequestId: x.freezeRequestId! }).freezeStatus).toBe('in_force');
    clock.advanceDays(1);
    expect(ledger.frozenBalance({ ...actor(1), freezeRequestId: x.freezeRequestId! })).toMatchObject({ freezeStatus: 'lapsed', frozenAmount: 0 });
    expect(ledger.frozenBalance({ ...actor(2), freezeRequestId: a.freezeRequestId! })).toMatchObject({ freezeStatus: 'in_force', frozenAmount: 300_000 });
    expect(code(ledger.renew({ ...actor(1), freezeRequestId: x.freezeRequestId!, endsOn: addDays(today(), 100) }))).toBe('FREEZE_LAPSED');
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: x.freezeRequestId!, amount: 1, courtAccount }))).toBe('FREEZE_LAPSED');
    // frozen again, it queues behind the one that moved up
    expect(ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 300_000, endsOn: addDays(today(), 100) })).toMatchObject({ result: 'waiting', queuePosition: 1 });
    const v = ledger.view(ledger.keysByIdentifier('A1')[0]!)!;
    expect(v.freezes.find((f) => f.id === x.freezeRequestId)).toMatchObject({ status: 'lapsed', lapsedOn: today() });
  });

  it("other courts' earlier freezes lapse by themselves too", () => {
    const { ledger, actor, clock, today } = setup([deposit('A1', 300_000, [other(300_000, addDays(TODAY, 5))])]);
    const a = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 100_000, endsOn: addDays(today(), 100) });
    expect(a.result).toBe('waiting');
    clock.advanceDays(6);
    expect(ledger.frozenBalance({ ...actor(1), freezeRequestId: a.freezeRequestId! })).toMatchObject({ freezeStatus: 'in_force', frozenAmount: 100_000 });
  });

  it('renewal extends the end date before expiry, within the cap counted from the current end', () => {
    const { ledger, actor, clock, today } = setup([deposit('A1', 300_000)]);
    const x = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 100_000, endsOn: addDays(today(), 30) });
    const current = addDays(today(), 30);
    expect(code(ledger.renew({ ...actor(1), freezeRequestId: x.freezeRequestId!, endsOn: current }))).toBe('PERIOD_INVALID');
    expect(code(ledger.renew({ ...actor(1), freezeRequestId: x.freezeRequestId!, endsOn: addDays(addMonths(current, 12), 5) }))).toBe('PERIOD_TOO_LONG');
    expect(code(ledger.renew({ ...actor(2), freezeRequestId: x.freezeRequestId!, endsOn: addDays(current, 100) }))).toBe('NOT_FROZEN_BY_THIS_CASE');
    const r = ledger.renew({ ...actor(1), freezeRequestId: x.freezeRequestId!, endsOn: addDays(current, 300) });
    expect(r).toMatchObject({ result: 'executed', kind: 'renew', freezeStatus: 'in_force', endsOn: addDays(current, 300), frozenAmount: 100_000 });
    expect(r.agencyRef).toMatch(/-XD-/);
    clock.advanceDays(200);
    expect(ledger.frozenBalance({ ...actor(1), freezeRequestId: x.freezeRequestId! }).freezeStatus).toBe('in_force');
  });

  it('part release of a deposit freeze keeps the rest frozen; more than it holds is refused', () => {
    const { ledger, actor } = setup([deposit('A1', 1_000_000), whole('realestate.gz', 'real_estate', 'R1')]);
    const x = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 500_000, endsOn: '2026-12-31' });
    const id = x.freezeRequestId!;
    expect(ledger.unfreeze({ ...actor(1), freezeRequestId: id, amount: 200_000 })).toMatchObject({ result: 'executed', freezeStatus: 'in_force', releasedAmount: 200_000, frozenAmount: 300_000 });
    expect(ledger.view(ledger.keysByIdentifier('A1')[0]!)!.available).toBe(700_000);
    expect(code(ledger.unfreeze({ ...actor(1), freezeRequestId: id, amount: 400_000 }))).toBe('INSUFFICIENT_FROZEN');
    expect(code(ledger.unfreeze({ ...actor(1), freezeRequestId: id, amount: 0 }))).toBe('AMOUNT_INVALID');
    expect(ledger.unfreeze({ ...actor(1), freezeRequestId: id })).toMatchObject({ freezeStatus: 'released', releasedAmount: 300_000 });
    const s = ledger.freeze({ ...actor(1, 'realestate.gz'), assetIdentifier: 'R1', endsOn: '2027-12-31' });
    expect(code(ledger.unfreeze({ ...actor(1, 'realestate.gz'), freezeRequestId: s.freezeRequestId!, amount: 1 }))).toBe('AMOUNT_INVALID');
  });
});

describe('deduction', () => {
  it('takes only from what this case froze, never more, into the court account once', () => {
    const { ledger, actor } = setup([deposit('A1', 1_000_000, [other(400_000)])]);
    const x = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 500_000, endsOn: '2026-12-31' });
    const w = ledger.freeze({ ...actor(2), assetIdentifier: 'A1', amount: 500_000, endsOn: '2026-12-31' });
    expect(w.frozenAmount).toBe(100_000);
    const id = x.freezeRequestId!;
    expect(code(ledger.deduct({ ...actor(3), freezeRequestId: id, amount: 1, courtAccount }))).toBe('NOT_FROZEN_BY_THIS_CASE');
    expect(code(ledger.deduct({ ...actor(1, 'bank.ccb'), freezeRequestId: id, amount: 1, courtAccount }))).toBe('NOT_FROZEN_BY_THIS_CASE');
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: id, assetIdentifier: 'A2', amount: 1, courtAccount }))).toBe('NOT_FROZEN_BY_THIS_CASE');
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: 'pop:1', amount: 1, courtAccount }))).toBe('NOT_FROZEN_BY_THIS_CASE');
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: id, amount: 500_001, courtAccount }))).toBe('INSUFFICIENT_FROZEN');
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: id, amount: 100, courtAccount: { ...courtAccount, accountNo: '1' } }))).toBe('COURT_ACCOUNT_INVALID');
    const d = ledger.deduct({ ...actor(1, 'bank.icbc', 'deduct-000001'), freezeRequestId: id, amount: 200_000, courtAccount });
    expect(d).toMatchObject({ result: 'executed', kind: 'deduct', deductedAmount: 200_000, frozenAmount: 300_000, balanceAfter: 800_000, freezeStatus: 'in_force' });
    // the same request id again: the stored answer, nothing moves
    expect(ledger.deduct({ ...actor(1, 'bank.icbc', 'deduct-000001'), freezeRequestId: id, amount: 200_000, courtAccount })).toEqual(d);
    expect(ledger.executions.get('deduct-000001')).toBe(2);
    const acct = ledger.courtAccounts()[0]!;
    expect(acct.balance).toBe(200_000);
    expect(acct.receipts).toEqual([expect.objectContaining({ requestId: 'deduct-000001', freezeRequestId: id, amount: 200_000, agencyRef: d.agencyRef })]);
    expect(ledger.totals()).toEqual({ debtorsTotal: 800_000, courtTotal: 200_000, initialTotal: 1_000_000, conserved: true });
    // the rest, then nothing is left to take; the freeze is spent
    expect(ledger.deduct({ ...actor(1), freezeRequestId: id, amount: 300_000, courtAccount })).toMatchObject({ freezeStatus: 'released', frozenAmount: 0, balanceAfter: 500_000 });
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: id, amount: 1, courtAccount }))).toBe('FREEZE_RELEASED');
    // the second case holds 100,000 in force, and nothing was freed for it by the deductions
    expect(ledger.frozenBalance({ ...actor(2), freezeRequestId: w.freezeRequestId! })).toMatchObject({ frozenAmount: 100_000, balanceAfter: 500_000 });
  });

  it('a waiting freeze holds nothing to deduct', () => {
    const { ledger, actor } = setup([deposit('A1', 100_000, [other(100_000)])]);
    const w = ledger.freeze({ ...actor(1), assetIdentifier: 'A1', amount: 50_000, endsOn: '2026-12-31' });
    expect(code(ledger.deduct({ ...actor(1), freezeRequestId: w.freezeRequestId!, amount: 1, courtAccount }))).toBe('INSUFFICIENT_FROZEN');
  });

  it('deducts nothing from a seal', () => {
    const { ledger, actor } = setup([whole('realestate.gz', 'real_estate', 'R1')]);
    const s = ledger.freeze({ ...actor(1, 'realestate.gz'), assetIdentifier: 'R1', endsOn: '2027-12-31' });
    expect(code(ledger.deduct({ ...actor(1, 'realestate.gz'), freezeRequestId: s.freezeRequestId!, amount: 1, courtAccount }))).toBe('AMOUNT_INVALID');
  });
});

describe('one execution per request id', () => {
  it('a repeated freeze id answers the stored outcome and freezes once', () => {
    const { ledger, actor } = setup([deposit('A1', 100_000)]);
    const a = actor(1, 'bank.icbc', 'freeze-0000001');
    const f1 = ledger.freeze({ ...a, assetIdentifier: 'A1', amount: 60_000, endsOn: '2026-12-31' });
    const f2 = ledger.freeze({ ...a, assetIdentifier: 'A1', amount: 60_000, endsOn: '2026-12-31' });
    expect(f2).toEqual(f1);
    expect(ledger.view(ledger.keysByIdentifier('A1')[0]!)!.frozenTotal).toBe(60_000);
  });
});

describe('seeded from the population', () => {
  it("holds other courts' earlier freezes from the start, conserves money, and shows measures in the holdings", () => {
    const pop = generatePopulation(20250701);
    const clock = new SandboxClock(() => Date.parse('2026-11-02T02:00:00Z'));
    const { ledger } = ledgerFromPopulation(pop, clock, [COURT]);
    const total = [...pop.persons, ...pop.companies].reduce((s, x) => s + x.holdings.bankAccounts.reduce((t, a) => t + a.balance, 0)
      + x.holdings.onlineFunds.reduce((t, a) => t + a.balance, 0) + x.holdings.providentFund.reduce((t, a) => t + a.balance, 0), 0);
    expect(ledger.totals()).toEqual({ debtorsTotal: total, courtTotal: 0, initialTotal: total, conserved: true });
    const holder = pop.persons.find((p) => p.holdings.bankAccounts.some((a) => a.freezes.length > 0 && a.freezes.reduce((s, f) => s + f.amount!, 0) < a.balance))!;
    const acct = holder.holdings.bankAccounts.find((a) => a.freezes.length > 0 && a.freezes.reduce((s, f) => s + f.amount!, 0) < a.balance)!;
    const before = acct.freezes.map((f) => ({ ...f }));
    const view = ledger.view(ledger.keysByIdentifier(acct.accountNo)[0]!)!;
    expect(view.freezes.map((f) => [f.existing, f.status, f.frozenAmount])).toEqual(before.map((f) => [true, 'in_force', f.amount]));
    const f = ledger.freeze({
      requestId: 'seeded-freeze-1', court: '黔0103', courtName: '贵阳市云岩区人民法院', caseNumber: '(2026)黔0103执9号', owner: holder.idNumber,
      channel: acct.bank, assetIdentifier: acct.accountNo, amount: acct.balance, endsOn: '2027-06-30',
    });
    expect(f.frozenAmount).toBe(acct.balance - before.reduce((s, x) => s + x.amount!, 0));
    expect(acct.freezes).toEqual([...before, { court: '贵阳市云岩区人民法院', caseNumber: '(2026)黔0103执9号', amount: f.frozenAmount, until: '2027-06-30' }]);
  });
});

describe('property: money is conserved over thousands of random operations', () => {
  it('keeps every invariant after each of 5,000 seeded operations', () => {
    const rnd = mulberry32(424242);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const accounts = ['P1', 'P2', 'P3', 'P4', 'P5'];
    const { ledger, clock, today } = setup([
      deposit('P1', 1_000_000), deposit('P2', 50_000, [other(20_000, addDays(TODAY, 40))]), deposit('P3', 0),
      deposit('P4', 7_777_777, [other(7_000_000, addDays(TODAY, 400))]), deposit('P5', 123, [other(123, addDays(TODAY, 3))]),
      whole('realestate.gz', 'real_estate', 'R1', [other(undefined, addDays(TODAY, 20))]),
    ]);
    const initial = ledger.totals().initialTotal;
    const cases = [1, 2, 3, 4];
    const freezes: { id: string; caseNo: number; channel: ChannelId }[] = [];
    let seq = 0;
    const actor = (caseNo: number, channel: ChannelId): Actor => ({
      requestId: `prop-${String(++seq).padStart(6, '0')}`, court: '黔0103', courtName: '贵阳市云岩区人民法院', caseNumber: `(2026)黔0103执${caseNo}号`, owner: OWNER, channel,
    });
    let deducted = 0;
    const deductedFrom = new Map<string, number>();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 5_000; i++) {
      const op = pick(['freeze', 'freeze', 'seal', 'renew', 'renew', 'unfreeze', 'unfreeze', 'unfreeze', 'unfreezePart', 'deduct', 'deduct', 'deduct', 'query', 'advance', 'retry'] as const);
      let fb: MeasureFeedback | undefined;
      if (op === 'freeze') {
        const caseNo = pick(cases);
        fb = ledger.freeze({ ...actor(caseNo, 'bank.icbc'), assetIdentifier: pick(accounts), amount: int(-10, 2_000_000), endsOn: addDays(today(), int(-2, 380)) });
        if (fb.result !== 'rejected') freezes.push({ id: fb.freezeRequestId!, caseNo, channel: 'bank.icbc' });
      } else if (op === 'seal') {
        const caseNo = pick(cases);
        fb = ledger.freeze({ ...actor(caseNo, 'realestate.gz'), assetIdentifier: 'R1', endsOn: addDays(today(), int(1, 400)) });
        if (fb.result !== 'rejected') freezes.push({ id: fb.freezeRequestId!, caseNo, channel: 'realestate.gz' });
      } else if (freezes.length > 0 && op !== 'advance' && op !== 'retry') {
        // mostly a freeze still active (as a judge acts on live measures), now and then any
        const live = freezes.filter((x) => ['in_force', 'waiting'].includes(ledger.stateOf(x.id).freezeStatus!));
        const inForce = live.filter((x) => ledger.stateOf(x.id).freezeStatus === 'in_force');
        const pool = (op === 'deduct' || op === 'unfreezePart') && inForce.length > 0 ? inForce : live;
        const f = pool.length > 0 && rnd() < 0.85 ? pick(pool) : pick(freezes);
        // now and then another case tries to act on it
        const caseNo = rnd() < 0.1 ? pick(cases) : f.caseNo;
        const a = actor(caseNo, f.channel);
        if (op === 'renew') fb = ledger.renew({ ...a, freezeRequestId: f.id, endsOn: addDays(today(), int(-5, 400)) });
        else if (op === 'unfreeze') fb = ledger.unfreeze({ ...a, freezeRequestId: f.id });
        else if (op === 'unfreezePart') fb = ledger.unfreeze({ ...a, freezeRequestId: f.id, amount: rnd() < 0.7 ? int(1, Math.max(1, ledger.stateOf(f.id).frozenAmount ?? 1)) : int(-5, 3_000_000) });
        else if (op === 'query') fb = ledger.frozenBalance({ ...a, freezeRequestId: f.id });
        else {
          const before = ledger.frozenBalance({ ...actor(f.caseNo, f.channel), freezeRequestId: f.id });
          const amount = rnd() < 0.7 ? int(1, Math.max(1, before.frozenAmount ?? 1)) : int(-5, 3_000_000);
          fb = ledger.deduct({ ...a, freezeRequestId: f.id, amount, courtAccount });
          if (fb.result === 'executed') {
            expect(caseNo).toBe(f.caseNo);
            expect(amount).toBeGreaterThan(0);
            expect(amount).toBeLessThanOrEqual(before.frozenAmount!);
            expect(before.freezeStatus).toBe('in_force');
            expect(fb.frozenAmount).toBe(before.frozenAmount! - amount);
            expect(fb.balanceAfter).toBe(before.balanceAfter! - amount);
            deducted += amount;
            deductedFrom.set(fb.assetIdentifier!, (deductedFrom.get(fb.assetIdentifier!) ?? 0) + amount);
          }
        }
        if (fb.result !== 'rejected') expect(caseNo).toBe(f.caseNo);
      } else if (op === 'advance') {
        clock.advanceDays(int(0, 25));
      } else if (op === 'retry' && seq > 0) {
        // a request id seen before: answered from the ledger's record, nothing moves
        const totalsBefore = ledger.totals();
        const id = `prop-${String(int(1, seq)).padStart(6, '0')}`;
        const again = ledger.freeze({ requestId: id, court: '黔0103', courtName: 'x', caseNumber: '(2026)黔0103执1号', owner: OWNER, channel: 'bank.icbc', assetIdentifier: 'P1', amount: 1, endsOn: addDays(today(), 30) });
        expect(again).toEqual(ledger.outcome(id));
        expect(ledger.totals()).toEqual(totalsBefore);
      }
      if (fb) counts[`${op}:${fb.result}`] = (counts[`${op}:${fb.result}`] ?? 0) + 1;

      // invariants (checked as one list of broken ones, so 5,000 steps stay fast)
      const broken: string[] = [];
      const totals = ledger.totals();
      if (!totals.conserved || totals.initialTotal !== initial || totals.courtTotal !== deducted) broken.push(`totals ${JSON.stringify(totals)} deducted ${deducted}`);
      const acct = ledger.courtAccounts()[0]!;
      if (acct.receipts.reduce((s, r) => s + r.amount, 0) !== acct.balance) broken.push('receipts do not add up to the court account');
      for (const id of [...accounts, 'R1']) {
        const v = ledger.view(ledger.keysByIdentifier(id)[0]!)!;
        const waiting = v.freezes.filter((f) => f.status === 'waiting').map((f) => f.queuePosition);
        if (waiting.some((p, k) => p !== k + 1)) broken.push(`${id}: waiting positions ${waiting.join(',')}`);
        for (const f of v.freezes) {
          if (f.status === 'lapsed' && !(f.endsOn < today())) broken.push(`${id}: ${f.id} lapsed before its end`);
          if ((f.status === 'in_force' || f.status === 'waiting') && f.endsOn < today()) broken.push(`${id}: ${f.id} outlived its end`);
        }
        const inForce = v.freezes.filter((f) => f.status === 'in_force');
        if (id === 'R1') {
          if (inForce.length > 1) broken.push('two seals in force at once');
          if (inForce.length === 0 && waiting.length > 0) broken.push('a seal waits behind nobody');
          continue;
        }
        if (v.balance! < 0 || v.available! < 0 || v.frozenTotal! + v.available! !== v.balance) broken.push(`${id}: balance ${v.balance} frozen ${v.frozenTotal} available ${v.available}`);
        if (!inForce.every((f) => f.frozenAmount! > 0 && f.frozenAmount! <= (f.asked ?? Infinity))) broken.push(`${id}: a freeze in force holds nothing or more than asked`);
        // a freeze waits only while nothing is free
        if (waiting.length > 0 && v.available !== 0) broken.push(`${id}: a freeze waits while ${v.available} is free`);
        const start = { P1: 1_000_000, P2: 50_000, P3: 0, P4: 7_777_777, P5: 123 }[id as 'P1']!;
        if (v.balance !== start - (deductedFrom.get(id) ?? 0)) broken.push(`${id}: balance moved by something other than deductions`);
      }
      if (broken.length) expect.fail(`after operation ${i} (${op}): ${broken.join('; ')}`);
    }
    // the walk really exercised every path
    for (const k of ['freeze:executed', 'freeze:waiting', 'freeze:rejected', 'seal:executed', 'seal:waiting', 'renew:executed', 'renew:rejected',
      'unfreeze:executed', 'unfreezePart:executed', 'unfreezePart:rejected', 'deduct:executed', 'deduct:rejected']) {
      expect(counts[k], k).toBeGreaterThan(0);
    }
    expect(deducted).toBeGreaterThan(0);
  });
});
