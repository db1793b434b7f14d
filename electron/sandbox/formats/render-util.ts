/**
 * Rendering helpers for agency formats: China Standard Time wall clocks, 元 strings from fen
 * (integer arithmetic only), and the duplicate-delivery quirk.
 */
import { fenToYuanString, type Fen } from '../../../shared/money';

const CST_MS = 8 * 3600 * 1000;

/** ISO instant → "YYYY-MM-DD HH:mm:ss" in CST */
export function cstDateTime(iso: string): string {
  return new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** ISO instant → "YYYYMMDDHHmmss" in CST */
export function cstCompact(iso: string): string {
  return cstDateTime(iso).replace(/[-: ]/g, '');
}

export const compactDate = (d: string) => d.replace(/-/g, '');
export const slashDate = (d: string) => d.replace(/-/g, '/');
export const chineseDate = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;

/** 123456 → "1234.56" */
export const yuan = (fen: Fen) => fenToYuanString(fen, false);
/** 123456 → "1,234.56" */
export const yuanGrouped = (fen: Fen) => fenToYuanString(fen, true);
/** 123456 → "1234.5600" (four decimals, as some core-banking systems print) */
export const yuan4 = (fen: Fen) => `${fenToYuanString(fen, false)}00`;
/** 123456 → "0.123456" 万元 with six decimals (the business registry's unit) */
export function wanYuan6(fen: Fen): string {
  return `${Math.trunc(fen / 1_000_000)}.${String(fen % 1_000_000).padStart(6, '0')}`;
}

/** Real gateways sometimes deliver a record twice: repeat one record when asked to. */
export function withDuplicate<T>(items: T[], duplicate: boolean): T[] {
  if (!duplicate || items.length === 0) return items;
  const i = items.length > 1 ? 1 : 0;
  return [...items.slice(0, i + 1), items[i]!, ...items.slice(i + 1)];
}

/** the sum of the amounts other courts froze, and what is left available */
export function frozenAndAvailable(balance: Fen, freezes: { amount?: Fen }[]): { frozen: Fen; available: Fen } {
  const frozen = Math.min(balance, freezes.reduce((s, f) => s + (f.amount ?? 0), 0));
  return { frozen, available: balance - frozen };
}
