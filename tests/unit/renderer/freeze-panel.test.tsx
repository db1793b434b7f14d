// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { FreezePlan } from '../../../shared/domain/measure-views';
import type { Measure } from '../../../shared/domain/measures';
import {
  CASE_DETAIL, EMPTY_VIEW, MAX_END_FUNDS, MAX_END_PROPERTY, asset, candidate, caseMeasures, docRef, fail, freezePlan, freezeView, measure,
  type FakeApi,
} from './fake-api';
import { renderApp, resetAll } from './render-app';

const A1 = asset('a1', 'deposit', 50_000_00, { identifier: '6222 0000 0001' });
const A2 = asset('a2', 'deposit', 60_000_00, { channel: 'bank.ccb', institution: '中国建设银行贵阳分行', identifier: '6217 0000 0002' });
const A3 = asset('a3', 'real_estate', 300_000_00, { channel: 'realestate.gz', institution: '贵阳市不动产登记中心', identifier: '黔(2020)贵阳市不动产权第0012345号', description: '住宅' });
const A4 = asset('a4', 'online_funds', 8_000_00, {
  channel: 'funds.alipay', institution: '支付宝', identifier: 'zhangsan@example.cn',
  existingFreezes: [{ court: '贵阳市中级人民法院', amount: 1_000_00 }, { court: '遵义市中级人民法院' }],
});

/** cap ¥100,000.00, ¥20,000.00 already frozen: ¥80,000.00 remains */
const PLAN: FreezePlan = freezePlan({
  cap: 100_000_00,
  alreadyFrozen: 20_000_00,
  candidates: [candidate(A1), candidate(A2), candidate(A3), candidate(A4)],
  suggestion: { items: [{ assetId: 'a1', amount: 50_000_00 }, { assetId: 'a2', amount: 30_000_00 }], total: 80_000_00, reachesCap: true, skipped: [] },
});

async function openFreeze(setup?: (fake: FakeApi) => void) {
  const r = renderApp();
  r.fake.handle('measures.plan', () => ok(PLAN));
  setup?.(r.fake);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  fireEvent.click(screen.getByTestId('ws-tab-freeze'));
  await screen.findByTestId('freeze-cap');
  // the panel opens on the suggested allocation; these tests build their own set from nothing
  fireEvent.click(screen.getByTestId('freeze-clear'));
  return r;
}

const text = (id: string) => screen.getByTestId(id).textContent;
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const send = () => screen.getByTestId('freeze-send') as HTMLButtonElement;

