/**
 * Reading a civil date as a judge types it, whatever the browser's locale: 年-月-日 (2027-03-10) is
 * the form shown and sent; 2027/3/10, 2027.3.10, 2027年3月10日 and 20270310 are read as the same
 * day. A day that does not exist (2027-02-30) is refused by name.
 */
import { isValidDate, type IsoDate } from '../../../shared/dates';

export type DateRead = { ok: true; value: IsoDate } | { ok: false; zh: string; en: string };

const FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

const pad = (n: number) => String(n).padStart(2, '0');

export function readDateText(text: string): DateRead {
  const s = text.trim();
  const m = FORMS.map((re) => re.exec(s)).find((x) => x !== null);
  if (!m) {
    return { ok: false, zh: `“${s}”不是日期：请按 年-月-日 填写，如 2027-03-10`, en: `"${s}" is not a date: write it as YYYY-MM-DD, e.g. 2027-03-10` };
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return { ok: false, zh: `“${s}”不是有效日期：没有${mo}月`, en: `"${s}" is not a valid date: there is no month ${mo}` };
  if (!isValidDate(y, mo, d)) {
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { ok: false, zh: `“${s}”不是有效日期：${y}年${mo}月只有${last}天`, en: `"${s}" is not a valid date: ${y}-${pad(mo)} has ${last} days` };
  }
  return { ok: true, value: `${y}-${pad(mo)}-${pad(d)}` };
}

/** The ISO form of what was typed, when it reads as a date; else the text unchanged. */
export function normalizeDateText(text: string): string {
  const r = readDateText(text);
  return r.ok ? r.value : text;
}
