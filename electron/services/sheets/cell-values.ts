/**
 * What an imported cell means, with the project's parsers (docs/sheets.md): an amount in 元 to
 * integer fen (shared/money.ts), a date written the ways a judge writes one to YYYY-MM-DD
 * (shared/dates.ts), an ID number that Excel has not turned into a number.
 */
import { describeError } from '../../../shared/errors';
import { parseIsoDate } from '../../../shared/dates';
import { parseYuan } from '../../../shared/money';
import { ok, type Result } from '../../../shared/result';
import type { SheetCell } from './read-sheet';

type Said = { zh: string; en: string };
export type CellResult<T> = { ok: true; value: T } | { ok: false; said: Said };

const wrong = (zh: string, en: string): CellResult<never> => ({ ok: false, said: { zh, en } });
const fromResult = <T>(r: Result<T>): CellResult<T> =>
  r.ok ? r : { ok: false, said: { zh: describeError(r.error, 'zh'), en: describeError(r.error, 'en') } };

/** 执行标的 in 元 with at most two decimals → fen; more than zero. */
export function amountOf(c: SheetCell): CellResult<number> {
  if (!c.text) return wrong('执行标的未填写', 'the amount is empty');
  // a number cell: 1234.5 is 1234.50 元; float noise of a formula (0.30000000000000004) is rounded only when it is noise
  let text = c.text;
  if (c.number !== undefined) {
    const cents = c.number * 100;
    if (Math.abs(cents - Math.round(cents)) < 1e-6) text = (Math.round(cents) / 100).toFixed(2);
  }
  const r = fromResult(parseYuan(text));
  if (!r.ok) return wrong(`执行标的“${c.text}”不是金额（以元为单位，最多两位小数）`, `the amount "${c.text}" is not a sum in yuan with at most two decimals`);
  if (r.value < 0) return wrong(`执行标的“${c.text}”不能为负数`, `the amount "${c.text}" cannot be negative`);
  if (r.value === 0) return wrong('执行标的应大于零', 'the amount must be above zero');
  return r;
}

/** 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, or an Excel date cell. */
export function dateOf(c: SheetCell, what: string): CellResult<string> {
  if (c.date) return ok(c.date);
  if (!c.text) return wrong(`${what}未填写`, `${what} is empty`);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(c.text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(c.text);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : c.text;
  const r = parseIsoDate(iso);
  return r.ok ? r : wrong(`${what}“${c.text}”不是有效日期（应为 年-月-日，例如 2025-03-01）`, `${what} "${c.text}" is not a valid date (e.g. 2025-03-01)`);
}

/** An ID number or credit code as typed; one Excel stored as a number has lost its last digits. */
export function idTextOf(c: SheetCell): CellResult<string> {
  if (c.number !== undefined && c.text.length >= 15) {
    return wrong('证件号码被 Excel 存成了数字，末几位已经丢失：请把该列设为“文本”格式后重新填写', 'Excel stored the ID number as a number and lost its last digits: format the column as text and type it again');
  }
  return ok(c.text.trim().toUpperCase());
}

