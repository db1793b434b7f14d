/**
 * The typed dictionary. zh-CN is the reference; the English one is checked against its type, so a
 * label missing in one language is a compile error.
 */
import type { AppError } from '../../../shared/errors';
import { describeError } from '../../../shared/errors';
import type { ChannelInfo } from '../../../shared/domain/channels';
import { zh } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export type Dict = typeof zh;

const DICTS: Record<Lang, Dict> = { zh, en };

export function dictFor(lang: Lang): Dict {
  return DICTS[lang];
}

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

/** One line for the judge, in the judge's language (shared/errors.ts). */
export function errorText(e: AppError, lang: Lang): string {
  return describeError(e, lang);
}

export function channelName(c: Pick<ChannelInfo, 'zh' | 'en'>, lang: Lang): string {
  return lang === 'zh' ? c.zh : c.en;
}

/** The html lang attribute for the chosen language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** A rule's refusal ({zh, en}) or an AppError, in the judge's language. */
export function sayText(x: { zh: string; en: string } | AppError, lang: Lang): string {
  if ('code' in x && 'message' in x) return errorText(x, lang);
  return lang === 'zh' ? x.zh : x.en;
}
