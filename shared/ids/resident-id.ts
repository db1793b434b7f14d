/**
 * Resident identity card numbers (居民身份证号码), GB 11643-1999: 6-digit address code,
 * 8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 */
import { appError } from '../errors';
import { isValidDate, todayCst } from '../dates';
import { err, ok, type Result } from '../result';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/**
 * First two digits: province-level codes of GB/T 2260, plus 71/81/82 (Taiwan, Hong Kong, Macao) and
 * 83: the residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证) are numbered
 * 810000…, 820000… and 830000… under the same scheme and check character.
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export interface ResidentId {
  text: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function fail(zh: string, en: string): Result<ResidentId> {
  return err(appError('ID_NUMBER_INVALID', { zh, en }, 'idNumber'));
}

export function parseResidentId(input: string, today: string = todayCst()): Result<ResidentId> {
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return fail(`应为 18 位，实际 ${s.length} 位`, `must have 18 characters, has ${s.length}`);
  if (!/^\d{17}[\dX]$/.test(s)) return fail('前 17 位必须是数字，第 18 位是数字或 X', 'the first 17 characters must be digits, the 18th a digit or X');
  if (!PROVINCE_CODES.has(Number(s.slice(0, 2)))) return fail(`地址码“${s.slice(0, 6)}”的省级代码不存在`, `address code "${s.slice(0, 6)}" has no such province`);
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidDate(y, m, d)) {
    return fail(`出生日期“${s.slice(6, 14)}”不是有效日期`, `birth date "${s.slice(6, 14)}" is not a possible date`);
  }
  if (birth > today) {
    return fail(`出生日期“${s.slice(6, 14)}”晚于今天`, `birth date "${s.slice(6, 14)}" is in the future`);
  }
  const expected = residentIdCheckChar(s);
  if (s[17] !== expected) return fail(`第 18 位校验码应为 ${expected}，而不是 ${s[17]}`, `check character should be ${expected}, not ${s[17]}`);
  return ok({ text: s, regionCode: s.slice(0, 6), birthDate: birth, sex: Number(s[16]) % 2 === 1 ? 'M' : 'F' });
}

/** Age in whole years on `onDate` (YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
