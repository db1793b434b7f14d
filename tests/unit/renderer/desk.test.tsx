// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { addDays, todayCst } from '../../../shared/dates';
import { renewalPeriod } from '../../../shared/rules';
import { dateLong } from '../../../renderer/src/ui/format';
import {
  CASE_DETAIL, COURT_ACCOUNT, OFFICER, OFFICER_2, SETTINGS, asset, candidate, courtAccountProposal, createFakeApi, fail, freezePlan, freezeView, measure, reminderView,
} from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent;
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

describe('renewal reminders', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  const k1 = 'f1@2026-03-09-7d';
  const k2 = 'f7@2026-03-03-1d';

  it('loads the due reminders at sign-in, shows a badge, marks the missed ones, and records a dismissal with reminders.ack', async () => {
    const { fake } = renderApp({ signedIn: false });
    fake.handle('reminders.due', () => ok([
      reminderView(k1),
      reminderView(k2, { measureId: 'f7', endsOn: '2026-03-03', daysBefore: 1, dueOn: '2026-03-01', missed: true, caseNumber: '(2025)黔0103执77号' }),
    ]));
    await screen.findByTestId('signin-form');
    type('signin-officer', 'F520103001');
    type('signin-password', 'long-enough-1');
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(text('reminders-count')).toBe('2'));
    expect(fake.callsOf('reminders.due')).toHaveLength(1);
    expect(screen.getByTestId('reminders-count').dataset.missed).toBe('true');

    fireEvent.click(screen.getByTestId('reminders-toggle'));
    const list = screen.getByTestId('reminders-list');
    // the nearest end first
    const items = within(list).getAllByRole('listitem');
    expect(items[0]!.dataset.testid).toBe(`reminder-${k2}`);
    expect(screen.getByTestId(`reminder-${k2}`).dataset.missed).toBe('true');
    expect(text(`reminder-missed-${k2}`)).toBe('已错过');
    expect(screen.queryByTestId(`reminder-missed-${k1}`)).toBeNull();
    expect(text(`reminder-${k1}`)).toContain('2026-03-09 届满');
    expect(text(`reminder-${k1}`)).toContain('提前 7 天提醒');

    fireEvent.click(screen.getByTestId(`reminder-ack-${k2}`));
    await waitFor(() => expect(screen.queryByTestId(`reminder-${k2}`)).toBeNull());
    expect(fake.callsOf('reminders.ack')).toEqual([{ key: k2 }]);
    expect(text('reminders-count')).toBe('1');
  });

  it("adds reminders as 'reminder.due' brings them, and keeps one that could not be recorded", async () => {
    const { fake } = renderApp();
    await screen.findByTestId('case-search');
    expect(screen.queryByTestId('reminders-count')).toBeNull();
    act(() => fake.emit('reminder.due', { reminders: [reminderView(k1)] }));
    expect(text('reminders-count')).toBe('1');
    act(() => fake.emit('reminder.due', { reminders: [reminderView(k1), reminderView(k2, { missed: true })] }));
    expect(text('reminders-count')).toBe('2');
    fake.handle('reminders.ack', () => fail('STORE_LOCKED'));
    fireEvent.click(screen.getByTestId('reminders-toggle'));
    fireEvent.click(screen.getByTestId(`reminder-ack-${k1}`));
    await waitFor(() => expect(screen.getByTestId(`reminder-${k1}`).textContent).toContain('本地数据已锁定'));
    expect(text('reminders-count')).toBe('2');
  });

  it('opens the case of a reminder on its freeze panel', async () => {
    const { fake } = renderApp();
    fake.handle('reminders.due', () => ok([reminderView(k1)]));
    fireEvent.click(await screen.findByTestId('reminders-toggle'));
    fireEvent.click(await screen.findByTestId(`reminder-open-${k1}`));
    await screen.findByTestId('case-header-number');
    expect(screen.getByTestId('ws-tab-freeze').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(fake.callsOf('measures.list')).toEqual([{ caseId: 'case-1' }]));
  });
});

