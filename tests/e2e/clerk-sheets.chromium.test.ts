/**
 * A case list from Excel as the judge's clerk meets it in Chromium against host mode
 * (docs/sheets.md): the filing division has filed three cases the workstation does not hold; the
 * clerk (the matrix lets a clerk enter cases, act case.enter) uploads a list with a bad row and
 * reads the report with 确认导入 held back, uploads the corrected list, imports it — the
 * case-management system confirms each — and batch-queries exactly those cases to the end. He
 * exports the case list to Excel — read back with exceljs it holds the cases imported — and, in one
 * of them, the findings (every account the sandbox holds for its debtor) and the measures. The judge
 * (the dashboard is not a clerk's, act dashboard.read) opens the dashboard and a figure's cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SEED, type DocketCase } from '../../electron/sandbox';
import { generatePopulation } from '../../electron/sandbox/population';
import { makeClosingHistory } from '../../electron/sandbox/population/closing-history';
import { enrolmentCodeFor } from '../../electron/sandbox/officers';
import { addDays, todayCst } from '../../shared/dates';
import { fenToYuanString } from '../../shared/money';
import { HEADERS, xlsxOf } from '../helpers/case-sheet';
import { launchChromium, ROOT, startHostApp, type HostApp } from './harness';
import { OFFICER, openCase, PASSWORD, setUpWorkstation } from './judge-flow';

const CLERK = 'F520103002';
const CLERK_PASSWORD = 'e2e-clerk-paper-clip';
const LATENCY = Number(process.env.CK_E2E_LATENCY_SCALE ?? 0.02);
const shots = path.join(ROOT, 'test-results', 'e2e');
let dataDir: string;
let work: string;
let app: HostApp;
let browser: Browser;
let page: Page;

const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

/** Three cases the filing division files for the judge, each with one debtor of the seeded population known to no other case. */
function newFilings(): DocketCase[] {
  const pop = generatePopulation(DEFAULT_SEED);
  const known = [...pop.docket, ...makeClosingHistory(pop)];
  const used = new Set(known.flatMap((c) => [c.applicant.idNumber, ...c.debtors.map((d) => d.idNumber)]));
  const debtors = pop.persons.filter((p) => !used.has(p.idNumber) && p.holdings.bankAccounts.length > 0).slice(0, 3);
  const applicant = pop.persons.find((p) => p.tier === 'rich' && !used.has(p.idNumber) && !debtors.includes(p));
  if (debtors.length < 3 || !applicant) throw new Error('the seeded population has too few persons for new filings');
  const today = todayCst();
  const year = today.slice(0, 4);
  const court = /^\(\d{4}\)(.+?)执/.exec(pop.docket[0]!.number)![1]!;
  const taken = pop.docket.map((c) => new RegExp(`^\\(${year}\\)${court}执(\\d+)号$`).exec(c.number)?.[1]).filter(Boolean).map(Number);
  const base = Math.max(0, ...taken) + 700;
  return debtors.map((d, i) => ({
    number: `(${year})${court}执${base + i}号`, filedOn: addDays(today, -10 - i), cause: '民间借贷纠纷', amountOwed: 2_000_000 + i * 100_000, costs: 0,
    applicant: { kind: 'person', name: applicant.name, idNumber: applicant.idNumber }, debtors: [{ kind: 'person', name: d.name, idNumber: d.idNumber }],
    assignee: OFFICER,
  }));
}
const filings = newFilings();
const numbers = filings.map((c) => c.number);

/** the list's rows as a clerk types them (columns in the template's order, shared/sheets/case-columns.ts) */
const rowOf = (c: DocketCase): string[] => [
  c.number, c.applicant.name, c.applicant.idNumber, c.debtors[0]!.name, c.debtors[0]!.idNumber,
  fenToYuanString(c.amountOwed, false), c.filedOn, c.assignee, c.cause,
];

async function sheetFile(name: string, rows: string[][]): Promise<string> {
  const p = path.join(work, name);
  writeFileSync(p, await xlsxOf(rows, HEADERS));
  return p;
}

