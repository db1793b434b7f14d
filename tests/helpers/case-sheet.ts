/** Case lists to import (docs/sheets.md), valid unless a test spoils a cell, as rows or as .xlsx / .csv bytes. */
import ExcelJS from 'exceljs';
import { creditCodeCheckChar } from '../../shared/ids/credit-code';
import { residentIdCheckChar } from '../../shared/ids/resident-id';
import { CASE_COLUMNS } from '../../shared/sheets/case-columns';

export const HEADERS = CASE_COLUMNS.map((c) => c.header);

export function residentId(seq: number, birth = '19800101'): string {
  const first = `520103${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first + residentIdCheckChar(first);
}

export function creditCode(seq: number): string {
  const first = `91520103${String(seq).padStart(9, '0')}`;
  return first + creditCodeCheckChar(first);
}

/** one valid row per i: 案号 (year)court执(base+i)号, a company applicant, one person debtor (two on every 10th) */
export function caseRow(i: number, o: { year?: number; court?: string; base?: number; officer?: string; filedOn?: string } = {}): string[] {
  const year = o.year ?? 2026;
  const debtors = i % 10 === 0 ? [`债务人${i}`, `债务人${i}乙`] : [`债务人${i}`];
  const ids = i % 10 === 0 ? [residentId(i, '19800101'), residentId(i, '19900202')] : [residentId(i)];
  return [
    `(${year})${o.court ?? '黔0103'}执${(o.base ?? 9000) + i}号`, `贵州某某贸易有限公司${i}`, creditCode(5000 + i),
    debtors.join('；'), ids.join('；'), `${1000 + i}.5${i % 10}`, o.filedOn ?? `${year}-03-01`, o.officer ?? 'F520103001', '买卖合同纠纷',
  ];
}

export async function xlsxOf(rows: readonly (readonly (string | number)[])[], headers: readonly string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案件');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csvOf(rows: readonly (readonly string[])[], headers: readonly string[] = HEADERS): Buffer {
  const q = (s: string) => (/[",\n；]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return Buffer.from(`\uFEFF${[headers, ...rows].map((r) => r.map(q).join(',')).join('\r\n')}\r\n`, 'utf8');
}
