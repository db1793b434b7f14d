/**
 * Amounts in capitals (大写) as rulings write them, by the People's Bank's rules for writing
 * amounts (《正确填写票据和结算凭证的基本规定》), and the Chinese numerals of dates.
 */
import { describe, expect, it } from 'vitest';
import { amountInChineseCapitals, arabicDate, chineseDate, chineseNumber } from '../../shared/documents';

/** fen from 元 written as a string, without floating point: "1680.32" → 168032 */
const fen = (yuan: string): number => {
  const [i, f = ''] = yuan.split('.');
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
};

const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const PLACE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Reads capitals back into fen: an independent check that every digit and unit is where it belongs. */
function readCapitals(s: string): number {
  expect(s.startsWith('人民币')).toBe(true);
  let body = s.slice(3);
  if (body.endsWith('整')) body = body.slice(0, -1);
  const yuanAt = body.indexOf('元');
  const intPart = yuanAt >= 0 ? body.slice(0, yuanAt) : '';
  const frac = yuanAt >= 0 ? body.slice(yuanAt + 1) : body;
  const section = (t: string): number => {
    let total = 0;
    let digit = 0;
    for (const ch of t) {
      if (ch in DIGIT) digit = DIGIT[ch]!;
      else if (ch in PLACE) {
        expect(digit, `${s}: a place without its digit`).toBeGreaterThan(0);
        total += digit * PLACE[ch]!;
        digit = 0;
      } else throw new Error(`unexpected ${ch} in ${s}`);
    }
    return total + digit;
  };
  let yuan = 0;
  let rest = intPart;
  for (const [unit, value] of [['万亿', 1e12], ['亿', 1e8], ['万', 1e4]] as const) {
    const at = rest.indexOf(unit);
    if (at >= 0) {
      yuan += section(rest.slice(0, at)) * value;
      rest = rest.slice(at + unit.length);
    }
  }
  yuan += section(rest);
  let jiao = 0;
  let cents = 0;
  const jm = /([壹贰叁肆伍陆柒捌玖])角/.exec(frac);
  if (jm) jiao = DIGIT[jm[1]!]!;
  const fm = /([壹贰叁肆伍陆柒捌玖])分/.exec(frac);
  if (fm) cents = DIGIT[fm[1]!]!;
  return yuan * 100 + jiao * 10 + cents;
}