/** clicks an 导出Excel and reads the .xlsx downloaded back with exceljs: every cell's text, row by row */
async function exportedRows(testId: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testId).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = path.join(work, `${testId}-${download.suggestedFilename()}`);
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function signIn(code: string, password: string): Promise<void> {
  await page.getByTestId('signin-form').waitFor();
  await page.getByTestId('signin-officer').fill(code);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('case-search').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-sheets-'));
  work = mkdtempSync(path.join(os.tmpdir(), 'ck-e2e-sheets-files-'));
  app = await startHostApp({ latencyScale: LATENCY, dataDir, env: { CK_JOB_TICK_MS: '100' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const d of [dataDir, work]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the clerk imports a case list from Excel and batch-queries it', () => {
  it('the judge sets up the workstation and enrols his clerk; the filing division files three cases', { timeout: 90_000 }, async () => {
    await page.goto(app.openUrl);
    await setUpWorkstation(page);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('enrol-officer').selectOption(CLERK);
    await page.getByTestId('enrol-code').fill(enrolmentCodeFor(DEFAULT_SEED, CLERK, 1));
    await page.getByTestId('enrol-password').fill(CLERK_PASSWORD);
    await page.getByTestId('enrol-password2').fill(CLERK_PASSWORD);
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('enrol-done').waitFor({ timeout: 15_000 });
    for (const c of filings) {
      const res = await fetch(`${app.sandboxUrl}/sandbox/v1/court/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await page.getByTestId('signout').click();
    await signIn(CLERK, CLERK_PASSWORD);
  });

  it('a list with a bad row: the report names it and 确认导入 is held back', { timeout: 60_000 }, async () => {
    const rows = filings.map(rowOf);
    const id = rows[1]![4]!;
    rows[1]![4] = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    await page.getByTestId('sheet-import-open').click();
    await page.getByTestId('sheet-import-file').setInputFiles(await sheetFile('执行案件清单（有误）.xlsx', rows));
    await page.getByTestId('sheet-report').waitFor({ timeout: 15_000 });
    expect(await text('sheet-report-counts')).toBe('共 3 行：2 行无误，1 行有误');
    const bad = await text('sheet-problem-3');
    expect(bad).toContain(numbers[1]);
    expect(bad).toContain('校验码');
    expect(await page.getByTestId('sheet-import-confirm').isDisabled()).toBe(true);
  });

  it('the corrected list imports all three, confirmed by the case-management system', { timeout: 60_000 }, async () => {
    await page.getByTestId('sheet-import-file').setInputFiles(await sheetFile('执行案件清单.xlsx', filings.map(rowOf)));
    await page.getByTestId('sheet-report-good').waitFor({ timeout: 15_000 });
    expect(await text('sheet-report-counts')).toBe('共 3 行：3 行无误，0 行有误');
    await page.getByTestId('sheet-import-confirm').click();
    await page.getByTestId('sheet-import-done').waitFor({ timeout: 30_000 });
    expect(await text('sheet-import-done')).toContain('已导入 3 件案件');
    expect(await text('sheet-import-done')).toContain('案件管理系统已确认 3 件');
    await page.screenshot({ path: path.join(shots, 'sheets-imported.png'), fullPage: true });
  });

  it('批量查询导入的案件 queries exactly those three to the end', { timeout: 120_000 }, async () => {
    await page.getByTestId('sheet-import-batch').click();
    expect(await text('batch-start-count')).toBe('已选 3 件案件');
    await page.getByTestId('batch-start-go').click();
    await page.getByTestId('batch-view').waitFor();
    await expect.poll(async () => page.getByTestId('batch-view').getAttribute('data-state'), { timeout: 90_000, interval: 500 }).toBe('done');
    expect(await text('batch-totals')).toContain('已完成 3/3 件');
    const cases = await page.locator('[data-testid^="batch-case-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(cases.sort()).toEqual(numbers.map((n) => `batch-case-${n}`).sort());
  });

  it('the exported case list, read back, holds the cases imported', { timeout: 60_000 }, async () => {
    await page.getByTestId('desk-back').click();
    await page.getByTestId('case-search').waitFor();
    const cells = (await exportedRows('sheet-export-cases')).flat();
    expect(cells).toContain('案号');
    for (const n of numbers) expect(cells, `${n} is in the export`).toContain(n);
    expect(await text('sheet-export-cases-note')).toMatch(/^已导出 \d+ 行$/);
  });

  it('a case’s findings and its measures exported: the accounts the batch found are in the sheet', { timeout: 60_000 }, async () => {
    await openCase(page, numbers[0]!);
    await page.getByTestId('ws-tab-query').click();
    const shown = page.locator('[data-testid="asset-row"]');
    await expect.poll(() => shown.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const rows = await exportedRows('sheet-export-assets');
    expect(rows.length - 1, 'one row per asset listed, below the header').toBe(await shown.count());
    const debtor = generatePopulation(DEFAULT_SEED).byId.get(filings[0]!.debtors[0]!.idNumber);
    const accounts = debtor?.kind === 'person' ? debtor.holdings.bankAccounts.map((x) => x.accountNo) : [];
    expect(accounts.length).toBeGreaterThan(0);
    for (const no of accounts) expect(rows.flat(), `account ${no} is in the export`).toContain(no);
    await page.getByTestId('ws-tab-freeze').click();
    const measures = await exportedRows('sheet-export-measures');
    expect(measures[0]).toContain('措施');
    expect(await text('sheet-export-measures-note')).toBe(`已导出 ${measures.length - 1} 行`);
  });

  it('the judge opens the dashboard and the cases behind a figure', { timeout: 60_000 }, async () => {
    await page.getByTestId('signout').click();
    await signIn(OFFICER, PASSWORD);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-tiles').waitFor({ timeout: 30_000 });
    // the court's closing history (docs/dashboard.md, "The data"): the year in which the judge closed most
    const byYear = new Map<string, number>();
    for (const c of makeClosingHistory(generatePopulation(DEFAULT_SEED))) {
      if (c.assignee === OFFICER && c.closedOn) byYear.set(c.closedOn.slice(0, 4), (byYear.get(c.closedOn.slice(0, 4)) ?? 0) + 1);
    }
    const year = [...byYear].sort((a, b) => b[1] - a[1])[0]![0];
    await page.getByTestId('dashboard-period-of').fill(year);
    await page.getByTestId('dashboard-show').click();
    await expect.poll(() => text('dashboard-period'), { timeout: 15_000 }).toBe(`${year}-01-01 — ${year}-12-31`);
    const closed = async () => Number((await page.getByTestId('figure-closed').locator('strong').textContent())?.replace(/\D/g, '') || 0);
    await expect.poll(closed, { timeout: 15_000 }).toBeGreaterThan(0);
    const n = await closed();
    await page.getByTestId('figure-closed').click();
    await page.getByTestId('dashboard-drill-list').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid^="drill-case-"]').count(), { timeout: 10_000 }).toBe(n);
    expect(await text('dashboard-drill-title')).toContain(`（${n}）`);
    await page.screenshot({ path: path.join(shots, 'sheets-dashboard-drill.png'), fullPage: true });
  });
});
