/**
 * The dishonest list as a bureau clicks it in Chromium against host mode (docs/domain.md rule 8):
 * the judge makes and serves the execution notice and the property-report order; the wizard refuses
 * ground (四) while the report period runs; the sandbox clock passes the deadline; the judge lists the
 * debtor for not reporting and proposes with his signature; the chief signs in, is refused with a
 * wrong password and approves with his own; the platform publishes it; the debtor pays in full
 * (query, freeze, deduct), the removal is proposed and confirmed and goes to the platform once. All in Chinese, in a CJK font.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DocketCase } from '../../electron/sandbox';
import { isMinorOn } from '../../shared/rules/listing';
import { todayCst } from '../../shared/dates';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { CHIEF, CHIEF_PASSWORD, demoCaseToDeduct, enrolChief, OFFICER, openCase, PASSWORD, payInFull, setUpWorkstation } from './judge-flow';

let app: HostApp;
let browser: Browser;
let page: Page;
const shots = path.join(ROOT, 'test-results', 'e2e');

/** The judge's own case a single deposit covers (so the debtor can be made to pay), with an adult debtor. */
function creditCase(): DocketCase {
  const { docket: c, debtor } = demoCaseToDeduct();
  if (isMinorOn(debtor.idNumber, todayCst())) throw new Error('the demo case to deduct has a minor debtor: a minor is never listed');
  return c;
}
const docket = creditCase();

const byPrefix = (prefix: string, suffix = '') => page.locator(`[data-testid^="${prefix}"]${suffix ? `[data-testid$="${suffix}"]` : ''}`).first();
const stage = () => byPrefix('credit-stage-').textContent();

async function openCredit(): Promise<void> {
  await openCase(page, docket.number);
  await page.getByTestId('ws-tab-credit').click();
  await page.getByTestId('credit-panel').waitFor({ timeout: 15_000 });
}

async function signIn(code: string, password: string): Promise<void> {
  await page.getByTestId('signin-form').waitFor();
  await page.getByTestId('signin-officer').fill(code);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('case-search').waitFor({ timeout: 30_000 });
}

