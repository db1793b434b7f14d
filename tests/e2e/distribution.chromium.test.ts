/**
 * 定向询价 and 参与分配 as a judge clicks them in Chromium against host mode (docs/distribution.md):
 * he opens his case whose debtor owns a flat, queries, asks the tax authority on the freeze tab and
 * reads the flat's reference price; on the deduction tab he records another creditor's claim, reads
 * both creditors in the plan, and a plan with nothing recovered is refused in his words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SEED, type DocketCase } from '../../electron/sandbox';
import { generatePopulation } from '../../electron/sandbox/population';
import { launchChromium, startHostApp, type HostApp } from './harness';
import { OFFICER, openCase, queryAll, setUpWorkstation } from './judge-flow';

const LATENCY = Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.02);
let dataDir: string;
let app: HostApp;
let browser: Browser;
let page: Page;

/** The demo judge's case whose one debtor is a person owning real estate. */
function caseWithFlat(): DocketCase {
  const pop = generatePopulation(DEFAULT_SEED);
  const c = pop.docket.find((x) => {
    const s = pop.byId.get(x.debtors[0]!.idNumber);
    return x.assignee === OFFICER && /执\d/.test(x.number) && x.debtors.length === 1 && s?.kind === 'person' && s.holdings.realEstate.length > 0;
  });
  if (!c) throw new Error('the demo docket has no case of the judge with a flat');
  return c;
}
const docket = caseWithFlat();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-distribution-'));
  app = await startHostApp({ latencyScale: LATENCY, dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a flat valued by the tax authority, creditors sharing', () => {
  it('the judge queries his case and asks for the flat\'s reference price on the freeze tab', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await openCase(page, docket.number);
    await queryAll(page);
    await page.getByTestId('ws-tab-freeze').click();
    await page.getByTestId('valuation-list').waitFor({ timeout: 15_000 });
    const ask = page.locator('[data-testid^="valuation-ask-"]').first();
    const assetId = (await ask.getAttribute('data-testid'))!.replace('valuation-ask-', '');
    await ask.click();
    await expect.poll(async () => (await page.getByTestId(`valuation-price-${assetId}`).count()) > 0, { timeout: 30_000, interval: 500 }).toBe(true);
    expect(await page.getByTestId(`valuation-price-${assetId}`).textContent()).toMatch(/[\d,]+\.\d{2}/);
  });

  it('records another creditor\'s claim; the plan lists both; nothing recovered is refused in his words', async () => {
    await page.getByTestId('ws-tab-deduct').click();
    await page.getByTestId('distribution-panel').waitFor({ timeout: 15_000 });
    await page.getByTestId('claim-creditor').fill('贵阳某某小额贷款有限公司');
    await page.getByTestId('claim-basis').fill('(2025)黔0102民初77号');
    await page.getByTestId('claim-amount').fill('3,000.00');
    await page.getByTestId('claim-add').click();
    await expect.poll(() => page.locator('[data-testid^="share-"]').count(), { timeout: 10_000 }).toBe(2);
    await page.getByTestId('plan-make').click();
    await page.getByTestId('plan-error').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('plan-error').textContent()).toContain('尚无执行到位的款项');
  });
});
