/**
 * Chinese numerals as court documents write them: capitals (大写) for money, ordinary numerals
 * for document ordinals (之一, 之十一) and for the date under the signature (二〇二五年三月四日).
 */
import { parseIsoDate, type IsoDate } from '../dates';
import { assertFen, type Fen } from '../money';

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
/** Places inside a group of four digits, lowest first. */
const CAPITAL_PLACES = ['', '拾', '佰', '仟'] as const;
/** Group units, lowest first: 个, 万, 亿, 万亿 (a safe integer of fen stays below 10^14 元). */
const GROUP_UNITS = ['', '万', '亿', '万亿'] as const;

/** Writes a whole number of 元 in capitals, without 人民币 or 元. 0 → ''. */
function capitalInteger(n: number): string {
  if (n === 0) return '';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let out = '';
  // A 零 is owed when zeros were skipped since the last digit written and a digit follows.
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      if (out) zeroPending = true;
      continue;
    }
    for (let p = 3; p >= 0; p--) {
      const digit = Math.floor(group / 10 ** p) % 10;
      if (digit === 0) {
        // Zeros at the top of a group (10,0005 → 壹拾万零伍) count once the number has begun.
        if (out) zeroPending = true;
        continue;
      }
      if (zeroPending) out += '零';
      zeroPending = false;
      // 《正确填写票据和结算凭证的基本规定》: the tens are always 壹拾, never a bare 拾.
      out += CAPITAL_DIGITS[digit]! + CAPITAL_PLACES[p]!;
    }
    out += GROUP_UNITS[g]!;
    // A group's own trailing zeros (the 万位 of 壹拾万) need no 零: whether one is written is
    // decided by the next group's leading zeros (壹拾万零伍佰, but 壹拾万柒仟, as the rules allow).
    zeroPending = false;
  }
  return out;
}

/**
 * An amount in capitals as a ruling writes it, following the People's Bank's rules for writing
 * amounts (《正确填写票据和结算凭证的基本规定》):
 *   12345.67 元 → 人民币壹万贰仟叁佰肆拾伍元陆角柒分
 *   100 元 → 人民币壹佰元整 (整 after 元; also after 角, where the rules allow it, to close the line)
 *   1,680.32 元 → 人民币壹仟陆佰捌拾元零叁角贰分 (元位 zero before a 角: one 零)
 *   16,409.02 元 → 人民币壹万陆仟肆佰零玖元零贰分 (角 zero before a 分: 零 is required)
 *   0.05 元 → 人民币伍分; 0 → 人民币零元整.
 * A negative amount never appears on a ruling: it is refused.
 */
export function amountInChineseCapitals(fen: Fen): string {
  assertFen(fen);
  if (fen < 0) throw new RangeError(`an amount on a document cannot be negative (got ${fen} fen)`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '人民币零元整';
  let out = '人民币';
  if (yuan > 0) out += `${capitalInteger(yuan)}元`;
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) out += '零';
    out += `${CAPITAL_DIGITS[jiao]}角`;
  } else if (yuan > 0) {
    out += '零';
  }
  if (cents > 0) return `${out}${CAPITAL_DIGITS[cents]}分`;
  return `${out}整`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * An ordinary Chinese numeral: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一,
 * 110 → 一百一十, 1001 → 一千零一. Used for ordinals of documents (之十一), days and months.
 */
export function chineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > 99_999_999) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n === 0) return '零';
  const places = ['', '十', '百', '千'];
  const four = (x: number): string => {
    let s = '';
    let zero = false;
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(x / 10 ** p) % 10;
      if (d === 0) {
        if (s) zero = true;
        continue;
      }
      if (zero) s += '零';
      zero = false;
      s += DIGITS[d]! + places[p]!;
    }
    return s;
  };
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let s = high ? `${four(high)}万` : '';
  if (low) s += (high && low < 1000 ? '零' : '') + four(low);
  // Between 10 and 19 one says 十一, not 一十一 (only at the very start of the numeral).
  return s.startsWith('一十') ? s.slice(1) : s;
}

/** A year written digit by digit: 2025 → 二〇二五 (〇, not 零, as in official dates). */
function yearDigits(y: number): string {
  return String(y).split('').map((c) => (c === '0' ? '〇' : DIGITS[Number(c)]!)).join('');
}

/** The date under a signature: 2025-03-04 → 二〇二五年三月四日; 2025-10-31 → 二〇二五年十月三十一日. */
export function chineseDate(date: IsoDate): string {
  const r = parseIsoDate(date);
  if (!r.ok) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = r.value.split('-').map(Number) as [number, number, number];
  return `${yearDigits(y)}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** A date in the body of a document: 2025-03-04 → 2025年3月4日. */
export function arabicDate(date: IsoDate): string {
  const r = parseIsoDate(date);
  if (!r.ok) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = r.value.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
