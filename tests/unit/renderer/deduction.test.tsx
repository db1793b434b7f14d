// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok, type Result } from '../../../shared/result';
import { formatCstDateTime } from '../../../shared/dates';
import { maskId } from '../../../shared/ids/subject-id';
import type { DeductionPrep } from '../../../shared/domain/measure-views';
import { maskAccount } from '../../../renderer/src/ui/mask';
import {
  APPLICANT_ID, CASE_DETAIL, COURT_ACCOUNT, COURT_ACCOUNT_2, DEBTOR_COMPANY_ID, DEBTOR_PERSON_ID, caseMeasures, deductionPrep, measure, OFFICER,
  type FakeApi,
} from './fake-api';
import { renderApp, resetAll } from './render-app';

const F1 = measure('f1', { amount: 12_345_00 });
const F2 = measure('f2', { assetId: 'a4', channel: 'funds.alipay', assetKind: 'online_funds', assetIdentifier: 'zhangsan@pay.example', amount: 800_00 });
/** real estate: sealed, never deducted online */
const F3 = measure('f3', { assetId: 'a3', channel: 'realestate.gz', assetKind: 'real_estate', assetIdentifier: '黔(2020)贵阳市不动产权第0012345号', amount: undefined });
const CHECKED_AT = new Date(Date.now() - 60_000).toISOString();

async function openDeduct(setup?: (fake: FakeApi) => void) {
  const r = renderApp();
  r.fake.handle('measures.list', () => ok(caseMeasures([F1, F2, F3])));
  setup?.(r.fake);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-deduct'));
  await screen.findByTestId('deduct-choice-f1');
  return r;
}

/** A prepare that answers when the test says so: the judge sees the re-query happening. */
function deferredPrep(fake: FakeApi, over: Partial<DeductionPrep> = {}) {
  let release!: () => void;
  fake.handle('deduction.prepare', (i) => new Promise<Result<unknown>>((resolve) => {
    release = () => resolve(ok(deductionPrep({ freezeId: i.freezeId, checkedAt: CHECKED_AT, ...over })));
  }));
  return () => act(async () => {
    release();
    await Promise.resolve();
  });
}

const text = (id: string) => screen.getByTestId(id).textContent;
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const confirmButton = () => screen.getByTestId('deduct-confirm') as HTMLButtonElement;

