// Every visible string of the dashboard, in Chinese (default) and English.
// The language is remembered in the `lang` cookie so server rendering picks the right one.
import { zh } from './zh.ts';
import { en } from './en.ts';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const LANGS: Lang[] = ['zh', 'en'];
export const LANG_COOKIE = 'lang';
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang];
  return (key, vars) => {
    let s = table[key] ?? zh[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

/** HTML lang attribute. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
