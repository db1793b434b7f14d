/**
 * Joint punishment as a judge clicks it in Chromium against host mode (docs/domain.md rules 8, 9,
 * 10): a debtor who does not pay is listed (失信) and restricted (限制消费令), both approved by the
 * chief with his own signature; his G-train booking is refused by the ticketing platform and the
 * restriction.breach alert reaches the judge live (badge and list); from it the 协助临时控制 request
 * goes to the railway police, whose answer shows (受理 → 已临时控制); he then pays in full, the
 * listing's removal is proposed, confirmed and sent once, and the restriction is lifted, after which
 * the platform books his train again. All in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DocketCase, PersonSubject } from '../../electron/sandbox';
import { isMinorOn } from '../../shared/rules/listing';
import { todayCst } from '../../shared/dates';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { CHIEF, CHIEF_PASSWORD, demoCaseToDeduct, enrolChief, OFFICER, openCase, PASSWORD, payInFull, setUpWorkstation } from './judge-flow';

let app: HostApp;
let browser: Browser;
let page: Page;
const shots = path.join(ROOT, 'test-results', 'e2e');

/** The judge's own case a single deposit covers (so the debtor can be made to pay), with an adult debtor. */
function sanctionsCase(): { docket: DocketCase; debtor: PersonSubject } {
  const found = demoCaseToDeduct();
  if (isMinorOn(found.debtor.idNumber, todayCst())) throw new Error('the demo case to deduct has a minor debtor: a minor is never listed');
  return found;
}
const { docket, debtor } = sanctionsCase();

const byPrefix = (prefix: string, suffix = '') => page.locator(`[data-testid^="${prefix}"]${suffix ? `[data-testid$="${suffix}"]` : ''}`).first();
const creditStage = () => byPrefix('credit-stage-').textContent();
const restrictionState = () => page.getByTestId('restriction-state').first().textContent();
const restrictionPlatform = () => page.getByTestId('restriction-platform').first().textContent();

async function tab(name: 'credit' | 'restrict' | 'query'): Promise<void> {
  await page.getByTestId(`ws-tab-${name}`).click();
  const panel = { credit: 'credit-panel', restrict: 'restriction-panel', query: 'query-start' }[name];
  await page.getByTestId(panel).waitFor({ timeout: 15_000 });
}

/** The restriction panel reads its order when it is shown: the judge looks again by leaving the tab and coming back. */
async function restrictionShows(read: () => Promise<string | null>, want: string): Promise<void> {
  await expect.poll(async () => {
    await tab('query');
    await tab('restrict');
    return read();
  }, { timeout: 30_000, interval: 500 }).toContain(want);
}

async function signIn(code: string, password: string): Promise<void> {
  await page.getByTestId('signin-form').waitFor();
  await page.getByTestId('signin-officer').fill(code);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('case-search').waitFor({ timeout: 30_000 });
}

/** The debtor at the ticket office: the ticketing platform's booking route on the sandbox (docs/sandbox.md). */
async function bookTrain(trainNo: string): Promise<{ result: 'booked' | 'refused'; kind?: string; bookingRef: string }> {
  const r = await fetch(`${app.sandboxUrl}/sandbox/v1/ticketing/bookings`, { method: 'POST', body: JSON.stringify({ idNumber: debtor.idNumber, mode: 'rail', trainNo, seat: '二等座' }) });
  expect(r.status).toBe(200);
  return (await r.json()) as { result: 'booked' | 'refused'; kind?: string; bookingRef: string };
}

