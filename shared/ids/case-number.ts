/**
 * Case numbers (案号) per 最高人民法院《关于人民法院案件案号的若干规定》:
 * `(2025)黔0103执1234号` = (year) court code, type code, sequence 号.
 * Court code: province abbreviation alone for a high court, + 2 digits for an intermediate court,
 * + 4 for a basic court; the Supreme People's Court's own code is 最高法.
 * Enforcement type codes: 执 (implementation), 执恢 (resumed), 执保 (preservation), 执异 (objection),
 * 执复 (review), 执监 (supervision), 执协 (coordination), 执他 (other enforcement matters).
 */
import { appError } from '../errors';
import { err, ok, type Result } from '../result';

export const PROVINCE_ABBREVIATIONS = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新兵';
/** longest first where one is a prefix of another: 执 comes last */
export const CASE_TYPE_CODES = ['执恢', '执保', '执异', '执复', '执监', '执协', '执他', '执'] as const;
/** the Supreme People's Court's court code */
export const SPC_COURT = '最高法';
export type CaseTypeCode = (typeof CASE_TYPE_CODES)[number];

export const CASE_TYPE_NAMES: Record<CaseTypeCode, { zh: string; en: string }> = {
  执: { zh: '首次执行', en: 'enforcement' },
  执恢: { zh: '恢复执行', en: 'resumed enforcement' },
  执保: { zh: '财产保全执行', en: 'preservation' },
  执异: { zh: '执行异议', en: 'enforcement objection' },
  执复: { zh: '执行复议', en: 'enforcement review' },
  执监: { zh: '执行监督', en: 'enforcement supervision' },
  执协: { zh: '执行协调', en: 'enforcement coordination' },
  执他: { zh: '其他执行', en: 'other enforcement matter' },
};

const TYPE_LIST = CASE_TYPE_CODES.filter((t) => t !== '执').reduce((s, t) => `${s}、${t}`, '执');

export interface CaseNumber {
  /** normalised form with half-width parentheses */
  text: string;
  year: number;
  court: string;
  province: string;
  type: CaseTypeCode;
  sequence: number;
}

function fail(zh: string, en: string): Result<CaseNumber> {
  return err(appError('CASE_NUMBER_INVALID', { zh, en }, 'caseNumber'));
}

export function parseCaseNumber(input: string, opts: { maxYear?: number } = {}): Result<CaseNumber> {
  const s = input.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  if (!s) return fail('案号不能为空', 'the case number is empty');
  const ym = /^\((\d+)\)/.exec(s);
  if (!ym) return fail('案号应以“(年份)”开头，例如 (2025)黔0103执1234号', 'a case number starts with "(year)", e.g. (2025)黔0103执1234号');
  const yearText = ym[1]!;
  const year = Number(yearText);
  const maxYear = opts.maxYear ?? new Date().getUTCFullYear() + 1;
  if (yearText.length !== 4 || year < 1990 || year > maxYear) {
    return fail(`年份“${yearText}”不合理（应为 1990–${maxYear} 的四位数）`, `year "${yearText}" is implausible (four digits, 1990–${maxYear})`);
  }
  let rest = s.slice(ym[0].length);
  const spc = rest.startsWith(SPC_COURT);
  const province = spc ? '' : rest[0] ?? '';
  if (!spc && (!province || !PROVINCE_ABBREVIATIONS.includes(province))) {
    return fail(`“${province || '（缺失）'}”不是省级行政区简称，也不是最高人民法院的代字“最高法”`, `"${province || '(missing)'}" is neither a province abbreviation nor the Supreme People's Court's code 最高法`);
  }
  rest = rest.slice(spc ? SPC_COURT.length : 1);
  const digits = spc ? '' : /^\d*/.exec(rest)![0];
  if (![0, 2, 4].includes(digits.length)) {
    return fail(`法院代字“${province}${digits}”应为简称加 2 位或 4 位数字`, `court code "${province}${digits}" must be the abbreviation plus 2 or 4 digits`);
  }
  rest = rest.slice(digits.length);
  const type = CASE_TYPE_CODES.find((t) => rest.startsWith(t));
  if (!type) {
    const shown = rest.replace(/\d.*$/, '');
    return fail(
      `类型代字“${shown || '（缺失）'}”不是执行案件类型（${TYPE_LIST}）`,
      `type code "${shown || '(missing)'}" is not an enforcement type (${TYPE_LIST.replace(/、/g, ', ')})`,
    );
  }
  rest = rest.slice(type.length);
  const sm = /^(\d+)号$/.exec(rest);
  if (!sm) {
    return fail('案号应以“序号+号”结尾，例如 1234号', 'a case number ends with the sequence and 号, e.g. 1234号');
  }
  const seqText = sm[1]!;
  if (seqText.startsWith('0') || seqText.length > 6) {
    return fail(`序号“${seqText}”不正确（不以 0 开头，最多 6 位）`, `sequence "${seqText}" is wrong (no leading zero, at most 6 digits)`);
  }
  const court = spc ? SPC_COURT : province + digits;
  return ok({ text: `(${year})${court}${type}${seqText}号`, year, court, province, type, sequence: Number(seqText) });
}

export function formatCaseNumber(c: Pick<CaseNumber, 'year' | 'court' | 'type' | 'sequence'>): string {
  return `(${c.year})${c.court}${c.type}${c.sequence}号`;
}
