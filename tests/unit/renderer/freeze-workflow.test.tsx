// @vitest-environment jsdom
/**
 * The freeze and renewal workflow as a judge goes through it: what will be sent is listed before
 * 确认发送, each item then shows its own state, reminders come grouped by case with 续冻 stating the
 * renewal's period, the suggestion says why it leaves an asset out, and dates read 年-月-日.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok, type Result } from '../../../shared/result';
import { addDays, todayCst } from '../../../shared/dates';
import { renewalPeriod } from '../../../shared/rules';
import { dateLong } from '../../../renderer/src/ui/format';
import type { FreezePlan } from '../../../shared/domain/measure-views';
import type { Measure } from '../../../shared/domain/measures';
import {
  CASE_DETAIL, MAX_END_FUNDS, MAX_END_PROPERTY, asset, candidate, docRef, fail, freezePlan, measure, reminderView, type FakeApi,
} from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent;
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

const ICBC = asset('a1', 'deposit', 40_000_00, { identifier: '6222 0000 0001' });
const CCB = asset('a2', 'deposit', 30_000_00, { channel: 'bank.ccb', institution: '中国建设银行贵阳分行', identifier: '6217 0000 0002' });
const BOC = asset('a3', 'deposit', 20_000_00, { channel: 'bank.boc', institution: '中国银行贵阳分行', identifier: '6013 0000 0003' });

/** three accounts, all three needed to reach a cap of ¥80,000.00 (living costs stay on the third) */
const THREE: FreezePlan = freezePlan({
  cap: 80_000_00,
  candidates: [candidate(ICBC), candidate(CCB), candidate(BOC)],
  suggestion: {
    items: [{ assetId: 'a1', amount: 40_000_00 }, { assetId: 'a2', amount: 30_000_00 }, { assetId: 'a3', amount: 10_000_00 }],
    total: 80_000_00, reachesCap: true, skipped: [],
  },
});

async function openPanel(plan: FreezePlan, setup?: (fake: FakeApi) => void) {
  const r = renderApp();
  r.fake.handle('measures.plan', () => ok(plan));
  setup?.(r.fake);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-freeze'));
  await screen.findByTestId('freeze-cap');
  return r;
}

