// @vitest-environment jsdom
/**
 * Exempt property on the judge's screen (docs/domain.md rule 5): the reduced row says how much is
 * left and why, a refused row says the most it may take and why, a flat flagged 唯一住房 says it may be
 * sealed but not sold, a provident fund row says whether it may be deducted, and the judge records a
 * debtor's dependants on the parties.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { FreezePlan } from '../../../shared/domain/measure-views';
import { livingAllowance, livingAllowanceFormula, livingCostsLeftNote, PF_NOT_WITHDRAWABLE } from '../../../shared/rules';
import { CASE_DETAIL, asset, candidate, fail, freezePlan } from './fake-api';
import { renderApp, resetAll } from './render-app';

const basis = { monthlyPerPerson: 900_00, dependants: 1, months: 3 };
const living = [{ partyId: 'p-1', basis, allowance: livingAllowance(basis), formula: livingAllowanceFormula(basis) }];
const DEP = asset('d1', 'deposit', 20_000_00, { identifier: '6222 0000 0001' });
const SMALL = asset('d2', 'deposit', 5_000_00, { channel: 'bank.ccb', institution: '中国建设银行贵阳分行', identifier: '6217 0000 0002' });
const FLAT = asset('f1', 'real_estate', undefined, { channel: 'realestate.gz', institution: '贵阳市不动产登记中心', identifier: '黔(2020)贵阳市不动产权第0012345号', usage: '住宅' });
const PF = asset('pf', 'provident_fund', 30_000_00, { channel: 'providentfund.gy', institution: '贵阳住房公积金管理中心', identifier: '52011234567890', withdrawal: { status: '正常' } });

const PLAN: FreezePlan = freezePlan({
  cap: 100_000_00,
  candidates: [
    candidate(DEP, { livingCostsLeft: { amount: 5_400_00, ...livingCostsLeftNote(5_400_00, basis) } }),
    candidate(SMALL),
    candidate(FLAT, { onlyHome: { onlyHome: true, source: 'registry' } }),
    candidate(PF, { deductible: { ok: false, ...PF_NOT_WITHDRAWABLE } }),
  ],
  suggestion: { items: [{ assetId: 'd1', amount: 14_600_00 }], total: 14_600_00, reachesCap: false, skipped: [] },
  livingCosts: living,
  disposals: [{ assetId: 'f1', proposed: false, zh: '唯一住房', en: 'only home' }],
});

async function openFreeze() {
  const r = renderApp();
  r.fake.handle('measures.plan', () => ok(PLAN));
  r.fake.handle('exemptions.get', () => ok({ caseId: 'case-1', debtors: living, onlyHomes: [] }));
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  return r;
}

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('exempt property in the workspace', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('the reduced row says how much is left and why; the flat says 唯一住房 and no sale; the provident fund says it cannot be deducted', async () => {
    await openFreeze();
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    await screen.findByTestId('freeze-cap');
    expect(text('freeze-living-d1')).toBe('留被执行人及其所扶养家属生活费 ¥5,400.00（每人每月¥900.00 × 2人 × 3个月，查扣冻规定第三条）');
    expect(screen.queryByTestId('freeze-living-d2')).toBeNull();
    expect(text('freeze-only-home-f1')).toContain('唯一住房：可以查封，但不得拍卖、变卖或者抵债');
    expect(screen.queryByTestId('freeze-disposal-f1')).toBeNull();
    expect(text('freeze-deductible-pf')).toBe('住房公积金账户尚不符合提取条件，只能冻结，不能扣划（住房公积金管理条例第二十四条）');
  });

  it('the judge clears the only-home flag only with a reason', async () => {
    const { fake } = await openFreeze();
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    await screen.findByTestId('freeze-cap');
    fireEvent.click(screen.getByTestId('only-home-toggle-f1'));
    const save = screen.getByTestId('only-home-save-f1') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('only-home-reason-f1'), { target: { value: '配偶名下另有住房' } });
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsOf('exemptions.markOnlyHome')).toEqual([{ caseId: 'case-1', assetId: 'f1', onlyHome: false, reason: '配偶名下另有住房' }]));
  });

  it('a refused row states the most it may take and how the allowance is made up', async () => {
    await openFreeze();
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    await screen.findByTestId('freeze-cap');
    fireEvent.click(screen.getByTestId('freeze-clear'));
    fireEvent.click(screen.getByTestId('freeze-pick-d1'));
    fireEvent.click(screen.getByTestId('freeze-pick-d2'));
    fireEvent.change(screen.getByTestId('freeze-amount-d1'), { target: { value: '20000' } });
    fireEvent.change(screen.getByTestId('freeze-amount-d2'), { target: { value: '5000' } });
    const issue = await screen.findByTestId('freeze-issue-d2');
    expect(issue.getAttribute('data-code')).toBe('LIVING_COSTS_NOT_LEFT');
    expect(issue.textContent).toContain('¥5,400.00');
    expect(issue.textContent).toContain('每人每月¥900.00 × 2人 × 3个月');
    expect(issue.textContent).toContain('此项最多可冻结 ¥0.00');
    expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(true);
  });

  it('the judge records a dependant on the party and sees what is kept; a wrong number is refused with the reason', async () => {
    const { fake } = await openFreeze();
    expect((await screen.findByTestId('party-living-kept-p-1')).textContent).toBe('生活费保留 ¥5,400.00（每人每月¥900.00 × 2人 × 3个月，查扣冻规定第三条）');
    expect(screen.queryByTestId('party-living-p-2')).toBeNull(); // a company keeps no living costs
    const realSet = fake.callsOf('exemptions.setDependants').length;
    fake.handle('exemptions.setDependants', (i) => (i.dependants < 0
      ? fail('VALIDATION', { zh: '所扶养家属人数应为 0 至 20 的整数', en: 'dependants must be a whole number from 0 to 20' }, 'dependants')
      : ok({ partyId: 'p-1', basis: { ...basis, dependants: i.dependants }, allowance: livingAllowance({ ...basis, dependants: i.dependants }), formula: livingAllowanceFormula({ ...basis, dependants: i.dependants }) })));
    fireEvent.change(screen.getByTestId('party-dependants-p-1'), { target: { value: '两' } });
    fireEvent.click(screen.getByTestId('party-dependants-save-p-1'));
    expect((await screen.findByTestId('party-dependants-error-p-1')).textContent).toContain('0 至 20');
    fireEvent.change(screen.getByTestId('party-dependants-p-1'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('party-dependants-save-p-1'));
    await waitFor(() => expect(text('party-living-kept-p-1')).toBe('生活费保留 ¥8,100.00（每人每月¥900.00 × 3人 × 3个月，查扣冻规定第三条）'));
    expect(fake.callsOf('exemptions.setDependants').slice(realSet).map((c) => c.dependants)).toEqual([-1, 2]);
    expect(screen.queryByTestId('party-dependants-error-p-1')).toBeNull();
  });
});
