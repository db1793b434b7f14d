// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { keyText, SHORTCUTS, SCOPE_NAMES } from '../../../renderer/src/ui/shortcuts';
import { caseSummary, createFakeApi, OFFICER_2 } from './fake-api';
import { renderApp, resetAll } from './render-app';

const cases = [
  caseSummary(0, { id: 'case-1', number: '(2025)黔0103执1234号', applicantName: '赵明', debtorNames: ['张三'] }),
  caseSummary(1, { id: 'case-2', number: '(2025)黔0103执88号', applicantName: '钱红', debtorNames: ['贵州黔丰建材有限公司'] }),
  caseSummary(2, { id: 'case-3', number: '(2025)黔0103执99号', applicantName: '孙丽', debtorNames: ['李四'] }),
];

const ctrlK = (target: Element = document.body) => fireEvent.keyDown(target, { key: 'k', ctrlKey: true });

async function openList() {
  const r = renderApp({ cases });
  await screen.findByTestId('case-row-(2025)黔0103执88号');
  return r;
}

function options(): string[] {
  return within(screen.getByTestId('palette-list')).getAllByRole('option').map((o) => o.textContent ?? '');
}

describe('command palette', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('opens with Ctrl+K even from the search box, filters by case number, and Enter opens that case', async () => {
    const { fake } = await openList();
    ctrlK(screen.getByTestId('case-search'));
    const input = await screen.findByTestId('palette-input');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '执88' } });
    expect(options()[0]).toContain('(2025)黔0103执88号');
    expect(options().some((o) => o.includes('执99号'))).toBe(false);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('cases.get')).toEqual([{ caseId: 'case-2' }]));
    expect(screen.queryByTestId('palette')).toBeNull();
    await screen.findByTestId('case-header');
  });

  it('finds a case beyond the pages loaded through cases.list, open and closed alike', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => caseSummary(i));
    const { fake } = renderApp({ cases: many });
    await screen.findByTestId('case-row-(2025)黔0103执1号');
    ctrlK();
    const input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: '执1234号' } });
    const row = await screen.findByTestId('palette-case:case-1233');
    expect(fake.callsOf('cases.list').at(-1)).toEqual({ search: '执1234号', status: 'all', offset: 0, limit: 30 });
    await waitFor(() => expect(row.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('cases.get')).toEqual([{ caseId: 'case-1233' }]));
  });

  it('finds a case by a party name and moves the choice with the arrows (⌘K on macOS)', async () => {
    const { fake } = await openList();
    fireEvent.keyDown(document.body, { key: 'K', metaKey: true });
    const input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: '黔0103执' } });
    expect(screen.getByTestId('palette-case:case-1').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getByTestId('palette-case:case-2').getAttribute('aria-selected')).toBe('true');
    fireEvent.change(input, { target: { value: '李四' } });
    expect(options()).toHaveLength(1);
    expect(options()[0]).toContain('(2025)黔0103执99号');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('cases.get')).toEqual([{ caseId: 'case-3' }]));
  });

  it('runs an action: 一键查询 in the open case; Esc closes and gives the focus back', async () => {
    const { fake } = await openList();
    fireEvent.click(screen.getByTestId('case-row-(2025)黔0103执1234号'));
    await screen.findByTestId('case-header');
    // case actions appear only once a case is open
    const back = screen.getByTestId('workspace-back');
    back.focus();
    ctrlK(back);
    let input = await screen.findByTestId('palette-input');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(document.activeElement).toBe(back);
    // Esc in the palette did not leave the case
    expect(screen.getByTestId('case-header')).toBeTruthy();

    ctrlK(back);
    input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: '一键查询' } });
    expect(options()[0]).toContain('一键查询');
    expect(options()[0]).toContain(keyText('ws.query'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('query.start')).toHaveLength(1));
    expect(screen.queryByTestId('palette')).toBeNull();
  });

  it('leaves out case actions without an open case, and opens a desk view', async () => {
    await openList();
    ctrlK();
    const input = await screen.findByTestId('palette-input');
    expect(screen.queryByTestId('palette-action:query')).toBeNull();
    fireEvent.change(input, { target: { value: '后台任务' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await screen.findByTestId('jobs-view');
  });

  it('shows an action the role may not take as disabled with the reason, and Enter does nothing', async () => {
    const fake = createFakeApi({ cases });
    fake.handle('session.current', () => ok(OFFICER_2));
    renderApp({ fake });
    await screen.findByTestId('case-row-(2025)黔0103执88号');
    ctrlK();
    const input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: '审批' } });
    const row = screen.getByTestId('palette-action:approvals');
    expect(row.getAttribute('aria-disabled')).toBe('true');
    expect(row.textContent).toContain('本人职务不能审批超过额度的扣划');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('palette')).toBeTruthy();
    expect(screen.queryByTestId('approvals-view')).toBeNull();
  });
});

describe('the ? list of shortcuts', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('lists every shortcut of the one table, by where it works, and Esc closes it', async () => {
    await openList();
    const search = screen.getByTestId('case-search');
    search.blur();
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const help = await screen.findByTestId('shortcut-help');
    for (const s of SHORTCUTS) {
      const row = within(help).getByTestId(`shortcut-${s.id}`);
      expect(row.textContent).toContain(s.zh);
      expect(row.textContent).toContain(keyText(s.id));
      expect(within(help).getByTestId(`shortcut-scope-${s.scope}`).contains(row)).toBe(true);
    }
    expect(help.textContent).toContain(SCOPE_NAMES.workspace.zh);
    // keys do not reach the page behind it
    fireEvent.keyDown(screen.getByTestId('shortcut-help-close'), { key: 'r' });
    expect(screen.queryByTestId('calendar-view')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('shortcut-help-close'), { key: 'Escape' });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
  });

  it('is not opened by ? typed in a field', async () => {
    await openList();
    const search = screen.getByTestId('case-search');
    fireEvent.keyDown(search, { key: '?', shiftKey: true });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
  });

  it('speaks English when the judge does', async () => {
    await openList();
    fireEvent.click(screen.getByTestId('lang-switch'));
    screen.getByTestId('case-search').blur();
    fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByTestId('shortcut-help');
    expect(within(help).getByTestId('shortcut-palette.open').textContent).toContain(SHORTCUTS[0].en);
  });
});
