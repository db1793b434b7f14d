/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters over 0-9 and A-Z
 * without I, O, S, V, Z; the last is a check character (weights below, mod 31).
 * The examples are built here with the published algorithm, independently of the code under test.
 */
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, parseCreditCode, type CreditCode } from '../../../shared/ids/credit-code';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100: 31 − (Σ value × weight mod 31), where 31 stands for 0. */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}
const withCheck = (first17: string) => first17 + checkChar(first17);

function parsed(input: string): CreditCode {
  const r = parseCreditCode(input);
  if (!r.ok) throw new Error(`refused ${input}: ${r.error.detail?.en}`);
  return r.value;
}

function reason(input: string): { zh: string; en: string } {
  const r = parseCreditCode(input);
  if (r.ok) throw new Error(`accepted ${input}`);
  expect(r.error.code).toBe('CREDIT_CODE_INVALID');
  expect(r.error.field).toBe('idNumber');
  return r.error.detail!;
}

describe('the character set and check character', () => {
  it('has 31 characters, never I, O, S, V or Z', () => {
    expect(CREDIT_CODE_CHARSET).toBe(CHARSET);
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const c of 'IOSVZ') expect(CREDIT_CODE_CHARSET).not.toContain(c);
  });

  it('matches the published algorithm', () => {
    expect(checkChar('91350100M000100Y4')).toBe('3');
    let seed = 32100;
    for (let n = 0; n < 2000; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        first17 += CHARSET[seed % 31];
      }
      expect(creditCodeCheckChar(first17), first17).toBe(checkChar(first17));
    }
  });

  it('can be any character of the set, including 0 (sum divisible by 31)', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 31 * 31 && seen.size < 31; n++) {
      seen.add(checkChar(`91520100MA${CHARSET[Math.floor(n / 31)]}${CHARSET[n % 31]}00000`));
    }
    expect([...seen].sort().join('')).toBe([...CHARSET].sort().join(''));
  });
});

describe('valid codes', () => {
  it('reads the well-known code 91350100M000100Y43', () => {
    expect(parsed('91350100M000100Y43')).toEqual({
      text: '91350100M000100Y43', authority: '9', category: '1', regionCode: '350100',
    });
  });

  it('reads codes built with the algorithm', () => {
    expect(withCheck('91520100MA6DMAL2Q')).toBe('91520100MA6DMAL2Q5');
    expect(parsed('91520100MA6DMAL2Q5').regionCode).toBe('520100');
    expect(withCheck('12520000MB1234567')).toBe('12520000MB1234567F');
    expect(parsed('12520000MB1234567F')).toMatchObject({ authority: '1', category: '2' }); // a public institution
    expect(parsed(withCheck('52520103MJ0000001')).authority).toBe('5'); // a social organisation
  });

  it('accepts lower case and surrounding spaces, returning the canonical form', () => {
    expect(parsed(' 91350100m000100y43 ').text).toBe('91350100M000100Y43');
  });
});

describe('refusals say what is wrong', () => {
  it('a wrong check character names the expected one', () => {
    const r = reason('91350100M000100Y44');
    expect(r.zh).toBe('第 18 位校验码应为 3，而不是 4');
    expect(r.en).toBe('check character should be 3, not 4');
  });

  it('every wrong check character is caught', () => {
    for (const c of CHARSET) expect(parseCreditCode(`91350100M000100Y4${c}`).ok).toBe(c === '3');
  });

  it('a single changed character is caught by the check', () => {
    const good = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      if (i >= 2 && i < 8) continue; // the division code must stay digits; covered below
      for (const c of CHARSET) {
        if (c === good[i]) continue;
        expect(parseCreditCode(good.slice(0, i) + c + good.slice(i + 1)).ok).toBe(false);
      }
    }
  });

  it.each([
    ['I', 16, '91350100M000100I43'],
    ['O', 9, '91350100O000100Y43'],
    ['S', 1, 'S1350100M000100Y43'],
    ['V', 12, '91350100M00V100Y43'],
    ['Z', 18, '91350100M000100Y4Z'],
  ])('names the forbidden letter %s and its position %i', (letter, position, code) => {
    const r = reason(code);
    expect(r.zh).toBe(`第 ${position} 位“${letter}”不是允许的字符（不含 I、O、S、V、Z）`);
    expect(r.en).toBe(`character ${position} "${letter}" is not allowed (I, O, S, V, Z are never used)`);
  });

  it('names a forbidden letter typed in lower case', () => {
    expect(reason('91350100m000100o43').en).toContain('character 16 "O"');
  });

  it('refuses punctuation and full-width characters', () => {
    expect(reason('91350100-000100Y43').en).toContain('character 9 "-"');
    expect(reason('９1350100M000100Y43').en).toContain('character 1');
  });

  it('a division code (characters 3–8) that is not digits', () => {
    const r = reason(withCheck('9135010AM000100Y4'));
    expect(r.zh).toContain('行政区划码“35010A”');
    expect(r.en).toBe('division code "35010A" (characters 3–8) must be digits');
  });

  it('the wrong length', () => {
    expect(reason('91350100M000100Y4').en).toBe('must have 18 characters, has 17');
    expect(reason('91350100M000100Y433').zh).toBe('应为 18 位，实际 19 位');
    expect(reason('').en).toContain('has 0');
    expect(reason('350100M00010').en).toContain('has 12'); // an old organisation code is not enough
  });
});
