// Vietnamese by default, English on request (remembered in localStorage). Each console keeps its own
// dictionary (consoles/<id>/i18n.ts) made with `dictionary`; shared words live in core/common-i18n.ts.
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;

export interface Dictionary<K extends string> {
  vi: Readonly<Record<K, string>>;
  en: Readonly<Record<K, string>>;
}

/** A console's words: the English table must have exactly the Vietnamese keys (the compiler checks). */
export const dictionary = <const V extends Record<string, string>>(d: {
  vi: V;
  en: Record<keyof V, string>;
}): Dictionary<keyof V & string> => d as Dictionary<keyof V & string>;

const KEY = 'motcua.lang';
const listeners = new Set<(l: Lang) => void>();
let lang: Lang = (() => {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
})();

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice lasts for the page
  }
  document.documentElement.lang = next;
  for (const l of listeners) l(next);
}

/** `{name}` placeholders are replaced by params. */
export function translate<K extends string>(dict: Dictionary<K>, key: K, params?: Params, l = lang): string {
  const text = dict[l][key] ?? dict.vi[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : text;
}

/** The current language, re-rendering the component when it changes. */
export function useLang(): Lang {
  const [l, setL] = useState(lang);
  useEffect(() => {
    listeners.add(setL);
    return () => void listeners.delete(setL);
  }, []);
  return l;
}

/** `const t = useT(words); t('title')` in a component. */
export function useT<K extends string>(dict: Dictionary<K>) {
  const l = useLang();
  return (key: K, params?: Params) => translate(dict, key, params, l);
}

/** Picks the side of a {vi, en} pair the services send (error messages). */
export const pick = (m: { vi: string; en: string }, l: Lang = lang): string => m[l] || m.vi;
