// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { db } from '../../../renderer/src/db/ui-db';
import { caseSummary } from './fake-api';
import { renderApp, resetAll } from './render-app';

const many = Array.from({ length: 1500 }, (_, i) => caseSummary(i));

describe('case list', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('shows the columns of each case', async () => {
    renderApp({ cases: [caseSummary(0, { applicantName: '赵明', debtorNames: ['张三', '李四'], amountOwed: 1_234_567_89, recovered: 100_00, filedOn: '2025-02-03' })] });
    const row = await screen.findByTestId('case-row-(2025)黔0103执1号');
    expect(row.textContent).toContain('赵明');
    expect(row.textContent).toContain('张三、李四');
    expect(row.textContent).toContain('¥1,234,567.89');
    expect(row.textContent).toContain('¥100.00');
    expect(row.textContent).toContain('2025-02-03');
    expect(screen.getByTestId('case-count').textContent).toBe('共 1 件');
  });

  it('renders only a window of a long list and fetches pages as they come into view', async () => {
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId('case-row-(2025)黔0103执1号');
    expect(screen.getByTestId('case-count').textContent).toBe('共 1500 件');
    const rendered = screen.getByTestId('case-list').querySelectorAll('[role="option"]').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(fake.callsOf('cases.list')).toEqual([{ status: 'open', offset: 0, limit: 100 }]);

    const list = screen.getByTestId('case-list');
    list.scrollTop = 34 * 700;
    fireEvent.scroll(list);
    await screen.findByTestId('case-row-(2025)黔0103执701号');
    expect(fake.callsOf('cases.list').map((c) => c.offset)).toContain(700);
    expect(screen.queryByTestId('case-row-(2025)黔0103执1号')).toBeNull();
  });

  it('moves the selection with ↑/↓ and opens it with Enter', async () => {
    const { fake } = renderApp({ cases: many });
    const first = await screen.findByTestId('case-row-(2025)黔0103执1号');
    expect(first.getAttribute('aria-selected')).toBe('true');
    const search = screen.getByTestId('case-search');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    expect(screen.getByTestId('case-row-(2025)黔0103执2号').getAttribute('aria-selected')).toBe('true');
    expect(first.getAttribute('aria-selected')).toBe('false');
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('cases.get')).toEqual([{ caseId: 'case-1' }]));
    await screen.findByTestId('case-header');
  });

  it('focuses the search box with /', async () => {
    renderApp();
    const search = await screen.findByTestId('case-search');
    search.blur();
    expect(document.activeElement).not.toBe(search);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
  });

  it('debounces the search and sends it to cases.list', async () => {
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId('case-row-(2025)黔0103执1号');
    const search = screen.getByTestId('case-search');
    fireEvent.change(search, { target: { value: '执1' } });
    fireEvent.change(search, { target: { value: '执12' } });
    fireEvent.change(search, { target: { value: '执123号' } });
    expect(fake.callsOf('cases.list')).toHaveLength(1);
    await screen.findByTestId('case-row-(2025)黔0103执123号');
    const searches = fake.callsOf('cases.list').map((c) => c.search);
    expect(searches).toEqual([undefined, '执123号']);
    expect(screen.getByTestId('case-count').textContent).toBe('共 1 件');
  });

  it('keeps the status filter in Dexie (status only) and starts with it', async () => {
    const first = renderApp();
    await screen.findByTestId('case-row-(2025)黔0103执1234号');
    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '张三' } });
    fireEvent.change(screen.getByTestId('case-status-filter'), { target: { value: 'all' } });
    await waitFor(async () => expect(await db.savedFilters.toArray()).toEqual([{ id: 'caseList', status: 'all' }]));
    first.unmount();
    await resetAllButDb();
    const { fake } = renderApp();
    await screen.findByTestId('case-row-(2025)黔0103执1234号');
    expect(fake.callsOf('cases.list')[0]).toEqual({ status: 'all', offset: 0, limit: 100 });
    expect((screen.getByTestId('case-status-filter') as HTMLSelectElement).value).toBe('all');
  });
});

async function resetAllButDb() {
  const { resetAppStore } = await import('../../../renderer/src/store');
  act(() => resetAppStore());
}
