/**
 * A whole case list checked (docs/sheets.md): the header row found among the first rows, every
 * column the import needs present, then every data row checked. The report lists every bad row;
 * the cases are given only when there is none (all or nothing).
 */
import type { CaseSheetReport, SheetProblem } from '../../../shared/ipc/groups/sheets';
import { CASE_COLUMNS, caseColumnOf, type CaseColumnKey } from '../../../shared/sheets/case-columns';
import { checkCaseRow, type GoodRow, type RowContext } from './case-rows';
import type { SheetCell, SheetRow } from './read-sheet';

/** a title above the header (“某某法院执行案件清单”) is allowed in the first few rows */
const HEADER_SEARCH_ROWS = 5;

type Columns = Map<CaseColumnKey, number>;

function columnsOf(r: SheetRow): Columns {
  const cols: Columns = new Map();
  r.cells.forEach((c, i) => {
    const k = caseColumnOf(c.text);
    if (k && !cols.has(k)) cols.set(k, i);
  });
  return cols;
}

function headerOf(rows: readonly SheetRow[]): { at: number; columns: Columns } | { problems: SheetProblem[] } {
  const found = rows.slice(0, HEADER_SEARCH_ROWS).map((r, i) => ({ i, r, columns: columnsOf(r) })).find((h) => h.columns.size >= 3);
  const all = CASE_COLUMNS.map((c) => c.header).join('、');
  if (!found) {
    return { problems: [{ row: rows[0]?.row ?? 1, zh: `没有找到表头：第一行应为各列名称（${all}）`, en: 'no header row: the first row names the columns' }] };
  }
  const missing = CASE_COLUMNS.filter((c) => c.required && !found.columns.has(c.key));
  if (missing.length) {
    return { problems: missing.map((c) => ({ row: found.r.row, column: c.header, key: c.key, zh: `缺少“${c.header}”列`, en: `the column "${c.header}" is missing` })) };
  }
  return { at: found.i, columns: found.columns };
}

export interface CheckedSheet {
  report: CaseSheetReport;
  /** every row's case, only when the report has no problem */
  cases: GoodRow[];
}

export function checkCaseSheet(fileName: string, rows: readonly SheetRow[], ctx: RowContext): CheckedSheet {
  const header = headerOf(rows);
  if ('problems' in header) return { report: { fileName, rows: Math.max(0, rows.length - 1), ready: 0, problems: header.problems }, cases: [] };
  const data = rows.slice(header.at + 1);
  if (data.length === 0) {
    return { report: { fileName, rows: 0, ready: 0, problems: [{ row: rows[header.at]!.row, zh: '表头下面没有案件', en: 'no case below the header' }] }, cases: [] };
  }
  const firstRowOf = new Map<string, number>();
  const problems: SheetProblem[] = [];
  const good: GoodRow[] = [];
  for (const r of data) {
    const cell = (k: CaseColumnKey): SheetCell => r.cells[header.columns.get(k) ?? -1] ?? { text: '' };
    const checked = checkCaseRow(r.row, cell, ctx, firstRowOf);
    const caseNumber = cell('number').text.trim();
    problems.push(...(caseNumber ? checked.problems.map((p) => ({ ...p, caseNumber })) : checked.problems));
    if (checked.good) good.push(checked.good);
  }
  return { report: { fileName, rows: data.length, ready: good.length, problems }, cases: problems.length ? [] : good };
}