/** The badge's count of open alerts; no badge when none is open. */
const openAlerts = async () => {
  const badge = page.getByTestId('alerts-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // the breach feed is read at the runner's tick (at least each second), not each minute
  app = await startHostApp({ latencyScale: Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.02), env: { CK_JOB_TICK_MS: '200' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // only the bookings the test makes; the railway police find whom they are asked to hold (docs/sandbox.md)
  const rates = await fetch(`${app.sandboxUrl}/sandbox/v1/whereabouts/rates`, { method: 'PUT', body: JSON.stringify({ rate: 0, notFoundRate: 0 }) });
  expect(rates.ok).toBe(true);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('联合惩戒: listed and restricted → breach → control → payment → removal and lift', () => {
  it('the judge serves the notices, lists the debtor once the report period passed, and proposes a 限制消费令', async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await openCase(page, docket.number);
    await tab('credit');
    for (const kind of ['execution-notice', 'report-order']) {
      await byPrefix(`credit-issue-${kind}-`).click();
      const serve = page.locator(`[data-kind="${kind}"] [data-testid^="credit-serve-submit-"]`);
      await serve.waitFor({ timeout: 15_000 });
      await serve.click();
      await page.locator(`[data-kind="${kind}"][data-served="yes"]`).waitFor({ timeout: 15_000 });
    }
    const res = await fetch(`${app.sandboxUrl}/sandbox/v1/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceDays: 6 }) });
    expect(res.ok).toBe(true);
    await byPrefix('credit-start-').click();
    await page.getByTestId('credit-ground-4').check();
    await page.getByTestId('credit-evidence').fill('被执行人收到报告财产令后逾期未报告财产，拒不履行');
    await page.locator('[data-testid^="credit-ref-"]').first().check();
    await page.getByTestId('credit-check-ok').waitFor({ timeout: 10_000 });
    await page.getByTestId('credit-draft').click();
    await page.getByTestId('credit-drafted').waitFor();
    await page.getByTestId('credit-propose-pin').fill(PASSWORD);
    await page.getByTestId('credit-propose-submit').click();
    await expect.poll(creditStage, { timeout: 15_000 }).toBe('待审批');

    await tab('restrict');
    expect(await page.getByTestId('ws-tab-restrict').textContent()).toContain('限消');
    // the nine kinds are ticked by default; 高消费 travel by G/C/D train is among them
    expect(await page.getByTestId('restriction-kind-bullet-train').isChecked()).toBe(true);
    await page.getByTestId('restriction-save-draft').click();
    await expect.poll(restrictionState, { timeout: 15_000 }).toBe('草稿');
    await byPrefix('restriction-pin-').fill(PASSWORD);
    await page.getByTestId('restriction-propose').click();
    await expect.poll(restrictionState, { timeout: 15_000 }).toBe('待审批');
    // the judge may not approve his own order: no approve button is offered to him
    expect(await page.getByTestId('restriction-approve').count()).toBe(0);
  });

  it('the chief, enrolled and signed in, approves the listing and the order with his signature; both reach the platform', async () => {
    await enrolChief(page);
    await page.getByTestId('signout').click();
    await signIn(CHIEF, CHIEF_PASSWORD);
    await page.getByTestId('nav-approvals').click();
    const row = page.locator('[data-testid^="listing-approval-"]').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(docket.number);
    await row.locator('[data-testid^="listing-pin-"]').fill(CHIEF_PASSWORD);
    await row.locator('[data-testid^="listing-approve-"]').click();
    await expect.poll(() => page.locator('[data-testid^="listing-decided-"]').first().textContent(), { timeout: 15_000 }).toContain('已批准纳入');
    await page.getByTestId('desk-back').click().catch(() => undefined);

    await openCase(page, docket.number);
    await tab('restrict');
    await expect.poll(restrictionState, { timeout: 15_000 }).toBe('待审批');
    // a wrong password is refused in his language, nothing is issued
    await byPrefix('restriction-pin-').fill('not-his-password');
    await page.getByTestId('restriction-approve').click();
    await expect.poll(() => page.getByTestId('restriction-error').textContent(), { timeout: 15_000 }).toMatch(/密码/);
    expect(await restrictionState()).toBe('待审批');
    await byPrefix('restriction-pin-').fill(CHIEF_PASSWORD);
    await page.getByTestId('restriction-approve').click();
    await expect.poll(restrictionState, { timeout: 15_000 }).toBe('已签发');
    await restrictionShows(restrictionPlatform, '已接收');
    await tab('credit');
    await expect.poll(creditStage, { timeout: 30_000, interval: 250 }).toBe('已公布');
    expect(await page.getByTestId('case-header-dishonest').textContent()).toBe('失信');
    await page.screenshot({ path: path.join(shots, 'sanctions-1-listed-restricted.png'), fullPage: true });
  });

  it('his G-train booking is refused, and the breach alert reaches the judge live: badge and list in Chinese', async () => {
    await page.getByTestId('signout').click();
    await signIn(OFFICER, PASSWORD);
    await openCase(page, docket.number);
    await tab('query');
    // the judge's recorded finding, on which control rests (docs/domain.md rule 10)
    const gate = page.locator('[data-testid^="whereabouts-facts-"]').first();
    await gate.fill('被执行人有履行能力而拒不履行，电话关机，逃避执行');
    await byPrefix('whereabouts-record-').click();
    await byPrefix('whereabouts-finding-').waitFor({ timeout: 15_000 });
    expect(await byPrefix('whereabouts-finding-').textContent()).toContain('拒不');

    const before = await openAlerts();
    const g = await bookTrain('G1234');
    expect(g).toMatchObject({ result: 'refused', kind: 'bullet-train' });
    // no reload: the badge counts the new alert as it is raised
    await expect.poll(openAlerts, { timeout: 20_000, interval: 250 }).toBe(before + 1);
    await page.getByTestId('alerts-toggle').click();
    const item = page.locator('[data-testid^="alert-"][data-kind="restriction.breach"]');
    await item.waitFor({ timeout: 10_000 });
    expect(await item.count()).toBe(1);
    const text = await item.textContent();
    expect(text).toContain('违反限制消费');
    expect(text).toContain(docket.number);
    expect(text).toContain('火车票（G1234 二等座）');
    expect(text).toContain('已被拦截');
    expect(await item.locator('[data-testid^="alert-action-"]').textContent()).toBe('申请协助控制');
    await page.screenshot({ path: path.join(shots, 'sanctions-2-breach-alert.png'), fullPage: true });
  });

  it('from the alert the judge sends the 协助临时控制 request; the railway police accept and hold him', async () => {
    await page.locator('[data-testid^="alert-"][data-kind="restriction.breach"] [data-testid^="alert-action-"]').click();
    const focus = page.getByTestId('control-focus');
    await focus.waitFor({ timeout: 15_000 });
    expect(await focus.textContent()).toContain('G1234');
    await page.getByTestId('control-focus-request').click();
    const request = page.locator('[data-testid^="control-request-state-"]');
    await request.waitFor({ timeout: 15_000 });
    expect(await request.count()).toBe(1);
    // the answer comes by itself: accepted, then controlled, with the station that holds him
    const seen: string[] = [];
    await expect.poll(async () => {
      const now = (await request.textContent()) ?? '';
      if (seen.at(-1) !== now) seen.push(now);
      return now;
    }, { timeout: 30_000, interval: 100 }).toBe('已临时控制');
    expect(seen).toEqual(['铁路公安已受理', '已临时控制']);
    expect(await page.locator('[data-testid^="control-"][data-state="controlled"]').first().textContent()).toContain('铁路公安');
    expect(await page.getByTestId('control-focus').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'sanctions-3-controlled.png'), fullPage: true });
  });

  it('he pays in full: the listing’s removal is proposed, confirmed and sent once; the restriction is lifted and he may book again', async () => {
    await payInFull(page);
    await tab('credit');
    await byPrefix('credit-propose-removal-').click();
    await expect.poll(creditStage, { timeout: 15_000 }).toBe('待删除');
    expect(await byPrefix('credit-removal-').textContent()).toContain('被执行人已履行生效法律文书确定的全部义务');
    await byPrefix('credit-confirm-removal-', '-pin').fill(PASSWORD);
    await byPrefix('credit-confirm-removal-', '-submit').click();
    await expect.poll(creditStage, { timeout: 15_000 }).toBe('已删除');
    await expect.poll(() => byPrefix('credit-removal-sent-').textContent(), { timeout: 30_000, interval: 250 }).toBe('删除已报送信用平台 1 次，平台已接收');
    expect(await page.locator('[data-testid^="credit-exchange-"][data-kind="listing.remove"]').count()).toBe(1);
    expect(await page.getByTestId('case-header-dishonest').count()).toBe(0);

    await tab('restrict');
    expect(await restrictionState()).toBe('已签发');
    await page.getByTestId('restriction-lift-ground').selectOption('paid');
    await byPrefix('restriction-pin-').fill(PASSWORD);
    await page.getByTestId('restriction-lift').click();
    await restrictionShows(restrictionState, '已解除');
    await expect.poll(async () => (await bookTrain('G1234')).result, { timeout: 30_000, interval: 500 }).toBe('booked');
    await page.screenshot({ path: path.join(shots, 'sanctions-4-removed-lifted.png'), fullPage: true });
  });
});