describe('outbox', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  const queued = { ...measure('m-q', { state: 'queued' }), caseNumber: CASE_DETAIL.number };
  const unknown = { ...measure('m-u', { state: 'unknown', kind: 'renew', freezeId: 'f1', createdAt: '2026-03-02T02:01:00.000Z' }), caseNumber: '(2025)黔0103执77号' };
  const approval = { ...measure('m-a', { state: 'awaiting_approval', kind: 'deduct', freezeId: 'f1', amount: 600_000_00, courtAccount: COURT_ACCOUNT, createdAt: '2026-03-02T02:02:00.000Z' }), caseNumber: CASE_DETAIL.number };

  it('lists every unfinished measure across cases, with a header badge, and withdraws what has not gone out', async () => {
    const { fake } = renderApp();
    fake.handle('measures.outbox', () => ok([queued, unknown, approval]));
    await waitFor(() => expect(text('outbox-count')).toBe('3'));
    fireEvent.click(screen.getByTestId('nav-outbox'));
    await screen.findByTestId('outbox-view');
    expect(text('outbox-state-m-q')).toBe('待发送');
    expect(text('outbox-hint-m-q')).toBe('网络恢复后自动发送');
    expect(text('outbox-state-m-u')).toBe('结果未知，正在核实');
    expect(text('outbox-hint-m-u')).toContain('同一请求号');
    expect(text('outbox-state-m-a')).toBe('待庭长审批');
    expect(text('outbox-row-m-a')).toContain('¥600,000.00');
    expect(text('outbox-row-m-u')).toContain('(2025)黔0103执77号');
    expect(screen.queryByTestId('outbox-cancel-m-u')).toBeNull();
    expect(screen.getByTestId('outbox-approve-m-a')).toBeTruthy();

    fake.handle('measures.cancel', (i) => ok({ measure: measure(i.measureId, { state: 'cancelled', updatedAt: '2026-03-02T03:00:00.000Z' }) }));
    fireEvent.click(screen.getByTestId('outbox-cancel-m-q'));
    await waitFor(() => expect(screen.queryByTestId('outbox-row-m-q')).toBeNull());
    expect(fake.callsOf('measures.cancel')).toEqual([{ measureId: 'm-q' }]);
    expect(text('outbox-count')).toBe('2');

    // concluded elsewhere: it leaves the outbox as the update arrives
    act(() => fake.emit('measure.updated', { measure: measure('m-u', { state: 'executed', kind: 'renew', freezeId: 'f1', updatedAt: '2026-03-02T04:00:00.000Z' }) }));
    expect(screen.queryByTestId('outbox-row-m-u')).toBeNull();
    expect(text('outbox-count')).toBe('1');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByTestId('case-search')).toBeTruthy();
  });

  it('counts a freeze just sent while the network is down', async () => {
    const { fake } = renderApp();
    fake.handle('measures.plan', () => ok(freezePlan({ candidates: [candidate(asset('a1', 'deposit', 5_000_00))] })));
    fake.handle('measures.freeze', (i) => ok({ measures: [measure('new-1', { assetId: i.items[0].assetId, amount: i.items[0].amount, state: 'queued' })] }));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    await waitFor(() => expect(fake.callsOf('measures.outbox')).toHaveLength(1));
    expect(screen.queryByTestId('outbox-count')).toBeNull();
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    fireEvent.click(await screen.findByTestId('freeze-pick-a1'));
    // the debtor's living costs stay on the account
    fireEvent.change(screen.getByTestId('freeze-amount-a1'), { target: { value: '3,000.00' } });
    fireEvent.click(screen.getByTestId('freeze-send'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(text('outbox-count')).toBe('1'));
    expect(text('send-state-a1')).toBe('已排队');
    fireEvent.click(screen.getByTestId('send-close'));
    fireEvent.click(screen.getByTestId('nav-outbox'));
    expect(text('outbox-state-new-1')).toBe('待发送');
    expect(text('outbox-row-new-1')).toContain(CASE_DETAIL.number);
  });
});

