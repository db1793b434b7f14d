/**
 * 不动产单元号 (GB/T 37346): 28 characters — the county's administrative code (6 digits), the
 * cadastral zone and sub-zone (6 digits), the parcel's kind of right (2 capitals, e.g. GB 国有建设
 * 用地使用权) and its number (5 digits), the kind of fixture (F building, L trees, Q other, W none)
 * and its number (8 digits: building 4, unit 4). Printed without spaces, e.g.
 * 520102001001GB00001F00010001.
 */
const SHAPE = /^\d{6}\d{6}[A-Z]{2}\d{5}[FLQW]\d{8}$/;

/** Why `s` is not a 不动产单元号, in English and Chinese, or undefined when it is one. */
export function unitNumberProblem(s: string): { en: string; zh: string } | undefined {
  if (s.length !== 28) return { en: `has ${s.length} characters, not 28`, zh: `应为28位，实为${s.length}位` };
  if (!SHAPE.test(s)) return { en: 'is not 12 digits, 2 capitals, 5 digits, F/L/Q/W and 8 digits', zh: '应为12位数字、2位字母、5位数字、定着物类型（F、L、Q、W）和8位数字' };
  return undefined;
}
