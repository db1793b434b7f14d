/**
 * No over-seizure (docs/domain.md rule 1; 查扣冻规定 art. 19): a case may hold frozen no more than it is
 * still owed plus enforcement costs. Listed shares count at the previous close with up to 20% margin
 * (法发〔2019〕35号 item 7); an indivisible asset may go above the cap only when other property does
 * not cover it, and then with a recorded reason; living costs stay with a person debtor
 * (查扣冻规定 art. 3(2)). Amounts are written as a judge writes them, in 元.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../../../shared/domain/channels';
import type { AssetKind } from '../../../shared/domain/types';
import { parseYuan } from '../../../shared/money';
import {
  checkFreezeSet, countedValue, excessToRelease, freezeCap, isIndivisible, LIQUIDITY_ORDER, securitiesLimit,
  suggestAllocation, type FreezableAsset, type HeldFreeze,
} from '../../../shared/rules';
import { seeded } from './prng';

/** ¥ as written on a ruling → integer fen. */
function Y(s: string): number {
  const r = parseYuan(s);
  if (!r.ok) throw new Error(`bad amount in test: ${s}`);
  return r.value;
}

const CHANNEL: Record<AssetKind, ChannelId> = {
  deposit: 'bank.icbc', online_funds: 'funds.alipay', provident_fund: 'providentfund.gy', wealth: 'wealth.cwmr',
  securities: 'securities.csdc', vehicle: 'vehicle.mps', equity: 'equity.samr', real_estate: 'realestate.gz',
};

function asset(id: string, kind: AssetKind, o: { value?: string; available?: string; channel?: ChannelId; partyId?: string } = {}): FreezableAsset {
  const a: FreezableAsset = { id, kind, partyId: o.partyId ?? 'debtor-1', channel: o.channel ?? CHANNEL[kind] };
  if (o.value !== undefined) a.value = Y(o.value);
  if (o.available !== undefined) a.available = Y(o.available);
  return a;
}

const codes = (vs: { code: string }[]) => vs.map((v) => v.code);

describe('the cap: outstanding amount plus enforcement costs', () => {
  it('is what the ruling orders, plus costs, less what was recovered', () => {
    expect(freezeCap({ amountOwed: Y('1,000,000.00'), costs: Y('13,800.00'), recovered: Y('200,000.00') })).toBe(Y('813,800.00'));
  });

  it('is zero once paid in full, and never negative', () => {
    expect(freezeCap({ amountOwed: Y('50,000.00'), costs: Y('625.00'), recovered: Y('50,625.00') })).toBe(0);
    expect(freezeCap({ amountOwed: Y('50,000.00'), costs: Y('625.00'), recovered: Y('60,000.00') })).toBe(0);
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => freezeCap({ amountOwed: 100.5, costs: 0, recovered: 0 })).toThrow(/integer fen/);
  });
});

describe('how each kind of asset counts against the cap', () => {
  it('funds count at the amount frozen, by default all that is available', () => {
    const acct = asset('a', 'deposit', { value: '10,000.00', available: '7,000.00' });
    expect(countedValue(acct, Y('5,000.00'))).toBe(Y('5,000.00'));
    expect(countedValue(acct)).toBe(Y('7,000.00'));
    expect(countedValue(asset('p', 'provident_fund', { value: '42,000.00' }))).toBe(Y('42,000.00'));
  });

  it('listed shares count at their previous-close value', () => {
    expect(countedValue(asset('s', 'securities', { value: '88,800.00' }), Y('30,000.00'))).toBe(Y('30,000.00'));
  });

  it('an indivisible asset counts whole at its value, whatever amount is named', () => {
    expect(countedValue(asset('flat', 'real_estate', { value: '600,000.00' }), Y('1.00'))).toBe(Y('600,000.00'));
    expect(countedValue(asset('flat', 'real_estate'))).toBeUndefined(); // the registry gives no value
  });

  it('treats flats, vehicles and shareholdings as indivisible, the rest as divisible', () => {
    expect(LIQUIDITY_ORDER.filter(isIndivisible)).toEqual(['vehicle', 'equity', 'real_estate']);
  });

  it('allows shares worth at most 120% of what they secure, exactly, in integer fen', () => {
    expect(securitiesLimit(Y('10,000.00'))).toBe(Y('12,000.00'));
    expect(securitiesLimit(1)).toBe(1); // 1.2 fen rounds down
    expect(securitiesLimit(0)).toBe(0);
    expect(securitiesLimit(-5)).toBe(0);
    // Large enough that value × 120 would lose precision in floating point:
    expect(securitiesLimit(7_000_000_000_000_001)).toBe(8_400_000_000_000_001);
  });
});