describe('expiry calendar', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  const today = todayCst();
  const soon = addDays(today, 3);
  const later = addDays(today, 45);
  const f1 = measure('f1', { endsOn: soon });
  const f2 = measure('f2', { endsOn: soon, channel: 'bank.ccb', assetIdentifier: '6217000000000002' });
  const f3 = measure('f3', { endsOn: later, caseId: 'case-2', assetKind: 'real_estate', channel: 'realestate.gz', assetIdentifier: '黔(2020)贵阳市不动产权第0012345号', amount: undefined });
  const days = [
    { date: soon, freezes: [{ ...freezeView(f1, { endsOn: soon, daysLeft: 3 }), caseNumber: CASE_DETAIL.number }, { ...freezeView(f2, { endsOn: soon, daysLeft: 3 }), caseNumber: CASE_DETAIL.number }] },
    { date: later, freezes: [{ ...freezeView(f3, { endsOn: later, daysLeft: 45 }), caseNumber: '(2025)黔0103执2号' }] },
  ];

  it('groups the next 90 days by date, coloured by days left, and renews one or all', async () => {
    const { fake } = renderApp();
    fake.handle('measures.calendar', () => ok(days));
    fireEvent.click(await screen.findByTestId('nav-calendar'));
    await screen.findByTestId(`calendar-day-${soon}`);
    expect(fake.callsOf('measures.calendar')[0]).toEqual({ from: today, to: addDays(today, 90) });
    expect(screen.getByTestId(`calendar-day-${soon}`).dataset.urgency).toBe('danger');
    expect(screen.getByTestId(`calendar-day-${soon}`).textContent).toContain('剩 3 天');
    expect(screen.getByTestId(`calendar-day-${later}`).dataset.urgency).toBe('ok');
    expect(within(screen.getByTestId(`calendar-day-${soon}`)).getAllByRole('row')).toHaveLength(2);
    expect(text('calendar-row-f3')).toContain('(2025)黔0103执2号');

    fireEvent.click(screen.getByTestId('calendar-renew-f2'));
    // the period it will carry is read first; nothing goes before 确认发送
    const p2 = renewalPeriod(soon, 'deposit');
    expect(p2.start).toBe(addDays(soon, 1));
    expect(text('send-period-f2')).toBe(`续行冻结期限自${dateLong(p2.start)}起至${dateLong(p2.end)}止`);
    expect(fake.callsOf('measures.renew')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f2'] }]));
    expect((await screen.findByTestId('send-intro')).textContent).toBe('已发出 1 项，协助单位反馈后逐项更新');
    fireEvent.click(screen.getByTestId('send-close'));

    expect(text('calendar-renew-all')).toContain('全部续冻（3 项）');
    fireEvent.click(screen.getByTestId('calendar-renew-all'));
    // a flat is sealed whole, for three years
    expect(text('send-amount-f3')).toBe('整体查封');
    expect(text('send-period-f3')).toContain(`至${dateLong(renewalPeriod(later, 'real_estate').end)}止`);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toHaveLength(2));
    expect(fake.callsOf('measures.renew')[1]).toEqual({ decisionId: expect.any(String), freezeIds: ['f1', 'f2', 'f3'] });
    expect((await screen.findByTestId('send-intro')).textContent).toBe('已发出 3 项，协助单位反馈后逐项更新');
  });

  it('R opens the calendar, and there renews everything listed', async () => {
    const { fake } = renderApp();
    fake.handle('measures.calendar', () => ok(days));
    await screen.findByTestId('case-search');
    fireEvent.keyDown(document.body, { key: 'r' });
    await screen.findByTestId(`calendar-day-${soon}`);
    expect(fake.callsOf('measures.renew')).toHaveLength(0);
    fireEvent.keyDown(document.body, { key: 'R' });
    await screen.findByTestId('send-dialog');
    expect(fake.callsOf('measures.renew')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f1', 'f2', 'f3'] }]));
  });

  it('says so when nothing ends in the next 90 days', async () => {
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-calendar'));
    expect((await screen.findByTestId('calendar-empty')).textContent).toBe('今后 90 天没有到期的冻结');
  });
});

