/**
 * Case numbers (案号) such as (2025)黔0103执1234号: year, court code, enforcement type code,
 * sequence. Every refusal says exactly what is wrong, in Chinese and in English.
 */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/errors';
import {
  CASE_TYPE_CODES, CASE_TYPE_NAMES, formatCaseNumber, parseCaseNumber, PROVINCE_ABBREVIATIONS, type CaseNumber,
} from '../../../shared/ids/case-number';

const opts = { maxYear: 2026 };

function parsed(input: string): CaseNumber {
  const r = parseCaseNumber(input, opts);
  if (!r.ok) throw new Error(`refused ${input}: ${r.error.detail?.en}`);
  return r.value;
}

/** The precise reason for a refusal, in both languages. */
function reason(input: string): { zh: string; en: string } {
  const r = parseCaseNumber(input, opts);
  if (r.ok) throw new Error(`accepted ${input}`);
  expect(r.error.code).toBe('CASE_NUMBER_INVALID');
  expect(r.error.field).toBe('caseNumber');
  expect(r.error.detail).toBeDefined();
  return r.error.detail!;
}

describe('valid case numbers', () => {
  it('reads (2025)黔0103执1234号', () => {
    expect(parsed('(2025)黔0103执1234号')).toEqual({
      text: '(2025)黔0103执1234号', year: 2025, court: '黔0103', province: '黔', type: '执', sequence: 1234,
    });
  });

  it('normalises full-width parentheses and stray spaces', () => {
    expect(parsed('（2025）黔0103执1234号').text).toBe('(2025)黔0103执1234号');
    expect(parsed('（2025)黔0103执1234号').text).toBe('(2025)黔0103执1234号');
    expect(parsed('  (2025) 黔0103 执 1234号 ').text).toBe('(2025)黔0103执1234号');
  });

  it.each(CASE_TYPE_CODES.map((t) => [t]))('accepts the enforcement type code %s', (type) => {
    const c = parsed(`(2024)黔01${type}77号`);
    expect(c.type).toBe(type);
    expect(c.sequence).toBe(77);
    expect(CASE_TYPE_NAMES[c.type].zh).toMatch(/执行|保全/);
  });

  it('knows all eight enforcement types and no others', () => {
    expect([...CASE_TYPE_CODES].sort()).toEqual(['执', '执保', '执复', '执异', '执恢', '执监', '执协', '执他'].sort());
  });

  it('reads 执恢 as resumed enforcement, not as 执 followed by garbage', () => {
    expect(parsed('(2025)黔0103执恢12号').type).toBe('执恢');
    expect(CASE_TYPE_NAMES['执恢'].en).toBe('resumed enforcement');
  });

  it('accepts court codes of a high (0 digits), intermediate (2) and basic (4) court', () => {
    expect(parsed('(2025)黔执1号').court).toBe('黔');
    expect(parsed('(2025)黔01执1号').court).toBe('黔01');
    expect(parsed('(2025)黔0103执1号').court).toBe('黔0103');
  });

  it('accepts every province-level abbreviation, and 兵 for the Production and Construction Corps', () => {
    expect(PROVINCE_ABBREVIATIONS).toHaveLength(32);
    for (const p of PROVINCE_ABBREVIATIONS) expect(parsed(`(2025)${p}01执1号`).province).toBe(p);
  });

  it('accepts the first and the largest sequence numbers', () => {
    expect(parsed('(2025)黔0103执1号').sequence).toBe(1);
    expect(parsed('(2025)黔0103执999999号').sequence).toBe(999999);
  });

  it('formats back to the same text', () => {
    for (const s of ['(2025)黔0103执1234号', '(2019)京执监5号', '(2026)粤03执保88号']) {
      expect(formatCaseNumber(parsed(s))).toBe(s);
    }
  });

  it('accepts next year by default (cases filed around New Year)', () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(parseCaseNumber(`(${next})黔0103执1号`).ok).toBe(true);
    expect(parseCaseNumber(`(${next + 1})黔0103执1号`).ok).toBe(false);
  });
});

