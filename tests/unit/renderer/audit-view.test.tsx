// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import type { AuditEntry } from '../../../shared/domain/types';
import type { AuditVerification } from '../../../shared/domain/audit';
import { CASE_DETAIL, OFFICER, createFakeApi } from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

function entry(seq: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq, at: '2026-03-02T02:00:00.000Z', officer: OFFICER.code, action: 'case.read', caseNumber: CASE_DETAIL.number,
    legalBasis: '《最高人民法院关于人民法院网络查询、冻结被执行人存款的规定》第七条', detail: '{"call":"cases.get"}', hash: 'ab'.repeat(32), ...over,
  };
}

/** Entries seq from, from−1, … (newest first), as main answers. */
const newestFirst = (from: number, n: number) => Array.from({ length: n }, (_, i) => entry(from - i));

async function openAudit(fake = createFakeApi()) {
  renderApp({ fake });
  fireEvent.click(await screen.findByTestId('nav-audit'));
  await screen.findByTestId('audit-view');
  return fake;
}

/** 核验 pressed, main answering `v`. */
async function verifyShowing(v: AuditVerification): Promise<void> {
  const fake = createFakeApi();
  fake.handle('audit.verify', () => ok(v));
  await openAudit(fake);
  fireEvent.click(screen.getByTestId('audit-verify'));
  await screen.findByTestId('audit-verify-result');
}

describe('audit view', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('lists the officer’s entries newest first, says whose they are, and finds a case’s whole trail by its number', async () => {
    const fake = createFakeApi();
    fake.handle('audit.list', () => ok([entry(7, { action: 'measure.freeze.executed', detail: '{"measureId":"m1"}' }), entry(6)]));
    await openAudit(fake);
    await screen.findByTestId('audit-row-7');
    expect(fake.callsOf('audit.list')).toEqual([{ offset: 0, limit: 51 }]);
    const rows = within(screen.getByTestId('audit-list')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['audit-row-7', 'audit-row-6']);
    expect(text('audit-row-7')).toContain('冻结、续冻、解冻、扣划');
    expect(text('audit-row-7')).toContain('measure.freeze.executed');
    expect(text('audit-row-6')).toContain('查阅案件');
    // a judge: his own acts; no officer filter
    expect(text('audit-own-only')).toContain('只列出本人的操作');
    expect(screen.queryByTestId('audit-filter-officer')).toBeNull();

    type('audit-filter-case', '（2025）黔0103执1234号');
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(fake.callsOf('audit.list')).toHaveLength(2));
    expect(fake.callsOf('cases.list').at(-1)).toMatchObject({ search: '(2025)黔0103执1234号', status: 'all' });
    expect(fake.callsOf('audit.list')[1]).toEqual({ caseId: 'case-1', offset: 0, limit: 51 });
  });

  it('says so when the case number is no case the officer may read, or is not a case number at all', async () => {
    const fake = await openAudit();
    type('audit-filter-case', '(2025)黔0103执999号');
    fireEvent.click(screen.getByTestId('audit-search'));
    expect((await screen.findByTestId('audit-no-case')).textContent).toBe('没有本人可查阅的这一案号的案件');
    type('audit-filter-case', '黔0103执1号');
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(text('audit-error')).toContain('案号应以“(年份)”开头'));
    expect(fake.callsOf('audit.list')).toHaveLength(1);
  });

  it('filters by action at once, and pages to older entries and back', async () => {
    const fake = createFakeApi();
    fake.handle('audit.list', (i) => ok(newestFirst(200 - (i.offset ?? 0), Math.min(i.limit, 60 - (i.offset ?? 0)))));
    await openAudit(fake);
    await screen.findByTestId('audit-row-200');
    expect(screen.getAllByTestId(/^audit-row-/)).toHaveLength(50);
    expect(text('audit-page')).toBe('第 1 页');
    expect((screen.getByTestId('audit-newer') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('audit-older'));
    await screen.findByTestId('audit-row-150');
    expect(fake.callsOf('audit.list').at(-1)).toEqual({ offset: 50, limit: 51 });
    expect(screen.getAllByTestId(/^audit-row-/)).toHaveLength(10);
    expect((screen.getByTestId('audit-older') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('audit-newer'));
    await screen.findByTestId('audit-row-200');

    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'measure' } });
    await waitFor(() => expect(fake.callsOf('audit.list').at(-1)).toEqual({ action: 'measure', offset: 0, limit: 51 }));
  });

  it('offers a chief the bureau, by officer', async () => {
    const fake = createFakeApi();
    fake.handle('session.current', () => ok({ ...OFFICER, code: 'F520103003', name: '张国华', role: 'chief' }));
    await openAudit(fake);
    expect(screen.queryByTestId('audit-own-only')).toBeNull();
    type('audit-filter-officer', 'F520103002');
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(fake.callsOf('audit.list').at(-1)).toEqual({ officer: 'F520103002', offset: 0, limit: 51 }));
  });

  it('核验: the log intact, acknowledged by the gateway through entry N, with what still waits', async () => {
    await verifyShowing({
      ok: true, entries: 120, anchoredThrough: 118, lastAnchorAt: '2026-03-02T02:00:00.000Z', checkpoints: 6, gatewayChecked: true, problems: [],
    });
    expect(screen.getByTestId('audit-verify-result').dataset.ok).toBe('true');
    expect(text('audit-anchored')).toBe('已由网关确认至第 118 条');
    expect(text('audit-verify-summary')).toContain('审计记录完整，共 120 条');
    expect(text('audit-verify-summary')).toContain('其后 2 条尚待网关确认');
    expect(screen.queryByTestId('audit-verify-offline')).toBeNull();
  });

  it('核验: each problem in the judge’s words, and whether the gateway’s book could be compared', async () => {
    await verifyShowing({
      ok: false, entries: 6, checkpoints: 2, gatewayChecked: false, anchoredThrough: 5,
      problems: [
        { code: 'RECEIPT_FORGED', seq: 8, zh: '第 8 条的确认回执不是网关签发的', en: 'the receipt for entry 8 was not signed by the gateway' },
        { code: 'TAIL_CUT', seq: 8, zh: '审计记录末尾被截去：网关已确认至第 8 条，本机只有 6 条', en: 'the end of the log was cut off' },
      ],
    });
    expect(screen.getByTestId('audit-verify-result').dataset.ok).toBe('false');
    expect(text('audit-verify-summary')).toBe('审计记录有 2 处问题：');
    expect(text('audit-problem-TAIL_CUT')).toContain('网关已确认至第 8 条，本机只有 6 条');
    expect(screen.getByTestId('audit-problem-RECEIPT_FORGED').dataset.seq).toBe('8');
    expect(text('audit-verify-offline')).toContain('未能连接网关');
    expect(screen.queryByTestId('audit-anchored')).toBeNull();
  });
});
