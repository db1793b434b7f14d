// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { CHANNELS } from '../../../shared/domain/channels';
import { CASE_DETAIL, asset, info, request, whereabouts, type FakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

async function openCase(view?: Parameters<FakeApi['handle']>[1]) {
  const r = renderApp();
  if (view) r.fake.handle('query.view', view);
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('case-header-number');
  await waitFor(() => expect(r.fake.callsOf('query.view')).toEqual([{ caseId: 'case-1' }]));
  return r;
}

const cell = (channel: string, partyId: string) => screen.getByTestId(`query-cell-${channel}-${partyId}`);

describe('case workspace and query panel', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows the case header with the time limit in the warning colour under 30 days, IDs masked until revealed', async () => {
    await openCase();
    expect(screen.getByTestId('case-header-owed').textContent).toBe('¥523,400.00');
    expect(screen.getByTestId('case-header-recovered').textContent).toBe('¥10,000.00');
    expect(screen.getByTestId('case-header-costs').textContent).toBe('¥4,250.00');
    expect(screen.getByTestId('case-header-deadline').textContent).toBe('2025-09-01');
    const left = screen.getByTestId('case-days-left');
    expect(left.textContent).toBe('剩余 21 天');
    expect(left.dataset.urgency).toBe('warn');
    const id = screen.getByTestId('party-id-p-1');
    expect(id.textContent).toBe(`${CASE_DETAIL.parties[1]!.idNumber.slice(0, 6)}********${CASE_DETAIL.parties[1]!.idNumber.slice(-4)}`);
    fireEvent.click(screen.getByTestId('party-reveal-p-1'));
    expect(id.textContent).toBe(CASE_DETAIL.parties[1]!.idNumber);
  });

  it("shows a company debtor's 住所地 and 法定代表人 only when the judge reveals its ID", async () => {
    const r = renderApp();
    const company = { ...CASE_DETAIL.parties[2]!, address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '董事长' } };
    r.fake.handle('cases.get', () => ok({ ...CASE_DETAIL, parties: [CASE_DETAIL.parties[0]!, CASE_DETAIL.parties[1]!, company] }));
    fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
    await screen.findByTestId('party-p-2');
    expect(screen.queryByTestId('party-particulars-p-2')).toBeNull();
    fireEvent.click(screen.getByTestId('party-reveal-p-2'));
    expect(screen.getByTestId('party-particulars-p-2').textContent).toBe('住所地：贵州省贵阳市南明区花果园大街18号　法定代表人：李建国（董事长）');
    // a party the system gave nothing for shows nothing more
    fireEvent.click(screen.getByTestId('party-reveal-p-1'));
    expect(screen.queryByTestId('party-particulars-p-1')).toBeNull();
  });

  it('lays out every channel × debtor, person-only channels not applicable to a company', async () => {
    await openCase();
    const grid = screen.getByTestId('query-grid');
    expect(within(grid).getAllByRole('row').length).toBe(CHANNELS.length + 3); // header + 2 group rows
    expect(cell('bank.icbc', 'p-2').dataset.state).toBe('none');
    expect(cell('hotel.gz', 'p-2').dataset.state).toBe('na');
    expect(cell('hotel.gz', 'p-1').dataset.state).toBe('none');
    expect(screen.queryByTestId('query-col-p-app')).toBeNull();
  });

  it('starts the one-click query by button, by Q and by Ctrl+Enter', async () => {
    const { fake } = await openCase();
    fake.handle('query.start', () => ok({ requests: [request('bank.icbc', 'p-1', 'pending')] }));
    fireEvent.click(screen.getByTestId('query-start'));
    await waitFor(() => expect(cell('bank.icbc', 'p-1').dataset.state).toBe('pending'));
    expect(cell('bank.icbc', 'p-1').textContent).toContain('待发送');
    fireEvent.keyDown(document.body, { key: 'q' });
    await waitFor(() => expect(fake.callsOf('query.start')).toHaveLength(2));
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fake.callsOf('query.start')).toHaveLength(3));
    expect(fake.callsOf('query.start')[0]).toEqual({ caseId: 'case-1' });
  });

  it('updates a cell live from query.request events and counts progress', async () => {
    const { fake } = await openCase();
    act(() => fake.emit('query.request', { request: request('bank.ccb', 'p-1', 'sent') }));
    expect(cell('bank.ccb', 'p-1').textContent).toContain('已发送');
    act(() => fake.emit('query.request', { request: request('bank.ccb', 'p-1', 'waiting', { updatedAt: '2025-06-01T01:00:05.000Z' }) }));
    expect(cell('bank.ccb', 'p-1').dataset.state).toBe('waiting');
    expect(cell('bank.ccb', 'p-1').textContent).toContain('等待反馈');
    // a stale update arriving late does not undo the newer state
    act(() => fake.emit('query.request', { request: request('bank.ccb', 'p-1', 'sent') }));
    expect(cell('bank.ccb', 'p-1').dataset.state).toBe('waiting');
    act(() => fake.emit('query.request', { request: request('bank.icbc', 'p-1', 'answered', { updatedAt: '2025-06-01T01:00:09.000Z' }) }));
    expect(screen.getByTestId('query-progress-text').textContent).toBe('已反馈 1 / 2');
    // events of another case are not shown here
    act(() => fake.emit('query.request', { request: request('bank.boc', 'p-1', 'answered', { caseId: 'case-9' }) }));
    expect(cell('bank.boc', 'p-1').dataset.state).toBe('none');
  });

  it('a re-query replaces the earlier findings of that channel and debtor instead of adding to them', async () => {
    const { fake } = await openCase();
    act(() => fake.emit('query.request', { request: request('bank.icbc', 'p-1', 'answered') }));
    act(() => fake.emit('query.findings', { caseId: 'case-1', requestId: 'r-bank.icbc-p-1', assets: [asset('a1', 'deposit', 500_00)], whereabouts: [], info: [] }));
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥500.00');
    const later = { id: 'r2', createdAt: '2025-06-02T01:00:00.000Z', updatedAt: '2025-06-02T01:00:05.000Z' };
    act(() => fake.emit('query.request', { request: request('bank.icbc', 'p-1', 'waiting', later) }));
    // while the re-query waits, the earlier result stays readable
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥500.00');
    act(() => fake.emit('query.findings', { caseId: 'case-1', requestId: 'r2', assets: [asset('b1', 'deposit', 450_00, { requestId: 'r2' })], whereabouts: [], info: [] }));
    act(() => fake.emit('query.request', { request: request('bank.icbc', 'p-1', 'answered', { ...later, updatedAt: '2025-06-02T01:00:09.000Z' }) }));
    expect(screen.getAllByTestId('asset-row')).toHaveLength(1);
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥450.00');
  });

  it('updates asset rows, totals by kind and the liquid total when findings arrive', async () => {
    const { fake } = await openCase();
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥0.00');
    act(() => fake.emit('query.request', { request: request('bank.icbc', 'p-1', 'answered') }));
    act(() =>
      fake.emit('query.findings', {
        caseId: 'case-1',
        requestId: 'r-bank.icbc-p-1',
        assets: [
          asset('a1', 'deposit', 1_234_56),
          asset('a2', 'deposit', 10_000_00, { available: 4_000_00, existingFreezes: [{ court: '贵阳市中级人民法院', amount: 6_000_00, until: '2026-01-10' }] }),
        ],
        whereabouts: [],
        info: [],
      }),
    );
    expect(screen.getAllByTestId('asset-row')).toHaveLength(2);
    expect(screen.getByTestId('asset-total-deposit').textContent).toContain('2 项');
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥11,234.56');
    expect(cell('bank.icbc', 'p-1').textContent).toContain('2 项');
    expect(screen.getByText(/贵阳市中级人民法院 冻结 ¥6,000.00 至 2026-01-10/)).toBeTruthy();

    act(() =>
      fake.emit('query.findings', {
        caseId: 'case-1',
        requestId: 'r-funds.alipay-p-1',
        assets: [
          asset('a3', 'online_funds', 800_00, { channel: 'funds.alipay', requestId: 'r-funds.alipay-p-1', institution: '支付宝' }),
          asset('a4', 'real_estate', undefined, { channel: 'realestate.gz', requestId: 'r-realestate.gz-p-1', institution: '贵阳市不动产登记中心' }),
          asset('a1', 'deposit', 1_234_56), // a duplicate delivery counts once
        ],
        whereabouts: [],
        info: [],
      }),
    );
    expect(screen.getAllByTestId('asset-row')).toHaveLength(4);
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe('¥11,234.56');
    expect(screen.getByTestId('asset-total-online_funds-value').textContent).toBe('¥800.00');
    expect(screen.getByTestId('asset-total-real_estate-value').textContent).toBe('未反馈价值');
    expect(screen.getByTestId('asset-total-liquid-value').textContent).toBe('¥12,034.56');
    expect(screen.getByTestId('asset-total-liquid').textContent).toContain('其中可用 ¥6,034.56');
  });

  it('shows a failed request with its reason on focus and retries it', async () => {
    const { fake } = await openCase();
    act(() =>
      fake.emit('query.request', {
        request: request('bank.icbc', 'p-1', 'failed', { error: { code: 'GATEWAY_ERROR', message: '银行系统维护中', messageEn: 'Bank under maintenance' } }),
      }),
    );
    const c = cell('bank.icbc', 'p-1');
    expect(c.textContent).toContain('失败');
    expect(c.getAttribute('title')).toBe('银行系统维护中');
    const reason = screen.getByTestId('query-reason-bank.icbc-p-1');
    expect(reason.getAttribute('role')).toBe('tooltip');
    expect(within(c).getByText('失败').getAttribute('aria-describedby')).toBe(reason.id);
    fireEvent.click(screen.getByTestId('query-retry-bank.icbc-p-1'));
    await waitFor(() => expect(fake.callsOf('query.retry')).toEqual([{ requestId: 'r-bank.icbc-p-1' }]));
    // the retry is a new request: the cell follows it
    await waitFor(() => expect(cell('bank.icbc', 'p-1').dataset.state).toBe('pending'));
    expect(screen.queryByTestId('query-retry-bank.icbc-p-1')).toBeNull();
  });

  it('marks a request needing manual handling and offers a retry', async () => {
    const { fake } = await openCase();
    act(() => fake.emit('query.request', { request: request('securities.csdc', 'p-2', 'manual') }));
    expect(cell('securities.csdc', 'p-2').textContent).toContain('需人工处理');
    expect(screen.getByTestId('query-retry-securities.csdc-p-2')).toBeTruthy();
  });

  it('loads cached results on opening (offline review): assets, whereabouts and other records', async () => {
    await openCase((i) =>
      ok({
        caseId: i.caseId,
        requests: [request('bank.icbc', 'p-1', 'answered'), request('hotel.gz', 'p-1', 'answered'), request('tax.sta', 'p-1', 'answered')],
        assets: [asset('a1', 'deposit', 5_000_00)],
        whereabouts: [
          whereabouts('w1'),
          whereabouts('w2', { kind: 'exit_entry', channel: 'exitentry.gz', requestId: 'r-exitentry.gz-p-1', place: '罗湖口岸', at: '2025-04-02T03:00:00.000Z', detail: '出境' }),
          whereabouts('w3', { kind: 'household', channel: 'household.gz', requestId: 'r-household.gz-p-1', place: '贵州省贵阳市南明区某路 1 号', at: '2010-05-01', detail: '户籍登记地址' }),
        ],
        info: [info('i1'), info('i2', { kind: 'civil_affairs', channel: 'civilaffairs.mca', summary: '结婚登记 2015-06-01（南明区民政局）：男方 张三（520102198503124015），女方 李四（52010219870101002X）', amount: undefined })],
        totals: [],
        lastQueriedAt: '2025-06-01T01:00:00.000Z',
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('asset-row')).toHaveLength(1));
    expect(cell('bank.icbc', 'p-1').textContent).toContain('1 项');
    expect(screen.getByTestId('query-progress').textContent).toContain('上次查询 2025-06-01 09:00');
    fireEvent.click(screen.getByTestId('tab-whereabouts'));
    const rows = screen.getAllByTestId('whereabouts-row');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['hotel', 'exit_entry', 'household']);
    expect(rows[0]!.textContent).toContain('2025-05-20 20:00');
    expect(rows[2]!.textContent).toContain('2010-05-01');
    fireEvent.click(screen.getByTestId('tab-info'));
    expect(screen.getAllByTestId('info-row').map((r) => r.dataset.kind)).toEqual(['tax', 'civil_affairs']);
    // the spouse is a third party: her ID is masked like the debtor's
    const marriage = screen.getAllByTestId('info-row')[1]!.textContent!;
    expect(marriage).toContain('李四（520102********002X）');
    expect(marriage).not.toContain('52010219870101002X');
    expect(marriage).not.toContain('520102198503124015');
    expect(screen.getByTestId('tab-info').textContent).toContain('2');
  });

  it('Escape goes back to the case list', async () => {
    await openCase();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(await screen.findByTestId('case-search')).toBeTruthy();
  });
  it('whereabouts wait for the judge’s finding: recorded with its facts, then asked for that debtor only', async () => {
    const { fake } = await openCase();
    const gate = screen.getByTestId('whereabouts-gate');
    expect(gate.textContent).toContain('不在一键查询之内');
    expect(screen.queryByTestId('whereabouts-query-p-1')).toBeNull();
    fireEvent.change(screen.getByTestId('whereabouts-ground-p-1'), { target: { value: 'missing' } });
    fireEvent.change(screen.getByTestId('whereabouts-facts-p-1'), { target: { value: '住所地查无此人，电话停机' } });
    fireEvent.click(screen.getByTestId('whereabouts-record-p-1'));
    await waitFor(() => expect(fake.callsOf('whereabouts.recordFinding')).toEqual([{ caseId: 'case-1', partyId: 'p-1', ground: 'missing', facts: '住所地查无此人，电话停机' }]));
    expect((await screen.findByTestId('whereabouts-finding-p-1')).textContent).toContain('下落不明');
    fireEvent.click(screen.getByTestId('whereabouts-query-p-1'));
    await waitFor(() => expect(fake.callsOf('whereabouts.query')).toEqual([{ caseId: 'case-1', partyId: 'p-1' }]));
    await waitFor(() => expect(cell('hotel.gz', 'p-1').dataset.state).toBe('pending'));
    expect(cell('bank.icbc', 'p-1').dataset.state).toBe('none');
  });

  it('a refused finding shows why, in the judge’s words', async () => {
    const { fake } = await openCase();
    fake.handle('whereabouts.recordFinding', () => ({ ok: false, error: { code: 'FORBIDDEN', message: '无权进行此项操作', messageEn: 'This officer may not do this', detail: { zh: '本人职务不能认定被执行人拒不履行并逃避或下落不明', en: 'role' } } }));
    fireEvent.change(screen.getByTestId('whereabouts-facts-p-1'), { target: { value: '拒不到庭' } });
    fireEvent.click(screen.getByTestId('whereabouts-record-p-1'));
    expect((await screen.findByTestId('whereabouts-error')).textContent).toContain('本人职务不能认定');
  });
});
