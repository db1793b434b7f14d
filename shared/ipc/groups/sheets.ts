/**
 * IPC group `sheets` (docs/sheets.md): a case list imported from an Excel or CSV file, all or
 * nothing — first the report of every bad row, then one transaction entering every case as a
 * filing pending the case-management system (act case.enter) — and lists exported to Excel
 * (cases, a case's findings, measures, alerts) for a download the officer clicked, each export
 * audited (act case.read, the list only as far as the officer may read it).
 */
import { z } from 'zod';
import { ALERT_STATES } from '../../domain/alerts';
import { MAX_SHEET_BASE64 } from '../../sheets/limits';
import type { CaseColumnKey } from '../../sheets/case-columns';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);
/** the file the officer picked: its name and its bytes in base64 (the size is checked in main, in his words) */
const file = z.object({ fileName: z.string().max(260), base64: z.string().max(MAX_SHEET_BASE64) }).strict();

/** One thing wrong in one row: its row number in the sheet (the header is row 1) and column. */
export interface SheetProblem {
  row: number;
  /** the column's header as the template names it; absent for a problem of the whole row */
  column?: string;
  key?: CaseColumnKey;
  /** the row's 案号 as written in the file (absent when its cell is empty), to find the row by */
  caseNumber?: string;
  zh: string;
  en: string;
}

/** What the file would import: how many cases, and every bad row. Nothing is written by a check. */
export interface CaseSheetReport {
  fileName: string;
  /** data rows read (blank rows left out) */
  rows: number;
  /** rows that would import as they are */
  ready: number;
  problems: SheetProblem[];
}

export interface CaseSheetImport {
  report: CaseSheetReport;
  /** cases entered: 0 when any row is bad (all or nothing) */
  imported: number;
  /** the ids of the cases entered, in the file's order (for acting on them next, e.g. 批量查询) */
  caseIds: string[];
  /** of those, what the case-management system said at once */
  filing: { confirmed: number; pending: number; refused: number };
}

/** an exported list: the .xlsx bytes for the download the officer clicked */
export interface SheetFile {
  fileName: string;
  base64: string;
  rows: number;
}

export const sheetsGroup = {
  /** reads the file and reports every bad row; writes nothing */
  checkCases: { policy: { act: 'case.enter' }, input: file, output: out<CaseSheetReport>() },
  /** checks again and, only if every row is good, enters every case in one transaction */
  importCases: { policy: { act: 'case.enter' }, input: file, output: out<CaseSheetImport>() },
  /** the case list as the officer may see it, with the list's own filters */
  exportCases: {
    policy: { act: 'case.read' },
    input: z.object({ search: z.string().max(100).optional(), status: z.enum(['open', 'closed', 'all']).optional(), mine: z.boolean().optional() }).strict(),
    output: out<SheetFile>(),
  },
  exportAssets: { policy: { act: 'case.read', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<SheetFile>() },
  exportMeasures: { policy: { act: 'case.read', case: 'caseId' }, input: z.object({ caseId: id }).strict(), output: out<SheetFile>() },
  /** the alerts the officer sees (a judge his cases', a chief the bureau's) */
  exportAlerts: {
    policy: { act: 'case.read' },
    input: z.object({ states: z.array(z.enum(ALERT_STATES)).max(ALERT_STATES.length).optional() }).strict(),
    output: out<SheetFile>(),
  },
} as const;
