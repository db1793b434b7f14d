/**
 * What a judge does on first contact, as clicks: set up the workstation, find a demo case, press
 * 一键查询 and read the bank accounts and balances. Shared by the Chromium (host mode) and the
 * Electron specs so both prove the same thing.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePopulation } from '../../electron/sandbox/population';
import { DEFAULT_SEED } from '../../electron/sandbox';
import { enrolmentCodeFor } from '../../electron/sandbox/officers';
import type { DocketCase, PersonSubject } from '../../electron/sandbox';
import { formatYuanSymbol } from '../../shared/money';

export const OFFICER = 'F520103001';
export const PASSWORD = 'e2e-correct-horse';
/** The bureau chief, who approves, and the password he enrols with on the judge's workstation. */
export const CHIEF = 'F520103003';
export const CHIEF_PASSWORD = 'e2e-chief-battery-staple';

/** A demo case whose first debtor is a person holding at least two bank accounts in the sandbox. */
export function demoCaseWithAccounts(): { docket: DocketCase; debtor: PersonSubject } {
  const pop = generatePopulation(DEFAULT_SEED);
  for (const c of pop.docket) {
    const s = pop.byId.get(c.debtors[0]!.idNumber);
    // the demo judge's own case: only its 承办人 queries it
    if (c.assignee === OFFICER && s?.kind === 'person' && s.holdings.bankAccounts.length >= 2 && c.debtors.length === 1) return { docket: c, debtor: s };
  }
  throw new Error('the demo docket has no case with a debtor holding two bank accounts');
}

/** The demo judge's first enrolment code: each test owns a fresh data folder, so a fresh register (docs/sandbox.md). */
export const ENROLMENT_CODE = enrolmentCodeFor(DEFAULT_SEED, OFFICER, 1);

export async function setUpWorkstation(page: Page): Promise<void> {
  await page.getByTestId('setup-form').waitFor();
  await page.getByTestId('setup-officer').selectOption(OFFICER);
  await page.getByTestId('setup-enrolment-code').fill(ENROLMENT_CODE);
  await page.getByTestId('setup-password').fill(PASSWORD);
  await page.getByTestId('setup-password2').fill(PASSWORD);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('case-search').waitFor();
  await expect.poll(async () => Number((await page.getByTestId('case-count').textContent())?.replace(/\D/g, '') || 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(200);
}

export async function openCase(page: Page, caseNumber: string): Promise<void> {
  await page.getByTestId('case-search').fill(caseNumber);
  const row = page.getByTestId(`case-row-${caseNumber}`);
  await row.waitFor();
  await row.click();
  await expect.poll(() => page.getByTestId('case-header-number').textContent(), { timeout: 10_000 }).toContain(caseNumber);
}

/** Presses 一键查询 and waits until every cell of the grid has a final state. */
export async function queryAll(page: Page): Promise<{ answered: number; total: number }> {
  await page.getByTestId('query-start').click();
  const cells = page.locator('[data-testid^="query-cell-"]');
  await expect.poll(async () => {
    const states = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    const live = states.filter((s) => s !== 'na' && s !== 'none');
    return live.length > 0 && live.every((s) => s === 'answered' || s === 'failed' || s === 'manual');
  }, { timeout: 60_000, interval: 250 }).toBe(true);
  const states = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  const live = states.filter((s) => s !== 'na' && s !== 'none');
  return { answered: live.filter((s) => s === 'answered').length, total: live.length };
}

/** Every bank account the sandbox holds for the debtor appears with its exact balance. */
export async function expectAccountsShown(page: Page, debtor: PersonSubject): Promise<void> {
  const rows = page.locator('[data-testid="asset-row"][data-kind="deposit"]');
  const texts = await rows.allTextContents();
  for (const acct of debtor.holdings.bankAccounts) {
    const row = texts.find((t) => t.includes(acct.accountNo));
    expect(row, `account ${acct.accountNo} is listed`).toBeDefined();
    expect(row).toContain(formatYuanSymbol(acct.balance));
  }
  const total = debtor.holdings.bankAccounts.reduce((s, a) => s + a.balance, 0);
  await expect.poll(() => page.getByTestId('asset-total-deposit-value').textContent()).toContain(formatYuanSymbol(total));
}

/**
 * A demo case whose only debtor holds, in unfrozen deposits, more than the case's cap, and whose
 * cap is under the bureau's default approval threshold (¥100,000): freeze and deduct go without a
 * second officer.
 */
export function demoCaseToDeduct(): { docket: DocketCase; debtor: PersonSubject } {
  const pop = generatePopulation(DEFAULT_SEED);
  for (const c of pop.docket) {
    if (c.debtors.length !== 1 || c.assignee !== OFFICER || c.performanceDueOn !== undefined) continue;
    const s = pop.byId.get(c.debtors[0]!.idNumber);
    const cap = c.amountOwed + c.costs;
    if (s?.kind !== 'person' || cap > 10_000_000) continue;
    if (s.holdings.bankAccounts.some((a) => a.freezes.length === 0 && a.balance >= cap)) return { docket: c, debtor: s };
  }
  throw new Error('the demo docket has no case a single deposit covers');
}

/** Query, freeze to the cap as suggested, deduct in hearing mode: the case is paid in full (as measures.chromium.test.ts). */
export async function payInFull(page: Page): Promise<void> {
  await page.getByTestId('ws-tab-query').click();
  await queryAll(page);
  await page.getByTestId('ws-tab-freeze').click();
  await expect.poll(() => page.getByTestId('freeze-remaining').textContent(), { timeout: 15_000 }).toContain('¥0.00');
  await expect.poll(() => page.getByTestId('freeze-send').isEnabled()).toBe(true);
  await page.getByTestId('freeze-send').click();
  await page.getByTestId('send-confirm').click();
  const states = page.locator('[data-testid^="send-state-"]');
  await expect.poll(async () => {
    const s = await states.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    return s.length > 0 && s.every((x) => x === 'confirmed');
  }, { timeout: 60_000, interval: 250 }).toBe(true);
  await page.getByTestId('send-close').click();
  await page.getByTestId('ws-tab-deduct').click();
  await page.getByTestId('hearing-toggle').click();
  await page.getByTestId('deduct-balance').waitFor({ timeout: 30_000 });
  await page.getByTestId('deduct-pin').fill(PASSWORD);
  await page.getByTestId('deduct-confirm').click();
  await page.getByTestId('deduct-receipt').waitFor({ timeout: 60_000 });
  const exit = page.getByTestId('hearing-exit');
  if (await exit.isVisible()) await exit.click();
  await expect.poll(() => page.getByTestId('case-header-recovered').textContent(), { timeout: 30_000 }).not.toContain('¥0.00');
}

/** The chief enrols on this workstation in Settings with his one-time code, as the judge looks on. */
export async function enrolChief(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('enrol-officer').selectOption(CHIEF);
  await page.getByTestId('enrol-code').fill(enrolmentCodeFor(DEFAULT_SEED, CHIEF, 1));
  await page.getByTestId('enrol-password').fill(CHIEF_PASSWORD);
  await page.getByTestId('enrol-password2').fill(CHIEF_PASSWORD);
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('enrol-done').waitFor({ timeout: 15_000 });
}