describe('freeze panel', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  it('shows the cap, already frozen and what remains, updated live as assets are ticked and amounts typed', async () => {
    await openFreeze();
    expect(text('freeze-cap')).toBe('¥100,000.00');
    expect(text('freeze-already')).toBe('¥20,000.00');
    expect(text('freeze-this-set')).toBe('¥0.00');
    expect(text('freeze-remaining')).toBe('¥80,000.00');
    // nothing ticked: nothing to send, and nothing to complain about
    expect(send().disabled).toBe(true);
    expect(screen.queryByTestId('freeze-blocked')).toBeNull();

    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    // prefilled: all that is available, within what remains
    expect((screen.getByTestId('freeze-amount-a1') as HTMLInputElement).value).toBe('50000.00');
    expect((screen.getByTestId('freeze-ends-a1') as HTMLInputElement).value).toBe(MAX_END_FUNDS);
    expect(text('freeze-this-set')).toBe('¥50,000.00');
    expect(text('freeze-remaining')).toBe('¥30,000.00');

    fireEvent.click(screen.getByTestId('freeze-pick-a2'));
    // capped at what remains of the cap, not the ¥60,000.00 available
    expect((screen.getByTestId('freeze-amount-a2') as HTMLInputElement).value).toBe('30000.00');
    expect(text('freeze-remaining')).toBe('¥0.00');
    expect(send().disabled).toBe(false);

    type('freeze-amount-a1', '12,345.67');
    expect(text('freeze-this-set')).toBe('¥42,345.67');
    expect(text('freeze-remaining')).toBe('¥37,654.33');
    type('freeze-amount-a1', '12.345');
    expect(text('freeze-amount-a1-error')).toContain('不是有效金额');
    expect(send().disabled).toBe(true);
  });

  it('disables "一键冻结" with the over-cap wording, enables it once the amount is cut, and sends the whole set in fen', async () => {
    const { fake } = await openFreeze();
    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    fireEvent.click(screen.getByTestId('freeze-pick-a2'));
    type('freeze-amount-a2', '40000');
    expect(text('freeze-excess')).toBe('¥10,000.00');
    expect(send().disabled).toBe(true);
    const wording = '冻结总额将超过未执行金额及执行费 ¥100,000.00，超出 ¥10,000.00；此项最多可冻结 ¥30,000.00';
    expect(text('freeze-blocked')).toBe(`不能发送：${wording}`);
    expect(text('freeze-issue-a2')).toBe(wording);
    expect(send().title).toContain('F');

    type('freeze-amount-a2', '30000');
    expect(screen.queryByTestId('freeze-blocked')).toBeNull();
    expect(screen.queryByTestId('freeze-excess')).toBeNull();
    expect(send().disabled).toBe(false);
    fireEvent.click(send());
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.freeze')).toHaveLength(1));
    expect(fake.callsOf('measures.freeze')[0]).toEqual({
      caseId: 'case-1',
      decisionId: expect.any(String),
      items: [
        { assetId: 'a1', endsOn: MAX_END_FUNDS, amount: 50_000_00 },
        { assetId: 'a2', endsOn: MAX_END_FUNDS, amount: 30_000_00 },
      ],
    });
    expect((await screen.findByTestId('freeze-sent')).textContent).toContain('已发出 2 项冻结');
    // the plan is asked again: what is frozen has changed
    await waitFor(() => expect(fake.callsOf('measures.plan').length).toBeGreaterThan(1));
  });

  it('refuses an end date past the legal cap with the rule’s own wording', async () => {
    await openFreeze();
    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    const input = screen.getByTestId('freeze-ends-a1') as HTMLInputElement;
    expect(input.dataset.max).toBe(MAX_END_FUNDS);
    type('freeze-ends-a1', '2027-03-10');
    const message = '存款及其他资金的冻结期限不得超过1年：自 2026-03-02 起最迟至 2027-03-01 止；所填 2027-03-10 超出 9 天';
    expect(text('freeze-ends-a1-error')).toBe(message);
    expect(send().disabled).toBe(true);
    expect(text('freeze-blocked')).toBe(`不能发送：${message}`);
    type('freeze-ends-a1', '2026-12-31');
    expect(screen.queryByTestId('freeze-ends-a1-error')).toBeNull();
    expect(send().disabled).toBe(false);
    type('freeze-ends-a1', '2026-03-01');
    expect(text('freeze-ends-a1-error')).toContain('早于起始日 2026-03-02');
  });

  it('asks for a reason before sealing an indivisible asset above the cap, and sends it without an amount', async () => {
    const { fake } = await openFreeze();
    fireEvent.click(screen.getByTestId('freeze-pick-a3'));
    expect(screen.queryByTestId('freeze-amount-a3')).toBeNull();
    expect(screen.getByTestId('freeze-candidate-a3').textContent).toContain('整体查封');
    expect((screen.getByTestId('freeze-ends-a3') as HTMLInputElement).value).toBe(MAX_END_PROPERTY);
    const rule = '此财产不可分割，价值 ¥300,000.00，查封后总额将超过未执行金额及执行费 ¥100,000.00，超出 ¥220,000.00；须记录理由（如被执行人无其他财产或其他财产不足以清偿）';
    expect(text('freeze-reason-a3-error')).toBe(rule);
    expect(text('freeze-blocked')).toBe(`不能发送：${rule}`);
    expect(send().disabled).toBe(true);

    type('freeze-reason-a3', '被执行人无其他可供执行的财产');
    expect(screen.queryByTestId('freeze-reason-a3-error')).toBeNull();
    // the field stays so the reason can still be read and changed
    expect(screen.getByTestId('freeze-reason-a3')).toBeTruthy();
    expect(send().disabled).toBe(false);
    fireEvent.click(send());
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.freeze')).toHaveLength(1));
    expect(fake.callsOf('measures.freeze')[0].items).toEqual([
      { assetId: 'a3', endsOn: MAX_END_PROPERTY, overCapReason: '被执行人无其他可供执行的财产' },
    ]);
  });

  it('shows other courts’ freezes ahead and the waiting position to expect; "建议方案" applies the suggestion', async () => {
    await openFreeze();
    expect(text('freeze-queue-a4')).toBe('已有他案冻结 2 项，本案冻结将轮候，预计第 2 位');
    expect(text('freeze-suggest-note')).toBe('建议方案可达到冻结上限');
    fireEvent.click(screen.getByTestId('freeze-suggest'));
    expect((screen.getByTestId('freeze-pick-a1') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('freeze-pick-a2') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('freeze-pick-a3') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('freeze-amount-a2') as HTMLInputElement).value).toBe('30000.00');
    expect(text('freeze-remaining')).toBe('¥0.00');
    expect(send().disabled).toBe(false);
  });

  it('opens preselected from "冻结" on an asset row of the query results', async () => {
    const r = renderApp();
    r.fake.handle('measures.plan', () => ok(PLAN));
    r.fake.handle('query.view', () => ok({ ...EMPTY_VIEW, assets: [A1, A2] }));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    fireEvent.click(await screen.findByTestId('asset-freeze-a2'));
    await screen.findByTestId('freeze-cap');
    expect(screen.getByTestId('ws-tab-freeze').getAttribute('aria-selected')).toBe('true');
    expect((screen.getByTestId('freeze-pick-a2') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('freeze-pick-a1') as HTMLInputElement).checked).toBe(false);
    // the suggestion's amount for it
    expect((screen.getByTestId('freeze-amount-a2') as HTMLInputElement).value).toBe('30000.00');
  });

  it('opens on the suggested allocation, so one click sends it', async () => {
    const r = renderApp();
    r.fake.handle('measures.plan', () => ok(PLAN));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    fireEvent.click(screen.getByTestId('ws-tab-freeze'));
    await screen.findByTestId('freeze-cap');
    await waitFor(() => expect(send().disabled).toBe(false));
    fireEvent.click(send());
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(r.fake.callsOf('measures.freeze')).toHaveLength(1));
    const sent = r.fake.callsOf('measures.freeze')[0] as { items: { assetId: string; amount?: number }[] };
    expect(sent.items.map((i) => i.assetId)).toEqual(PLAN.suggestion.items.map((i) => i.assetId));
  });

  it('F opens the freeze panel and, there, sends the freeze', async () => {
    const r = renderApp();
    r.fake.handle('measures.plan', () => ok(PLAN));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('case-header-number');
    fireEvent.keyDown(document.body, { key: 'f' });
    await screen.findByTestId('freeze-cap');
    fireEvent.click(screen.getByTestId('freeze-clear'));
    fireEvent.keyDown(document.body, { key: 'f' }); // nothing ticked: nothing sent
    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    // typing an "f" in a field is typing
    fireEvent.keyDown(screen.getByTestId('freeze-amount-a1'), { key: 'f' });
    expect(r.fake.callsOf('measures.freeze')).toHaveLength(0);
    fireEvent.keyDown(document.body, { key: 'F' });
    // F lists what will be sent; nothing goes before 确认发送
    await screen.findByTestId('send-dialog');
    expect(r.fake.callsOf('measures.freeze')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('send-confirm'));
    await waitFor(() => expect(r.fake.callsOf('measures.freeze')).toHaveLength(1));
  });

  it("shows main's refusal by the item it names", async () => {
    const { fake } = await openFreeze((f) =>
      f.handle('measures.freeze', () => fail('VALIDATION', { zh: '该账户已销户', en: 'the account is closed' }, 'items.1.assetId')),
    );
    fireEvent.click(screen.getByTestId('freeze-pick-a1'));
    fireEvent.click(screen.getByTestId('freeze-pick-a2'));
    fireEvent.click(send());
    fireEvent.click(await screen.findByTestId('send-confirm'));
    expect((await screen.findByTestId('freeze-server-error-a2')).textContent).toContain('该账户已销户');
    expect(screen.queryByTestId('freeze-server-error-a1')).toBeNull();
    // the set stays as it was, to be corrected
    expect((screen.getByTestId('freeze-pick-a1') as HTMLInputElement).checked).toBe(true);
    expect(fake.callsOf('measures.freeze')).toHaveLength(1);
  });
});