describe('the confirmation before 一键冻结 sends', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('lists three accounts with amounts and periods, and nothing is sent before 确认发送', async () => {
    const { fake } = await openPanel(THREE);
    await waitFor(() => expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('freeze-send'));
    const dialog = await screen.findByTestId('send-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('确认冻结');
    expect(text('send-intro')).toBe('以下 3 项将一并发送；点击“确认发送”之前不会发出任何措施。');
    const rows = within(screen.getByTestId('send-items')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(text('send-item-a2')).toContain('中国建设银行贵阳分行');
    expect(text('send-item-a2')).toContain('6217 0000 0002');
    expect([text('send-amount-a1'), text('send-amount-a2'), text('send-amount-a3')]).toEqual(['¥40,000.00', '¥30,000.00', '¥10,000.00']);
    // from today (2026-03-02) to the legal maximum (2027-03-01), as the ruling will write it
    for (const id of ['a1', 'a2', 'a3']) expect(text(`send-period-${id}`)).toBe('冻结期限自2026年3月2日起至2027年3月1日止');
    expect(text('send-docs-a1')).toBe('冻结裁定书、协助冻结通知书');
    expect(text('send-total')).toBe('合计 ¥80,000.00');
    expect(fake.callsOf('measures.freeze')).toHaveLength(0);

    // 返回修改: back to the panel as it was, still nothing sent
    fireEvent.click(screen.getByTestId('send-back'));
    expect(screen.queryByTestId('send-dialog')).toBeNull();
    expect((screen.getByTestId('freeze-pick-a3') as HTMLInputElement).checked).toBe(true);
    // F lists it again; Esc closes it as well
    fireEvent.keyDown(document.body, { key: 'f' });
    fireEvent.keyDown(await screen.findByTestId('send-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('send-dialog')).toBeNull();
    expect(fake.callsOf('measures.freeze')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('freeze-send'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.freeze')).toHaveLength(1));
    expect(fake.callsOf('measures.freeze')[0].items).toEqual([
      { assetId: 'a1', endsOn: MAX_END_FUNDS, amount: 40_000_00 },
      { assetId: 'a2', endsOn: MAX_END_FUNDS, amount: 30_000_00 },
      { assetId: 'a3', endsOn: MAX_END_FUNDS, amount: 10_000_00 },
    ]);
  });

  it('each item shows its own state as it moves: 正在生成文书 → 已排队 / 已发送 / 已确认 / 被拒绝 with the agency’s reason', async () => {
    let answer!: (r: Result<unknown>) => void;
    let decisionId = '';
    const { fake } = await openPanel(THREE, (f) =>
      f.handle('measures.freeze', (i) => {
        decisionId = i.decisionId;
        return new Promise((res) => { answer = res; });
      }),
    );
    await waitFor(() => expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('freeze-send'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    // the call is under way: every item is having its documents made, and a second click sends nothing
    await waitFor(() => expect(text('send-state-a1')).toBe('正在生成文书…'));
    expect(text('send-confirm')).toBe('正在发送…');
    fireEvent.click(screen.getByTestId('send-confirm'));
    expect(fake.callsOf('measures.freeze')).toHaveLength(1);

    const made = (id: string, n: number, over: Partial<Measure>) => measure(`m-${id}`, {
      assetId: id, decisionId, documents: [docRef(`d${n}`, '冻结裁定书', `(2025)黔0103执1234号之${'一二三四五六'[n]}`), docRef(`e${n}`, '协助冻结通知书')], ...over,
    });
    await act(async () => {
      answer(ok({ measures: [made('a1', 0, { state: 'queued' }), made('a2', 1, { state: 'queued' }), made('a3', 2, { state: 'sent' })] }));
    });
    await waitFor(() => expect(text('send-state-a1')).toBe('已排队'));
    expect(text('send-state-a3')).toBe('已发送');
    expect(text('send-docs-made-a1')).toContain('文书已生成：冻结裁定书 (2025)黔0103执1234号之一');

    act(() => {
      fake.emit('measure.updated', { measure: made('a1', 0, { state: 'executed', outcome: { frozenAmount: 40_000_00 }, updatedAt: '2026-03-02T03:00:00.000Z' }) });
      fake.emit('measure.updated', { measure: made('a2', 1, { state: 'rejected', outcome: { rejection: { code: 'ACCOUNT_CLOSED', message: '该账户已销户' } }, updatedAt: '2026-03-02T03:00:00.000Z' }) });
      // another decision's update moves nothing here
      fake.emit('measure.updated', { measure: measure('other', { assetId: 'a3', decisionId: 'another-decision', state: 'rejected', updatedAt: '2026-03-02T04:00:00.000Z' }) });
    });
    expect(text('send-state-a1')).toBe('已确认');
    expect(text('send-state-a2')).toContain('被拒绝');
    expect(text('send-rejection-a2')).toBe('被拒绝：该账户已销户');
    expect(text('send-state-a3')).toBe('已发送');
    expect(screen.getByTestId('send-state-a3').dataset.state).toBe('sent');
    fireEvent.click(screen.getByTestId('send-close'));
    expect(screen.queryByTestId('send-dialog')).toBeNull();
  });

  it("keeps a refused set on the confirmation with main's reason by its item, and sends nothing more", async () => {
    const { fake } = await openPanel(THREE, (f) =>
      f.handle('measures.freeze', () => fail('VALIDATION', { zh: '该账户已销户', en: 'the account is closed' }, 'items.1.assetId')),
    );
    await waitFor(() => expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('freeze-send'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    expect((await screen.findByTestId('send-refusal-a2')).textContent).toContain('该账户已销户');
    expect(text('send-state-a2')).toContain('未发送');
    expect(screen.getByTestId('send-dialog').dataset.phase).toBe('confirm');
    fireEvent.click(screen.getByTestId('send-back'));
    expect(text('freeze-server-error-a2')).toContain('该账户已销户');
    expect(fake.callsOf('measures.freeze')).toHaveLength(1);
  });
});

describe('renewal reminders, live and grouped by case', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('a reminder of a freeze ending 2026-03-10 offers 续冻 stating 自2026年3月11日起至2027年3月10日止, sent only on 确认发送', async () => {
    const { fake } = renderApp();
    const r = reminderView('f1@2026-03-10-7d', { endsOn: '2026-03-10', dueOn: '2026-03-03' });
    fake.handle('reminders.due', () => ok([r]));
    fireEvent.click(await screen.findByTestId('reminders-toggle'));
    expect(text(`reminder-period-${r.key}`)).toBe('续行冻结期限自2026年3月11日起至2027年3月10日止');
    fireEvent.click(screen.getByTestId(`reminder-renew-${r.key}`));
    expect(await screen.findByTestId('send-dialog')).toBeTruthy();
    expect(text('send-period-f1')).toBe('续行冻结期限自2026年3月11日起至2027年3月10日止');
    expect(text('send-docs-f1')).toBe('续行冻结裁定书、协助续行冻结通知书');
    expect(text('send-item-f1')).toContain(CASE_DETAIL.number);
    expect(fake.callsOf('measures.renew')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f1'] }]));
    // the reminder has been answered: recorded delivered, and off the badge
    await waitFor(() => expect(fake.callsOf('reminders.ack')).toEqual([{ key: r.key }]));
    await waitFor(() => expect(screen.queryByTestId('reminders-count')).toBeNull());
  });

  it('a single renewal may end earlier, typed 年-月-日; past the legal cap it is refused with the rule and nothing is sent', async () => {
    const { fake } = renderApp();
    // a deposit freeze ending in 8 days: renewed from the day after, for at most a year
    const endsOn = addDays(todayCst(), 8);
    const { start, end } = renewalPeriod(endsOn, 'deposit');
    const r = reminderView(`f1@${endsOn}-7d`, { endsOn });
    fake.handle('reminders.due', () => ok([r]));
    fireEvent.click(await screen.findByTestId('reminders-toggle'));
    fireEvent.click(screen.getByTestId(`reminder-renew-${r.key}`));
    expect((screen.getByTestId('send-renew-end') as HTMLInputElement).value).toBe(end);
    type('send-renew-end', addDays(end, 1));
    expect(text('send-renew-end-error')).toBe(`存款及其他资金的续行冻结期限不得超过1年：自 ${start} 起最迟至 ${end} 止；所填 ${addDays(end, 1)} 超出 1 天`);
    expect((screen.getByTestId('send-confirm') as HTMLButtonElement).disabled).toBe(true);
    const earlier = addDays(start, 180);
    type('send-renew-end', earlier.replace(/-0?/g, '/'));
    fireEvent.blur(screen.getByTestId('send-renew-end'));
    expect((screen.getByTestId('send-renew-end') as HTMLInputElement).value).toBe(earlier);
    expect(screen.queryByTestId('send-renew-end-error')).toBeNull();
    expect(text('send-period-f1')).toBe(`续行冻结期限自${dateLong(start)}起至${dateLong(earlier)}止`);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f1'], endsOn: earlier }]));
  });

  it('reminders of two freezes of one case appear under that case, with the debtor; 知道了 still records delivery', async () => {
    const { fake } = renderApp();
    const one = reminderView('f1@2026-03-09-7d');
    const two = reminderView('f2@2026-03-20-30d', { measureId: 'f2', freezeId: 'f2', endsOn: '2026-03-20', daysBefore: 30, assetDescription: '中国建设银行 6217000000000002' });
    const other = reminderView('f9@2026-03-05-7d', { measureId: 'f9', freezeId: 'f9', caseId: 'case-2', caseNumber: '(2025)黔0103执2号', debtor: '李四', endsOn: '2026-03-05' });
    fake.handle('reminders.due', () => ok([one, two, other]));
    await waitFor(() => expect(text('reminders-count')).toBe('3'));
    fireEvent.click(screen.getByTestId('reminders-toggle'));
    const mine = screen.getByTestId('reminder-case-case-1');
    expect(within(mine).getByTestId(`reminder-case-open-case-1`).textContent).toBe(CASE_DETAIL.number);
    expect(text('reminder-case-debtor-case-1')).toBe('张三');
    expect(within(mine).getByTestId(`reminder-${one.key}`)).toBeTruthy();
    expect(within(mine).getByTestId(`reminder-${two.key}`)).toBeTruthy();
    expect(within(mine).queryByTestId(`reminder-${other.key}`)).toBeNull();
    expect(within(screen.getByTestId('reminder-case-case-2')).getByTestId(`reminder-${other.key}`)).toBeTruthy();
    expect(text('reminder-case-debtor-case-2')).toBe('李四');
    // the most urgent case first
    const groups = within(screen.getByTestId('reminders-list')).getAllByRole('region');
    expect(groups.map((g) => g.dataset.testid)).toEqual(['reminder-case-case-2', 'reminder-case-case-1']);

    fireEvent.click(screen.getByTestId(`reminder-ack-${two.key}`));
    await waitFor(() => expect(screen.queryByTestId(`reminder-${two.key}`)).toBeNull());
    expect(fake.callsOf('reminders.ack')).toEqual([{ key: two.key }]);

    fake.handle('reminders.due', () => ok([one, two]));
    // the whole case renewed at once, listed first
    fake.emit('reminder.due', { reminders: [one, reminderView('f3@2026-03-09-7d', { measureId: 'f3', freezeId: 'f3' })] });
    await waitFor(() => expect(text('reminders-count')).toBe('2'));
    fireEvent.click(screen.getByTestId('reminder-case-renew-case-1'));
    expect(within(await screen.findByTestId('send-items')).getAllByRole('row')).toHaveLength(3);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f1', 'f3'] }]));
  });

  it("a reminder pushed by main appears without signing in again, and one renewed meanwhile leaves the badge", async () => {
    const { fake } = renderApp();
    await screen.findByTestId('reminders-toggle');
    expect(screen.queryByTestId('reminders-count')).toBeNull();
    act(() => fake.emit('reminder.due', { reminders: [reminderView('f1@2026-03-09-7d'), reminderView('f2@2026-03-09-7d', { freezeId: 'f2', measureId: 'f2' })] }));
    expect(text('reminders-count')).toBe('2');
    // f2 was renewed on another window: main's next list no longer holds it
    act(() => fake.emit('reminder.due', { reminders: [reminderView('f1@2026-03-09-7d')] }));
    expect(text('reminders-count')).toBe('1');
    expect(fake.callsOf('session.signIn')).toHaveLength(0);
  });
});

describe('the suggestion explains itself, and dates read 年-月-日', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  const HELD = asset('held', 'deposit', 0, { existingFreezes: [{ court: '贵阳市中级人民法院', amount: 9_000_00 }] });
  const FLAT = asset('flat', 'real_estate', undefined, { channel: 'realestate.gz', institution: '贵阳市不动产登记中心', identifier: '黔(2020)贵阳市不动产权第0012345号' });
  const FLAT2 = asset('flat2', 'real_estate', undefined, { channel: 'realestate.gz', institution: '贵阳市不动产登记中心', identifier: '黔(2021)贵阳市不动产权第0054321号' });
  const SHORT: FreezePlan = freezePlan({
    cap: 300_000_00,
    candidates: [candidate(ICBC), candidate(HELD), candidate(FLAT), candidate(FLAT2)],
    suggestion: {
      // the debtor's living costs stay on the account
      items: [{ assetId: 'a1', amount: 38_500_00 }, { assetId: 'flat' }],
      total: 38_500_00, reachesCap: false,
      skipped: [{ assetId: 'held', reason: 'FROZEN_BY_OTHERS' }, { assetId: 'flat2', reason: 'VALUE_UNKNOWN' }],
    },
  });

  it('short of the cap, ticks the flat to be sealed whole and says why each other asset is left out', async () => {
    const { fake } = await openPanel(SHORT);
    await waitFor(() => expect((screen.getByTestId('freeze-pick-flat') as HTMLInputElement).checked).toBe(true));
    expect(text('freeze-suggest-note')).toContain('建议整体查封');
    expect(text('freeze-skipped-held')).toBe('未纳入建议：已被他案冻结，无可用余额（冻结只能轮候）');
    expect(screen.getByTestId('freeze-skipped-held').dataset.reason).toBe('FROZEN_BY_OTHERS');
    expect(text('freeze-skipped-flat2')).toBe('未纳入建议：价值未知，需询价后再定是否查封');
    expect(screen.queryByTestId('freeze-skipped-flat')).toBeNull();
    fireEvent.click(screen.getByTestId('freeze-send'));
    expect(await screen.findByTestId('send-dialog')).toBeTruthy();
    expect(text('send-amount-flat')).toBe('整体查封');
    expect(text('send-period-flat')).toBe('冻结期限自2026年3月2日起至2029年3月1日止');
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.freeze')).toHaveLength(1));
    expect(fake.callsOf('measures.freeze')[0].items).toEqual([
      { assetId: 'a1', endsOn: MAX_END_FUNDS, amount: 38_500_00 },
      { assetId: 'flat', endsOn: MAX_END_PROPERTY },
    ]);
  });

  it('the end date field shows 2027-12-01, takes 2027/6/1 as 2027-06-01, and refuses 2027-02-30 by name', async () => {
    const plan = freezePlan({ today: '2026-12-02', cap: 10_000_00, candidates: [candidate(ICBC, { maxEndDate: '2027-12-01' })] });
    await openPanel(plan);
    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    const field = screen.getByTestId('freeze-ends-a1') as HTMLInputElement;
    // not the browser's date widget, which would show 12/01/2027 on an English system
    expect(field.type).toBe('text');
    expect(field.value).toBe('2027-12-01');
    expect(text('freeze-candidate-a1')).toContain('法定最长至 2027-12-01');

    type('freeze-ends-a1', '2027/6/1');
    fireEvent.blur(field);
    expect(field.value).toBe('2027-06-01');
    expect(screen.queryByTestId('freeze-ends-a1-error')).toBeNull();

    type('freeze-ends-a1', '2027-02-30');
    expect(text('freeze-ends-a1-error')).toBe('“2027-02-30”不是有效日期：2027年2月只有28天');
    expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(true);
    type('freeze-ends-a1', '12/01/2027');
    expect(text('freeze-ends-a1-error')).toBe('“12/01/2027”不是日期：请按 年-月-日 填写，如 2027-03-10');
    fireEvent.blur(field);
    expect(field.value).toBe('12/01/2027');
    expect((screen.getByTestId('freeze-send') as HTMLButtonElement).disabled).toBe(true);
  });
});
