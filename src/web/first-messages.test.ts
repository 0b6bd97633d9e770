import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { partOf } from "../../scripts/precompiled-messages.ts";
import { nb } from "../messages/nb.ts";

const WEB = import.meta.dirname;
const STATIC_IMPORT = /^import\s+(?!type\s)(?:[^;]*?\sfrom\s+)?"(\.{1,2}\/[^"]+\.tsx?)";/gms;
const KEY_LITERAL = /["'`]([a-zA-Z]+\.[\w.-]+)["'`]/g;
const KEY_TEMPLATE = /`([a-zA-Z]+)\.[\w.]*\$\{/g;

/** Every file a browser runs before such a page shows: what the entry and the page import, statically. */
function staticallyReached(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(STATIC_IMPORT))
      queue.push(resolve(dirname(file), match[1] as string));
  }
  return [...seen].filter((file) => !file.includes(`${join("src", "messages")}`));
}

describe("the messages the app opens with", () => {
  // The pages the app opens on are imported by routes.tsx (`firstPage`), so they are reached too.
  const files = staticallyReached([join(WEB, "main.tsx")]);

  it("finds the entry, the frame and the first pages", () => {
    const names = files.map((file) => file.slice(WEB.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        "main.tsx",
        "components/layout.tsx",
        "pages/dashboard.tsx",
        "pages/sign-in.tsx",
        "pages/not-found.tsx",
      ]),
    );
    expect(names).not.toContain("pages/products.tsx");
  });

  it("has every key those files word in the first part of the catalogs", () => {
    const outside = files.flatMap((file) => {
      // Comments name keys as examples; only code counts.
      const source = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      const keys = [...source.matchAll(KEY_LITERAL)]
        .map((m) => m[1] as string)
        .filter((k) => Object.hasOwn(nb, k));
      const namespaces = [...source.matchAll(KEY_TEMPLATE)].map((m) => `${m[1]}.*`);
      return (
        [...keys, ...namespaces]
          // `error.${code}` is worded by problem-message.ts, which says the status while a sentence is not here.
          .filter((key) => !(file.endsWith("problem-message.ts") && key === "error.*"))
          .filter((key) => partOf(key.replace(/\*$/, "x")) !== "first")
          .map((key) => `${file.slice(WEB.length + 1)}: ${key}`)
      );
    });
    expect(outside).toEqual([]);
  });
});
