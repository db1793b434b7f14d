/**
 * 车辆识别代号 (VIN), GB 16735 / ISO 3779: 17 characters over 0-9 and A-Z without I, O and Q;
 * the 9th is a check character (the weighted sum of the transliterated characters mod 11, 10
 * written X), which the Chinese standard makes compulsory.
 */
const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const SHAPE = /^[0-9A-HJ-NPR-Z]{17}$/;

const valueOf = (c: string): number => (/\d/.test(c) ? Number(c) : VALUES[c]!);

/** The check character a VIN must carry in its 9th place, computed over all 17 (the 9th weighs 0). */
export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += valueOf(vin[i]!) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Why `s` is not a VIN, in English and Chinese, or undefined when it is one. */
export function vinProblem(s: string): { en: string; zh: string } | undefined {
  if (!SHAPE.test(s)) return { en: 'is not 17 characters of 0-9 and A-Z without I, O, Q', zh: '应为17位数字或字母（不含I、O、Q）' };
  const check = vinCheckChar(s);
  if (s[8] !== check) return { en: `its check character (9th) should be ${check}`, zh: `第9位校验位应为${check}` };
  return undefined;
}