describe('checking the freezes a judge has chosen', () => {
  const cap = Y('12,345.00');

  it('accepts funds within the cap and says what remains', () => {
    const r = checkFreezeSet(cap, 0, [
      { asset: asset('icbc', 'deposit', { available: '8,000.00' }), amount: Y('8,000.00') },
      { asset: asset('alipay', 'online_funds', { available: '3,000.00' }), amount: Y('3,000.00') },
    ]);
    expect(r).toMatchObject({ ok: true, total: Y('11,000.00'), remaining: Y('1,345.00'), excess: 0, violations: [] });
  });

  it('refuses funds above the cap, in words a judge understands, and says how much this asset may take', () => {
    const r = checkFreezeSet(cap, 0, [
      { asset: asset('icbc', 'deposit', { available: '10,000.00' }), amount: Y('10,000.00') },
      { asset: asset('ccb', 'deposit', { available: '5,000.00', channel: 'bank.ccb' }), amount: Y('2,445.00') },
    ]);
    expect(r.ok).toBe(false);
    expect(r.violations).toEqual([{
      assetId: 'ccb', code: 'OVER_CAP', maxAmount: Y('2,345.00'),
      zh: '冻结总额将超过未执行金额及执行费 ¥12,345.00，超出 ¥100.00；此项最多可冻结 ¥2,345.00',
      en: 'The total frozen would exceed the outstanding amount plus enforcement costs of ¥12,345.00 by ¥100.00; at most ¥2,345.00 may be frozen on this asset',
    }]);
    expect(r.excess).toBe(Y('100.00'));
  });

  it('counts what the case already holds', () => {
    const r = checkFreezeSet(cap, Y('12,000.00'), [{ asset: asset('icbc', 'deposit', { available: '9,000.00' }), amount: Y('500.00') }]);
    expect(r.violations[0]).toMatchObject({ code: 'OVER_CAP', maxAmount: Y('345.00') });
    const full = checkFreezeSet(cap, cap, [{ asset: asset('icbc', 'deposit', { available: '9,000.00' }), amount: Y('1.00') }]);
    expect(full.violations[0]!.zh).toContain('冻结上限已满，此项不应再冻结');
    expect(full.violations[0]!.maxAmount).toBe(0);
  });

  it('takes the amount as all that is available when none is named', () => {
    const r = checkFreezeSet(cap, 0, [{ asset: asset('icbc', 'deposit', { value: '20,000.00', available: '4,000.00' }) }]);
    expect(r).toMatchObject({ ok: true, total: Y('4,000.00') });
  });

  it('never freezes more than the asset has available', () => {
    // 7,000 of the 10,000 balance is already frozen by another court.
    const r = checkFreezeSet(cap, 0, [{ asset: asset('icbc', 'deposit', { value: '10,000.00', available: '3,000.00' }), amount: Y('5,000.00') }]);
    expect(r.violations).toEqual([{
      assetId: 'icbc', code: 'AMOUNT_ABOVE_AVAILABLE', maxAmount: Y('3,000.00'),
      zh: '冻结金额 ¥5,000.00 超过该财产可冻结余额 ¥3,000.00',
      en: 'The amount ¥5,000.00 exceeds what is available on this asset, ¥3,000.00',
    }]);
  });

  it('refuses a zero or negative amount, and an amount in fractions of a fen', () => {
    const a = asset('icbc', 'deposit', { available: '3,000.00' });
    expect(codes(checkFreezeSet(cap, 0, [{ asset: a, amount: 0 }]).violations)).toEqual(['ZERO_AMOUNT']);
    expect(codes(checkFreezeSet(cap, 0, [{ asset: a, amount: -100 }]).violations)).toEqual(['ZERO_AMOUNT']);
    expect(() => checkFreezeSet(cap, 0, [{ asset: a, amount: 10.5 }])).toThrow(/integer fen/);
  });

  it('refuses an asset whose channel cannot freeze over the network', () => {
    const r = checkFreezeSet(cap, 0, [{ asset: asset('t', 'deposit', { available: '1.00', channel: 'tax.sta' }), amount: 100 }]);
    expect(r.violations).toEqual([{ assetId: 't', code: 'NOT_FREEZABLE', zh: '税务不能办理网络冻结', en: 'Tax does not take freezes over the network' }]);
  });

  it('refuses the same asset twice in one decision (it would be sent twice)', () => {
    const a = asset('icbc', 'deposit', { available: '3,000.00' });
    const r = checkFreezeSet(cap, 0, [{ asset: a, amount: 100 }, { asset: a, amount: 100 }]);
    expect(codes(r.violations)).toEqual(['DUPLICATE_ASSET']);
    expect(r.total).toBe(100);
  });

  describe('listed shares, valued at the previous close with up to 20% margin', () => {
    const cap = Y('100,000.00');

    it('allows shares worth up to 120% of the part of the cap they secure', () => {
      // Funds secure 40,000; shares secure the other 60,000 and may be worth up to 72,000.
      const r = checkFreezeSet(cap, 0, [
        { asset: asset('icbc', 'deposit', { available: '40,000.00' }), amount: Y('40,000.00') },
        { asset: asset('sh600000', 'securities', { value: '90,000.00' }), amount: Y('72,000.00') },
      ]);
      expect(r).toMatchObject({ ok: true, total: Y('112,000.00'), excess: Y('12,000.00') });
    });

    it('refuses shares one fen beyond the margin', () => {
      const r = checkFreezeSet(cap, 0, [
        { asset: asset('icbc', 'deposit', { available: '40,000.00' }), amount: Y('40,000.00') },
        { asset: asset('sh600000', 'securities', { value: '90,000.00' }), amount: Y('72,000.01') },
      ]);
      expect(r.violations).toEqual([expect.objectContaining({ assetId: 'sh600000', code: 'OVER_CAP', maxAmount: Y('72,000.00') })]);
      expect(r.violations[0]!.zh).toContain('120%');
    });

    it('does not let funds use the margin: an excess that comes from funds is over-seizure', () => {
      const r = checkFreezeSet(cap, 0, [
        { asset: asset('icbc', 'deposit', { available: '110,000.00' }), amount: Y('110,000.00') },
      ]);
      expect(codes(r.violations)).toEqual(['OVER_CAP']);
      const withShares = checkFreezeSet(cap, 0, [
        { asset: asset('icbc', 'deposit', { available: '100,000.00' }), amount: Y('100,000.00') },
        { asset: asset('sh600000', 'securities', { value: '1,000.00' }), amount: Y('0.01') },
      ]);
      expect(withShares.violations).toEqual([expect.objectContaining({ assetId: 'sh600000', code: 'OVER_CAP', maxAmount: 0 })]);
    });

    it('keeps the margin of shares frozen earlier when funds are added', () => {
      // Shares worth 110,000 already secure at least 91,666.67 of the cap; funds may take 8,333.33.
      const already = { total: Y('110,000.00'), securities: Y('110,000.00') };
      const fits = checkFreezeSet(cap, already, [{ asset: asset('icbc', 'deposit', { available: '50,000.00' }), amount: Y('8,333.33') }]);
      expect(fits.ok).toBe(true);
      const over = checkFreezeSet(cap, already, [{ asset: asset('icbc', 'deposit', { available: '50,000.00' }), amount: Y('8,333.34') }]);
      expect(over.violations).toEqual([expect.objectContaining({ code: 'OVER_CAP', maxAmount: Y('8,333.33') })]);
    });
  });

  describe('indivisible assets (a flat, a car, a shareholding)', () => {
    const cap = Y('300,000.00');
    const deposits = { asset: asset('icbc', 'deposit', { available: '100,000.00' }), amount: Y('100,000.00') };
    const flat = asset('flat', 'real_estate', { value: '500,000.00' });

    it('may take the total above the cap only with a recorded reason', () => {
      const r = checkFreezeSet(cap, 0, [deposits, { asset: flat }]);
      expect(r.violations).toEqual([{
        assetId: 'flat', code: 'INDIVISIBLE_OVER_CAP_NEEDS_REASON',
        zh: '此财产不可分割，价值 ¥500,000.00，查封后总额将超过未执行金额及执行费 ¥300,000.00，超出 ¥300,000.00；须记录理由（如被执行人无其他财产或其他财产不足以清偿）',
        en: 'This asset cannot be divided; worth ¥500,000.00, sealing it takes the total ¥300,000.00 above the outstanding amount plus enforcement costs of ¥300,000.00; record the reason (e.g. the debtor has no other property, or not enough)',
      }]);
      const withReason = checkFreezeSet(cap, 0, [deposits, { asset: flat }], { reasons: { flat: '被执行人除该房产外无其他足额财产' } });
      expect(withReason).toMatchObject({ ok: true, total: Y('600,000.00'), excess: Y('300,000.00') });
    });

    it('does not take a blank reason', () => {
      expect(checkFreezeSet(cap, 0, [deposits, { asset: flat }], { reasons: { flat: '   ' } }).ok).toBe(false);
    });

    it('needs no reason when it fits within the cap', () => {
      expect(checkFreezeSet(cap, 0, [deposits, { asset: asset('car', 'vehicle', { value: '150,000.00' }) }]).ok).toBe(true);
    });

    it('is over-seizure, reason or not, once other property already covers the cap', () => {
      const enough = { asset: asset('icbc', 'deposit', { available: '300,000.00' }), amount: Y('300,000.00') };
      const r = checkFreezeSet(cap, 0, [{ asset: flat }, enough], { reasons: { flat: '便于处置' } });
      expect(r.violations).toEqual([expect.objectContaining({ assetId: 'flat', code: 'OVER_CAP' })]);
      expect(r.violations[0]!.zh).toBe('其他财产已足额冻结（未执行金额及执行费 ¥300,000.00），不得再查封此不可分财产');
    });

    it('allows one flat above the cap with its reason, not a second one after it', () => {
      const second = asset('flat2', 'real_estate', { value: '400,000.00' });
      const r = checkFreezeSet(cap, 0, [deposits, { asset: flat }, { asset: second }], { reasons: { flat: '无其他财产', flat2: '无其他财产' } });
      expect(r.violations).toEqual([expect.objectContaining({ assetId: 'flat2', code: 'OVER_CAP' })]);
    });

    it('lets a flat of unknown value be sealed while the cap is not covered, with a warning to value it', () => {
      const r = checkFreezeSet(cap, 0, [deposits, { asset: asset('flat', 'real_estate') }]);
      expect(r.ok).toBe(true);
      expect(codes(r.warnings)).toEqual(['VALUE_UNKNOWN']);
      expect(r.total).toBe(Y('100,000.00'));
    });
  });

  describe("living costs on a person debtor's deposits", () => {
    it('refuses a freeze that would leave less than the allowance (查扣冻规定 第三条 is a prohibition), saying the most it may take', () => {
      const r = checkFreezeSet(Y('50,000.00'), 0, [{ asset: asset('icbc', 'deposit', { available: '10,000.00' }), amount: Y('9,000.00') }], { exemptLivingAllowance: Y('1,500.00') });
      expect(r.ok).toBe(false);
      expect(r.violations).toEqual([{
        assetId: 'icbc', code: 'LIVING_COSTS_NOT_LEFT', maxAmount: Y('8,500.00'),
        zh: '应为被执行人及其所扶养家属保留生活必需费用 ¥1,500.00（查扣冻规定第三条），本次冻结后其已知存款账户仅余 ¥1,000.00；此项最多可冻结 ¥8,500.00',
        en: 'Living costs of ¥1,500.00 must be left to the debtor and his dependants (seizure provisions, art. 3); after this freeze his known deposit accounts keep only ¥1,000.00; at most ¥8,500.00 may be frozen on this one',
      }]);
    });

    it('refuses freezing ¥1,000 of an account of ¥1,000 with a ¥900 allowance, and any part of an account below the allowance', () => {
      const all = asset('icbc', 'deposit', { available: '1,000.00' });
      expect(checkFreezeSet(Y('50,000.00'), 0, [{ asset: all, amount: Y('1,000.00') }], { exemptLivingAllowance: Y('900.00') }).violations[0]).toMatchObject({ code: 'LIVING_COSTS_NOT_LEFT', maxAmount: Y('100.00') });
      const small = asset('icbc', 'deposit', { available: '500.00' });
      expect(checkFreezeSet(Y('50,000.00'), 0, [{ asset: small, amount: 1 }], { exemptLivingAllowance: Y('900.00') }).violations[0]).toMatchObject({ code: 'LIVING_COSTS_NOT_LEFT', maxAmount: 0 });
    });

    it('counts the debtor’s other known accounts: money left on one lets another be frozen whole; this case’s earlier freezes do not leave it', () => {
      const a = asset('icbc', 'deposit', { available: '1,000.00' });
      const other = asset('ccb', 'deposit', { available: '2,000.00' });
      const known = [{ asset: a, frozenByCase: 0 }, { asset: other, frozenByCase: 0 }];
      expect(checkFreezeSet(Y('50,000.00'), 0, [{ asset: a, amount: Y('1,000.00') }], { exemptLivingAllowance: Y('900.00'), knownDeposits: known }).ok).toBe(true);
      const frozenBefore = [{ asset: a, frozenByCase: 0 }, { asset: other, frozenByCase: Y('2,000.00') }];
      expect(checkFreezeSet(Y('50,000.00'), Y('2,000.00'), [{ asset: a, amount: Y('1,000.00') }], { exemptLivingAllowance: Y('900.00'), knownDeposits: frozenBefore }).ok).toBe(false);
    });

    it('is quiet when enough is left, and for a party with no allowance (a company)', () => {
      const a = asset('icbc', 'deposit', { available: '10,000.00' });
      expect(checkFreezeSet(Y('50,000.00'), 0, [{ asset: a, amount: Y('8,500.00') }], { exemptLivingAllowance: Y('1,500.00') }).ok).toBe(true);
      expect(checkFreezeSet(Y('50,000.00'), 0, [{ asset: a, amount: Y('10,000.00') }], { exemptLivingAllowance: { 'someone-else': Y('1,500.00') } }).ok).toBe(true);
    });
  });
});