describe("the case's measures", () => {
  beforeEach(resetAll);
  afterEach(async () => {
    vi.restoreAllMocks();
    await resetAll();
  });

  const live = measure('f-live', { documents: [docRef('doc-1', '冻结裁定书'), docRef('doc-2', '协助冻结通知书', '(2025)黔0103执1234号之二')], createdAt: '2026-03-01T08:00:00.000Z' });
  const list = (extra: Measure[] = []) => {
    const queued = measure('f-queued', { state: 'queued', assetId: 'a2', assetIdentifier: '6217000000000002', createdAt: '2026-03-01T07:00:00.000Z' });
    const sent = measure('f-sent', { state: 'sent', createdAt: '2026-03-01T06:00:00.000Z' });
    const unknown = measure('f-unknown', { state: 'unknown', createdAt: '2026-03-01T05:00:00.000Z' });
    const waiting = measure('f-wait', { channel: 'funds.alipay', assetKind: 'online_funds', outcome: { queuePosition: 2 }, createdAt: '2026-03-01T04:00:00.000Z' });
    const lapsed = measure('f-lapsed', { endsOn: '2026-02-20', createdAt: '2026-03-01T03:00:00.000Z' });
    const released = measure('f-released', { createdAt: '2026-03-01T02:00:00.000Z' });
    const rejected = measure('f-rejected', { state: 'rejected', outcome: { rejection: { code: 'NO_ACCOUNT', message: '查无此账户' } }, createdAt: '2026-03-01T01:00:00.000Z' });
    const measures = [live, queued, sent, unknown, waiting, lapsed, released, rejected, ...extra];
    return caseMeasures(measures, {
      freezes: [
        freezeView(live, { endsOn: '2026-03-09', daysLeft: 7 }),
        freezeView(queued), freezeView(sent), freezeView(unknown),
        freezeView(waiting, { status: 'waiting', queuePosition: 2, frozen: 0 }),
        freezeView(lapsed, { status: 'lapsed', endsOn: '2026-02-20', daysLeft: -10 }),
      ],
    });
  };

  it('lists each freeze with its state, amount, end date and days left, and its documents', async () => {
    await openFreeze((f) => f.handle('measures.list', () => ok(list())));
    await screen.findByTestId('measure-row-f-live');
    const state = (id: string) => screen.getByTestId(`measure-state-${id}`).textContent;
    expect(state('f-queued')).toBe('待发送');
    expect(state('f-sent')).toBe('已发送');
    expect(state('f-unknown')).toBe('结果未知，正在核实');
    expect(state('f-live')).toBe('已生效');
    expect(state('f-wait')).toBe('轮候第 2 位');
    expect(state('f-lapsed')).toBe('已失效');
    expect(state('f-released')).toBe('已解除');
    expect(state('f-rejected')).toBe('被拒绝');
    expect(text('measure-rejection-f-rejected')).toContain('查无此账户');
    expect(text('measure-frozen-f-live')).toBe('¥12,345.00');
    expect(text('measure-frozen-f-queued')).toBe('申请 ¥12,345.00');
    expect(text('measure-frozen-f-released')).toBe('¥0.00');
    expect(text('measure-ends-f-live')).toBe('2026-03-09');
    expect(text('measure-days-f-live')).toBe('剩 7 天');
    expect(screen.getByTestId('measure-days-f-live').dataset.urgency).toBe('danger');
    expect(text('measure-days-f-lapsed')).toBe('已过期 10 天');
    // only live freezes can be renewed or released; only unsent ones withdrawn
    expect(screen.queryByTestId('measure-renew-f-lapsed')).toBeNull();
    expect(screen.queryByTestId('measure-release-f-released')).toBeNull();
    expect(screen.getByTestId('measure-cancel-f-queued')).toBeTruthy();
    expect(screen.queryByTestId('measure-cancel-f-sent')).toBeNull();
    expect(screen.getByTestId('measure-doc-doc-1').textContent).toBe('冻结裁定书');
    expect(screen.getByTestId('measure-doc-doc-2').textContent).toBe('协助冻结通知书');
  });

  it('opens a ruling in the document viewer, laid out as printed, to print or to export as an audited copy', async () => {
    const { fake } = await openFreeze((f) => f.handle('measures.list', () => ok(list())));
    fireEvent.click(await screen.findByTestId('measure-doc-doc-1'));
    await screen.findByTestId('doc-page');
    expect(fake.callsOf('documents.get')).toEqual([{ documentId: 'doc-1' }]);
    expect(text('doc-court')).toBe('贵州省贵阳市南明区人民法院');
    expect(text('doc-title')).toBe('执行裁定书');
    expect(text('doc-number')).toBe('(2025)黔0103执1234号之一');
    expect(screen.getAllByTestId('doc-paragraph')[0]!.textContent).toBe('申请执行人：赵明');
    expect(text('doc-terms')).toContain('冻结金额');
    expect(text('doc-terms')).toContain('¥12,345.00');
    expect(text('doc-signature')).toContain('审判员');
    expect(text('doc-date')).toContain('二〇二六年三月二日');

    // no silent download: 打印, and 导出副本 behind a warning (tests/unit/renderer/document-export.test.tsx)
    expect(screen.queryByTestId('doc-download')).toBeNull();
    expect(screen.getByTestId('doc-print').textContent).toBe('打印');
    expect(screen.getByTestId('doc-export').textContent).toBe('导出副本');
    // no frame or object: the CSP allows neither
    expect(document.querySelector('iframe, object, embed')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('doc-close'), { key: 'Escape' });
    expect(screen.queryByTestId('doc-viewer')).toBeNull();
    // Esc closed the viewer, not the case
    expect(screen.getByTestId('case-header-number')).toBeTruthy();
  });

  it('releases with a reason and a partial amount, renews, and applies a release proposal in one click', async () => {
    const { fake } = await openFreeze((f) =>
      f.handle('measures.list', () => ok({ ...list(), releaseProposals: [{ freezeId: 'f-live', amount: 2_345_00, reason: { zh: '冻结总额超过尚未执行的金额，应解除超出部分', en: 'release the excess' } }] })),
    );
    fireEvent.click(await screen.findByTestId('measure-release-f-live'));
    fireEvent.click(screen.getByTestId('release-confirm-f-live'));
    expect(text('release-reason-f-live-error')).toBe('请填写解除理由');
    type('release-reason-f-live', '被执行人已部分履行');
    type('release-amount-f-live', '20000');
    expect(text('release-amount-f-live-error')).toBe('解除金额不得超过冻结金额 ¥12,345.00');
    type('release-amount-f-live', '1,000');
    fireEvent.click(screen.getByTestId('release-confirm-f-live'));
    await waitFor(() => expect(fake.callsOf('measures.release')).toHaveLength(1));
    expect(fake.callsOf('measures.release')[0]).toEqual({ decisionId: expect.any(String), freezeId: 'f-live', reason: '被执行人已部分履行', amount: 1_000_00 });
    await waitFor(() => expect(screen.queryByTestId('release-form-f-live')).toBeNull());

    fireEvent.click(screen.getByTestId('measure-renew-f-live'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    await waitFor(() => expect(fake.callsOf('measures.renew')).toEqual([{ decisionId: expect.any(String), freezeIds: ['f-live'] }]));
    fireEvent.click(await screen.findByTestId('send-close'));

    const banner = screen.getByTestId('release-proposals');
    expect(within(banner).getByTestId('release-proposal-f-live').textContent).toContain('解除 ¥2,345.00');
    fireEvent.click(within(banner).getByTestId('release-apply-f-live'));
    await waitFor(() => expect(fake.callsOf('measures.release')).toHaveLength(2));
    expect(fake.callsOf('measures.release')[1]).toEqual({ decisionId: expect.any(String), freezeId: 'f-live', reason: '冻结总额超过尚未执行的金额，应解除超出部分', amount: 2_345_00 });
  });

  it("shows a refused renewal by its freeze", async () => {
    const { fake } = await openFreeze((f) => {
      f.handle('measures.list', () => ok(list()));
      f.handle('measures.renew', () => fail('VALIDATION', { zh: '原冻结已于 2026-02-20 届满失效，不能续行冻结', en: 'lapsed' }, 'freezeIds.0'));
    });
    fireEvent.click(await screen.findByTestId('measure-renew-f-live'));
    fireEvent.click(await screen.findByTestId('send-confirm'));
    // the refusal stays by its item on the confirmation, and by its freeze in the list
    expect((await screen.findByTestId('send-refusal-f-live')).textContent).toContain('不能续行冻结');
    expect((await screen.findByTestId('measure-error-f-live')).textContent).toContain('不能续行冻结');
    expect(fake.callsOf('measures.renew')).toHaveLength(1);
  });

  it("follows 'measure.updated': a sent freeze becomes in force, even if a list computed earlier arrives after", async () => {
    const { fake } = await openFreeze((f) => f.handle('measures.list', () => ok(list())));
    await screen.findByTestId('measure-row-f-sent');
    expect(screen.getByTestId('measure-state-f-sent').textContent).toBe('已发送');
    const before = fake.callsOf('measures.list').length;
    act(() =>
      fake.emit('measure.updated', {
        measure: measure('f-sent', { state: 'executed', outcome: { frozenAmount: 9_000_00, endsOn: MAX_END_FUNDS, executedAt: '2026-03-02T03:00:00.000Z' }, updatedAt: '2026-03-02T03:00:00.000Z', createdAt: '2026-03-01T06:00:00.000Z' }),
      }),
    );
    expect(screen.getByTestId('measure-state-f-sent').textContent).toBe('已生效');
    expect(text('measure-frozen-f-sent')).toBe('¥9,000.00');
    // main is asked again; its older copy does not undo the update
    await waitFor(() => expect(fake.callsOf('measures.list').length).toBeGreaterThan(before));
    await waitFor(() => expect(screen.getByTestId('measure-state-f-sent').textContent).toBe('已生效'));
    // another case's update is not shown here
    act(() => fake.emit('measure.updated', { measure: measure('f-queued', { caseId: 'case-9', state: 'executed', updatedAt: '2026-03-03T00:00:00.000Z' }) }));
    expect(screen.getByTestId('measure-state-f-queued').textContent).toBe('待发送');
  });

  it('says the queued freezes will go when the network is back', async () => {
    const { fake } = await openFreeze((f) => f.handle('measures.list', () => ok(list())));
    await screen.findByTestId('measure-row-f-queued');
    act(() => fake.emit('network.status', { online: false, network: 'sandbox', gatewayUrl: 'x', checkedAt: '2026-03-02T00:00:00.000Z' }));
    expect(screen.getByTestId('measure-state-f-queued').textContent).toBe('待发送（网络恢复后自动发送）');
  });
});
