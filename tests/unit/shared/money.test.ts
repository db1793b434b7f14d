/**
 * Money is integer fen (分). These tests pin the formats a judge sees and types, and show that no
 * floating-point value ever stands for an amount.
 */
import { describe, expect, it } from 'vitest';
import { assertFen, fenToYuanString, formatYuan, formatYuanSymbol, isFen, parseYuan, sumFen } from '../../../shared/money';

/** The parsed amount, or the test fails with the parser's own message. */
function fen(input: string): number {
  const r = parseYuan(input);
  if (!r.ok) throw new Error(`parseYuan(${JSON.stringify(input)}) refused: ${r.error.detail?.en}`);
  return r.value;
}

describe('an amount is a whole number of fen', () => {
  it('accepts safe integers and nothing else', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(123456)).toBe(true);
    expect(isFen(-500)).toBe(true);
    expect(isFen(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isFen(12.5)).toBe(false);
    expect(isFen(0.1 + 0.2)).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isFen(Number.NaN)).toBe(false);
    expect(isFen(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(null)).toBe(false);
  });

  it('assertFen names the amount it refuses', () => {
    expect(assertFen(100)).toBe(100);
    expect(() => assertFen(1.5, 'amountOwed')).toThrow(/amountOwed must be integer fen, got 1.5/);
  });
});

describe('formatting for the judge', () => {
  it('shows ¥1,234.56 and 1,234.56元', () => {
    expect(formatYuanSymbol(123456)).toBe('¥1,234.56');
    expect(formatYuan(123456)).toBe('1,234.56元');
  });

  it('always shows two decimals and groups thousands', () => {
    expect(formatYuanSymbol(0)).toBe('¥0.00');
    expect(formatYuanSymbol(7)).toBe('¥0.07');
    expect(formatYuanSymbol(70)).toBe('¥0.70');
    expect(formatYuanSymbol(100)).toBe('¥1.00');
    expect(formatYuanSymbol(99999)).toBe('¥999.99');
    expect(formatYuanSymbol(100000)).toBe('¥1,000.00');
    expect(formatYuan(123456789012)).toBe('1,234,567,890.12元');
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91元');
  });

  it('puts the minus sign before the currency sign', () => {
    expect(formatYuanSymbol(-123456)).toBe('-¥1,234.56');
    expect(formatYuan(-123456)).toBe('-1,234.56元');
    expect(formatYuanSymbol(-7)).toBe('-¥0.07');
    expect(fenToYuanString(-100000)).toBe('-1,000.00');
  });

  it('can leave out the thousands separators', () => {
    expect(fenToYuanString(123456)).toBe('1,234.56');
    expect(fenToYuanString(123456, false)).toBe('1234.56');
  });

  it('refuses to format a fraction of a fen', () => {
    expect(() => formatYuan(12.5)).toThrow(RangeError);
    expect(() => formatYuanSymbol(Number.NaN)).toThrow(RangeError);
  });
});

describe('parsing what a judge types or an agency sends', () => {
  it('reads grouped amounts, currency signs and 元', () => {
    expect(fen('1,234.5')).toBe(123450);
    expect(fen('1,234.56')).toBe(123456);
    expect(fen('¥0.07')).toBe(7);
    expect(fen('￥1,234.56')).toBe(123456); // full-width yen sign
    expect(fen('12元')).toBe(1200);
    expect(fen('1234.56元')).toBe(123456);
    expect(fen('  88.8  ')).toBe(8880);
    expect(fen('0')).toBe(0);
    expect(fen('1,000,000')).toBe(100000000);
    expect(fen('-5.5')).toBe(-550);
  });

  it('yields exact integers where float arithmetic would not', () => {
    // 0.29 * 100 === 28.999999999999996 and 4.35 * 100 === 434.99999999999994 in floating point.
    expect(0.29 * 100).not.toBe(29);
    expect(fen('0.29')).toBe(29);
    expect(fen('4.35')).toBe(435);
    expect(fen('1.10')).toBe(110);
    expect(fen('19.99')).toBe(1999);
    expect(fen('0.57')).toBe(57); // 0.57 * 100 === 56.99999999999999
  });

  it('round-trips every amount it formats', () => {
    const wrong: string[] = [];
    const amounts = [...Array.from({ length: 25_001 }, (_, i) => i), 999_999_999_999_999, 123_456_789_012_345, 100_000_000_000_001];
    for (const f of amounts) {
      for (const shown of [fenToYuanString(f), fenToYuanString(f, false), formatYuanSymbol(f), formatYuan(f)]) {
        if (fen(shown) !== f) wrong.push(`${f} → ${shown} → ${fen(shown)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('accepts up to 13 digits of yuan, which stay within safe integers', () => {
    expect(fen('9,999,999,999,999.99')).toBe(999_999_999_999_999);
    expect(parseYuan('10000000000000').ok).toBe(false);
  });

  it.each([
    ['1.234', 'three decimals'],
    ['abc', 'not a number'],
    ['', 'empty'],
    ['¥', 'a sign without an amount'],
    ['1.', 'a dangling point'],
    ['.5', 'no yuan digits'],
    ['1e3', 'exponent notation'],
    ['0x10', 'hexadecimal'],
    ['Infinity', 'infinity'],
    ['NaN', 'NaN'],
    ['12.3.4', 'two points'],
    ['1 234', 'a space inside'],
    ['1,23', 'a comma that is not a thousands separator'],
    ['12,34.5', 'misplaced grouping'],
    ['1,2345', 'a group of four'],
    ['一百元', 'Chinese numerals'],
  ])('refuses %j (%s)', (input) => {
    const r = parseYuan(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('MONEY_INVALID');
    expect(r.error.detail?.zh).toContain(`“${input}”`);
    expect(r.error.detail?.zh).toContain('最多两位小数');
    expect(r.error.detail?.en).toContain('at most two decimals');
  });
});

describe('sums', () => {
  it('adds many cents exactly', () => {
    const cents = Array.from({ length: 100_000 }, () => fen('0.01'));
    expect(sumFen(cents)).toBe(100_000);
    expect(formatYuan(sumFen(cents))).toBe('1,000.00元');

    // The same sum in floating-point yuan drifts; that is why amounts are never held that way.
    let yuan = 0;
    for (let i = 0; i < 100_000; i++) yuan += 0.01;
    expect(yuan).not.toBe(1000);
  });

  it('adds amounts of every size exactly', () => {
    const amounts = ['0.29', '4.35', '1,234.56', '0.07', '99,999,999.99'].map(fen);
    expect(sumFen(amounts)).toBe(29 + 435 + 123456 + 7 + 9_999_999_999);
    expect(sumFen([])).toBe(0);
    expect(sumFen(new Set([100, -40]))).toBe(60);
  });

  it('refuses a fraction of a fen and an overflow', () => {
    expect(() => sumFen([100, 0.5])).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(/overflow/);
  });
});