describe('suggesting what to freeze: fewest, most liquid assets first', () => {
  const all = [
    asset('flat', 'real_estate', { value: '900,000.00' }),
    asset('car', 'vehicle', { value: '120,000.00' }),
    asset('shares', 'securities', { value: '50,000.00' }),
    asset('wealth', 'wealth', { value: '30,000.00', available: '30,000.00' }),
    asset('fund', 'provident_fund', { value: '20,000.00', available: '20,000.00' }),
    asset('alipay', 'online_funds', { value: '6,000.00', available: '6,000.00' }),
    asset('boc', 'deposit', { value: '5,000.00', available: '5,000.00', channel: 'bank.boc' }),
    asset('icbc', 'deposit', { value: '80,000.00', available: '50,000.00' }),
  ];

  it('takes deposits before anything else, the largest first, and cuts the last one', () => {
    const r = suggestAllocation(Y('52,000.00'), 0, all);
    expect(r.items).toEqual([
      { assetId: 'icbc', kind: 'deposit', amount: Y('50,000.00'), counted: Y('50,000.00'), partial: false, needsReason: false },
      { assetId: 'boc', kind: 'deposit', amount: Y('2,000.00'), counted: Y('2,000.00'), partial: true, needsReason: false },
    ]);
    expect(r).toMatchObject({ total: Y('52,000.00'), frozenAfter: Y('52,000.00'), capReached: true, shortfall: 0, unvalued: [] });
  });

  it('goes down the liquidity order when the deposits are not enough', () => {
    const r = suggestAllocation(Y('150,000.00'), 0, all);
    expect(r.items.map((i) => [i.assetId, i.amount ?? null])).toEqual([
      ['icbc', Y('50,000.00')], ['boc', Y('5,000.00')], ['alipay', Y('6,000.00')], ['fund', Y('20,000.00')],
      ['wealth', Y('30,000.00')], ['shares', Y('39,000.00')],
    ]);
    expect(r.capReached).toBe(true);
  });

  it('uses fewer accounts by taking the larger balances first', () => {
    const r = suggestAllocation(Y('60,000.00'), 0, [
      asset('a', 'deposit', { available: '5,000.00' }),
      asset('b', 'deposit', { available: '50,000.00' }),
      asset('c', 'deposit', { available: '20,000.00' }),
    ]);
    expect(r.items.map((i) => [i.assetId, i.amount])).toEqual([['b', Y('50,000.00')], ['c', Y('10,000.00')]]);
  });

  it('seals the smallest indivisible asset that covers what remains, and says a reason is needed when it goes above', () => {
    const r = suggestAllocation(Y('200,000.00'), 0, [
      asset('big', 'real_estate', { value: '1,000,000.00' }),
      asset('mid', 'real_estate', { value: '250,000.00' }),
      asset('small', 'real_estate', { value: '150,000.00' }),
    ]);
    expect(r.items).toEqual([{ assetId: 'mid', kind: 'real_estate', counted: Y('250,000.00'), partial: false, needsReason: true }]);
  });

  it('when no single one covers, seals the largest and goes on', () => {
    const r = suggestAllocation(Y('200,000.00'), 0, [
      asset('a', 'real_estate', { value: '150,000.00' }),
      asset('b', 'real_estate', { value: '100,000.00' }),
    ]);
    expect(r.items.map((i) => [i.assetId, i.needsReason])).toEqual([['a', false], ['b', true]]);
  });

  it('prefers a car to a flat (more liquid), even if both would do', () => {
    const r = suggestAllocation(Y('100,000.00'), 0, [asset('flat', 'real_estate', { value: '100,000.00' }), asset('car', 'vehicle', { value: '100,000.00' })]);
    expect(r.items.map((i) => i.assetId)).toEqual(['car']);
  });

  it('skips assets with nothing available and channels that cannot freeze', () => {
    const r = suggestAllocation(Y('1,000.00'), 0, [
      asset('empty', 'deposit', { value: '9,000.00', available: '0.00' }),
      asset('tax', 'deposit', { available: '9,000.00', channel: 'tax.sta' }),
      asset('ok', 'deposit', { available: '9,000.00' }),
    ]);
    expect(r.skipped).toEqual([{ assetId: 'empty', reason: 'NOTHING_AVAILABLE' }, { assetId: 'tax', reason: 'NOT_FREEZABLE' }]);
    expect(r.items.map((i) => i.assetId)).toEqual(['ok']);
  });

  it('short of the cap with money, proposes sealing the car of unknown value whole, and says the flat waits for a valuation', () => {
    const r = suggestAllocation(Y('100,000.00'), 0, [asset('icbc', 'deposit', { available: '30,000.00' }), asset('flat', 'real_estate'), asset('car', 'vehicle')]);
    expect(r).toMatchObject({ capReached: false, shortfall: Y('70,000.00'), unvalued: ['car', 'flat'] });
    expect(r.items.map((i) => [i.assetId, i.amount ?? null, i.counted])).toEqual([['icbc', Y('30,000.00'), Y('30,000.00')], ['car', null, 0]]);
    expect(r.skipped).toEqual([{ assetId: 'flat', reason: 'VALUE_UNKNOWN' }]);
  });

  it('does not seal a flat when the deposits already reach the cap, and says so', () => {
    const r = suggestAllocation(Y('10,000.00'), 0, [asset('icbc', 'deposit', { available: '30,000.00' }), asset('flat', 'real_estate'), asset('ccb', 'deposit', { available: '5,000.00' })]);
    expect(r.unvalued).toEqual([]);
    expect(r.items.map((i) => i.assetId)).toEqual(['icbc']);
    expect(r.skipped).toEqual([{ assetId: 'ccb', reason: 'CAP_REACHED' }, { assetId: 'flat', reason: 'CAP_REACHED' }]);
  });

  it('tells an account other courts have frozen in full from an empty one', () => {
    const r = suggestAllocation(Y('10,000.00'), 0, [
      { ...asset('held', 'deposit', { value: '9,000.00', available: '0.00' }), existingFreezes: [{ court: '贵阳市中级人民法院' }] },
      asset('empty', 'deposit', { value: '0.00', available: '0.00' }),
    ]);
    expect(r.skipped).toEqual([{ assetId: 'held', reason: 'FROZEN_BY_OTHERS' }, { assetId: 'empty', reason: 'NOTHING_AVAILABLE' }]);
  });

  it('suggests nothing when the case already holds enough', () => {
    expect(suggestAllocation(Y('10,000.00'), Y('10,000.00'), all)).toMatchObject({ items: [], capReached: true, total: 0, frozenAfter: Y('10,000.00') });
    expect(suggestAllocation(Y('10,000.00'), Y('4,000.00'), all).items).toEqual([
      expect.objectContaining({ assetId: 'icbc', amount: Y('6,000.00') }),
    ]);
  });

  describe("leaves living costs on a person debtor's deposits (查扣冻规定 art. 3(2))", () => {
    it('on the first account taken', () => {
      const r = suggestAllocation(Y('100,000.00'), 0, [
        asset('a', 'deposit', { available: '10,000.00' }),
        asset('b', 'deposit', { available: '4,000.00' }),
      ], { exemptLivingAllowance: Y('1,500.00') });
      expect(r.items).toEqual([
        { assetId: 'a', kind: 'deposit', amount: Y('8,500.00'), counted: Y('8,500.00'), partial: true, needsReason: false, exemptLeft: Y('1,500.00') },
        { assetId: 'b', kind: 'deposit', amount: Y('4,000.00'), counted: Y('4,000.00'), partial: false, needsReason: false },
      ]);
    });

    it('carrying over to the next account when the first holds less than the allowance', () => {
      const r = suggestAllocation(Y('100,000.00'), 0, [
        asset('a', 'deposit', { available: '1,000.00' }),
        asset('b', 'deposit', { available: '800.00' }),
      ], { exemptLivingAllowance: Y('1,500.00') });
      expect(r.skipped).toEqual([{ assetId: 'a', reason: 'LIVING_COSTS' }]);
      expect(r.items).toEqual([{ assetId: 'b', kind: 'deposit', amount: Y('300.00'), counted: Y('300.00'), partial: true, needsReason: false, exemptLeft: Y('500.00') }]);
    });

    it('only for the persons named, once each, and not on online funds', () => {
      const r = suggestAllocation(Y('100,000.00'), 0, [
        asset('person', 'deposit', { available: '10,000.00', partyId: 'p' }),
        asset('company', 'deposit', { available: '10,000.00', partyId: 'c' }),
        asset('alipay', 'online_funds', { available: '2,000.00', partyId: 'p' }),
      ], { exemptLivingAllowance: { p: Y('1,500.00') } });
      expect(r.items.map((i) => [i.assetId, i.amount])).toEqual([['company', Y('10,000.00')], ['person', Y('8,500.00')], ['alipay', Y('2,000.00')]]);
    });
  });

  it('always suggests a set the check accepts (given the reasons it asks for)', () => {
    // A deterministic pseudo-random walk over many holdings and caps.
    const rnd = seeded(20250101);
    const kinds = LIQUIDITY_ORDER;
    for (let round = 0; round < 300; round++) {
      const assets = Array.from({ length: 1 + rnd(8) }, (_, i) => {
        const kind = kinds[rnd(kinds.length)]!;
        const value = rnd(5) === 0 ? undefined : rnd(50_000_000);
        const a: FreezableAsset = { id: `a${i}`, kind, partyId: 'p', channel: CHANNEL[kind] };
        if (value !== undefined) { a.value = value; if (!isIndivisible(kind)) a.available = rnd(value + 1); }
        return a;
      });
      const cap = rnd(80_000_000);
      const already = rnd(3) === 0 ? rnd(cap + 1) : 0;
      const s = suggestAllocation(cap, already, assets, { exemptLivingAllowance: rnd(2) ? 150_000 : undefined });
      const byId = new Map(assets.map((a) => [a.id, a]));
      const reasons = Object.fromEntries(s.items.filter((i) => i.needsReason).map((i) => [i.assetId, '其他财产不足以清偿']));
      const check = checkFreezeSet(cap, already, s.items.map((i) => ({ asset: byId.get(i.assetId)!, amount: i.amount })), { reasons });
      expect(check.violations, `round ${round}`).toEqual([]);
      expect(s.frozenAfter).toBe(already + s.total);
      expect(s.capReached).toBe(already + s.total >= cap);
    }
  });
});

