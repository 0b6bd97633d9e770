import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const doc = readFileSync(join(ROOT, "docs/ARCHITECTURE.md"), "utf8");

function folders(path: string): string[] {
  return readdirSync(join(ROOT, path))
    .filter((name) => statSync(join(ROOT, path, name)).isDirectory())
    .map((name) => `${path}/${name}/`);
}

/** The rows of the folder table: the first cell of each line that starts with a backquoted path. */
function documentedFolders(): string[] {
  return [...doc.matchAll(/^\| `([^`]+\/)`/gm)].map((m) => m[1] as string);
}

describe("docs/ARCHITECTURE.md", () => {
  const expected = [
    ...folders("src").filter((f) => f !== "src/features/"),
    ...folders("src/features"),
    "scripts/",
    "test/",
    "e2e/",
    "bench/",
  ];

  it("lists every source folder and every feature folder in its table", () => {
    expect(documentedFolders().sort()).toEqual(expected.sort());
  });
});