describe('deduction panel', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('offers only freezes in force that can be deducted online', async () => {
    await openDeduct();
    expect(screen.getByTestId('deduct-choice-f1')).toBeTruthy();
    expect(screen.getByTestId('deduct-choice-f2')).toBeTruthy();
    expect(screen.queryByTestId('deduct-choice-f3')).toBeNull();
    expect(screen.getByTestId('ws-tab-deduct').title).toContain('D');
  });

  it('re-queries the frozen balance and shows it with its time before anything can be confirmed', async () => {
    const { fake } = await openDeduct();
    const answer = deferredPrep(fake);
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    expect(await screen.findByTestId('deduct-checking')).toBeTruthy();
    expect(text('deduct-checking')).toBe('正在向协助单位核实冻结余额…');
    expect(screen.queryByTestId('deduct-confirm')).toBeNull();
    expect(screen.queryByTestId('deduct-amount')).toBeNull();
    expect(fake.callsOf('deduction.prepare')).toEqual([{ freezeId: 'f1' }]);
    await answer();
    expect(await screen.findByTestId('deduct-balance')).toBeTruthy();
    expect(text('deduct-balance')).toBe(`冻结余额 ¥12,345.00（${formatCstDateTime(CHECKED_AT)} 核实）`);
    expect((screen.getByTestId('deduct-amount') as HTMLInputElement).value).toBe('12345.00');
    // the only court account is chosen; without the PIN nothing goes
    expect((screen.getByTestId('deduct-account') as HTMLSelectElement).value).toBe('ca-1');
    expect(confirmButton().disabled).toBe(true);
  });

  it('refuses an amount above the frozen balance, and sends the PIN with the balance it was confirmed on', async () => {
    const { fake } = await openDeduct((f) => f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: CHECKED_AT, courtAccounts: [COURT_ACCOUNT, COURT_ACCOUNT_2] }))));
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    await screen.findByTestId('deduct-amount');
    type('deduct-pin', '246810');
    type('deduct-amount', '20000');
    expect(text('deduct-amount-error')).toContain('扣划金额 ¥20,000.00 超过本案当前冻结金额 ¥12,345.00');
    expect(confirmButton().disabled).toBe(true);
    type('deduct-amount', '10000');
    expect(screen.queryByTestId('deduct-amount-error')).toBeNull();
    // two accounts: the judge must choose
    expect(confirmButton().disabled).toBe(true);
    type('deduct-account', 'ca-2');
    expect(confirmButton().disabled).toBe(false);
    fireEvent.click(confirmButton());
    await waitFor(() => expect(fake.callsOf('deduction.submit')).toHaveLength(1));
    expect(fake.callsOf('deduction.submit')[0]).toEqual({ decisionId: expect.any(String), freezeId: 'f1', amount: 10_000_00, courtAccountId: 'ca-2', checkedAt: CHECKED_AT, pin: '246810' });
    expect((await screen.findByTestId('deduct-status')).dataset.state).toBe('sent');
    expect(text('deduct-state')).toBe('已发送');
  });

  it('refuses a stale balance until it is verified again', async () => {
    const old = new Date(Date.now() - 25 * 60_000).toISOString();
    const { fake } = await openDeduct((f) => f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: old }))));
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    await screen.findByTestId('deduct-amount');
    type('deduct-pin', '246810');
    expect(text('deduct-amount-error')).toContain('冻结余额查询于 25 分钟前，已超过 10 分钟，请重新查询后再扣划');
    expect(confirmButton().disabled).toBe(true);
    fake.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId })));
    fireEvent.click(screen.getByTestId('deduct-recheck'));
    await waitFor(() => expect(screen.queryByTestId('deduct-amount-error')).toBeNull());
    expect(fake.callsOf('deduction.prepare')).toHaveLength(2);
  });

  it('above the threshold waits as 待庭长审批, and a division chief approves with code and password', async () => {
    const { fake } = await openDeduct((f) => {
      f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: CHECKED_AT, approvalThreshold: 10_000_00 })));
      f.handle('deduction.submit', (i) => ok({ measure: measure('d1', { kind: 'deduct', freezeId: i.freezeId, amount: i.amount, state: 'awaiting_approval', courtAccount: COURT_ACCOUNT }) }));
      const at = '2026-12-01T02:00:00.000Z';
      f.handle('session.enrolled', () => ok([
        { ...OFFICER, enrolledAt: at, keyId: 'K-1' },
        { code: 'F520103003', name: '张国华', court: '黔0103', role: 'chief', enrolledAt: at },
        { code: 'F520103008', name: '刘志强', court: '黔0103', role: 'chief', enrolledAt: at, keyId: 'K-8' },
        { code: 'F520103009', name: '周建国', court: '黔0103', role: 'director', enrolledAt: at, keyId: 'K-9' },
      ]));
    });
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    await screen.findByTestId('deduct-amount');
    expect(text('deduct-approval-note')).toBe('金额超过审批限额 ¥10,000.00，提交后须庭长审批方可发送');
    type('deduct-pin', '246810');
    fireEvent.click(confirmButton());
    expect((await screen.findByTestId('deduct-status')).dataset.state).toBe('awaiting_approval');
    expect(text('deduct-state')).toBe('待庭长审批');
    // the PIN is not kept
    expect(screen.queryByTestId('deduct-pin')).toBeNull();

    fireEvent.click(screen.getByTestId('deduct-approve-open'));
    const dialog = await screen.findByTestId('approval-dialog');
    expect(dialog.textContent).toContain('¥12,345.00');
    fireEvent.click(screen.getByTestId('approval-approve'));
    expect(text('approval-code-error')).toBe('请填写此项');
    expect(fake.callsOf('deduction.approve')).toHaveLength(0);
    // only the chiefs and the director enrolled here with a key, never the deciding judge
    await waitFor(() => expect(within(screen.getByTestId('approval-code')).getAllByRole('option').map((o) => (o as HTMLOptionElement).value)).toEqual(['', 'F520103008', 'F520103009']));
    type('approval-code', 'F520103009');
    type('approval-password', 'chief-secret');
    fireEvent.click(screen.getByTestId('approval-approve'));
    await waitFor(() => expect(fake.callsOf('deduction.approve')).toHaveLength(1));
    expect(fake.callsOf('deduction.approve')[0]).toEqual({ measureId: 'd1', approverCode: 'F520103009', approverPassword: 'chief-secret', decision: 'approve' });
    await waitFor(() => expect(screen.queryByTestId('approval-dialog')).toBeNull());
    expect(screen.getByTestId('deduct-status').dataset.state).toBe('sent');
  });

  it("after the agency confirms ('measure.updated' executed), updates the recovered figure and shows a printable receipt", async () => {
    const { fake } = await openDeduct((f) => f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: CHECKED_AT }))));
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    await screen.findByTestId('deduct-amount');
    type('deduct-pin', '246810');
    fireEvent.click(confirmButton());
    await screen.findByTestId('deduct-status');
    expect(text('case-header-recovered')).toBe('¥10,000.00');
    fake.handle('cases.get', () => ok({ ...CASE_DETAIL, recovered: 22_345_00 }));
    const gets = fake.callsOf('cases.get').length;

    act(() =>
      fake.emit('measure.updated', {
        measure: measure('d1', {
          kind: 'deduct', freezeId: 'f1', amount: 12_345_00, state: 'executed', courtAccount: COURT_ACCOUNT, endsOn: undefined,
          outcome: { deductedAmount: 12_345_00, agencyRef: 'ICBC-KH-20260302-0042', executedAt: '2026-03-02T06:03:00.000Z' },
          updatedAt: '2026-03-02T06:03:00.000Z',
        }),
      }),
    );
    expect(screen.getByTestId('deduct-status').dataset.state).toBe('executed');
    const receipt = await screen.findByTestId('deduct-receipt');
    expect(receipt.className).toContain('print-area');
    expect(text('receipt-amount')).toBe('¥12,345.00');
    expect(text('receipt-from')).toContain('6222021234567890123');
    expect(text('receipt-to')).toBe(`${COURT_ACCOUNT.name} · ${COURT_ACCOUNT.bank} · ${COURT_ACCOUNT.accountNo}`);
    expect(text('receipt-ref')).toBe('ICBC-KH-20260302-0042');
    expect(text('receipt-time')).toBe('2026-03-02 14:03');
    await waitFor(() => expect(text('case-header-recovered')).toBe('¥22,345.00'));
    expect(fake.callsOf('cases.get').length).toBe(gets + 1);

    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    fireEvent.click(screen.getByTestId('receipt-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('offline, the last known balance is marked as such and the deduction is kept as a draft', async () => {
    const old = new Date(Date.now() - 3 * 3600_000).toISOString();
    const { fake } = await openDeduct((f) => {
      f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: old, fresh: false })));
      f.handle('deduction.submit', (i) => ok({ measure: measure('d9', { kind: 'deduct', freezeId: i.freezeId, amount: i.amount, state: 'draft', courtAccount: COURT_ACCOUNT }) }));
    });
    fireEvent.click(screen.getByTestId('deduct-choice-f1'));
    await screen.findByTestId('deduct-amount');
    expect(text('deduct-balance')).toContain('网络不可用：最近一次核实的冻结余额 ¥12,345.00');
    expect(text('deduct-offline-note')).toContain('保存为草稿');
    type('deduct-pin', '246810');
    expect(confirmButton().textContent).toBe('保存为草稿');
    expect(confirmButton().disabled).toBe(false);
    fireEvent.click(confirmButton());
    expect((await screen.findByTestId('deduct-status')).dataset.state).toBe('draft');
    expect(text('deduct-state')).toBe('草稿（待核实确认）');

    // back online: verify again, confirm on the fresh balance
    fake.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId })));
    fireEvent.click(screen.getByTestId('deduct-recheck'));
    await screen.findByTestId('deduct-draft-form');
    expect(text('deduct-draft-amount')).toBe('¥12,345.00');
    type('deduct-pin', '246810');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(fake.callsOf('deduction.confirm')).toHaveLength(1));
    expect(fake.callsOf('deduction.confirm')[0]).toMatchObject({ measureId: 'd9', pin: '246810' });
  });
});

