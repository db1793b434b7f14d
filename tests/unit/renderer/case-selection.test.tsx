// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useAppStore } from '../../../renderer/src/store';
import { caseSummary } from './fake-api';
import { renderApp, resetAll } from './render-app';

const many = Array.from({ length: 1500 }, (_, i) => caseSummary(i));
const num = (i: number) => `(2025)黔0103执${i}号`;
const tick = (i: number) => screen.getByTestId(`case-tick-${num(i)}`) as HTMLInputElement;
const selected = () => useAppStore.getState().selectedCaseIds;

describe('ticking cases in the case list', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('ticks and unticks a row without opening it, and says how many are ticked', async () => {
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    expect(screen.queryByTestId('selection-bar')).toBeNull();
    fireEvent.click(tick(2));
    fireEvent.click(tick(5));
    expect(tick(2).checked).toBe(true);
    expect(selected()).toEqual(['case-1', 'case-4']);
    expect(screen.getByTestId('selection-count').textContent).toBe('已选 2 件');
    expect(fake.callsOf('cases.get')).toEqual([]);
    fireEvent.click(tick(2));
    expect(tick(2).checked).toBe(false);
    expect(screen.getByTestId('selection-count').textContent).toBe('已选 1 件');
  });

  it('shift-click ticks the range from the last tick, either way', async () => {
    renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    fireEvent.click(tick(3));
    fireEvent.click(tick(7), { shiftKey: true });
    await waitFor(() => expect(selected()).toEqual(['case-2', 'case-3', 'case-4', 'case-5', 'case-6']));
    fireEvent.click(tick(10));
    fireEvent.click(tick(8), { shiftKey: true });
    await waitFor(() => expect(selected()).toHaveLength(8));
    expect(selected().slice(5)).toEqual(['case-9', 'case-7', 'case-8']);
    for (const i of [3, 4, 5, 6, 7, 8, 9, 10]) expect(tick(i).checked).toBe(true);
    expect(tick(2).checked).toBe(false);
    expect(tick(11).checked).toBe(false);
  });

  it('a range reaching rows not loaded fetches their ids; a tick from another search is no anchor', async () => {
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    fireEvent.click(tick(3));
    const list = screen.getByTestId('case-list');
    list.scrollTop = 34 * 700;
    fireEvent.scroll(list);
    await screen.findByTestId(`case-row-${num(705)}`);
    fireEvent.click(tick(705), { shiftKey: true });
    await waitFor(() => expect(selected()).toHaveLength(703));
    expect(selected().at(-1)).toBe('case-704');
    expect(fake.callsOf('cases.list').filter((c) => c.limit !== 100).map((c) => [c.offset, c.limit])).toEqual([[2, 500], [502, 203]]);

    fireEvent.click(screen.getByTestId('selection-clear'));
    fireEvent.click(tick(705));
    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '执2' } });
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('共 111 件'));
    fireEvent.click(screen.getByTestId(`case-tick-${num(25)}`), { shiftKey: true });
    expect(selected()).toEqual(['case-704', 'case-24']);
  });

  it('全选 ticks the whole filtered list, not only the rows loaded, and 清除 clears it', async () => {
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '执1' } });
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('共 612 件'));
    fireEvent.click(screen.getByTestId('case-tick-all'));
    await waitFor(() => expect(screen.getByTestId('selection-count').textContent).toBe('已选 612 件'));
    expect(selected()).toContain('case-1499');
    expect(selected()).not.toContain('case-1');
    // pages of 500 (the most cases.list answers) beside the list's own pages of 100
    expect(fake.callsOf('cases.list').filter((c) => c.limit !== 100).map((c) => [c.search, c.offset, c.limit])).toEqual([['执1', 0, 500], ['执1', 500, 112]]);
    expect((screen.getByTestId('case-tick-all') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('selection-clear'));
    expect(selected()).toEqual([]);
    expect(screen.queryByTestId('selection-bar')).toBeNull();
  });

  it('Ctrl+A ticks the filtered list when not typing, Space ticks the highlighted row, Esc clears', async () => {
    renderApp({ cases: many.slice(0, 40) });
    await screen.findByTestId(`case-row-${num(1)}`);
    const search = screen.getByTestId('case-search');
    // in the search box Ctrl+A is the box's own
    fireEvent.keyDown(search, { key: 'a', ctrlKey: true });
    expect(selected()).toEqual([]);
    search.blur();
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(selected()).toEqual(['case-1']);
    // Space on a focused button presses the button, it ticks nothing
    fireEvent.keyDown(screen.getByTestId('case-new'), { key: ' ' });
    expect(selected()).toEqual(['case-1']);
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('selection-count').textContent).toBe('已选 40 件'));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(selected()).toEqual([]);
  });

  it('still renders only a window of rows, ticks included', async () => {
    renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    const ticks = screen.getByTestId('case-list').querySelectorAll('input[type="checkbox"]').length;
    expect(ticks).toBeGreaterThan(10);
    expect(ticks).toBeLessThan(60);
  });

  it('forgets the ticks at sign-out', async () => {
    renderApp({ cases: many });
    await screen.findByTestId(`case-row-${num(1)}`);
    fireEvent.click(tick(1));
    fireEvent.click(screen.getByTestId('signout'));
    await waitFor(() => expect(selected()).toEqual([]));
  });
});
