/**
 * Document numbers (文书编号). Every document issued in a case carries the case number; the
 * second and later documents of the same case add an ordinal: (2025)黔0103执1234号之一,
 * …之二, …之十一, so that each document of a case has a number of its own.
 */
import { parseCaseNumber } from '../ids/case-number';
import { chineseNumber } from './numerals';

/** The highest ordinal a case may reach; far above anything a real case issues. */
export const MAX_DOCUMENT_SEQ = 9999;

/**
 * `documentNumber('(2025)黔0103执1234号', 1)` → `(2025)黔0103执1234号之一`.
 * The case number is normalised (full-width parentheses accepted) and must be a valid
 * enforcement case number; seq is 1, 2, 3 … in the order the case's documents are issued.
 */
export function documentNumber(caseNumber: string, seq: number): string {
  const c = parseCaseNumber(caseNumber, { maxYear: 2999 });
  if (!c.ok) throw new RangeError(`not a case number: ${caseNumber} (${c.error.detail?.en ?? c.error.messageEn})`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_DOCUMENT_SEQ) {
    throw new RangeError(`a document ordinal is a whole number from 1 to ${MAX_DOCUMENT_SEQ}, got ${seq}`);
  }
  return `${c.value.text}之${chineseNumber(seq)}`;
}

/** Splits a document number back into case number and ordinal (0 when it has none). */
export function parseDocumentNumber(number: string): { caseNumber: string; seq: number } | null {
  const m = /^(.*号)(?:之([零一二三四五六七八九十百千]+))?$/.exec(number.trim());
  if (!m) return null;
  const c = parseCaseNumber(m[1]!, { maxYear: 2999 });
  if (!c.ok) return null;
  if (m[2] === undefined) return { caseNumber: c.value.text, seq: 0 };
  const seq = parseChineseOrdinal(m[2]);
  // Only the spelling documentNumber writes counts (一十一 or 十一零 are not ordinals).
  if (seq === null || seq < 1 || seq > MAX_DOCUMENT_SEQ || chineseNumber(seq) !== m[2]) return null;
  return { caseNumber: c.value.text, seq };
}

const DIGIT_VALUE: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const PLACE_VALUE: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十一 → 11, 一百零一 → 101; null for anything else. */
function parseChineseOrdinal(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT_VALUE) {
      if (digit !== null && ch !== '零') return null;
      digit = ch === '零' ? null : DIGIT_VALUE[ch]!;
    } else if (ch in PLACE_VALUE) {
      total += (digit ?? 1) * PLACE_VALUE[ch]!;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}
