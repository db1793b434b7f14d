/**
 * A case list imported from Excel and lists exported to Excel through the whole stack
 * (docs/sheets.md), as a judge meets it: a list of 300 cases with bad rows imports nothing and
 * says, row by row and column by column, what is wrong; the fixed list enters all 300 as filings
 * pending the case-management system, each audited; a file too big or not a spreadsheet is
 * refused in his words and the program goes on; a chief may not enter cases, a clerk may not
 * export a case that is not his team's. Each export, read back with exceljs, is the list.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startCore, type Core } from '../../electron/services/core';
import { appDriver, enrolAs, setUpAs, waitFor } from '../helpers/app-driver';
import { OFFICERS, ownCaseWithOnePersonDebtor, PASSWORD, sessionOf } from '../helpers/officers';
import { caseRow, HEADERS, residentId, xlsxOf } from '../helpers/case-sheet';
import type { AuditEntry, CaseQueryView, CaseSummary } from '../../shared/domain/types';
import type { CaseMeasures } from '../../shared/domain/measure-views';
import type { AlertView } from '../../shared/ipc/groups/alerts';
import type { CaseSheetImport, CaseSheetReport, SheetFile } from '../../shared/ipc/groups/sheets';
import { todayCst } from '../../shared/dates';
import { MAX_SHEET_BYTES } from '../../shared/sheets/limits';
import { fenToYuanString } from '../../shared/money';

const { JUDGE, CLERK, CHIEF, OTHER_JUDGE } = OFFICERS;
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let core: Core;
const app = appDriver(() => core, 'tab-1');
const { call, value } = app;
const { signIn, signOut, as } = sessionOf(app);
const refusal = async (g: string, m: string, input: unknown) => {
  const r = await call(g, m, input);
  expect(r.ok, `${g}.${m} must be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; detail?: { zh: string; en: string } } }).error;
};
const COL = Object.fromEntries(HEADERS.map((h, i) => [h, i])) as Record<string, number>;
let year: number;
let today: string;
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => caseRow(i + 1, { year, base: 80000, filedOn: today }));
const file = async (rows: (string | number)[][], fileName = '执行案件清单.xlsx') => ({ fileName, base64: (await xlsxOf(rows)).toString('base64') });
const allCases = async () => {
  const out: CaseSummary[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await value<{ total: number; items: CaseSummary[] }>('cases', 'list', { status: 'all', offset, limit: 500 });
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
};
/** the exported workbook's rows below the header, as exceljs reads them back */
const reread = async (f: SheetFile) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { header: rows[0] as string[], rows: rows.slice(1) };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ck-sheets-app-'));
  core = await startCore({ dataDir: dir, mode: 'host', version: 'test', env: { CK_SANDBOX_LATENCY_SCALE: '0.01', CK_JOB_TICK_MS: '100' } });
  await setUpAs(app, core.sandbox!, JUDGE, PASSWORD);
  for (const o of [CLERK, CHIEF, OTHER_JUDGE]) await enrolAs(app, core.sandbox!, o, PASSWORD);
  today = todayCst(new Date(core.sandbox!.clock.now()));
  year = Number(today.slice(0, 4));
  await signIn(JUDGE);
  await value('cases', 'importFromCourt', {});
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a list of 300 cases', () => {
  const bad = rowsOf(300);
  bad[9]![COL['案号']!] = `${year}黔0103执1号`;
  bad[48]![COL['被执行人证件号码']!] = residentId(49).slice(0, 17) + (residentId(49).endsWith('0') ? '1' : '0');
  bad[99]![COL['执行标的（元）']!] = '-5000';
  bad[149]![COL['立案日期']!] = `${year}-02-30`;
  bad[199]![COL['承办人']!] = '张三';
  bad[249]![COL['案号']!] = bad[0]![COL['案号']!]!;
  bad[279]![COL['被执行人']!] = '';
  bad[279]![COL['被执行人证件号码']!] = '';

  it('with bad rows: nothing is imported, and each bad row is explained', async () => {
    const before = (await allCases()).length;
    const f = await file(bad);
    const report = await value<CaseSheetReport>('sheets', 'checkCases', f);
    expect(report).toMatchObject({ fileName: '执行案件清单.xlsx', rows: 300, ready: 293 });
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [11, '案号'], [50, '被执行人证件号码'], [101, '执行标的（元）'], [151, '立案日期'], [201, '承办人'], [251, '案号'], [281, '被执行人'],
    ]);
    const zh = report.problems.map((p) => p.zh);
    expect(zh[0]).toContain('案号应以“(年份)”开头');
    expect(zh[1]).toContain('第 18 位校验码应为');
    expect(zh[2]).toContain('不能为负数');
    expect(zh[3]).toContain('不是有效日期');
    expect(zh[4]).toContain('“张三”不是本院登记的承办法官');
    expect(zh[5]).toBe('案号与第 2 行重复');
    expect(zh[6]).toBe('未填写被执行人');

    const done = await value<CaseSheetImport>('sheets', 'importCases', f);
    expect(done.imported).toBe(0);
    expect(done.report.problems).toHaveLength(7);
    expect((await allCases()).length).toBe(before);
  });

  it('fixed: all 300 are entered as filings pending the case-management system, each audited', async () => {
    const before = (await allCases()).length;
    const done = await value<CaseSheetImport>('sheets', 'importCases', await file(rowsOf(300)));
    expect(done.imported).toBe(300);
    expect(done.filing.confirmed + done.filing.pending + done.filing.refused).toBe(300);
    expect(done.filing.pending).toBe(300);
    const cases = await allCases();
    expect(cases.length).toBe(before + 300);
    const numbers = new Set(rowsOf(300).map((r) => r[0]));
    const mine = cases.filter((c) => numbers.has(c.number));
    expect(mine).toHaveLength(300);
    const first = mine.find((c) => c.number === `(${year})黔0103执80001号`)!;
    expect(first).toMatchObject({ filing: 'pending', amountOwed: 1001_51, filedOn: today, applicantName: '贵州某某贸易有限公司1', debtorNames: ['债务人1'] });
    expect(mine.find((c) => c.number === `(${year})黔0103执80010号`)!.debtorNames).toEqual(['债务人10', '债务人10乙']);

    const audit = await value<AuditEntry[]>('audit', 'list', { officer: JUDGE, action: 'case.create', limit: 1000 });
    expect(audit.filter((a) => numbers.has(a.caseNumber ?? ''))).toHaveLength(300);
    const sheet = await value<AuditEntry[]>('audit', 'list', { officer: JUDGE, action: 'sheet.import' });
    expect(sheet).toHaveLength(1);
    expect(JSON.parse(sheet[0]!.detail as unknown as string)).toMatchObject({ list: 'cases', rows: 300, cases: 300 });

    // the same list again: every row is already here, nothing doubles
    const again = await value<CaseSheetImport>('sheets', 'importCases', await file(rowsOf(300)));
    expect(again.imported).toBe(0);
    expect(again.report.problems).toHaveLength(300);
    expect(again.report.problems[0]!.zh).toContain('本机已有案件');
  });

  it('a file too big and bytes that are no spreadsheet are refused in the judge’s words; the program goes on', async () => {
    const big = { fileName: '大.xlsx', base64: Buffer.alloc(MAX_SHEET_BYTES + 1, 65).toString('base64') };
    const e = await refusal('sheets', 'checkCases', big);
    expect(e.code).toBe('SHEET_TOO_LARGE');
    expect(e.detail!.zh).toContain('超过 5.0 MB 的上限');
    for (const bytes of [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xde, 0xad]), Buffer.from([0xff, 0xfe, 0x00, 0x41]), Buffer.alloc(0)]) {
      const g = await refusal('sheets', 'importCases', { fileName: 'x.xlsx', base64: bytes.toString('base64') });
      expect(g.code).toBe('SHEET_UNREADABLE');
      expect(g.message).toContain('无法读取该文件');
    }
    const text = await value<CaseSheetReport>('sheets', 'checkCases', { fileName: 'x.csv', base64: Buffer.from('hello,world\n1,2\n').toString('base64') });
    expect(text.problems[0]!.zh).toContain('没有找到表头');
    expect((await value<{ total: number }>('cases', 'list', {})).total).toBeGreaterThan(300);
  });

  it('a chief may not enter cases; the refusal is recorded', async () => {
    await signOut();
    await as(CHIEF, async () => {
      const e = await refusal('sheets', 'importCases', await file(rowsOf(1)));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.detail!.zh).toContain('本人职务不能录入案件');
    });
    await signIn(JUDGE);
  });
});

