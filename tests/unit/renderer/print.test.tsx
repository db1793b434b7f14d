// @vitest-environment jsdom
/**
 * Printing: 打印 in the document viewer and on a deduction receipt prints that page alone (the one
 * element marked for the print stylesheet while window.print runs), and the receipt carries the
 * court's heading, the debtor, the amount, who decided and who operates, the time and lines to sign.
 * Nothing is saved or downloaded by printing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Receipt } from '../../../renderer/src/features/deduction/Receipt.dom';
import { useAppStore } from '../../../renderer/src/store';
import { CASE_DETAIL, COURT_ACCOUNT, measure, OFFICER, OFFICER_2 } from './fake-api';
import { renderApp, resetAll } from './render-app';

const DEDUCTED = measure('d1', {
  kind: 'deduct', partyId: 'p-1', freezeId: 'f1', amount: 12_345_00, state: 'executed', courtAccount: COURT_ACCOUNT, decidedBy: OFFICER.code,
  outcome: { deductedAmount: 12_345_00, agencyRef: 'ICBC-KH-20260302-0042', executedAt: '2026-03-02T06:03:00.000Z' },
});

/** what window.print saw: which elements were marked to print, and whether the page was in one-area mode */
let seen: { marked: string[]; one: boolean }[];
let saved: number;

beforeEach(async () => {
  await resetAll();
  seen = [];
  saved = 0;
  window.print = vi.fn(() => {
    seen.push({
      marked: [...document.querySelectorAll('.print-now')].map((e) => (e as HTMLElement).dataset.testid ?? ''),
      one: document.documentElement.classList.contains('print-one'),
    });
  });
  Object.assign(URL, { createObjectURL: vi.fn(() => { saved += 1; return 'blob:x'; }), revokeObjectURL: vi.fn() });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await resetAll();
});

describe('printing', () => {
  it('打印 in the document viewer prints the document page alone', async () => {
    renderApp();
    await screen.findByTestId('case-search');
    await act(() => useAppStore.getState().openDocument('doc-1'));
    await screen.findByTestId('doc-page');
    fireEvent.click(screen.getByTestId('doc-print'));
    expect(window.print).toHaveBeenCalledOnce();
    expect(seen).toEqual([{ marked: ['doc-page'], one: true }]);
    // afterwards the page is as it was
    expect(document.querySelectorAll('.print-now')).toHaveLength(0);
    expect(document.documentElement.classList.contains('print-one')).toBe(false);
    expect(saved).toBe(0);
  });

  it('the receipt prints alone, with the court heading, debtor, amount, decider, operator, time and signature lines', () => {
    act(() => useAppStore.setState({ officer: OFFICER_2, registeredOfficers: [OFFICER, OFFICER_2], currentCase: CASE_DETAIL, currentCaseId: CASE_DETAIL.id }));
    render(
      <>
        <article className="print-area" data-testid="other-area" />
        <Receipt measure={DEDUCTED} masked={false} />
      </>,
    );
    const text = (id: string) => screen.getByTestId(id).textContent;
    expect(text('receipt-court')).toBe(OFFICER.court);
    expect(screen.getByTestId('receipt-court').className).toContain('print-only');
    expect(text('receipt-debtor')).toBe('张三');
    expect(text('receipt-amount')).toBe('¥12,345.00');
    expect(text('receipt-time')).toBe('2026-03-02 14:03');
    expect(text('receipt-decided-by')).toBe(`${OFFICER.name}（${OFFICER.code}）`);
    expect(text('receipt-operator')).toBe(`${OFFICER_2.name}（${OFFICER_2.code}）`);
    const signs = screen.getByTestId('receipt-signs').textContent;
    for (const line of ['承办法官签名', '当事人签名', '日期']) expect(signs).toContain(line);

    fireEvent.click(screen.getByTestId('receipt-print'));
    expect(seen).toEqual([{ marked: ['deduct-receipt'], one: true }]);
    expect(document.querySelectorAll('.print-now')).toHaveLength(0);
    expect(saved).toBe(0);
  });
});
