/**
 * How large a spreadsheet may be to import (docs/sheets.md): the renderer refuses a larger file
 * before sending it, main refuses it again after decoding, with the same words.
 */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
/** base64 of MAX_SHEET_BYTES, with room to spare: a larger payload is refused by the schema */
export const MAX_SHEET_BASE64 = Math.ceil((MAX_SHEET_BYTES * 4) / 3) + 1024;
/** rows of one case list at most (a bureau's year is far below) */
export const MAX_SHEET_ROWS = 5000;

export function tooLargeDetail(bytes: number): { zh: string; en: string } {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    zh: `文件大小 ${mb(bytes)} MB，超过 ${mb(MAX_SHEET_BYTES)} MB 的上限：请分成几个文件导入`,
    en: `the file is ${mb(bytes)} MB, above the ${mb(MAX_SHEET_BYTES)} MB limit: split it into several files`,
  };
}