/** The platform fonts Chromium used for an element's text (DevTools protocol), to see that 汉字 are not tofu. */
async function fontsOf(testId: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-testid="${testId}"]` });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await startHostApp({ latencyScale: Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.02) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // the window's own clock is left alone when the sandbox clock moves: the deduction form measures
  // the balance's age on the program's clock (DeductionPrep.preparedAt), as a trainer would need
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('信用惩戒: notice → listing → approval → publication → removal', () => {
  it('the judge makes and serves the execution notice and the report order; the tab is in Chinese, in a CJK font', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await openCredit();
    expect(await page.getByTestId('ws-tab-credit').textContent()).toContain('信用惩戒');
    expect(await stage()).toBe('未纳入');
    for (const kind of ['execution-notice', 'report-order']) {
      await byPrefix(`credit-issue-${kind}-`).click();
      const serve = page.locator(`[data-kind="${kind}"] [data-testid^="credit-serve-submit-"]`);
      await serve.waitFor({ timeout: 15_000 });
      await serve.click();
      await page.locator(`[data-kind="${kind}"][data-served="yes"]`).waitFor({ timeout: 15_000 });
    }
    expect(await byPrefix('credit-served-').textContent()).toContain('直接送达');
    expect(await byPrefix('credit-deadline-').textContent()).toMatch(/^报告期限至 \d{4}-\d{2}-\d{2}$/);
    // the documents were made and open in the viewer
    expect(await page.locator('[data-testid^="credit-doc-"]').allTextContents()).toEqual(['执行通知书', '报告财产令']);
    const fonts = await fontsOf('ws-tab-credit');
    expect(fonts.some((f) => /CJK|Han|WenQuanYi|Hei|Song|Ming/i.test(f.familyName) && f.glyphCount > 0), JSON.stringify(fonts)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'credit-1-notices.png'), fullPage: true });
  });

  it('the wizard refuses ground (四) while the report period runs, in the judge’s words; propose is disabled', async () => {
    await byPrefix('credit-start-').click();
    await page.getByTestId('credit-ground-4').check();
    await page.getByTestId('credit-evidence').fill('被执行人收到报告财产令后逾期未报告财产');
    await page.getByTestId('credit-refusal-REPORT_NOT_DUE').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('credit-refusals').textContent()).toContain('报告期限未届满');
    expect(await page.getByTestId('credit-propose-hint').textContent()).toBe('存在不得纳入的情形，不能提请审批');
    await page.screenshot({ path: path.join(shots, 'credit-2-refused.png'), fullPage: true });
    await page.getByTestId('credit-wizard-close').click();
  });

  it('after the deadline passed on the sandbox clock the judge lists the debtor and proposes with his signature', async () => {
    const res = await fetch(`${app.sandboxUrl}/sandbox/v1/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceDays: 6 }) });
    expect(res.ok).toBe(true);
    await byPrefix('credit-start-').click();
    await page.getByTestId('credit-ground-4').check();
    await page.getByTestId('credit-evidence').fill('被执行人收到报告财产令后逾期未报告财产');
    await page.locator('[data-testid^="credit-ref-"]').first().check();
    await page.getByTestId('credit-check-ok').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('credit-period').textContent()).toMatch(/^纳入期限 2 年，至 \d{4}-\d{2}-\d{2} 止$/);
    await page.getByTestId('credit-draft').click();
    await page.getByTestId('credit-drafted').waitFor();
    await page.getByTestId('credit-propose-pin').fill(PASSWORD);
    await page.getByTestId('credit-propose-submit').click();
    await expect.poll(stage, { timeout: 15_000 }).toBe('待审批');
    expect(await byPrefix('credit-awaiting-').textContent()).toContain('等待庭长或局长审批');
  });

  it('the chief, enrolled and signed in, is refused with a wrong password and approves with his own; it is published', async () => {
    await enrolChief(page);
    await page.getByTestId('signout').click();
    await signIn(CHIEF, CHIEF_PASSWORD);
    await page.getByTestId('nav-approvals').click();
    const row = page.locator('[data-testid^="listing-approval-"]').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(docket.number);
    expect(await row.textContent()).toContain('违反财产报告制度');
    await row.locator('[data-testid^="listing-pin-"]').fill('not-his-password');
    await row.locator('[data-testid^="listing-approve-"]').click();
    const error = row.locator('[data-testid^="listing-error-"]');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/密码/);
    await row.locator('[data-testid^="listing-pin-"]').fill(CHIEF_PASSWORD);
    await row.locator('[data-testid^="listing-approve-"]').click();
    await expect.poll(() => page.locator('[data-testid^="listing-decided-"]').first().textContent(), { timeout: 15_000 }).toContain('已批准纳入');
    await page.getByTestId('desk-back').click().catch(() => undefined);
    await openCredit();
    await expect.poll(stage, { timeout: 30_000, interval: 250 }).toBe('已公布');
    expect(await page.locator('[data-testid^="credit-exchange-"][data-kind="listing.publish"]').getAttribute('data-state')).toBe('accepted');
    expect(await page.getByTestId('case-header-dishonest').textContent()).toBe('失信');
    await page.screenshot({ path: path.join(shots, 'credit-3-published.png'), fullPage: true });
  });

  it('the debtor pays: once the case is paid in full the judge proposes the removal, confirms it with his signature, and it goes out once', async () => {
    await page.getByTestId('signout').click();
    await signIn(OFFICER, PASSWORD);
    await openCredit();
    expect(await byPrefix('credit-no-removal-').textContent()).toContain('尚无删除事由');
    expect(await page.locator('[data-testid^="credit-propose-removal-"]').count()).toBe(0);
    await payInFull(page);
    await page.getByTestId('ws-tab-credit').click();
    await byPrefix('credit-propose-removal-').click();
    await expect.poll(stage, { timeout: 15_000 }).toBe('待删除');
    expect(await byPrefix('credit-removal-').textContent()).toContain('被执行人已履行生效法律文书确定的全部义务');
    await byPrefix('credit-confirm-removal-', '-pin').fill(PASSWORD);
    await byPrefix('credit-confirm-removal-', '-submit').click();
    await expect.poll(stage, { timeout: 15_000 }).toBe('已删除');
    await expect.poll(() => byPrefix('credit-removal-sent-').textContent(), { timeout: 30_000, interval: 250 }).toBe('删除已报送信用平台 1 次，平台已接收');
    expect(await page.locator('[data-testid^="credit-exchange-"][data-kind="listing.remove"]').count()).toBe(1);
    expect(await page.getByTestId('case-header-dishonest').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'credit-4-removed.png'), fullPage: true });
  });
});
