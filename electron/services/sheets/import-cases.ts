/**
 * A case list imported from a file, all or nothing (docs/sheets.md): the file's bytes decoded and
 * their size checked, every row checked; if any row is bad nothing is written and the report says
 * why. Otherwise every case is entered in ONE store transaction, as filings entered by hand
 * (pending until the case-management system confirms them, docs/authority.md), each audited like
 * cases.create; then each is put to the system as a hand-entered filing is (offline: it stays pending).
 */
import { AppFailure } from '../../../shared/app-failure';
import type { CaseSheetImport, CaseSheetReport } from '../../../shared/ipc/groups/sheets';
import { MAX_SHEET_BYTES, tooLargeDetail } from '../../../shared/sheets/limits';
import type { Officer } from '../../../shared/domain/types';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { pendingFilingOf } from '../case-input';
import type { Deps } from '../deps';
import { confirmFiling } from '../filing';
import { checkCaseSheet, type CheckedSheet } from './case-sheet';
import type { GoodRow } from './case-rows';
import { readSheet } from './read-sheet';

export interface PickedFile {
  fileName: string;
  base64: string;
}

/** filings put to the case-management system at once, at most */
const CONFIRM_AT_ONCE = 8;

export function fileBytes(f: PickedFile): Buffer {
  const bytes = Buffer.from(f.base64, 'base64');
  if (bytes.length > MAX_SHEET_BYTES) throw new AppFailure('SHEET_TOO_LARGE', tooLargeDetail(bytes.length));
  return bytes;
}

export async function checkCaseFile(d: Deps, store: SecureStore, f: PickedFile): Promise<CheckedSheet> {
  const rows = await readSheet(fileBytes(f));
  return checkCaseSheet(f.fileName, rows, {
    now: d.now(), court: d.court, officers: store.officers.list(),
    known: (n) => store.cases.getByNumber(n) !== undefined,
  });
}

function enterAll(store: SecureStore, officer: Officer, report: CaseSheetReport, rows: readonly GoodRow[]): StoredCase[] {
  return store.transaction(() => {
    const created = rows.map((r) => {
      const c = store.cases.create(pendingFilingOf(r.checked, officer.code));
      store.audit.append({
        officer: officer.code, action: 'case.create', caseId: c.id, caseNumber: c.number,
        detail: { debtors: r.checked.parties.length - 1, sheetRow: r.row, officerNamed: r.officer },
      });
      return c;
    });
    store.audit.append({ officer: officer.code, action: 'sheet.import', detail: { list: 'cases', fileName: report.fileName, rows: report.rows, cases: created.length } });
    return created;
  });
}

/** Each filing put to the system as cases.create does; a failure leaves that one pending, to be checked again. */
async function confirmAll(d: Deps, store: SecureStore, officer: Officer, cases: StoredCase[]): Promise<CaseSheetImport['filing']> {
  const filing = { confirmed: 0, pending: 0, refused: 0 };
  for (let i = 0; i < cases.length; i += CONFIRM_AT_ONCE) {
    const settled = await Promise.all(cases.slice(i, i + CONFIRM_AT_ONCE).map((c) => confirmFiling(d, store, officer, c).catch(() => c)));
    for (const c of settled) filing[c.filing]++;
  }
  return filing;
}

export async function importCaseFile(d: Deps, store: SecureStore, officer: Officer, f: PickedFile): Promise<CaseSheetImport> {
  const { report, cases } = await checkCaseFile(d, store, f);
  if (report.problems.length || cases.length === 0) return { report, imported: 0, caseIds: [], filing: { confirmed: 0, pending: 0, refused: 0 } };
  const created = enterAll(store, officer, report, cases);
  return { report, imported: created.length, caseIds: created.map((c) => c.id), filing: await confirmAll(d, store, officer, created) };
}
