/**
 * A list written as an Excel workbook with exceljs (docs/sheets.md): Chinese headers in bold, the
 * header row frozen and filtered; money as a number of 元 from the one formatter of fen
 * (shared/money.ts), shown with two decimals, so that a judge can sum a column in Excel.
 */
import ExcelJS from 'exceljs';
import { fenToYuanString } from '../../../shared/money';

export type SheetValue = string | number | undefined;

export interface SheetColumn<T> {
  header: string;
  width?: number;
  /** the value is fen, written as 元 */
  money?: true;
  value(row: T): SheetValue;
}

export const yuanOf = (fen: number): number => Number(fenToYuanString(fen, false));

export async function writeSheet<T>(title: string, columns: readonly SheetColumn<T>[], rows: readonly T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '查控台';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16, ...(c.money ? { style: { numFmt: '#,##0.00' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow(columns.map((c) => {
      const v = c.value(r);
      return c.money && typeof v === 'number' ? yuanOf(v) : v ?? null;
    }));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A file name a judge recognises, without characters file systems refuse. */
export function sheetFileName(title: string, day: string): string {
  return `${title.replace(/[\\/:*?"<>|\s]+/g, '_')}-${day}.xlsx`;
}
