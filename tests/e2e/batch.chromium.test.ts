/**
 * 批量查询 as a judge clicks it in Chromium against host mode (docs/batch.md): from the case list he
 * starts one batch over all his open cases, watches the progress page fill by case and channel while
 * it runs, pauses and resumes it, and when it is done opens a case from the batch's table and sees
 * its findings there. A second batch over the same cases leaves out what was just answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { setUpWorkstation } from './judge-flow';

const LATENCY = Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.02);
const shots = path.join(ROOT, 'test-results', 'e2e');
let dataDir: string;
let app: HostApp;
let browser: Browser;
let page: Page;

const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-batch-'));
  app = await startHostApp({ latencyScale: LATENCY, dataDir, env: { CK_JOB_TICK_MS: '100' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('batch query of the judge’s open cases', () => {
  let cases = 0;

  it('starts from the case list and shows progress by case and channel to the end', { timeout: 120_000 }, async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await page.getByTestId('batch-open').click();
    await expect.poll(() => text('batch-start-count'), { timeout: 15_000 }).toMatch(/共 \d+ 件/);
    cases = Number(/共 (\d+) 件/.exec(await text('batch-start-count'))![1]);
    expect(cases).toBeGreaterThan(10);
    await page.getByTestId('batch-start-go').click();
    await page.getByTestId('batch-view').waitFor();
    await page.getByTestId('batch-pause').click();
    await expect.poll(() => text('batch-state'), { timeout: 10_000 }).toBe('已暂停');
    await page.getByTestId('batch-resume').click();
    await expect.poll(async () => page.getByTestId('batch-view').getAttribute('data-state'), { timeout: 90_000, interval: 500 }).toBe('done');
    expect(await text('batch-totals')).toContain(`已完成 ${cases}/${cases} 件`);
    expect(await page.locator('[data-testid^="batch-channel-"]').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid^="batch-case-"][data-state="settled"]').count()).toBe(cases);
    await page.screenshot({ path: path.join(shots, 'batch-done.png'), fullPage: true });
  });

  it('opens a case from the batch and shows what the batch found in it', { timeout: 60_000 }, async () => {
    const rows = page.locator('[data-testid^="batch-found-"]');
    const found = await rows.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid')!, n: Number(e.textContent) })));
    const withAssets = found.find((f) => f.n > 0);
    expect(withAssets, 'the batch found property in at least one case').toBeDefined();
    const number = withAssets!.id.replace('batch-found-', '');
    await page.getByTestId(`batch-case-${number}`).getByRole('button').click();
    await expect.poll(() => text('case-header-number'), { timeout: 10_000 }).toContain(number);
  });

  it('a second batch leaves out what was just answered', { timeout: 90_000 }, async () => {
    await page.getByTestId('desk-back').click().catch(() => undefined);
    await page.keyboard.press('Escape');
    await page.getByTestId('batch-open').click();
    await page.getByTestId('batch-start-go').click();
    await expect.poll(async () => page.getByTestId('batch-view').getAttribute('data-state'), { timeout: 60_000, interval: 500 }).toBe('done');
    expect(await page.locator('[data-testid^="batch-case-"][data-state="skipped"]').count()).toBeGreaterThan(0);
  });
});
