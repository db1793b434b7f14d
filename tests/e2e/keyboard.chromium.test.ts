/**
 * E2E in Debian's Chromium against host mode, by keyboard: a judge presses Ctrl+K, types a case
 * number, Enter opens the case; ? lists the shortcuts of the one table (renderer/src/ui/shortcuts.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { demoCaseWithAccounts, setUpWorkstation } from './judge-flow';
import { SHORTCUTS } from '../../renderer/src/ui/shortcuts';

let app: HostApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const { docket } = demoCaseWithAccounts();
const shots = path.join(ROOT, 'test-results', 'e2e');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await startHostApp({ latencyScale: 0.05 });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a judge at the keyboard in Chromium (host mode)', () => {
  it('opens a case with Ctrl+K, its number and Enter', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    // the search box has the focus: Ctrl+K works while typing
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('palette-input');
    await input.waitFor();
    await page.keyboard.type(docket.number);
    const option = page.locator('[data-testid^="palette-case:"]').first();
    await expect.poll(() => option.textContent(), { timeout: 10_000 }).toContain(docket.number);
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: path.join(shots, 'keyboard-1-palette.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('case-header-number').textContent(), { timeout: 10_000 }).toContain(docket.number);
    expect(await page.getByTestId('palette').count()).toBe(0);
  });

  it('presses ? and sees every shortcut, then Esc closes the list and stays in the case', async () => {
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    expect(await help.locator('[data-testid^="shortcut-"] kbd').count()).toBe(SHORTCUTS.length);
    expect(await help.getByTestId('shortcut-palette.open').textContent()).toContain(SHORTCUTS[0].zh);
    await page.screenshot({ path: path.join(shots, 'keyboard-2-help.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await page.getByTestId('case-header-number').textContent()).toContain(docket.number);
  });

  it('back in the list, ticks a range with shift-click and clears it', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('case-search').fill('');
    const ticks = page.locator('[data-testid^="case-tick-("]');
    await expect.poll(() => ticks.count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await ticks.nth(1).click();
    await ticks.nth(4).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('已选 4 件');
    await page.getByTestId('selection-clear').click();
    await expect.poll(() => page.getByTestId('selection-bar').count()).toBe(0);
    // ticking opened no case
    expect(await page.getByTestId('case-header').count()).toBe(0);
  });

  it('ran without script errors or CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
