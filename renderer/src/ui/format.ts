/** Display formatting shared by the screens. */
import { formatCstDateTime } from '../../../shared/dates';

/** A civil date stays as it is; an instant is shown as CST wall time. */
export function formatWhen(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : formatCstDateTime(s);
}

/** A civil date as written in a ruling's period: 2026-03-11 → 2026年3月11日 (English: 2026-03-11). */
export function dateLong(iso: string, lang: 'zh' | 'en' = 'zh'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || lang === 'en') return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