describe('lists exported to Excel', () => {
  it('the case list, re-read, is the list: numbers, names, money in 元', async () => {
    const f = await value<SheetFile>('sheets', 'exportCases', { status: 'all' });
    expect(f.fileName).toBe(`案件清单-${today}.xlsx`);
    const list = await allCases();
    const { header, rows } = await reread(f);
    expect(header.slice(0, 7)).toEqual(['案号', '案件类型', '立案日期', '申请执行人', '被执行人', '执行标的（元）', '已执行到位（元）']);
    expect(f.rows).toBe(list.length);
    expect(rows.map((r) => r[0])).toEqual(list.map((c) => c.number));
    expect(rows.map((r) => [r[3], r[4], r[5]])).toEqual(list.map((c) => [c.applicantName, c.debtorNames.join('；'), Number(fenToYuanString(c.amountOwed, false))]));
    const audit = await value<AuditEntry[]>('audit', 'list', { officer: JUDGE, action: 'sheet.export' });
    expect(audit[0]!.officer).toBe(JUDGE);
    expect(JSON.parse(audit[0]!.detail as unknown as string)).toEqual({ list: 'cases', rows: list.length });
  });

  it('a case’s findings and measures, and the alerts; another judge may export what he may read', async () => {
    const own = (await ownCaseWithOnePersonDebtor(app))!;
    await value('query', 'start', { caseId: own.c.id });
    const view = await waitFor(async () => {
      const v = await value<CaseQueryView>('query', 'view', { caseId: own.c.id });
      return v.requests.every((r) => ['answered', 'failed', 'manual'].includes(r.state)) ? v : undefined;
    });
    const assets = await value<SheetFile>('sheets', 'exportAssets', { caseId: own.c.id });
    const a = await reread(assets);
    expect(a.header).toContain('账号/编号');
    expect(a.rows.map((r) => r[4])).toEqual(view.assets.map((x) => x.identifier));
    expect(a.rows.map((r) => r[6] ?? null)).toEqual(view.assets.map((x) => (x.value === undefined ? null : Number(fenToYuanString(x.value, false)))));

    const measures = await value<SheetFile>('sheets', 'exportMeasures', { caseId: own.c.id });
    expect(measures.rows).toBe((await value<CaseMeasures>('measures', 'list', { caseId: own.c.id })).measures.length);
    const alerts = await value<SheetFile>('sheets', 'exportAlerts', {});
    expect((await reread(alerts)).rows.map((r) => r[0])).toEqual((await value<AlertView[]>('alerts', 'list', { limit: 500 })).map((x) => x.caseNumber));

    await signOut();
    await as(OTHER_JUDGE, async () => {
      const f = await value<SheetFile>('sheets', 'exportAssets', { caseId: own.c.id });
      expect(f.rows).toBe(view.assets.length);
    });
    await signIn(JUDGE);
    const trail = await value<AuditEntry[]>('audit', 'list', { caseId: own.c.id, action: 'sheet.export' });
    expect(trail.map((e) => [e.officer, (JSON.parse(e.detail as unknown as string) as { list: string }).list]).sort()).toEqual([[JUDGE, 'assets'], [JUDGE, 'measures'], [OTHER_JUDGE, 'assets']].sort());
  });

  it('a clerk may not export a case outside his team; the refusal is recorded', async () => {
    const imported = (await allCases()).find((c) => c.number === `(${year})黔0103执80001号`)!;
    await signOut();
    await as(CLERK, async () => {
      const e = await refusal('sheets', 'exportAssets', { caseId: imported.id });
      expect(e.code).toBe('FORBIDDEN');
      expect(e.detail!.zh).toBe('无权查阅本案');
      // his own list is his team's cases only
      const f = await value<SheetFile>('sheets', 'exportCases', {});
      const { rows } = await reread(f);
      expect(rows.map((r) => r[0])).not.toContain(imported.number);
    });
    await signIn(JUDGE);
    const audit = await value<AuditEntry[]>('audit', 'list', { caseId: imported.id, action: 'authority.refused' });
    expect(audit.some((a) => a.officer === CLERK && JSON.stringify(a.detail).includes('sheets.exportAssets'))).toBe(true);
  });
});