describe('releasing what is more than the case needs', () => {
  const f = (freezeId: string, kind: HeldFreeze['kind'], frozen: string | undefined, more: Partial<HeldFreeze> = {}): HeldFreeze => {
    const h: HeldFreeze = { freezeId, assetId: `asset-${freezeId}`, kind, ...more };
    if (frozen !== undefined) h.frozen = Y(frozen);
    return h;
  };

  it('after freezing at several banks at once found more than needed, keeps the largest and releases the rest', () => {
    const r = excessToRelease(Y('100,000.00'), [f('icbc', 'deposit', '60,000.00'), f('ccb', 'deposit', '30,000.00'), f('boc', 'deposit', '50,000.00')]);
    expect(r.releases).toEqual([
      { freezeId: 'boc', assetId: 'asset-boc', action: 'reduce', amount: Y('10,000.00'), keep: Y('40,000.00') },
      { freezeId: 'ccb', assetId: 'asset-ccb', action: 'release', amount: Y('30,000.00'), keep: 0 },
    ]);
    expect(r).toMatchObject({ frozen: Y('140,000.00'), excess: Y('40,000.00'), kept: Y('100,000.00'), keptAboveCap: 0 });
  });

  it('after a part payment, reduces to what is still owed', () => {
    const r = excessToRelease(Y('25,000.00'), [f('icbc', 'deposit', '40,000.00')]);
    expect(r.releases).toEqual([{ freezeId: 'icbc', assetId: 'asset-icbc', action: 'reduce', amount: Y('15,000.00'), keep: Y('25,000.00') }]);
  });

  it('once paid in full, releases everything, waiting freezes and flats included', () => {
    const r = excessToRelease(0, [f('icbc', 'deposit', '40,000.00'), f('flat', 'real_estate', '900,000.00'), f('car', 'vehicle', undefined, { waiting: true })]);
    expect(r.releases.map((x) => [x.freezeId, x.action, x.amount])).toEqual([
      ['icbc', 'release', Y('40,000.00')], ['car', 'release', 0], ['flat', 'release', Y('900,000.00')],
    ]);
    expect(r.kept).toBe(0);
  });

  it('keeps funds, the more liquid, and releases a flat the funds make unnecessary', () => {
    const r = excessToRelease(Y('100,000.00'), [f('flat', 'real_estate', '600,000.00'), f('icbc', 'deposit', '100,000.00')]);
    expect(r.releases.map((x) => x.freezeId)).toEqual(['flat']);
  });

  it('keeps a flat still needed even though it is worth more than the rest owed (art. 19 proviso)', () => {
    const r = excessToRelease(Y('100,000.00'), [f('flat', 'real_estate', '600,000.00'), f('icbc', 'deposit', '40,000.00')]);
    expect(r.releases).toEqual([]);
    expect(r.keptAboveCap).toBe(Y('540,000.00'));
  });

  it('leaves shares within the 20% margin alone, and cuts shares beyond it to cover exactly', () => {
    expect(excessToRelease(Y('100,000.00'), [f('shares', 'securities', '118,000.00')]).releases).toEqual([]);
    expect(excessToRelease(Y('100,000.00'), [f('shares', 'securities', '130,000.00')]).releases).toEqual([
      { freezeId: 'shares', assetId: 'asset-shares', action: 'reduce', amount: Y('30,000.00'), keep: Y('100,000.00') },
    ]);
  });

  it('has nothing to release while within the cap', () => {
    expect(excessToRelease(Y('100,000.00'), [f('icbc', 'deposit', '60,000.00'), f('car', 'vehicle', '40,000.00')])).toMatchObject({ releases: [], excess: 0 });
  });

  it('never leaves the case short, and what it keeps passes the check (given reasons for needed flats)', () => {
    const rnd = seeded(1949);
    for (let round = 0; round < 300; round++) {
      const held: HeldFreeze[] = Array.from({ length: 1 + rnd(7) }, (_, i) => {
        const kind = LIQUIDITY_ORDER[rnd(LIQUIDITY_ORDER.length)]!;
        const h: HeldFreeze = { freezeId: `f${i}`, assetId: `a${i}`, kind };
        if (!(isIndivisible(kind) && rnd(4) === 0)) h.frozen = rnd(30_000_000);
        return h;
      });
      const cap = rnd(4) === 0 ? 0 : rnd(60_000_000);
      const advice = excessToRelease(cap, held);
      const known = held.reduce((s, h) => s + (h.frozen ?? 0), 0);
      expect(advice.kept, `round ${round}`).toBeGreaterThanOrEqual(Math.min(cap, known));
      if (cap === 0) expect(advice.releases).toHaveLength(held.length);
      const released = new Map(advice.releases.map((r) => [r.freezeId, r]));
      const keptItems = held
        .filter((h) => released.get(h.freezeId)?.action !== 'release')
        .sort((a, b) => LIQUIDITY_ORDER.indexOf(a.kind) - LIQUIDITY_ORDER.indexOf(b.kind) || (b.frozen ?? 0) - (a.frozen ?? 0) || (a.freezeId < b.freezeId ? -1 : 1))
        .map((h) => {
          const keep = released.get(h.freezeId)?.keep ?? h.frozen;
          const a: FreezableAsset = { id: h.assetId, kind: h.kind, partyId: 'p', channel: CHANNEL[h.kind] };
          if (h.frozen !== undefined) { a.value = h.frozen; if (!isIndivisible(h.kind)) a.available = h.frozen; }
          return { asset: a, amount: keep };
        });
      const reasons = Object.fromEntries(keptItems.filter((i) => isIndivisible(i.asset.kind)).map((i) => [i.asset.id, '其他财产不足以清偿']));
      // A freeze that holds nothing (the account was empty) is left alone; there is nothing to check.
      const holding = keptItems.filter((i) => isIndivisible(i.asset.kind) || (i.amount ?? 0) > 0);
      expect(checkFreezeSet(cap, 0, holding, { reasons }).violations, `round ${round}`).toEqual([]);
    }
  });

  it('prefers to keep a freeze in force over one still waiting', () => {
    const r = excessToRelease(Y('10,000.00'), [f('waits', 'deposit', '10,000.00', { waiting: true }), f('holds', 'deposit', '10,000.00')]);
    expect(r.releases.map((x) => x.freezeId)).toEqual(['waits']);
  });
});