describe('bureau settings', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('reads the settings, takes amounts in yuan and sends fen and days, never the accounts', async () => {
    const { fake } = renderApp();
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('settings-threshold');
    expect((screen.getByTestId('settings-threshold') as HTMLInputElement).value).toBe('500000.00');
    expect((screen.getByTestId('settings-reminder-days') as HTMLInputElement).value).toBe('30, 7, 1');
    expect((screen.getByTestId('settings-allowance') as HTMLInputElement).value).toBe('1500.00');
    expect((screen.getByTestId('settings-max-age') as HTMLInputElement).value).toBe('10');
    expect(text('accounts-in-force')).toContain(COURT_ACCOUNT.accountNo);
    // a judge sees the accounts, and proposes nothing
    expect(screen.queryByTestId('accounts-propose')).toBeNull();

    type('settings-threshold', '¥200,000');
    type('settings-reminder-days', '15，3, 400');
    type('settings-max-age', '5');
    expect((screen.getByTestId('settings-allowance-months') as HTMLInputElement).value).toBe('1');
    type('settings-allowance-months', '0');
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(text('settings-reminder-days-error')).toContain('0–365');
    expect(text('settings-allowance-months-error')).toContain('1–24');
    type('settings-allowance-months', '3');
    expect(fake.callsOf('settings.set')).toHaveLength(0);
    type('settings-reminder-days', '15，3');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('settings.set')).toHaveLength(1));
    const sent = fake.callsOf('settings.set')[0];
    expect(sent).toEqual({ approvalThreshold: 200_000_00, reminderDays: [15, 3], exemptLivingAllowance: 1_500_00, exemptLivingMonths: 3, balanceMaxAgeMinutes: 5 });
    expect((await screen.findByTestId('settings-saved')).textContent).toBe('设置已保存');
  });

  it('a chief proposes new accounts with a reason, and confirms or rejects another chief’s proposal, never his own', async () => {
    const chief = { ...OFFICER, code: 'F520103003', name: '张国华', role: 'chief' as const };
    const fake = createFakeApi();
    fake.handle('session.current', () => ok(chief));
    fake.handle('settings.courtAccountProposals', () => ok([
      courtAccountProposal('cap-1', { proposedBy: 'F520103008' }),
      courtAccountProposal('cap-2', { proposedBy: chief.code, reason: '本人提出' }),
    ]));
    renderApp({ fake });
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('accounts-proposal-cap-1');
    expect(screen.getByTestId('accounts-proposal-cap-1-confirm')).toBeTruthy();
    expect(screen.queryByTestId('accounts-proposal-cap-2-confirm')).toBeNull();
    expect(text('accounts-proposal-cap-2-own')).toContain('另一名庭长或局长确认');

    fireEvent.click(screen.getByTestId('accounts-propose'));
    fireEvent.click(screen.getByTestId('settings-account-add'));
    type('settings-account-1-name', '贵阳市南明区人民法院');
    type('settings-account-1-bank', '贵阳银行南明支行');
    type('settings-account-1-accountNo', '1201 0001 0000 0123');
    fireEvent.click(screen.getByTestId('accounts-propose-submit'));
    expect(fake.callsOf('settings.proposeCourtAccounts')).toHaveLength(0);
    type('accounts-reason', '财政局新开专户');
    fireEvent.click(screen.getByTestId('accounts-propose-submit'));
    await waitFor(() => expect(fake.callsOf('settings.proposeCourtAccounts')).toHaveLength(1));
    const proposed = fake.callsOf('settings.proposeCourtAccounts')[0];
    expect(proposed.reason).toBe('财政局新开专户');
    expect(proposed.accounts[0]).toEqual(COURT_ACCOUNT);
    expect(proposed.accounts[1]).toMatchObject({ name: '贵阳市南明区人民法院', bank: '贵阳银行南明支行', accountNo: '1201000100000123' });
    expect(await screen.findByTestId('accounts-proposed')).toBeTruthy();
    expect(fake.callsOf('settings.set')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('accounts-proposal-cap-1-confirm'));
    await waitFor(() => expect(fake.callsOf('settings.confirmCourtAccounts')).toEqual([{ proposalId: 'cap-1' }]));
    type('accounts-proposal-cap-1-note', '账号有误');
    fireEvent.click(screen.getByTestId('accounts-proposal-cap-1-reject'));
    await waitFor(() => expect(fake.callsOf('settings.rejectCourtAccounts')).toEqual([{ proposalId: 'cap-1', note: '账号有误' }]));
  });

  it('lists the officers of this workstation, and enrols another one only with his own code and password', async () => {
    const { fake } = renderApp();
    fireEvent.click(await screen.findByTestId('nav-settings'));
    expect((await screen.findByTestId(`officer-row-${OFFICER.code}`)).textContent).toContain('已在备案名单登记');
    // the signed-in officer is enrolled already: only the others are offered
    await waitFor(() => expect(screen.getByTestId('enrol-officer').querySelectorAll('option')).toHaveLength(2));
    type('enrol-officer', OFFICER_2.code);
    type('enrol-password', 'their-own-pass');
    type('enrol-password2', 'their-own-pass');
    fireEvent.click(screen.getByTestId('enrol-submit'));
    expect((await screen.findByTestId('enrol-error')).textContent).toBe('请选择干警并填写登记码和密码');
    expect(fake.callsOf('session.enrol')).toHaveLength(0);
    type('enrol-code', 'Z9WT-YKCZ');
    type('enrol-password', 'their-own-pass');
    type('enrol-password2', 'their-own-pass');
    fireEvent.click(screen.getByTestId('enrol-submit'));
    await waitFor(() => expect(fake.callsOf('session.enrol')).toEqual([{ officerCode: OFFICER_2.code, enrolmentCode: 'Z9WT-YKCZ', password: 'their-own-pass' }]));
    expect((await screen.findByTestId('enrol-done')).textContent).toContain(OFFICER_2.name);
    // a judge cannot take anyone's access away: the button is a chief's or the director's
    expect(screen.queryByTestId(`officer-remove-${OFFICER_2.code}`)).toBeNull();
  });
});

