import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { en, type MessageKey } from "./en.ts";
import { fi } from "./fi.ts";
import { LANGUAGE_STORAGE_KEY, type Language, localeOf, pickLanguage } from "./language.ts";
import { type Translate, translator } from "./translate.ts";

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { fi, en };

export type { Translate };

export interface I18n {
  lang: Language;
  locale: string;
  t: Translate;
  setLang(lang: Language): void;
  /** A number in the language's style (decimal comma in Finnish, the real minus sign). */
  num(value: number | null | undefined, digits?: number): string;
  /** A signed change: +3,2 / −1,5. */
  signed(value: number | null | undefined, digits?: number): string;
  /** "2026-03" → "maalis 2026" / "Mar 2026". */
  month(key: string): string;
  /** An instant as a date on the Finnish calendar: 3.10.2025 / 03/10/2025. */
  date(iso: string): string;
}

const Context = createContext<I18n | null>(null);

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked: fall back to the browser's language
  }
}

function initialLanguage(): Language {
  return pickLanguage(new URLSearchParams(location.search).get("lang"), savedLanguage(), navigator.languages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // not saved: the choice still holds for this page
    }
    // A link that says ?lang= must not switch back on reload: keep the query in step.
    const url = new URL(location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", next);
      history.replaceState(history.state, "", url);
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = localeOf(lang);
    const dictionary = DICTIONARIES[lang];
    const formats = new Map<string, Intl.NumberFormat>();
    const numberFormat = (digits: number, sign: boolean) => {
      const key = `${digits}:${sign}`;
      let f = formats.get(key);
      if (!f) {
        f = new Intl.NumberFormat(locale, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
          signDisplay: sign ? "exceptZero" : "auto",
        });
        formats.set(key, f);
      }
      return f;
    };
    const valid = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeZone: "Europe/Helsinki" });
    const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
    return {
      lang,
      locale,
      setLang,
      t: translator(dictionary),
      num: (v, digits = 1) => (valid(v) ? numberFormat(digits, false).format(v) : "–"),
      signed: (v, digits = 1) => (valid(v) ? numberFormat(digits, true).format(v) : "–"),
      month: (key) => {
        const m = /^(\d{4})-(\d{2})$/.exec(key);
        return m ? monthFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : key;
      },
      date: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
      },
    };
  }, [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
