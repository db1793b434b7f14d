// @vitest-environment jsdom
/**
 * 记录被执行人自动履行 as the judge meets it in the deduction tab (docs/domain.md rule 1,
 * "What is recovered"): the amount typed in yuan goes to main in fen, the day and the way with it; an amount
 * that is not money is refused before anything is sent; main's refusal is shown in its words; the
 * list shows each payment in yuan with its reversal; the conduct panel's payment fact opens this tab.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { appError } from '../../../shared/errors';
import { assessConduct, type TimelineEvent } from '../../../shared/rules/conduct';
import { err, ok } from '../../../shared/result';
import type { DebtorPayment } from '../../../shared/domain/payments';
import { CASE_DETAIL, TODAY } from './fake-api';
import { renderApp, resetAll } from './render-app';
import { useAppStore } from '../../../renderer/src/store';

beforeEach(resetAll);
afterEach(resetAll);

const paid = (over: Partial<DebtorPayment> = {}): DebtorPayment => ({
  id: 'pay-1', caseId: CASE_DETAIL.id, partyId: 'p-1', amount: 2_500_00, paidOn: '2026-02-20', method: 'applicant', note: '申请人确认', recordedBy: 'F520103001', recordedAt: '2026-02-20T02:00:00.000Z', ...over,
});

async function openDeduct() {
  const r = renderApp();
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header');
  fireEvent.click(screen.getByTestId('ws-tab-deduct'));
  await screen.findByTestId('debtor-payments');
  return r;
}

describe('recording a debtor’s own payment', () => {
  it('sends the yuan typed as fen with the day, the way and the note, then reads the list and the case again', async () => {
    const { fake } = await openDeduct();
    await screen.findByTestId('payments-none');
    expect(screen.getByTestId('payments-outstanding').textContent).toContain('517,650.00元');
    fake.handle('payments.list', () => ok({ payments: [paid()], outstanding: 517_650_00 - 2_500_00, today: TODAY }));
    fireEvent.change(screen.getByTestId('payment-amount'), { target: { value: '1,234.56' } });
    // the day defaults to today on the program's clock, as main tells it
    expect((screen.getByTestId('payment-date') as HTMLInputElement).value).toBe(TODAY);
    fireEvent.change(screen.getByTestId('payment-method'), { target: { value: 'applicant' } });
    fireEvent.change(screen.getByTestId('payment-note'), { target: { value: '申请人确认' } });
    fireEvent.click(screen.getByTestId('payment-record'));
    await waitFor(() => expect(fake.callsOf('payments.record')).toHaveLength(1));
    expect(fake.callsOf('payments.record')[0]).toEqual({ caseId: CASE_DETAIL.id, partyId: 'p-1', amount: 123_456, paidOn: TODAY, method: 'applicant', note: '申请人确认' });
    const row = await screen.findByTestId('payment-pay-1');
    expect(row.textContent).toContain('2,500.00元');
    expect(row.textContent).toContain('张三');
    expect(row.textContent).toContain('直接交付申请执行人');
    expect(screen.getByTestId('payments-outstanding').textContent).toContain('515,150.00元');
    await waitFor(() => expect(fake.callsOf('cases.get').length).toBeGreaterThanOrEqual(2));
  });

  it('an amount that is not money is refused before sending; main’s refusal is shown in its words', async () => {
    const { fake } = await openDeduct();
    fireEvent.change(screen.getByTestId('payment-amount'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByTestId('payment-record'));
    expect((await screen.findByTestId('payment-error')).textContent).toContain('不是有效金额');
    expect(fake.callsOf('payments.record')).toHaveLength(0);
    fake.handle('payments.record', () => err(appError('VALIDATION', { zh: '履行日期不能晚于今天（2026-03-02）', en: 'the payment date cannot be after today (2026-03-02)' }, 'paidOn')));
    fireEvent.change(screen.getByTestId('payment-amount'), { target: { value: '100' } });
    fireEvent.change(screen.getByTestId('payment-date'), { target: { value: '2026-03-09' } });
    fireEvent.click(screen.getByTestId('payment-record'));
    await waitFor(() => expect(screen.getByTestId('payment-error').textContent).toContain('不能晚于今天'));
    expect(fake.callsOf('payments.record')[0]).toMatchObject({ amount: 100_00, paidOn: '2026-03-09' });
    expect((screen.getByTestId('payment-amount') as HTMLInputElement).value).toBe('100');
  });

  it('a payment is reversed with the reason typed, and the list shows it reversed', async () => {
    const { fake } = await openDeduct();
    fake.handle('payments.list', () => ok({ payments: [paid()], outstanding: 0, today: TODAY }));
    fireEvent.click(screen.getByTestId('ws-tab-query'));
    fireEvent.click(screen.getByTestId('ws-tab-deduct'));
    fireEvent.click(await screen.findByTestId('payment-reverse-pay-1'));
    fake.handle('payments.list', () => ok({ payments: [paid({ reversal: { id: 'r', reason: '款项未到账', by: 'F520103001', at: 't' } })], outstanding: 2_500_00, today: TODAY }));
    fireEvent.change(screen.getByTestId('payment-reason-pay-1'), { target: { value: '款项未到账' } });
    fireEvent.click(screen.getByTestId('payment-reverse-confirm-pay-1'));
    expect((await screen.findByTestId('payment-reversed-pay-1')).textContent).toContain('款项未到账');
    expect(fake.callsOf('payments.reverse')).toEqual([{ caseId: CASE_DETAIL.id, paymentId: 'pay-1', reason: '款项未到账' }]);
  });

  it('in the conduct panel the payment is a fact of 积极履行 that opens the deduction tab', async () => {
    const r = renderApp();
    const events: TimelineEvent[] = [{ at: '2026-02-20', kind: 'payment', amount: 2_500_00, source: { kind: 'payment', id: 'pay-1' }, words: { zh: '2026-02-20 自动履行 2,500.00元', en: 'paid 2,500.00元 himself on 2026-02-20' } }];
    r.fake.handle('conduct.timeline', (i: { partyId: string }) => ok({ partyId: i.partyId, name: '张三', assessment: assessConduct({ partyId: i.partyId, name: '张三', filedOn: '2025-03-01', today: TODAY, events }) }));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header');
    fireEvent.click(screen.getByTestId('ws-tab-conduct'));
    expect((await screen.findByTestId('conduct-proposed')).textContent).toContain('积极履行');
    const link = within(screen.getByTestId('conduct-grounds')).getByTestId('conduct-source-pay-1');
    expect(link.textContent).toContain('自动履行');
    fireEvent.click(link);
    expect(useAppStore.getState().workspaceTab).toBe('deduct');
    await screen.findByTestId('debtor-payments');
  });
});
