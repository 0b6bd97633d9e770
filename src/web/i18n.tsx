import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from "react";
import type { MessageKey, MessageValues } from "../messages/catalog.ts";
import { isLocale, type Locale } from "../messages/locales.ts";
import { activeMessages, chooseLocale, subscribeMessages } from "./locale-messages.ts";

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: MessageValues): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = "portal.locale";

/** The language the app opens in: the one chosen last on this browser, else Norwegian. */
export function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : "nb";
}

/**
 * The reader's language for every page, as locale-messages.ts holds it (main.tsx opens it before
 * the first render). A language chosen is remembered on this browser; the pages change once its
 * messages are here.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const messages = useSyncExternalStore(subscribeMessages, activeMessages);
  useEffect(() => {
    document.documentElement.lang = messages.locale;
  }, [messages]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    // Not fetched (offline): the pages stay in the language they are in.
    chooseLocale(next).catch(() => {});
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale: messages.locale,
      setLocale,
      // An API error is worded by `problemMessage` (problem-message.ts), the one way for every page.
      t: messages.t,
    }),
    [messages, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}
