// @vitest-environment jsdom
/**
 * 批量查询 as the judge sees it: the case list's button opens the dialog with the number of his open
 * cases; the freshness window is checked before anything is sent and hidden when he forces the
 * query; starting shows the progress page, which follows 'job.updated' and lists each case with what
 * it found and why a case was skipped; a refusal is shown with the case it names.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { err, ok } from '../../../shared/result';
import { appError } from '../../../shared/errors';
import type { BatchView } from '../../../shared/ipc/groups/batch';
import { jobView } from './fake-api';
import { renderApp, resetAll } from './render-app';

const text = (id: string) => screen.getByTestId(id).textContent;

function batch(over: Partial<BatchView['totals']> = {}, state: BatchView['job']['state'] = 'running'): BatchView {
  const totals = { cases: 3, queued: 1, sent: 1, settled: 1, skipped: 0, found: 2, ...over };
  return {
    job: jobView('b-1', { kind: 'query.batch', caseId: undefined, state }),
    params: { officer: 'F520103001', force: false, freshDays: 7 },
    totals,
    channels: [{ channel: 'bank.icbc', planned: 3, sent: 2, answered: 1, failed: 0 }],
    items: [
      { seq: 0, caseId: 'case-1', caseNumber: '(2025)黔0103执1号', state: 'settled', fresh: 0, planned: 19, answered: 19, failed: 0, found: 2, asOf: '2026-12-02T02:00:00.000Z' },
      { seq: 1, caseId: 'case-2', caseNumber: '(2025)黔0103执2号', state: totals.settled > 1 ? 'skipped' : 'sent', ...(totals.settled > 1 ? { skip: 'fresh' as const } : {}), fresh: 19, planned: 0, answered: 0, failed: 0, found: 0 },
    ],
  };
}

describe('batch query', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('starts over the judge’s open cases and follows the progress live', async () => {
    const { fake } = renderApp();
    let started: Record<string, unknown> | undefined;
    fake.handle('batch.start', (i) => {
      started = i;
      return ok(batch());
    });
    let now = batch();
    fake.handle('batch.view', () => ok(now));
    await screen.findByTestId('case-search');
    fireEvent.click(screen.getByTestId('batch-open'));
    await waitFor(() => expect(text('batch-start-count')).toBe('本人在办、已确认立案的案件共 3 件'));
    fireEvent.change(screen.getByTestId('batch-fresh-days'), { target: { value: '400' } });
    expect((screen.getByTestId('batch-start-go') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('batch-fresh-days'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('batch-start-go'));
    await screen.findByTestId('batch-view');
    expect(started).toMatchObject({ force: false, freshDays: 3 });
    expect((started!.caseIds as string[]).length).toBe(3);
    expect(text('batch-totals')).toBe('已完成 1/3 件，查询中 1 件，跳过 0 件，发现财产 2 项');
    expect(text('batch-found-(2025)黔0103执1号')).toBe('2');

    now = batch({ queued: 0, sent: 0, settled: 2, skipped: 1 }, 'done');
    act(() => fake.emit('job.updated', { job: now.job }));
    await waitFor(() => expect(text('batch-totals')).toBe('已完成 3/3 件，查询中 0 件，跳过 1 件，发现财产 2 项'), { timeout: 2000 });
    expect(screen.getByTestId('batch-case-(2025)黔0103执2号').textContent).toContain('各渠道均在有效期内已有答复');
  });

  it('hides the window when forced, and shows a refusal naming the case', async () => {
    const { fake } = renderApp();
    fake.handle('batch.start', () => err(appError('FORBIDDEN', { zh: '(2025)黔0103执9号：该案不是您承办的案件', en: 'not yours' })));
    await screen.findByTestId('case-search');
    fireEvent.click(screen.getByTestId('batch-open'));
    await waitFor(() => expect(text('batch-start-count')).toContain('共 3 件'));
    fireEvent.click(screen.getByTestId('batch-force'));
    expect(screen.queryByTestId('batch-fresh-days')).toBeNull();
    fireEvent.click(screen.getByTestId('batch-start-go'));
    await waitFor(() => expect(text('batch-start-error')).toContain('(2025)黔0103执9号'));
    expect(screen.queryByTestId('batch-view')).toBeNull();
  });

  it('batch-queries the cases ticked in the list, in the order ticked', async () => {
    const { fake } = renderApp();
    let started: { caseIds: string[] } | undefined;
    fake.handle('batch.start', (i) => {
      started = i;
      return ok(batch());
    });
    fake.handle('batch.view', () => ok(batch()));
    await screen.findByTestId('case-search');
    fireEvent.click(await screen.findByTestId('case-tick-(2025)黔0103执3号'));
    fireEvent.click(screen.getByTestId('case-tick-(2025)黔0103执2号'));
    fireEvent.click(screen.getByTestId('batch-open-chosen'));
    expect(text('batch-start-count')).toBe('已选 2 件案件');
    fireEvent.click(screen.getByTestId('batch-start-go'));
    await screen.findByTestId('batch-view');
    expect(started!.caseIds).toEqual(['case-2', 'case-1']);
  });

  it('shows a batch of thousands a page at a time, and filters the cases by state', async () => {
    const { fake } = renderApp();
    const asked: Record<string, unknown>[] = [];
    const big = (offset: number, state?: string): BatchView => {
      const totals = { cases: 250, queued: 0, sent: 30, settled: 200, skipped: 20, found: 9 };
      const all = state ? totals[state as 'sent'] : totals.cases;
      const n = Math.max(0, Math.min(100, all - offset));
      return {
        ...batch(), totals,
        items: Array.from({ length: n }, (_, k) => ({
          seq: offset + k, caseId: `case-${offset + k}`, caseNumber: `(2025)黔0103执${offset + k + 1}号`,
          state: (state ?? 'settled') as 'settled', fresh: 0, planned: 1, answered: 1, failed: 0, found: 0,
        })),
      };
    };
    fake.handle('batch.start', () => ok(big(0)));
    fake.handle('batch.view', (i) => {
      asked.push(i);
      return ok(big((i.offset as number | undefined) ?? 0, i.state as string | undefined));
    });
    await screen.findByTestId('case-search');
    fireEvent.click(screen.getByTestId('batch-open'));
    await waitFor(() => expect((screen.getByTestId('batch-start-go') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('batch-start-go'));
    await screen.findByTestId('batch-view');
    expect(text('batch-page-range')).toBe('第 1–100 件，共 250 件');
    fireEvent.click(screen.getByText('下一页'));
    await waitFor(() => expect(text('batch-page-range')).toBe('第 101–200 件，共 250 件'));
    expect(asked.at(-1)).toMatchObject({ offset: 100, limit: 100 });
    expect(screen.getByTestId('batch-case-(2025)黔0103执101号')).toBeTruthy();
    fireEvent.change(screen.getByTestId('batch-filter'), { target: { value: 'sent' } });
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ offset: 0, state: 'sent' }));
    // 30 cases under query fit one page: no pager
    await waitFor(() => expect(screen.queryByTestId('batch-pager')).toBeNull());
    expect(screen.getAllByText('查询中').length).toBeGreaterThanOrEqual(30);
  });
});