describe('language and lock', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('has the freeze panel and the desk in English too', async () => {
    const { fake } = renderApp();
    fake.handle('measures.plan', () => ok(freezePlan({ cap: 1_000_00, candidates: [candidate(asset('a1', 'deposit', 5_000_00))] })));
    fireEvent.click(await screen.findByTestId('lang-switch'));
    expect(text('nav-outbox')).toContain('Outbox');
    expect(text('nav-calendar')).toBe('Expiry calendar');
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    fireEvent.click(await screen.findByTestId('freeze-pick-a1'));
    type('freeze-amount-a1', '2000');
    expect(text('freeze-send')).toContain('Freeze all');
    expect(text('freeze-blocked')).toBe(
      'Cannot send: The total frozen would exceed the outstanding amount plus enforcement costs of ¥1,000.00 by ¥1,000.00; at most ¥1,000.00 may be frozen on this asset',
    );
  });

  it('forgets reminders and the outbox on lock', async () => {
    const { fake } = renderApp();
    fake.handle('reminders.due', () => ok([reminderView('x@2026-03-09-7d')]));
    fake.handle('measures.outbox', () => ok([{ ...measure('m-q', { state: 'queued' }), caseNumber: CASE_DETAIL.number }]));
    await waitFor(() => expect(text('outbox-count')).toBe('1'));
    act(() => fake.emit('session.locked', { reason: 'idle' }));
    expect(screen.getByTestId('signin-form')).toBeTruthy();
    expect(screen.queryByTestId('outbox-count')).toBeNull();
    expect(screen.queryByTestId('reminders-toggle')).toBeNull();
    expect(document.body.textContent).not.toContain(CASE_DETAIL.number);
  });
});
