/**
 * A spreadsheet in and out of the renderer (docs/sheets.md): the file the officer picked read as
 * base64 for sheets.checkCases / importCases, and an exported list's .xlsx bytes downloaded as a
 * file (a Blob behind a temporary <a download>, as documents/pdf-download.ts does for a PDF).
 */
import type { SheetFile } from '../../../../shared/ipc/groups/sheets';
import { MAX_SHEET_BYTES } from '../../../../shared/sheets/limits';
import { base64ToBytes } from '../documents/pdf-download';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** an .xlsx or a .csv by its name (main reads the bytes and refuses anything else again) */
export function isSheetName(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim());
}

/** main refuses a larger file too; here it is refused before its bytes are read or sent */
export function isTooLarge(file: Pick<File, 'size'>): boolean {
  return file.size > MAX_SHEET_BYTES;
}

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.onload = () => {
      const url = String(r.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

export function downloadSheet(f: SheetFile, doc: Document = document): boolean {
  if (typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([base64ToBytes(f.base64)], { type: XLSX_TYPE }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = f.fileName;
  a.rel = 'noopener';
  a.hidden = true;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return true;
}
