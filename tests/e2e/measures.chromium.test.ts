/**
 * The hearing-room flow, as a judge clicks it in Chromium against host mode: query a demo case,
 * freeze up to the cap with the suggested allocation (read on the confirmation, sent on 确认发送,
 * followed item by item), then deduct in hearing mode with the PIN, and
 * see the receipt and the recovered amount change. Prints how long query → freeze → deduct took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { formatYuanSymbol } from '../../shared/money';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { demoCaseToDeduct, openCase, PASSWORD, queryAll, setUpWorkstation } from './judge-flow';

let app: HostApp;
let browser: Browser;
let page: Page;
const { docket } = demoCaseToDeduct();
const cap = docket.amountOwed + docket.costs;
const shots = path.join(ROOT, 'test-results', 'e2e');
let t0 = 0;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // CK_E2E_LATENCY_SCALE=1 runs it at the sandbox's realistic agency latencies (for timing by hand)
  app = await startHostApp({ latencyScale: Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.05) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('query → freeze → deduct in a hearing', () => {
  it('queries the case', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await openCase(page, docket.number);
    expect(await page.getByTestId('case-header-recovered').textContent()).toContain('¥0.00');
    t0 = Date.now();
    const { answered, total } = await queryAll(page);
    expect(answered).toBe(total);
  });

  it('freezes up to the cap with the suggested allocation: one click lists it, 确认发送 sends it, each item shows its state', async () => {
    await page.getByTestId('ws-tab-freeze').click();
    // the panel opens on the suggested allocation: the cap, reached
    await expect.poll(() => page.getByTestId('freeze-remaining').textContent(), { timeout: 10_000 }).toContain('¥0.00');
    const send = page.getByTestId('freeze-send');
    await expect.poll(() => send.isEnabled()).toBe(true);
    await send.click();
    // what will be sent is listed first, with its period and documents; nothing has gone yet
    const dialog = page.getByTestId('send-dialog');
    await dialog.waitFor();
    const items = page.locator('[data-testid^="send-item-"]');
    expect(await items.count()).toBeGreaterThan(0);
    const periods = await page.locator('[data-testid^="send-period-"]').allTextContents();
    expect(periods.every((p) => /^冻结期限自\d{4}年\d{1,2}月\d{1,2}日起至\d{4}年\d{1,2}月\d{1,2}日止$/.test(p))).toBe(true);
    expect(await page.locator('[data-testid^="send-docs-"]').first().textContent()).toContain('冻结裁定书');
    expect(await page.getByTestId('send-total').textContent()).toContain(formatYuanSymbol(cap));
    await page.screenshot({ path: path.join(shots, '3-confirm.png') });
    expect(await page.locator('[data-testid^="measure-row-"]').count()).toBe(0);
    await page.getByTestId('send-confirm').click();
    // each item follows its own measure until its agency confirms it
    const states = page.locator('[data-testid^="send-state-"]');
    await expect.poll(async () => {
      const s = await states.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return s.length > 0 && s.every((x) => x === 'confirmed');
    }, { timeout: 60_000, interval: 250 }).toBe(true);
    expect(await page.locator('[data-testid^="send-docs-made-"]').count()).toBe(await items.count());
    await page.getByTestId('send-close').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('freeze-sent').waitFor({ timeout: 30_000 });
    const rows = page.locator('[data-testid^="measure-row-"]');
    await expect.poll(async () => {
      const states = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return states.length > 0 && states.every((s) => s === 'in_force');
    }, { timeout: 60_000, interval: 250 }).toBe(true);
    await page.screenshot({ path: path.join(shots, '3-frozen.png'), fullPage: true });
  });

  it('deducts in hearing mode after the balance is re-queried, and shows the receipt and the recovered amount', async () => {
    await page.getByTestId('ws-tab-deduct').click();
    await page.getByTestId('hearing-toggle').click();
    await page.getByTestId('hearing-mode').waitFor();
    // never the debtor's ID number in front of the parties
    expect(await page.getByTestId('hearing-mode').textContent()).not.toMatch(/\d{17}[\dX]/);
    const balance = page.getByTestId('deduct-balance');
    await balance.waitFor({ timeout: 30_000 });
    expect(await balance.getAttribute('data-fresh')).toBe('true');
    await page.screenshot({ path: path.join(shots, '4-hearing.png') });
    await page.getByTestId('deduct-pin').fill(PASSWORD);
    await page.getByTestId('deduct-confirm').click();
    const receipt = page.getByTestId('deduct-receipt');
    await receipt.waitFor({ timeout: 60_000 });
    const amountText = (await page.getByTestId('receipt-amount').textContent()) ?? '';
    expect(amountText).toContain(formatYuanSymbol(cap));
    const seconds = (Date.now() - t0) / 1000;
    console.log(`[e2e] query → freeze → deduct on the sandbox network: ${seconds.toFixed(1)} s (case ${docket.number}, ${formatYuanSymbol(cap)})`);
    await page.screenshot({ path: path.join(shots, '5-receipt.png') });
    const exit = page.getByTestId('hearing-exit');
    if (await exit.isVisible()) await exit.click();
    await expect.poll(() => page.getByTestId('case-header-recovered').textContent(), { timeout: 30_000 }).toContain(formatYuanSymbol(cap));
  });
});
