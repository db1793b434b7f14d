/**
 * What a rule check says when it refuses: a stable code the program can act on, and the same
 * sentence in zh-CN and English for the judge (docs/architecture.md §3).
 */
import { assertFen, formatYuanSymbol, type Fen } from '../money';
import { parseIsoDate, type IsoDate } from '../dates';

export interface RuleViolation<Code extends string = string> {
  code: Code;
  /** zh-CN wording for the judge */
  zh: string;
  /** English wording */
  en: string;
}

/** "¥12,345.00", the form a judge reads on a ruling. */
export const yuan = (fen: Fen): string => formatYuanSymbol(fen);

/** Amounts reach the rules as integer fen or not at all: a float here is a bug upstream. */
export function fen(v: number, what: string): Fen {
  return assertFen(v, what);
}

/** A civil date 'YYYY-MM-DD' that exists, or a RangeError naming the argument. */
export function isoDate(v: string, what: string): IsoDate {
  const r = parseIsoDate(v);
  if (!r.ok || r.value !== v) throw new RangeError(`${what} must be a date 'YYYY-MM-DD', got ${JSON.stringify(v)}`);
  return v;
}
