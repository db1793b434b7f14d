/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit
 * birth date, 3-digit sequence (odd for men), check character by ISO 7064 MOD 11-2.
 * The examples are built here with the published algorithm, independently of the code under test.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ageOn, parseResidentId, residentIdCheckChar, type ResidentId } from '../../../shared/ids/resident-id';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** GB 11643: sum of digit × weight, mod 11, indexes "10X98765432". */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}
const withCheck = (first17: string) => first17 + checkChar(first17);

const TODAY = '2025-06-30';

function parsed(input: string, today = TODAY): ResidentId {
  const r = parseResidentId(input, today);
  if (!r.ok) throw new Error(`refused ${input}: ${r.error.detail?.en}`);
  return r.value;
}

function reason(input: string, today = TODAY): { zh: string; en: string } {
  const r = parseResidentId(input, today);
  if (r.ok) throw new Error(`accepted ${input}`);
  expect(r.error.code).toBe('ID_NUMBER_INVALID');
  expect(r.error.field).toBe('idNumber');
  return r.error.detail!;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the check character', () => {
  it('matches the published algorithm', () => {
    expect(checkChar('11010519491231002')).toBe('X'); // the example printed in GB 11643
    expect(checkChar('52010219900307123')).toBe('6');
    let seed = 20250630;
    for (let n = 0; n < 2000; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        first17 += String(seed % 10);
      }
      expect(residentIdCheckChar(first17), first17).toBe(checkChar(first17));
    }
  });
});

describe('valid numbers', () => {
  it('reads a man born in Guiyang (Nanming) on 7 March 1990', () => {
    expect(withCheck('52010219900307123')).toBe('520102199003071236');
    expect(parsed('520102199003071236')).toEqual({
      text: '520102199003071236', regionCode: '520102', birthDate: '1990-03-07', sex: 'M',
    });
  });

  it('reads the standard example with an X check character (a woman, Beijing Chaoyang, 1949)', () => {
    expect(parsed('11010519491231002X')).toEqual({
      text: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'F',
    });
  });

  it('accepts a lower-case x and returns the upper-case form', () => {
    expect(parsed('11010519491231002x').text).toBe('11010519491231002X');
    expect(parsed(' 52010320000229013x ').text).toBe('52010320000229013X');
  });

  it('accepts a birth on 29 February of a leap year', () => {
    expect(withCheck('52010320000229013')).toBe('52010320000229013X');
    expect(parsed('52010320000229013X').birthDate).toBe('2000-02-29');
  });

  it('accepts Hong Kong, Macao and Taiwan residents’ codes 81, 82, 71', () => {
    for (const p of ['810000', '820000', '710000']) expect(parsed(withCheck(`${p}19800101001`)).regionCode).toBe(p);
  });

  it('accepts someone born today, in Beijing time', () => {
    expect(parsed(withCheck('52010220250630001')).birthDate).toBe('2025-06-30');
  });

  it('uses the Beijing date by default: at 01:00 on 1 July in Beijing a baby born that day is valid', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-06-30T17:00:00Z')); // 2025-07-01 01:00 CST
    expect(parseResidentId(withCheck('52010220250701001')).ok).toBe(true);
    expect(parseResidentId(withCheck('52010220250702001')).ok).toBe(false);
  });
});

describe('sex from the 17th digit: odd for men, even for women', () => {
  it.each([
    ['0', 'F'], ['1', 'M'], ['2', 'F'], ['3', 'M'], ['4', 'F'], ['5', 'M'], ['6', 'F'], ['7', 'M'], ['8', 'F'], ['9', 'M'],
  ] as const)('17th digit %s → %s', (digit, sex) => {
    expect(parsed(withCheck(`5201021990030712${digit}`)).sex).toBe(sex);
  });
});

describe('refusals say what is wrong', () => {
  it('a wrong check character names the expected one', () => {
    const r = reason('520102199003071237');
    expect(r.zh).toBe('第 18 位校验码应为 6，而不是 7');
    expect(r.en).toBe('check character should be 6, not 7');
  });

  it('names X when X is expected', () => {
    const r = reason('110105194912310021');
    expect(r.zh).toContain('校验码应为 X');
    expect(r.en).toBe('check character should be X, not 1');
  });

  it('every wrong check character is caught', () => {
    const first17 = '52010219900307123';
    for (const c of '0123456789X') {
      const r = parseResidentId(first17 + c, TODAY);
      expect(r.ok, first17 + c).toBe(c === '6');
    }
  });

  it('an impossible birth date such as 30 February 1990', () => {
    const r = reason(withCheck('52010219900230123'));
    expect(r.zh).toContain('出生日期“19900230”');
    expect(r.en).toBe('birth date "19900230" is not a possible date');
    expect(reason(withCheck('52010219901301123')).en).toContain('"19901301"');
    expect(reason(withCheck('52010220010229123')).en).toContain('"20010229"'); // 2001 is not a leap year
    expect(reason(withCheck('52010218991231123')).en).toContain('"18991231"');
  });

  it('a birth date in the future', () => {
    const r = reason(withCheck('52010220300101123'));
    expect(r.zh).toContain('出生日期“20300101”');
    expect(r.en).toContain('birth date "20300101"');
    expect(reason(withCheck('52010220250701001')).en).toContain('"20250701"'); // tomorrow
  });

  it('the wrong length', () => {
    expect(reason('52010219900307123').en).toBe('must have 18 characters, has 17');
    expect(reason('5201021990030712366').zh).toBe('应为 18 位，实际 19 位');
    expect(reason('520102900307123').en).toContain('has 15'); // the old 15-digit card
    expect(reason('').en).toContain('has 0');
  });

  it('letters where digits belong', () => {
    expect(reason('5201021990030712X6').en).toBe('the first 17 characters must be digits, the 18th a digit or X');
    expect(reason('52010219900307123Y').en).toContain('a digit or X');
  });

  it('a province code that does not exist', () => {
    const r = reason(withCheck('99010219900307123'));
    expect(r.zh).toBe('地址码“990102”的省级代码不存在');
    expect(r.en).toBe('address code "990102" has no such province');
    expect(reason(withCheck('00000019900307123')).en).toContain('"000000"');
    expect(reason(withCheck('20010219900307123')).en).toContain('"200102"');
  });
});

describe('age', () => {
  it('counts whole years, the birthday completing the year', () => {
    expect(ageOn('1990-03-07', '2025-03-06')).toBe(34);
    expect(ageOn('1990-03-07', '2025-03-07')).toBe(35);
    expect(ageOn('1990-03-07', '2025-12-31')).toBe(35);
  });

  it('tells a minor (not to be listed as dishonest) from an adult', () => {
    expect(ageOn('2007-07-01', '2025-06-30')).toBe(17);
    expect(ageOn('2007-07-01', '2025-07-01')).toBe(18);
  });

  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('works on a parsed birth date', () => {
    expect(ageOn(parsed('11010519491231002X').birthDate, '2025-06-30')).toBe(75);
  });
});
