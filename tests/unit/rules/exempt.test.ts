/**
 * Exempt property (docs/domain.md rule 5): living costs for the debtor and his dependants, the only
 * home, the provident fund's withdrawal conditions. Amounts are written as a judge writes them, in 元.
 */
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../../shared/money';
import {
  checkFreezeSet, checkProvidentFundDeduction, livingAllowance, livingAllowanceFormula, livingCostsLeftNote, onlyHomeFlags,
  suggestAllocation, type FreezableAsset,
} from '../../../shared/rules';

function Y(s: string): number {
  const r = parseYuan(s);
  if (!r.ok) throw new Error(`bad amount in test: ${s}`);
  return r.value;
}

const deposit = (id: string, available: string, partyId = 'debtor-1'): FreezableAsset => ({ id, kind: 'deposit', channel: 'bank.icbc', partyId, value: Y(available), available: Y(available) });
const basis = { monthlyPerPerson: Y('900'), dependants: 1, months: 3 };

describe('living costs of the debtor and his dependants (查扣冻规定 第三条)', () => {
  it('with ¥900 a month per person, one dependant and 3 months, the debtor keeps ¥5,400 and freezing the whole of a ¥5,000 account is refused', () => {
    expect(livingAllowance(basis)).toBe(Y('5,400.00'));
    const r = checkFreezeSet(Y('50,000'), 0, [{ asset: deposit('icbc', '5,000'), amount: Y('5,000') }], { exemptLivingAllowance: { 'debtor-1': basis } });
    expect(r.ok).toBe(false);
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0]!;
    expect(v).toMatchObject({ code: 'LIVING_COSTS_NOT_LEFT', assetId: 'icbc', maxAmount: 0 });
    // the refusal says the most it may take and why
    expect(v.zh).toContain('¥5,400.00');
    expect(v.zh).toContain('每人每月¥900.00 × 2人 × 3个月');
    expect(v.zh).toContain('此项最多可冻结 ¥0.00');
  });

  it('a debtor without dependants keeps one person’s share, and more dependants keep more', () => {
    expect(livingAllowance({ ...basis, dependants: 0 })).toBe(Y('2,700'));
    expect(livingAllowance({ ...basis, dependants: 3 })).toBe(Y('10,800'));
    expect(livingAllowanceFormula({ ...basis, dependants: 0 }).zh).toBe('每人每月¥900.00 × 1人 × 3个月');
  });

  it('refuses a negative or fractional count of dependants or months rather than guess', () => {
    expect(() => livingAllowance({ ...basis, dependants: -1 })).toThrow(RangeError);
    expect(() => livingAllowance({ ...basis, dependants: 1.5 })).toThrow(RangeError);
    expect(() => livingAllowance({ ...basis, months: 25 })).toThrow(RangeError);
    expect(() => livingAllowance({ ...basis, monthlyPerPerson: 0.5 })).toThrow(RangeError);
  });

  it('a freeze that leaves the ¥5,400 is allowed, and one fen more is refused with the most it may take', () => {
    const a = deposit('icbc', '20,000');
    const opts = { exemptLivingAllowance: { 'debtor-1': basis } };
    expect(checkFreezeSet(Y('50,000'), 0, [{ asset: a, amount: Y('14,600') }], opts).ok).toBe(true);
    const over = checkFreezeSet(Y('50,000'), 0, [{ asset: a, amount: Y('14,600.01') }], opts);
    expect(over.violations[0]).toMatchObject({ code: 'LIVING_COSTS_NOT_LEFT', maxAmount: Y('14,600') });
  });

  it('the suggestion leaves the ¥5,400 on the account it reduces, and the row says how much is left and why', () => {
    const s = suggestAllocation(Y('50,000'), 0, [deposit('icbc', '20,000')], { exemptLivingAllowance: { 'debtor-1': basis } });
    expect(s.items).toEqual([expect.objectContaining({ assetId: 'icbc', amount: Y('14,600'), exemptLeft: Y('5,400') })]);
    expect(livingCostsLeftNote(s.items[0]!.exemptLeft!, basis).zh)
      .toBe('留被执行人及其所扶养家属生活费 ¥5,400.00（每人每月¥900.00 × 2人 × 3个月，查扣冻规定第三条）');
  });
});

describe('the only home (查扣冻规定 第四条; 执行异议复议规定 第二十条)', () => {
  it('a single residential flat is flagged 唯一住房 from the registry’s answer', () => {
    const flags = onlyHomeFlags([{ id: 'flat', partyId: 'p', usage: '住宅' }, { id: 'shop', partyId: 'p', usage: '商业' }], () => undefined);
    expect(flags.get('flat')).toEqual({ onlyHome: true, source: 'registry' });
    expect(flags.has('shop')).toBe(false);
  });

  it('two residential flats are not flagged, nor is another debtor’s single flat counted for him', () => {
    const flags = onlyHomeFlags([
      { id: 'a', partyId: 'p', usage: '住宅' }, { id: 'b', partyId: 'p', usage: '住宅' }, { id: 'c', partyId: 'q', usage: '住宅' },
    ], () => undefined);
    expect(flags.has('a')).toBe(false);
    expect(flags.has('b')).toBe(false);
    expect(flags.get('c')?.onlyHome).toBe(true);
  });

  it('the judge’s finding, with his reason, prevails over the registry’s answer', () => {
    const flags = onlyHomeFlags([{ id: 'flat', partyId: 'p', usage: '住宅' }], () => ({ onlyHome: false, reason: '其配偶名下另有住房（执行异议复议规定第二十条第一项）' }));
    expect(flags.get('flat')).toMatchObject({ onlyHome: false, source: 'judge' });
  });
});

describe('the housing provident fund (住房公积金管理条例 第二十四条)', () => {
  it('a working debtor’s account is refused for deduction, a retired debtor’s is not', () => {
    expect(checkProvidentFundDeduction({ status: '正常' })).toMatchObject({
      code: 'PF_NOT_WITHDRAWABLE', zh: '住房公积金账户尚不符合提取条件，只能冻结，不能扣划（住房公积金管理条例第二十四条）',
    });
    expect(checkProvidentFundDeduction(undefined)?.code).toBe('PF_NOT_WITHDRAWABLE');
    expect(checkProvidentFundDeduction({ status: '封存', condition: '离休、退休' })).toBeUndefined();
    expect(checkProvidentFundDeduction({ status: '正常', condition: '随便什么' })?.code).toBe('PF_NOT_WITHDRAWABLE');
  });
});