describe('hearing mode', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('shows one account at a time, full screen, with the debtor’s name and the masked account — never an ID number', async () => {
    const { fake } = await openDeduct((f) => f.handle('deduction.prepare', (i) => ok(deductionPrep({ freezeId: i.freezeId, checkedAt: CHECKED_AT, frozenNow: i.freezeId === 'f2' ? 800_00 : 12_345_00, suggested: i.freezeId === 'f2' ? 800_00 : 12_345_00 }))));
    expect(screen.getByTestId('hearing-toggle').title).toContain('H');
    fireEvent.click(screen.getByTestId('hearing-toggle'));
    await screen.findByTestId('hearing-mode');
    // the same re-query first
    await screen.findByTestId('deduct-balance');
    expect(fake.callsOf('deduction.prepare')).toEqual([{ freezeId: 'f1' }]);
    expect(text('hearing-debtor')).toBe('张三');
    expect(text('hearing-account')).toBe(`中国工商银行 ${maskAccount('6222021234567890123')}`);
    expect(text('hearing-position')).toBe('第 1 / 2 个账户');
    expect(screen.getAllByTestId('hearing-account-card')).toHaveLength(1);

    const page = document.body.textContent ?? '';
    for (const id of [DEBTOR_PERSON_ID, DEBTOR_COMPANY_ID, APPLICANT_ID]) {
      expect(page).not.toContain(id);
      expect(page).not.toContain(maskId(id));
    }
    expect(page).not.toContain('6222021234567890123'); // the account itself only masked
    expect(page).not.toContain('zhangsan@pay.example'); // nor another account
    expect(page).not.toContain('赵明'); // nor another party
    expect(page).not.toContain('贵州黔丰建材有限公司');
    expect(screen.queryByTestId('header-officer')).toBeNull();
    expect(screen.queryByTestId('case-header')).toBeNull();

    fireEvent.click(screen.getByTestId('hearing-next'));
    await waitFor(() => expect(text('hearing-account')).toBe(`支付宝 ${maskAccount('zhangsan@pay.example')}`));
    await waitFor(() => expect(text('deduct-balance')).toContain('¥800.00'));
    expect(document.body.textContent).not.toContain('6222');

    // one big confirmation with the PIN
    type('deduct-pin', '246810');
    expect(confirmButton().className).toContain('btn-huge');
    fireEvent.click(confirmButton());
    await waitFor(() => expect(fake.callsOf('deduction.submit')).toHaveLength(1));
    expect(fake.callsOf('deduction.submit')[0]).toMatchObject({ freezeId: 'f2', amount: 800_00, pin: '246810' });

    fireEvent.keyDown(document.body, { key: 'h' });
    expect(screen.queryByTestId('hearing-mode')).toBeNull();
    expect(screen.getByTestId('case-header-number')).toBeTruthy();
  });

  it('H switches it on from the workspace; Esc leaves it', async () => {
    await openDeduct();
    fireEvent.keyDown(document.body, { key: 'H' });
    expect(await screen.findByTestId('hearing-mode')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('hearing-mode')).toBeNull();
    // Esc left hearing mode only: the case stays open
    expect(screen.getByTestId('case-header-number')).toBeTruthy();
  });
});