describe('refusals say what is wrong', () => {
  it('empty', () => {
    const r = reason('  ');
    expect(r.zh).toContain('不能为空');
    expect(r.en).toContain('empty');
  });

  it('missing parentheses around the year', () => {
    const r = reason('2025黔0103执1234号');
    expect(r.zh).toContain('应以“(年份)”开头');
    expect(r.en).toContain('starts with "(year)"');
    expect(r.en).toContain('(2025)黔0103执1234号'); // shows an example
  });

  it('a year of three digits', () => {
    const r = reason('(202)黔0103执1234号');
    expect(r.zh).toContain('年份“202”');
    expect(r.zh).toContain('四位数');
    expect(r.en).toContain('year "202"');
    expect(r.en).toContain('four digits');
  });

  it('an implausible year, too early or too late', () => {
    const early = reason('(1989)黔0103执1234号');
    expect(early.zh).toContain('年份“1989”不合理');
    expect(early.zh).toContain('1990–2026');
    expect(early.en).toContain('year "1989" is implausible');
    const late = reason('(2099)黔0103执1234号');
    expect(late.en).toContain('year "2099" is implausible');
    expect(late.en).toContain('1990–2026');
  });

  it('an unknown province abbreviation', () => {
    const r = reason('(2025)华0103执1234号');
    expect(r.zh).toBe('“华”不是省级行政区简称，也不是最高人民法院的代字“最高法”');
    expect(r.en).toBe('"华" is neither a province abbreviation nor the Supreme People\'s Court\'s code 最高法');
    expect(reason('(2025)').en).toContain('(missing)');
  });

  it('a court code with three digits', () => {
    const r = reason('(2025)黔010执1234号');
    expect(r.zh).toContain('法院代字“黔010”');
    expect(r.zh).toContain('2 位或 4 位数字');
    expect(r.en).toContain('court code "黔010"');
    expect(r.en).toContain('2 or 4 digits');
    expect(reason('(2025)黔01031执1234号').en).toContain('court code "黔01031"');
  });

  it('a type code that is not enforcement, such as 民初', () => {
    const r = reason('(2025)黔0103民初1234号');
    expect(r.zh).toContain('类型代字“民初”不是执行案件类型');
    expect(r.en).toContain('type code "民初" is not an enforcement type');
    expect(r.en).toContain('执, 执恢, 执保, 执异, 执复, 执监');
    expect(reason('(2025)黔0103刑终5号').en).toContain('type code "刑终"');
  });

  it('a missing type code', () => {
    expect(reason('(2025)黔0103').zh).toContain('类型代字“（缺失）”');
    expect(reason('(2025)黔0103号').en).toContain('type code "号" is not an enforcement type');
  });

  it('a sequence with a leading zero', () => {
    const r = reason('(2025)黔0103执01234号');
    expect(r.zh).toContain('序号“01234”');
    expect(r.zh).toContain('不以 0 开头');
    expect(r.en).toContain('sequence "01234"');
    expect(r.en).toContain('no leading zero');
    expect(reason('(2025)黔0103执0号').en).toContain('sequence "0"');
  });

  it('a sequence longer than six digits', () => {
    expect(reason('(2025)黔0103执1234567号').en).toContain('at most 6 digits');
  });

  it('a missing 号', () => {
    const r = reason('(2025)黔0103执1234');
    expect(r.zh).toContain('应以“序号+号”结尾');
    expect(r.en).toContain('ends with the sequence and 号');
  });

  it('a missing sequence, or something after 号', () => {
    expect(reason('(2025)黔0103执号').en).toContain('ends with the sequence and 号');
    expect(reason('(2025)黔0103执1234号之一').en).toContain('ends with the sequence and 号');
  });

  it('reads as one line for the judge in either language', () => {
    const r = parseCaseNumber('(2025)黔0103民初1234号', opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describeError(r.error, 'zh')).toBe('案号格式不正确：类型代字“民初”不是执行案件类型（执、执恢、执保、执异、执复、执监、执协、执他）');
    expect(describeError(r.error, 'en')).toBe('The case number is malformed: type code "民初" is not an enforcement type (执, 执恢, 执保, 执异, 执复, 执监, 执协, 执他)');
  });
});
