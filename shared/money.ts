/**
 * Money is integer fen (分), never floating point. 1 元 = 100 分.
 */
import { appError } from './errors';
import { err, ok, type Result } from './result';

export type Fen = number;

export function isFen(v: unknown): v is Fen {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function assertFen(v: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be integer fen, got ${v}`);
  return v;
}

/** Adds amounts exactly; throws if a sum leaves the safe-integer range. */
export function sumFen(values: Iterable<Fen>): Fen {
  let s = 0;
  for (const v of values) {
    assertFen(v);
    s += v;
    if (!Number.isSafeInteger(s)) throw new RangeError('sum overflow');
  }
  return s;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123456 → "1,234.56" (no symbol). */
export function fenToYuanString(fen: Fen, grouping = true): string {
  assertFen(fen);
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${grouping ? groupThousands(yuan) : yuan}.${cents}`;
}

/** 123456 → "¥1,234.56" */
export function formatYuanSymbol(fen: Fen): string {
  const s = fenToYuanString(fen);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/** 123456 → "1,234.56元" */
export function formatYuan(fen: Fen): string {
  return `${fenToYuanString(fen)}元`;
}

/**
 * Parses an amount typed by a judge or sent by an agency in 元: "1234.5", "1,234.56", "¥1,234.56",
 * "1234.56元". At most two decimals; no float arithmetic is involved.
 */
export function parseYuan(input: string): Result<Fen> {
  const body = input.trim().replace(/^[¥￥]/, '').replace(/元$/, '').trim();
  // Commas only as thousands separators: "1,234.5" yes, "1,23" (a decimal comma?) no.
  const grouped = !body.includes(',') || /^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(body);
  const s = body.replace(/,/g, '');
  const m = grouped ? /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s) : null;
  if (!m) {
    return err(appError('MONEY_INVALID', {
      zh: `“${input}”不是有效金额（最多两位小数）`,
      en: `"${input}" is not an amount (at most two decimals)`,
    }));
  }
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return ok(m[1] && fen !== 0 ? -fen : fen);
}
