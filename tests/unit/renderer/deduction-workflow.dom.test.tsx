// @vitest-environment jsdom
/**
 * The deduction workflow as a judge meets it in a hearing: the next and previous account stay after
 * a deduction, a refusal says why and leads to a new check and a new decision, and a case paid in
 * full proposes releasing what is still frozen and closing the case.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { RELEASE_REASONS } from '../../../shared/legal/basis';
import type { Measure } from '../../../shared/domain/measures';
import { maskAccount } from '../../../renderer/src/ui/mask';
import { useAppStore } from '../../../renderer/src/store';
import {
  CASE_DETAIL, COURT_ACCOUNT, TODAY, caseMeasures, deductionPrep, fail, freezeView, measure, type FakeApi,
} from './fake-api';
import { renderApp, resetAll } from './render-app';

const F1 = measure('f1', { amount: 12_345_00 });
const F2 = measure('f2', { assetId: 'a4', channel: 'funds.alipay', assetKind: 'online_funds', assetIdentifier: 'zhangsan@pay.example', amount: 800_00 });
const ICBC = `中国工商银行 ${maskAccount('6222021234567890123')}`;
const ALIPAY = `支付宝 ${maskAccount('zhangsan@pay.example')}`;

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const deduction = (id: string, freezeId: string, over: Partial<Measure> = {}) =>
  measure(id, { kind: 'deduct', freezeId, assetId: freezeId === 'f2' ? 'a4' : 'a1', state: 'sent', courtAccount: COURT_ACCOUNT, endsOn: undefined, ...over });

async function openCase(setup?: (fake: FakeApi) => void) {
  const r = renderApp();
  r.fake.handle('measures.list', () => ok(caseMeasures([F1, F2])));
  r.fake.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, frozenNow: i.freezeId === 'f2' ? 800_00 : 12_345_00, suggested: i.freezeId === 'f2' ? 800_00 : 12_345_00 })));
  setup?.(r.fake);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  return r;
}

async function openHearing(setup?: (fake: FakeApi) => void) {
  const r = await openCase(setup);
  fireEvent.click(screen.getByTestId('ws-tab-deduct'));
  await screen.findByTestId('deduct-choice-f1');
  fireEvent.click(screen.getByTestId('hearing-toggle'));
  await screen.findByTestId('hearing-mode');
  await screen.findByTestId('deduct-amount');
  return r;
}

async function deductWithPin() {
  await screen.findByTestId('deduct-amount');
  type('deduct-pin', '246810');
  fireEvent.click(screen.getByTestId('deduct-confirm'));
  await screen.findByTestId('deduct-status');
}

describe('deducting in hearing mode', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('after deducting in hearing mode the judge moves to the next account, and back to the one deducted with its receipt', async () => {
    const { fake } = await openHearing((f) => {
      f.handle('deduction.submit', (i) => ok({ measure: i.freezeId === 'f1' ? deduction('d1', 'f1', { amount: i.amount }) : deduction('d2', 'f2', { amount: i.amount, state: 'awaiting_approval' }) }));
    });
    expect(text('hearing-account')).toBe(ICBC);
    await deductWithPin();
    // the bank pays the whole balance: the first account leaves the deductible list
    const paid = deduction('d1', 'f1', {
      amount: 12_345_00, state: 'executed', updatedAt: '2026-03-02T06:03:00.000Z',
      outcome: { deductedAmount: 12_345_00, agencyRef: 'ICBC-KH-0042', executedAt: '2026-03-02T06:03:00.000Z' },
    });
    fake.handle('measures.list', () => ok(caseMeasures([F1, F2, paid], { freezes: [freezeView(F2)] })));
    act(() => fake.emit('measure.updated', { measure: paid }));
    expect(await screen.findByTestId('deduct-receipt')).toBeTruthy();
    await waitFor(() => expect(useAppStore.getState().caseMeasures?.freezes.map((f) => f.measure.id)).toEqual(['f2']));

    // next and previous are still there, and so are the arrow keys
    expect(text('hearing-position')).toBe('第 1 / 2 个账户');
    expect(screen.getByTestId('hearing-next').getAttribute('aria-keyshortcuts')).toBe('ArrowRight');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    await waitFor(() => expect(text('hearing-account')).toBe(ALIPAY));
    await waitFor(() => expect(text('deduct-balance')).toContain('¥800.00'));
    expect(text('hearing-position')).toBe('第 2 / 2 个账户');

    // the second waits for the chief: the judge can still go back to the first
    type('deduct-amount', '800');
    await deductWithPin();
    expect(screen.getByTestId('deduct-status').dataset.state).toBe('awaiting_approval');
    fireEvent.click(screen.getByTestId('hearing-prev'));
    await waitFor(() => expect(text('hearing-account')).toBe(ICBC));
    expect(text('receipt-amount')).toBe('¥12,345.00');
    expect(text('receipt-from')).toContain(maskAccount('6222021234567890123'));
    // the account deducted shows its result; its balance is not asked again
    expect(fake.callsOf('deduction.prepare').filter((c) => c.freezeId === 'f1')).toHaveLength(1);
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    await waitFor(() => expect(text('hearing-account')).toBe(ALIPAY));
    expect(screen.getByTestId('deduct-status').dataset.state).toBe('awaiting_approval');
  });

  it('the arrow keys do nothing while a deduction is being submitted, nor inside the amount field', async () => {
    let answer!: () => void;
    await openHearing((f) => f.handle('deduction.submit', (i) => new Promise((resolve) => {
      answer = () => resolve(ok({ measure: deduction('d1', i.freezeId, { amount: i.amount }) }));
    })));
    fireEvent.keyDown(screen.getByTestId('deduct-amount'), { key: 'ArrowRight' });
    expect(text('hearing-account')).toBe(ICBC);
    type('deduct-pin', '246810');
    fireEvent.click(screen.getByTestId('deduct-confirm'));
    await waitFor(() => expect(useAppStore.getState().deductPhase).toBe('submitting'));
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(text('hearing-account')).toBe(ICBC);
    expect((screen.getByTestId('hearing-next') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer());
    await waitFor(() => expect((screen.getByTestId('hearing-next') as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('a deduction the agency refuses', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  const refusal = { code: 'INSUFFICIENT_FROZEN', message: '本案该笔冻结现冻结 800000 分，不足扣划 1234500 分' };

  it("a refused deduction shows the bank's reason and offers re-check and retry, as a new decision naming the refused one", async () => {
    const { fake } = await openHearing((f) => f.handle('deduction.submit', (i) => ok({ measure: deduction(i.retryOf ? 'd2' : 'd1', 'f1', { amount: i.amount, ...(i.retryOf ? { retryOf: i.retryOf } : {}) }) })));
    await deductWithPin();
    const refused = deduction('d1', 'f1', { amount: 12_345_00, state: 'rejected', updatedAt: '2026-03-02T06:03:00.000Z', outcome: { rejection: refusal } });
    act(() => fake.emit('measure.updated', { measure: refused }));

    expect(await screen.findByTestId('deduct-refusal')).toBeTruthy();
    expect(text('deduct-refusal-reason')).toBe('协助单位拒绝扣划：冻结余额不足，不够本次扣划');
    expect(text('deduct-refusal-agency')).toBe(`协助单位答复：${refusal.message}（INSUFFICIENT_FROZEN）`);
    // the hearing goes on: the next account is a key away
    expect(text('hearing-position')).toBe('第 1 / 2 个账户');

    // 重新查询冻结余额: the bank now holds less
    fake.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, frozenNow: 8_000_00, suggested: 8_000_00 })));
    expect(text('deduct-refusal-recheck')).toBe('重新查询冻结余额');
    fireEvent.click(screen.getByTestId('deduct-refusal-recheck'));
    await waitFor(() => expect(fake.callsOf('deduction.prepare').filter((c) => c.freezeId === 'f1')).toHaveLength(2));
    await screen.findByTestId('deduct-retry-note');
    expect(text('deduct-retry-note')).toBe('上次扣划 ¥12,345.00 被协助单位拒绝。按刚刚核实的冻结余额，本次最多可扣划 ¥8,000.00。');
    expect((screen.getByTestId('deduct-amount') as HTMLInputElement).value).toBe('8000.00');
    // more than the new balance allows is refused before it goes
    type('deduct-amount', '12345');
    expect(text('deduct-amount-error')).toContain('超过本案当前冻结金额 ¥8,000.00');
    type('deduct-amount', '8000');
    type('deduct-pin', '246810');
    expect(text('deduct-confirm')).toBe('重新扣划');
    fireEvent.click(screen.getByTestId('deduct-confirm'));
    await waitFor(() => expect(fake.callsOf('deduction.submit')).toHaveLength(2));
    const [first, second] = fake.callsOf('deduction.submit');
    expect(second).toMatchObject({ freezeId: 'f1', amount: 8_000_00, retryOf: 'd1', pin: '246810' });
    expect(first.retryOf).toBeUndefined();
    expect(second.decisionId).not.toBe(first.decisionId);
    expect((await screen.findByTestId('deduct-status')).dataset.state).toBe('sent');
  });

  it('in English the reason is in English, with the bank’s own words beside it', async () => {
    const { fake } = await openHearing();
    act(() => useAppStore.getState().setLang('en', { persist: false }));
    await deductWithPin();
    act(() => fake.emit('measure.updated', { measure: deduction('d1', 'f1', { state: 'rejected', updatedAt: '2026-03-02T06:03:00.000Z', outcome: { rejection: refusal } }) }));
    expect((await screen.findByTestId('deduct-refusal-reason')).textContent).toBe('The agency refused the deduction: the frozen balance does not cover this deduction');
    expect(text('deduct-refusal-agency')).toContain(refusal.message);
    expect(text('deduct-refusal-recheck')).toBe('Query the frozen balance again');
  });

  it('in hearing mode the account stays masked even inside the bank’s words', async () => {
    const { fake } = await openHearing();
    await deductWithPin();
    const notFound = { code: 'ASSET_NOT_FOUND', message: '被执行人名下无此财产（6222021234567890123）' };
    act(() => fake.emit('measure.updated', { measure: deduction('d1', 'f1', { state: 'rejected', updatedAt: '2026-03-02T06:03:00.000Z', outcome: { rejection: notFound } }) }));
    expect((await screen.findByTestId('deduct-refusal-reason')).textContent).toBe('协助单位拒绝扣划：被执行人名下无此账户');
    expect(text('deduct-refusal-agency')).toContain(maskAccount('6222021234567890123'));
    expect(document.body.textContent).not.toContain('6222021234567890123');
  });

  it('main refusing the retry (already decided again) shows why and sends nothing else', async () => {
    const { fake } = await openHearing((f) => f.handle('deduction.submit', (i) => (i.retryOf
      ? fail('DECISION_TAKEN', { zh: '该被拒绝的扣划已重新扣划过', en: 'the refused deduction has already been decided again' }, 'retryOf')
      : ok({ measure: deduction('d1', 'f1', { amount: i.amount }) }))));
    await deductWithPin();
    act(() => fake.emit('measure.updated', { measure: deduction('d1', 'f1', { state: 'rejected', updatedAt: '2026-03-02T06:03:00.000Z', outcome: { rejection: refusal } }) }));
    fireEvent.click(await screen.findByTestId('deduct-refusal-recheck'));
    await screen.findByTestId('deduct-retry-note');
    type('deduct-pin', '246810');
    fireEvent.click(screen.getByTestId('deduct-confirm'));
    expect((await screen.findByTestId('deduct-error')).textContent).toContain('该被拒绝的扣划已重新扣划过');
    expect(fake.callsOf('deduction.submit')).toHaveLength(2);
  });
});

describe('paid in full', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  const PAID = { ...CASE_DETAIL, recovered: CASE_DETAIL.amountOwed + CASE_DETAIL.costs };
  const proposals = [F1, F2].map((f) => ({ freezeId: f.id, reason: RELEASE_REASONS.paidInFull }));

  it('paid in full proposes releasing the two freezes in force and closing the case, in one confirmation', async () => {
    const { fake } = await openCase((f) => {
      f.handle('cases.get', () => ok(PAID));
      f.handle('measures.list', () => ok(caseMeasures([F1, F2], { releaseProposals: proposals })));
      f.handle('cases.close', (i) => ok({
        case: { ...PAID, status: 'closed', closedOn: TODAY, closedBy: 'F520103001', closing: 'completed' },
        releases: [F1, F2].map((x) => measure(`r-${x.id}`, { kind: 'unfreeze', freezeId: x.id, state: 'sent', caseId: i.caseId })),
      }));
    });
    const proposal = await screen.findByTestId('paid-in-full');
    expect(proposal.textContent).toContain('已全部执行到位：解除其余冻结并结案');
    expect(screen.getByTestId('paid-in-full-f1').textContent).toContain('¥12,345.00');
    expect(screen.getByTestId('paid-in-full-f2').textContent).toContain('¥800.00');
    for (const r of screen.getAllByTestId('paid-in-full-reason')) expect(r.textContent).toContain('第二十八条');
    expect(text('paid-in-full-confirm')).toBe('确认解除以上 2 项冻结并结案（执行完毕）');

    fireEvent.click(screen.getByTestId('paid-in-full-confirm'));
    await waitFor(() => expect(fake.callsOf('cases.close')).toHaveLength(1));
    expect(fake.callsOf('cases.close')[0]).toEqual({ caseId: 'case-1', decisionId: expect.any(String) });
    expect(await screen.findByTestId('case-closed-note')).toBeTruthy();
    expect(text('case-closed-note')).toBe(`本案已于 ${TODAY} 结案（执行完毕）`);
    expect(screen.queryByTestId('paid-in-full')).toBeNull();
  });

  it('while a deduction’s outcome is unknown the proposal waits and says why; main’s refusal is shown as well', async () => {
    const { fake } = await openCase((f) => {
      f.handle('cases.get', () => ok(PAID));
      f.handle('measures.list', () => ok(caseMeasures([F1, F2, deduction('d9', 'f1', { state: 'unknown' })], { releaseProposals: proposals })));
    });
    await screen.findByTestId('paid-in-full');
    expect(text('paid-in-full-unsettled')).toContain('尚有 1 项措施未办结');
    expect((screen.getByTestId('paid-in-full-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(fake.callsOf('cases.close')).toHaveLength(0);

    // settled meanwhile elsewhere, but main still refuses (a clerk, say): the reason is on screen
    fake.handle('cases.close', () => fail('FORBIDDEN', { zh: '本人职务不能结案（执行完毕，解除其余冻结）', en: 'this officer’s role may not close a case' }));
    act(() => fake.emit('measure.updated', { measure: deduction('d9', 'f1', { state: 'rejected', updatedAt: '2026-03-02T06:03:00.000Z' }) }));
    await waitFor(() => expect((screen.getByTestId('paid-in-full-confirm') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('paid-in-full-unsettled')).toBeNull();
    fireEvent.click(screen.getByTestId('paid-in-full-confirm'));
    expect((await screen.findByTestId('paid-in-full-error')).textContent).toContain('本人职务不能结案');
    expect(screen.queryByTestId('case-closed-note')).toBeNull();
  });

  it('a case still owed proposes nothing', async () => {
    await openCase((f) => f.handle('measures.list', () => ok(caseMeasures([F1, F2], { releaseProposals: proposals }))));
    await act(async () => useAppStore.getState().loadMeasures());
    expect(screen.queryByTestId('paid-in-full')).toBeNull();
  });
});
