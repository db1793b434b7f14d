/**
 * A spreadsheet the officer picked, read with exceljs into rows of cells (docs/sheets.md): an
 * Excel workbook (.xlsx) or a CSV file in UTF-8 (exceljs's csv reader, over a stream of the
 * bytes). The old binary .xls, another encoding (GBK) or anything else is refused in his words.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppFailure } from '../../../shared/app-failure';
import { MAX_SHEET_ROWS } from '../../../shared/sheets/limits';

/** One cell as the sheet holds it: its text, and whether Excel stored a number or a date. */
export interface SheetCell {
  text: string;
  number?: number;
  /** a date cell, as YYYY-MM-DD (Excel dates carry no time zone: the day as written) */
  date?: string;
}

export interface SheetRow {
  /** the row's number as Excel shows it */
  row: number;
  cells: SheetCell[];
}

const unreadable = (zh: string, en: string) => new AppFailure('SHEET_UNREADABLE', { zh, en });
const EMPTY: SheetCell = { text: '' };

function cellOf(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return { text: v.trim() };
  if (typeof v === 'number') return { text: String(v), number: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? EMPTY : { text: v.toISOString().slice(0, 10), date: v.toISOString().slice(0, 10) };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('').trim() };
  if ('formula' in v || 'sharedFormula' in v) return cellOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return { text: String(v.text ?? '').trim() };
  if ('error' in v) return { text: String(v.error) };
  return EMPTY;
}

function rowsOf(ws: ExcelJS.Worksheet): SheetRow[] {
  const out: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    const cells = values.map((v) => cellOf(v as ExcelJS.CellValue));
    if (cells.some((c) => c.text !== '')) out.push({ row: n, cells });
  });
  return out;
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('文件已损坏或不是 Excel 工作簿', 'the file is damaged or not an Excel workbook');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  return ws ? rowsOf(ws) : [];
}

async function readCsv(bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.includes(0)) throw unreadable('文件不是文本格式的 CSV', 'the file is not a text CSV');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('CSV 文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx', 'the CSV is not UTF-8: save it as "CSV UTF-8" or as .xlsx');
  }
  const wb = new ExcelJS.Workbook();
  // every value as text: the judge's 案号, ID numbers and amounts are not numbers to guess at
  const ws = await wb.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { map: (v: unknown) => v } as never);
  return rowsOf(ws);
}

/** The rows of the first sheet with anything in it. */
export async function readSheet(bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw unreadable('文件是空的', 'the file is empty');
  const head = bytes.subarray(0, 4).toString('hex');
  if (head === 'd0cf11e0') throw unreadable('这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后再导入', 'an old Excel (.xls) file: save it as .xlsx first');
  const rows = head === '504b0304' ? await readXlsx(bytes) : await readCsv(bytes);
  if (rows.length > MAX_SHEET_ROWS + 1) {
    throw unreadable(`文件有 ${rows.length - 1} 行，超过每次 ${MAX_SHEET_ROWS} 行的上限：请分成几个文件导入`, `the file has ${rows.length - 1} rows, above ${MAX_SHEET_ROWS}: split it`);
  }
  return rows;
}
