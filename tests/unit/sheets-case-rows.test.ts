/**
 * The per-row check of an imported case list (docs/sheets.md): each kind of bad row is reported
 * with its row number, its column and the judge's reason; a good list yields every case in fen.
 */
import { describe, expect, it } from 'vitest';
import { checkCaseSheet, type CheckedSheet } from '../../electron/services/sheets/case-sheet';
import { readSheet, type SheetRow } from '../../electron/services/sheets/read-sheet';
import type { Officer } from '../../shared/domain/types';
import { caseRow, creditCode, csvOf, HEADERS, residentId, xlsxOf } from '../helpers/case-sheet';

const NOW = new Date('2026-12-04T06:00:00Z');
const OFFICERS: Officer[] = [
  { code: 'F520103001', name: '王立新', court: '黔0103', role: 'judge' },
  { code: 'F520103002', name: '陈晓雪', court: '黔0103', role: 'clerk', team: ['F520103001'] },
  { code: 'F520103004', name: '罗静', court: '黔0103', role: 'judge' },
  { code: 'F520103009', name: '罗静', court: '黔0103', role: 'judge' },
];
const ctx = { now: NOW, court: '黔0103', officers: OFFICERS, known: (n: string) => n === '(2026)黔0103执1号' };

const sheet = (rows: string[][], headers: readonly string[] = HEADERS): SheetRow[] =>
  [headers, ...rows].map((cells, i) => ({ row: i + 1, cells: cells.map((text) => ({ text })) }));
const check = (rows: string[][], headers?: readonly string[]): CheckedSheet => checkCaseSheet('清单.xlsx', sheet(rows, headers), ctx);
const COL = Object.fromEntries(HEADERS.map((h, i) => [h, i])) as Record<string, number>;
const spoil = (i: number, column: string, value: string) => {
  const r = caseRow(i);
  r[COL[column]!] = value;
  return r;
};
const only = (c: CheckedSheet) => {
  expect(c.report.problems).toHaveLength(1);
  expect(c.cases).toEqual([]);
  return c.report.problems[0]!;
};

describe('a good list', () => {
  it('gives every case with its amount in fen, several debtors paired in order', () => {
    const c = check([caseRow(1), caseRow(10)]);
    expect(c.report).toEqual({ fileName: '清单.xlsx', rows: 2, ready: 2, problems: [] });
    expect(c.cases[0]!.input).toMatchObject({ number: '(2026)黔0103执9001号', amountOwed: 1001_51, filedOn: '2026-03-01', costs: 0, applicant: { kind: 'company', idNumber: creditCode(5001) } });
    expect(c.cases[1]!.input.debtors).toEqual([
      { kind: 'person', name: '债务人10', idNumber: residentId(10, '19800101') },
      { kind: 'person', name: '债务人10乙', idNumber: residentId(10, '19900202') },
    ]);
    expect(c.cases[0]!.officer).toBe('F520103001');
  });

  it('takes a 承办人 by name, dates written 2026/3/1 or 2026年3月1日, amounts with ¥ and thousands', () => {
    const r = caseRow(2);
    r[COL['承办人']!] = '王立新';
    r[COL['立案日期']!] = '2026年3月1日';
    r[COL['执行标的（元）']!] = '¥12,345.6';
    const c = check([r, spoil(3, '立案日期', '2026/3/1')]);
    expect(c.report.problems).toEqual([]);
    expect(c.cases[0]).toMatchObject({ officer: 'F520103001', input: { amountOwed: 12_345_60, filedOn: '2026-03-01' } });
    expect(c.cases[1]!.input.filedOn).toBe('2026-03-01');
  });
});