describe('amountInChineseCapitals', () => {
  it('writes the examples of the rules for writing amounts', () => {
    // 《正确填写票据和结算凭证的基本规定》 gives these, each in the form chosen here.
    expect(amountInChineseCapitals(fen('1680.32'))).toBe('人民币壹仟陆佰捌拾元零叁角贰分');
    expect(amountInChineseCapitals(fen('107000.53'))).toBe('人民币壹拾万柒仟元零伍角叁分');
    expect(amountInChineseCapitals(fen('16409.02'))).toBe('人民币壹万陆仟肆佰零玖元零贰分');
    expect(amountInChineseCapitals(fen('325.04'))).toBe('人民币叁佰贰拾伍元零肆分');
  });

  it('writes 元, 角 and 分', () => {
    expect(amountInChineseCapitals(1234567)).toBe('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(amountInChineseCapitals(fen('12345.67'))).toBe('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(amountInChineseCapitals(fen('123456.78'))).toBe('人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分');
    expect(amountInChineseCapitals(fen('1.01'))).toBe('人民币壹元零壹分');
    expect(amountInChineseCapitals(fen('1.10'))).toBe('人民币壹元壹角整');
    expect(amountInChineseCapitals(fen('1.11'))).toBe('人民币壹元壹角壹分');
  });

  it('closes whole amounts (and amounts ending in 角) with 整, never after 分', () => {
    expect(amountInChineseCapitals(100)).toBe('人民币壹元整');
    expect(amountInChineseCapitals(fen('100'))).toBe('人民币壹佰元整');
    expect(amountInChineseCapitals(fen('10.50'))).toBe('人民币壹拾元零伍角整');
    expect(amountInChineseCapitals(fen('3.5'))).toBe('人民币叁元伍角整');
    expect(amountInChineseCapitals(fen('3.05'))).toBe('人民币叁元零伍分');
    expect(amountInChineseCapitals(fen('3.55')).endsWith('整')).toBe(false);
  });

  it('writes amounts below one 元 without 零元', () => {
    expect(amountInChineseCapitals(0)).toBe('人民币零元整');
    expect(amountInChineseCapitals(1)).toBe('人民币壹分');
    expect(amountInChineseCapitals(5)).toBe('人民币伍分');
    expect(amountInChineseCapitals(50)).toBe('人民币伍角整');
    expect(amountInChineseCapitals(55)).toBe('人民币伍角伍分');
  });

  it('writes 壹拾, never a bare 拾', () => {
    expect(amountInChineseCapitals(fen('10'))).toBe('人民币壹拾元整');
    expect(amountInChineseCapitals(fen('15'))).toBe('人民币壹拾伍元整');
    expect(amountInChineseCapitals(fen('110000'))).toBe('人民币壹拾壹万元整');
    expect(amountInChineseCapitals(fen('100000'))).toBe('人民币壹拾万元整');
  });

  it('writes one 零 for a run of zeros between digits, and none for trailing zeros', () => {
    expect(amountInChineseCapitals(fen('1001'))).toBe('人民币壹仟零壹元整');
    expect(amountInChineseCapitals(fen('1010'))).toBe('人民币壹仟零壹拾元整');
    expect(amountInChineseCapitals(fen('1100'))).toBe('人民币壹仟壹佰元整');
    expect(amountInChineseCapitals(fen('10005'))).toBe('人民币壹万零伍元整');
    expect(amountInChineseCapitals(fen('100500'))).toBe('人民币壹拾万零伍佰元整');
    expect(amountInChineseCapitals(fen('1000000'))).toBe('人民币壹佰万元整');
    expect(amountInChineseCapitals(fen('1005000'))).toBe('人民币壹佰万伍仟元整');
    expect(amountInChineseCapitals(fen('20000.05'))).toBe('人民币贰万元零伍分');
  });

  it('writes 亿 and 万亿 and the zeros across them', () => {
    expect(amountInChineseCapitals(fen('100000000'))).toBe('人民币壹亿元整');
    expect(amountInChineseCapitals(fen('100050000'))).toBe('人民币壹亿零伍万元整');
    expect(amountInChineseCapitals(fen('100000001'))).toBe('人民币壹亿零壹元整');
    expect(amountInChineseCapitals(fen('123456789.01'))).toBe('人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分');
    expect(amountInChineseCapitals(fen('1000000000000'))).toBe('人民币壹万亿元整');
    expect(amountInChineseCapitals(Number.MAX_SAFE_INTEGER)).toBe('人民币玖拾万亿零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分');
  });

  it('refuses what is not an amount on a ruling', () => {
    expect(() => amountInChineseCapitals(-1)).toThrow(/negative/);
    expect(() => amountInChineseCapitals(12.5)).toThrow(RangeError);
    expect(() => amountInChineseCapitals(Number.NaN)).toThrow(RangeError);
    expect(() => amountInChineseCapitals(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('reads back to the same amount for many amounts, with no doubled or trailing 零', () => {
    // A deterministic spread over every magnitude, with zero-rich values where 零 is decided.
    let seed = 20250304;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const samples: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + (next() % 15);
      let n = 0;
      for (let d = 0; d < digits; d++) n = n * 10 + (next() % 3 === 0 ? 0 : next() % 10);
      samples.push(n);
    }
    for (const n of samples.filter((x) => x > 0)) {
      const s = amountInChineseCapitals(n);
      expect(readCapitals(s), s).toBe(n);
      expect(s, s).not.toMatch(/零零|零元|零万|零亿|零整|零$/);
      expect(s.endsWith('整'), s).toBe(n % 10 === 0);
      expect(s, s).not.toMatch(/(人民币|[^壹贰叁肆伍陆柒捌玖])拾/);
    }
  });
});

describe('Chinese numerals and dates', () => {
  it('writes ordinals as spoken', () => {
    const cases: [number, string][] = [
      [1, '一'], [2, '二'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'],
      [99, '九十九'], [100, '一百'], [101, '一百零一'], [110, '一百一十'], [111, '一百一十一'], [1000, '一千'],
      [1001, '一千零一'], [1010, '一千零一十'], [9999, '九千九百九十九'], [10000, '一万'], [10010, '一万零一十'],
    ];
    for (const [n, s] of cases) expect(chineseNumber(n), String(n)).toBe(s);
    expect(() => chineseNumber(-1)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
  });

  it('writes the signature date with 〇 and spoken months and days', () => {
    expect(chineseDate('2025-03-04')).toBe('二〇二五年三月四日');
    expect(chineseDate('2020-10-10')).toBe('二〇二〇年十月十日');
    expect(chineseDate('2025-12-31')).toBe('二〇二五年十二月三十一日');
    expect(chineseDate('2000-01-20')).toBe('二〇〇〇年一月二十日');
    expect(chineseDate('2026-11-11')).toBe('二〇二六年十一月十一日');
    expect(() => chineseDate('2025-02-30')).toThrow(RangeError);
  });

  it('writes body dates in Arabic numerals without leading zeros', () => {
    expect(arabicDate('2025-03-04')).toBe('2025年3月4日');
    expect(arabicDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => arabicDate('2025/03/04')).toThrow(RangeError);
  });
});
