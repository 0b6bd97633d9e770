import { IntlMessageFormat } from "intl-messageformat";
import type { Locale, MessageKey, MessageValues } from "../messages/catalog.ts";

/** A message as the build hands it over (scripts/precompiled-messages.ts): text, or its ICU syntax tree. */
type Compiled = string | ConstructorParameters<typeof IntlMessageFormat>[0];
type Catalog = Record<string, Compiled>;
type Part = "first" | "pages";

/** One language, ready to word the pages with. */
export interface LocaleMessages {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
}

const LOADERS: Record<Locale, Record<Part, () => Promise<{ default: Catalog }>>> = {
  nb: { first: () => import("virtual:messages/nb/first"), pages: () => import("virtual:messages/nb/pages") },
  en: { first: () => import("virtual:messages/en/first"), pages: () => import("virtual:messages/en/pages") },
};
const TAGS: Record<Locale, string> = { nb: "nb-NO", en: "en-GB" };

/**
 * IntlMessageFormat asks `Intl.NumberFormat.supportedLocalesOf` for every message it builds; the
 * first answer costs the browser its whole list of locales (150 ms on a slow phone, before My Page
 * shows). The app formats in nb-NO and en-GB only, which it names exactly.
 */
IntlMessageFormat.resolveLocale = (locales) =>
  new Intl.Locale(Array.isArray(locales) ? (locales[0] ?? "nb-NO") : locales);
const fetched = new Map<string, Promise<Catalog>>();

/** One part of one language's catalog, fetched once; a failed fetch may be tried again. */
function fetchPart(locale: Locale, part: Part): Promise<Catalog> {
  const key = `${locale}/${part}`;
  let catalog = fetched.get(key);
  if (!catalog) {
    catalog = LOADERS[locale][part]().then((module) => module.default);
    catalog.catch(() => fetched.delete(key));
    fetched.set(key, catalog);
  }
  return catalog;
}

function translator(locale: Locale, catalog: Catalog): LocaleMessages {
  const formats = new Map<string, IntlMessageFormat>();
  return {
    locale,
    t(key, values) {
      const message = catalog[key] ?? "";
      if (typeof message === "string") return message;
      let format = formats.get(key);
      if (!format) {
        format = new IntlMessageFormat(message, TAGS[locale]);
        formats.set(key, format);
      }
      return String(format.format(values));
    },
  };
}

/**
 * The language the pages are worded in, shared by the I18n provider and the page loader: it opens
 * with the first part of the reader's language (the frame, sign-in, My Page, errors); the first
 * other page also fetches the rest, and from then on a change of language fetches both parts.
 */
let active: LocaleMessages | null = null;
let activeHasPages = false;
let wanted: Locale = "nb";
let pagesNeeded = false;
const listeners = new Set<() => void>();

/**
 * Fetches what `locale` needs now and makes it the active language, unless another language was
 * chosen meanwhile or a later call also fetches the pages' part.
 */
async function settle(locale: Locale): Promise<void> {
  const withPages = pagesNeeded;
  const parts = await Promise.all([
    fetchPart(locale, "first"),
    ...(withPages ? [fetchPart(locale, "pages")] : []),
  ]);
  if (wanted !== locale || (pagesNeeded && !withPages)) return;
  active = translator(locale, Object.assign({}, ...parts));
  activeHasPages = withPages;
  for (const listener of listeners) listener();
}

/** Before the first render: the reader's language, first part. */
export async function openMessages(locale: Locale): Promise<LocaleMessages> {
  wanted = locale;
  await settle(locale);
  // A page that needs the pages' part was asked for meanwhile: that fetch makes the language active.
  if (!active) await settle(locale);
  return activeMessages();
}

/** Switches the pages to `locale` once its messages are here (a later choice wins). */
export function chooseLocale(locale: Locale): Promise<void> {
  wanted = locale;
  return settle(locale);
}

/** Every page beyond the first ones waits for this before it renders: the rest of the catalog. */
export function loadPageMessages(): Promise<void> {
  pagesNeeded = true;
  if (active?.locale === wanted && activeHasPages) return Promise.resolve();
  return settle(wanted);
}

export function activeMessages(): LocaleMessages {
  if (!active) throw new Error("messages used before openMessages");
  return active;
}

/** For `useSyncExternalStore`: called whenever the active language or its messages change. */
export function subscribeMessages(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