describe('each kind of bad row, in the judge’s words', () => {
  const cases: [string, string, string, string][] = [
    ['a malformed 案号', '案号', '2026黔0103执1号', '案号应以“(年份)”开头'],
    ['another court’s 案号', '案号', '(2026)黔0102执5号', '不是本院'],
    ['a wrong ID check digit', '被执行人证件号码', residentId(4).slice(0, 17) + (residentId(4).endsWith('1') ? '2' : '1'), '第 18 位校验码应为'],
    ['a bad credit code', '申请执行人证件号码', creditCode(4).slice(0, 17) + 'I', '不是允许的字符'],
    ['an amount that is not a number', '执行标的（元）', '十万元', '不是金额'],
    ['a negative amount', '执行标的（元）', '-100', '不能为负数'],
    ['an amount with three decimals', '执行标的（元）', '100.123', '最多两位小数'],
    ['an invalid date', '立案日期', '2026-02-30', '不是有效日期'],
    ['a filing date in the future', '立案日期', '2027-01-05', '不能晚于今天'],
    ['an unknown 承办人', '承办人', '张三', '不是本院登记的承办法官'],
    ['a clerk as 承办人', '承办人', 'F520103002', '不是本院登记的承办法官'],
    ['two judges of that name', '承办人', '罗静', '请填写干警编号'],
    ['a missing debtor', '被执行人', '', '未填写被执行人'],
  ];
  for (const [what, column, value, zh] of cases) {
    it(what, () => {
      const p = only(check([caseRow(0 + 1), spoil(4, column, value)]));
      expect(p.row).toBe(3);
      if (what === 'a missing debtor') expect(p.column).toBe('被执行人证件号码');
      else expect(p.column).toBe(column);
      expect(p.zh).toContain(what === 'a missing debtor' ? '1 个证件号码' : zh);
      expect(p.en.length).toBeGreaterThan(3);
    });
  }

  it('a row with no debtor at all', () => {
    const r = caseRow(4);
    r[COL['被执行人']!] = '';
    r[COL['被执行人证件号码']!] = '';
    expect(only(check([r]))).toMatchObject({ row: 2, column: '被执行人', zh: '未填写被执行人' });
  });

  it('a 案号 twice in the file, and one already on this workstation', () => {
    const c = check([caseRow(5), caseRow(6), caseRow(5), spoil(7, '案号', '(2026)黔0103执1号')]);
    expect(c.report.problems).toEqual([
      expect.objectContaining({ row: 4, column: '案号', zh: '案号与第 2 行重复' }),
      expect.objectContaining({ row: 5, column: '案号', zh: '本机已有案件 (2026)黔0103执1号，不能重复录入' }),
    ]);
    expect(c.report.ready).toBe(2);
    expect(c.cases).toEqual([]);
  });

  it('every wrong column of one row at once', () => {
    const r = caseRow(8);
    r[COL['执行标的（元）']!] = 'abc';
    r[COL['立案日期']!] = '昨天';
    r[COL['承办人']!] = '';
    expect(check([r]).report.problems.map((p) => p.column)).toEqual(['执行标的（元）', '立案日期', '承办人']);
  });

  it('a missing column, and no header at all', () => {
    const headers = HEADERS.filter((h) => h !== '立案日期');
    expect(check([caseRow(1).filter((_, i) => i !== COL['立案日期'])], headers).report.problems).toEqual([
      expect.objectContaining({ row: 1, column: '立案日期', zh: '缺少“立案日期”列' }),
    ]);
    expect(check([caseRow(1)], ['a', 'b', 'c']).report.problems[0]!.zh).toContain('没有找到表头');
  });
});

describe('the files themselves', () => {
  it('reads .xlsx and UTF-8 CSV the same, an ID Excel stored as a number is explained', async () => {
    const rows = [caseRow(1), caseRow(10)];
    const fromXlsx = checkCaseSheet('a.xlsx', await readSheet(await xlsxOf(rows)), ctx);
    const fromCsv = checkCaseSheet('a.csv', await readSheet(csvOf(rows)), ctx);
    expect(fromCsv.cases.map((c) => c.input)).toEqual(fromXlsx.cases.map((c) => c.input));
    expect(fromXlsx.cases).toHaveLength(2);
    const numeric: (string | number)[] = caseRow(2);
    numeric[COL['被执行人证件号码']!] = Number(residentId(2).slice(0, 17));
    const p = checkCaseSheet('b.xlsx', await readSheet(await xlsxOf([numeric])), ctx).report.problems;
    expect(p).toEqual([expect.objectContaining({ row: 2, column: '被执行人证件号码', zh: expect.stringContaining('被 Excel 存成了数字') })]);
  });

  it('refuses garbage, an old .xls and a GBK CSV with the reason', async () => {
    await expect(readSheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toMatchObject({ error: { code: 'SHEET_UNREADABLE', detail: { zh: expect.stringContaining('不是 Excel') } } });
    await expect(readSheet(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).rejects.toMatchObject({ error: { detail: { zh: expect.stringContaining('.xls') } } });
    await expect(readSheet(Buffer.from([0xb0, 0xb8, 0xba, 0xc5, 0x2c]))).rejects.toMatchObject({ error: { detail: { zh: expect.stringContaining('UTF-8') } } });
  });
});
