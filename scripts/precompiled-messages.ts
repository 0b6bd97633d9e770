import { IntlMessageFormat } from "intl-messageformat";
import type { Plugin } from "vite";
import { en } from "../src/messages/en.ts";
import { nb } from "../src/messages/nb.ts";

/** The web app imports its catalogs from here: `import("virtual:messages/nb/first")`. */
const PREFIX = "virtual:messages/";
const CATALOGS = { nb, en } as const;
const TAGS = { nb: "nb-NO", en: "en-GB" } as const;
/** The language a first visit opens in (src/web/i18n.tsx). */
const DEFAULT_LOCALE = "nb";

/**
 * The namespaces the app needs when it opens on sign-in or My Page: the frame around every page,
 * those two pages (My Page names My products in its words), the page for an unknown address, and
 * every error sentence (any page may word one). The pages' own messages are the `pages` part,
 * fetched with the first other page. src/web/first-messages.test.ts checks that the first pages
 * use no other key.
 */
export const FIRST_NAMESPACES: ReadonlySet<string> = new Set([
  "app",
  "nav",
  "footer",
  "common",
  "dashboard",
  "products",
  "rewards",
  // My Page lists the repairs under way: their statuses and what is asked of the owner.
  "repairStatus",
  "repairTask",
  // What staff wrote for owners: the top message, the announcements' carousel, the FAQ.
  "content",
  // My Page's alerts, product tiles (with both warranty badges) and recommendations.
  "alert",
  "tile",
  "recommend",
  "warranty",
  "statutory",
  "signIn",
  // The forms' own messages: sign-in checks its fields before it sends them.
  "form",
  "notFound",
  "error",
]);
/**
 * The errors the first pages can meet (signing in, a request refused or lost, a status without a
 * sentence of its own): the other error sentences belong to the pages that can cause them and
 * travel in the `pages` part. A first page that meets one of those says its status sentence
 * (src/web/problem-message.ts), and the app fetches the `pages` part once the first page shows.
 */
const FIRST_ERRORS: ReadonlySet<string> = new Set([
  "auth",
  "request",
  "network",
  "server",
  "status",
  "route",
]);
/** Messages only the server uses (mails): never sent to the browser. */
const SERVER_NAMESPACES: ReadonlySet<string> = new Set(["mail"]);

export type MessagePart = "first" | "pages";

/** @example partOf("nav.signIn") // "first" */
export function partOf(key: string): MessagePart | "server" {
  const namespace = key.slice(0, key.indexOf("."));
  if (SERVER_NAMESPACES.has(namespace)) return "server";
  if (namespace === "error") return FIRST_ERRORS.has(key.split(".")[1] ?? "") ? "first" : "pages";
  return FIRST_NAMESPACES.has(namespace) ? "first" : "pages";
}

type Compiled = string | ReturnType<IntlMessageFormat["getAst"]>;

/**
 * One message as the browser needs it: text without ICU syntax as the text itself, anything else as
 * the syntax tree `IntlMessageFormat` builds from it (the same parser and options it uses at run
 * time), so the browser formats without shipping the parser.
 */
function compileMessage(message: string, tag: string): Compiled {
  const ast = new IntlMessageFormat(message, tag).getAst();
  if (ast.length === 0) return "";
  const [only] = ast;
  if (ast.length === 1 && only && only.type === 0) return only.value;
  return ast;
}

function compileCatalog(locale: keyof typeof CATALOGS, part: MessagePart): Record<string, Compiled> {
  return Object.fromEntries(
    Object.entries(CATALOGS[locale])
      .filter(([key]) => partOf(key) === part)
      .map(([key, message]) => [key, compileMessage(message, TAGS[locale])]),
  );
}

/**
 * The message catalogs of src/messages, parsed at build time: two chunks per language (the first
 * pages' messages and the rest), so a reader fetches only what the page they open needs, in their
 * own language; the ICU parser stays out of the browser (vite.config.ts points it at the parser
 * package's `no-parser` entry).
 */
export function precompiledMessages(): Plugin {
  return {
    name: "owner-portal:precompiled-messages",
    // Resolved to a name of its own, so that the chunk reads `messages-nb-first-<hash>.js`.
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0messages-${id.slice(PREFIX.length).replace("/", "-")}` : null;
    },
    // The default language's first part travels with the app's first script, not after it.
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) =>
            output.type === "chunk" && output.facadeModuleId === `\0messages-${DEFAULT_LOCALE}-first`,
        );
        if (!chunk) return [];
        return [
          {
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: "head",
          },
        ];
      },
    },
    load(id) {
      if (!id.startsWith("\0messages-")) return null;
      const [locale, part] = id.slice("\0messages-".length).split("-");
      if ((locale !== "nb" && locale !== "en") || (part !== "first" && part !== "pages"))
        this.error(`no message catalog at "${id.slice(1)}"`);
      return `export default ${JSON.stringify(compileCatalog(locale, part))};`;
    },
  };
}
