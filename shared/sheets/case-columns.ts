/**
 * The columns of a case list to import (docs/sheets.md): the header a judge writes in the first
 * row, the other headers taken for it, and whether it must be there. Several debtors of one case
 * go in one cell each, separated by “；” (or a line break), names and ID numbers in the same order.
 */
export const CASE_COLUMNS = [
  { key: 'number', header: '案号', aliases: ['执行案号'], required: true },
  { key: 'applicantName', header: '申请执行人', aliases: ['申请人'], required: true },
  { key: 'applicantId', header: '申请执行人证件号码', aliases: ['申请执行人身份证号码', '申请执行人统一社会信用代码', '申请执行人证件号'], required: true },
  { key: 'debtorNames', header: '被执行人', aliases: [], required: true },
  { key: 'debtorIds', header: '被执行人证件号码', aliases: ['被执行人身份证号码', '被执行人统一社会信用代码', '被执行人证件号'], required: true },
  { key: 'amount', header: '执行标的（元）', aliases: ['执行标的', '执行标的金额', '标的金额', '执行标的(元)'], required: true },
  { key: 'filedOn', header: '立案日期', aliases: ['立案时间'], required: true },
  { key: 'officer', header: '承办人', aliases: ['承办法官', '承办人编号'], required: true },
  { key: 'cause', header: '案由', aliases: [], required: false },
] as const;

export type CaseColumnKey = (typeof CASE_COLUMNS)[number]['key'];

export function caseColumnHeader(key: CaseColumnKey): string {
  return CASE_COLUMNS.find((c) => c.key === key)!.header;
}

/** A header as typed, compared without spaces and with full-width brackets made half-width. */
export function normalHeader(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** Which column a header names, or undefined. */
export function caseColumnOf(header: string): CaseColumnKey | undefined {
  const h = normalHeader(header);
  if (!h) return undefined;
  return CASE_COLUMNS.find((c) => [c.header, ...c.aliases].some((a) => normalHeader(a) === h))?.key;
}

/** Names or IDs of several parties in one cell. */
export function splitParties(cell: string): string[] {
  return cell.split(/[；;\n\r]+/).map((s) => s.trim()).filter(Boolean);
}
