/**
 * Strict readers for agency feedback: each checks one value against the agency's documented
 * format and throws FeedbackFormatError naming the path when it does not match. Nothing is
 * guessed: a format change at an agency must surface as an error, not as a wrong balance.
 * Money becomes integer fen through shared/money parseYuan, never through floating point.
 */
import type { ChannelId } from '../../../shared/domain/channels';
import { parseIsoDate } from '../../../shared/dates';
import { parseYuan, type Fen } from '../../../shared/money';
import { FeedbackFormatError } from '../types';

export type Obj = Record<string, unknown>;

export class Strict {
  constructor(readonly channel: ChannelId) {}

  fail(path: string, message: string): never {
    throw new FeedbackFormatError(this.channel, `${path}: ${message}`);
  }

  obj(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'expected an object');
    return v as Obj;
  }

  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected a list');
    return v;
  }

  /** a string, possibly empty */
  str(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'expected a string');
    return v;
  }

  /** a non-empty string */
  text(v: unknown, path: string): string {
    const s = this.str(v, path);
    if (s.trim() === '') this.fail(path, 'is empty');
    return s;
  }

  int(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(path, 'expected an integer');
    return v;
  }

  /** a literal the format fixes (a success code, a unit) */
  literal<T extends string | number | boolean>(v: unknown, expected: T, path: string): T {
    if (v !== expected) this.fail(path, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(v)}`);
    return expected;
  }

  oneOf<T extends string>(v: unknown, options: readonly T[], path: string): T {
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) this.fail(path, `expected one of ${options.join(', ')}`);
    return v as T;
  }

  /** lookup in a code table */
  code<T>(v: unknown, table: Record<string, T>, path: string): T {
    if (typeof v !== 'string' || !Object.hasOwn(table, v)) this.fail(path, `unknown code ${JSON.stringify(v)}`);
    return table[v]!;
  }

  /** non-negative integer fen as a number */
  fen(v: unknown, path: string): Fen {
    const n = this.int(v, path);
    if (n < 0) this.fail(path, 'negative amount');
    return n;
  }

  /** non-negative integer fen as a digit string ("1234567") */
  fenString(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    if (!/^(0|[1-9]\d{0,15})$/.test(s)) this.fail(path, `"${s}" is not an amount in fen`);
    const n = Number(s);
    if (!Number.isSafeInteger(n)) this.fail(path, 'amount out of range');
    return n;
  }

  private yuanFrom(s: string, path: string): Fen {
    const r = parseYuan(s);
    if (!r.ok) this.fail(path, `"${s}" is not an amount`);
    return r.value;
  }

  /** 元 with exactly two decimals: "1234.56" */
  yuan(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    if (!/^\d+\.\d{2}$/.test(s)) this.fail(path, `"${s}" is not 元 with two decimals`);
    return this.yuanFrom(s, path);
  }

  /** 元 grouped by thousands: "1,234.56" */
  yuanGrouped(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    if (!/^\d{1,3}(,\d{3})*\.\d{2}$/.test(s)) this.fail(path, `"${s}" is not a grouped 元 amount`);
    return this.yuanFrom(s, path);
  }

  /** 元 with the unit written after it: "1234.56元" */
  yuanSuffixed(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    if (!/^\d+\.\d{2}元$/.test(s)) this.fail(path, `"${s}" is not "元" amount`);
    return this.yuanFrom(s.slice(0, -1), path);
  }

  /** 元 with four decimals whose last two must be zero: "1234.5600" (sub-fen is refused) */
  yuan4(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    const m = /^(\d+\.\d{2})(\d{2})$/.exec(s);
    if (!m) this.fail(path, `"${s}" is not 元 with four decimals`);
    if (m[2] !== '00') this.fail(path, `"${s}" has a fraction of a fen`);
    return this.yuanFrom(m[1]!, path);
  }

  /** 万元 with six decimals: "12.345678" 万元 = 123456.78 元 */
  wanYuan6(v: unknown, path: string): Fen {
    const s = this.str(v, path);
    const m = /^(\d+)\.(\d{6})$/.exec(s);
    if (!m) this.fail(path, `"${s}" is not 万元 with six decimals`);
    const intYuan = `${m[1]}${m[2]!.slice(0, 4)}`.replace(/^0+(?=\d)/, '');
    return this.yuanFrom(`${intYuan}.${m[2]!.slice(4)}`, path);
  }

  /** a civil date in one of the agencies' spellings, returned as YYYY-MM-DD */
  date(v: unknown, style: 'iso' | 'compact' | 'slash' | 'chinese', path: string): string {
    const s = this.str(v, path);
    const re = { iso: /^(\d{4})-(\d{2})-(\d{2})$/, compact: /^(\d{4})(\d{2})(\d{2})$/, slash: /^(\d{4})\/(\d{2})\/(\d{2})$/, chinese: /^(\d{4})年(\d{2})月(\d{2})日$/ }[style];
    const m = re.exec(s);
    if (!m) this.fail(path, `"${s}" is not a date`);
    const d = parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (!d.ok) this.fail(path, `"${s}" is not a date`);
    return d.value;
  }

  /** China Standard Time "YYYY-MM-DD HH:mm:ss" → ISO instant (UTC) */
  cstDateTime(v: unknown, path: string): string {
    const s = this.str(v, path);
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
    if (!m || !parseIsoDate(m[1]!).ok || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) this.fail(path, `"${s}" is not a date-time`);
    return new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}+08:00`).toISOString();
  }

  /** a civil date at CST midnight, as an ISO instant */
  dateInstant(date: string): string {
    return new Date(`${date}T00:00:00+08:00`).toISOString();
  }

  /** Unix seconds → ISO instant */
  unixSeconds(v: unknown, path: string): string {
    const n = this.int(v, path);
    if (n <= 0) this.fail(path, 'not a time');
    return new Date(n * 1000).toISOString();
  }

  /** a record count the agency states must match what it delivered */
  count(stated: number, actual: number, path: string): void {
    if (stated !== actual) this.fail(path, `states ${stated} records but ${actual} were delivered`);
  }
}

/**
 * Removes records delivered twice (some gateways repeat a record). Same key and same content is
 * a duplicate; same key with different content is a contradiction and is refused.
 */
export function dedupe<T>(s: Strict, items: T[], key: (t: T) => string, what: string): T[] {
  const seen = new Map<string, string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it);
    const body = JSON.stringify(it);
    const prev = seen.get(k);
    if (prev === undefined) {
      seen.set(k, body);
      out.push(it);
    } else if (prev !== body) {
      s.fail(what, 'two different records share one identifier');
    }
  }
  return out;
}
