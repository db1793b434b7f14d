// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ok } from '../../../shared/result';
import { formatYuanSymbol } from '../../../shared/money';
import { CASE_DETAIL, EMPTY_VIEW, asset, candidate, freezePlan } from './fake-api';
import { renderApp, resetAll } from './render-app';

const COUNT = 500;
/** 500 deposits, a1 the largest balance and a500 the smallest, every fifth frozen by another court */
const ASSETS = Array.from({ length: COUNT }, (_, i) =>
  asset(`a${i + 1}`, 'deposit', (COUNT - i) * 100_00, {
    identifier: `6222 0000 ${String(i + 1).padStart(4, '0')}`,
    existingFreezes: i % 5 === 0 ? [{ court: '贵阳市中级人民法院', amount: 1_000_00 }] : [],
  }),
);

/** the results panel scrolls as styles.css has it (jsdom loads no stylesheet of the app) */
function panelScrolls() {
  const style = document.createElement('style');
  style.textContent = '.panel { overflow: auto; }';
  document.head.appendChild(style);
  return () => style.remove();
}

async function openCaseWith500() {
  const r = renderApp();
  r.fake.handle('query.view', () => ok({ ...EMPTY_VIEW, assets: ASSETS }));
  const last = ASSETS[COUNT - 1]!;
  r.fake.handle('measures.plan', () => ok(freezePlan({ candidates: ASSETS.map((a) => candidate(a)) })));
  fireEvent.click(await screen.findByTestId(`case-row-${CASE_DETAIL.number}`));
  await screen.findByTestId('asset-list');
  const panel = screen.getByTestId('asset-list').closest('.panel') as HTMLElement;
  return { r, panel, last };
}

const rowIds = () => screen.getAllByTestId('asset-row').map((r) => r.dataset.assetId);

describe('the asset table of a case with 500 assets', () => {
  let unstyle: () => void;
  beforeEach(() => {
    resetAll();
    unstyle = panelScrolls();
  });
  afterEach(() => {
    unstyle();
    resetAll();
  });

  it('renders only a window of rows, the largest balances first, while the totals count all 500', async () => {
    await openCaseWith500();
    const ids = rowIds();
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.length).toBeLessThan(60);
    expect(ids[0]).toBe('a1');
    expect(ids).not.toContain('a500');
    expect(screen.getByTestId('asset-list').getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    expect(screen.getByTestId('asset-total-deposit').textContent).toContain(`${COUNT} 项`);
    const sum = ASSETS.reduce((t, a) => t + a.value!, 0);
    expect(screen.getByTestId('asset-total-deposit-value').textContent).toBe(formatYuanSymbol(sum));
    expect(screen.getByTestId('tab-assets').textContent).toContain(String(COUNT));
  });

  it('scrolling the results panel to the end shows the last rows, with their columns and freezes', async () => {
    const { panel, last } = await openCaseWith500();
    panel.scrollTop = 1_000_000;
    fireEvent.scroll(panel);
    await waitFor(() => expect(rowIds()).toContain(last.id));
    expect(rowIds()).not.toContain('a1');
    const row = screen.getAllByTestId('asset-row').find((r) => r.dataset.assetId === last.id)!;
    expect(row.textContent).toContain(last.identifier);
    expect(row.textContent).toContain(formatYuanSymbol(last.value!));
    expect(row.textContent).toContain('中国工商银行贵阳分行');
    expect(row.getAttribute('aria-rowindex')).toBe(String(COUNT + 1));
    const frozen = screen.getAllByTestId('asset-row').find((r) => r.dataset.assetId === 'a496')!;
    expect(frozen.querySelector('[data-testid="asset-freeze"]')?.textContent).toContain('贵阳市中级人民法院');
    // back to the top: the first rows again
    panel.scrollTop = 0;
    fireEvent.scroll(panel);
    await waitFor(() => expect(rowIds()[0]).toBe('a1'));
  });

  it('冻结 on a row reached by scrolling opens the freeze panel with that asset picked', async () => {
    const { panel } = await openCaseWith500();
    const first = rowIds();
    panel.scrollTop = 15_000;
    fireEvent.scroll(panel);
    await waitFor(() => expect(rowIds()).not.toContain('a1'));
    // a row in the middle of the window now in view, not among the rows rendered at first
    const shown = rowIds();
    const id = shown[Math.floor(shown.length / 2)]!;
    expect(first).not.toContain(id);
    fireEvent.click(screen.getByTestId(`asset-freeze-${id}`));
    await screen.findByTestId('freeze-cap');
    expect(screen.getByTestId('ws-tab-freeze').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect((screen.getByTestId(`freeze-pick-${id}`) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByTestId('freeze-pick-a1') as HTMLInputElement).checked).toBe(false);
  });
});
