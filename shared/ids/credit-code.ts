/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: registration authority (1),
 * category (1), administrative division (6), organisation code (9), check character (1),
 * over the 31-character set 0-9A-Z without I, O, S, V, Z.
 */
import { appError } from '../errors';
import { err, ok, type Result } from '../result';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export interface CreditCode {
  text: string;
  authority: string;
  category: string;
  regionCode: string;
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

function fail(zh: string, en: string): Result<CreditCode> {
  return err(appError('CREDIT_CODE_INVALID', { zh, en }, 'idNumber'));
}

export function parseCreditCode(input: string): Result<CreditCode> {
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return fail(`应为 18 位，实际 ${s.length} 位`, `must have 18 characters, has ${s.length}`);
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(s[i]!)) {
      return fail(`第 ${i + 1} 位“${s[i]}”不是允许的字符（不含 I、O、S、V、Z）`, `character ${i + 1} "${s[i]}" is not allowed (I, O, S, V, Z are never used)`);
    }
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) return fail(`第 3–8 位行政区划码“${s.slice(2, 8)}”应为数字`, `division code "${s.slice(2, 8)}" (characters 3–8) must be digits`);
  const expected = creditCodeCheckChar(s);
  if (s[17] !== expected) return fail(`第 18 位校验码应为 ${expected}，而不是 ${s[17]}`, `check character should be ${expected}, not ${s[17]}`);
  return ok({ text: s, authority: s[0]!, category: s[1]!, regionCode: s.slice(2, 8) });
}
