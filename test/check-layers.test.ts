import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLayers, type Finding } from "../scripts/check-layers.ts";

const roots: string[] = [];

/** A source tree of its own in a temporary folder: the checker never sees the real src/. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "check-layers-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const where = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}`);

describe("the layering checker", () => {
  it("finds a query builder call in a service, with its file and line", () => {
    const root = tree({
      "src/features/claims/service.ts": [
        'import type { Database } from "../../db/database.ts";',
        "export async function open(database: Database) {",
        '  return database.db.selectFrom("warranty_claim").selectAll().execute();',
        "}",
      ].join("\n"),
    });
    const findings = checkLayers(root);
    expect(findings).toEqual([
      {
        file: "src/features/claims/service.ts",
        line: 3,
        reason: "query builder .selectFrom( outside queries: move it to src/features/claims/queries.ts",
      },
    ]);
  });

  it("finds every kind of query builder call, sql under another name too", () => {
    const root = tree({
      "src/server/thing.ts": [
        'import { sql as q } from "kysely";',
        "db.insertInto('a');",
        "db.updateTable('a');",
        "db.deleteFrom('a');",
        "db.replaceInto('a');",
        "db.mergeInto('a');",
        "q`select 1`;",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template in it
        "q<number>`select ${1}`;",
        "sql.raw('x');",
        "q.ref('x');",
        "sql.lit(1);",
        "db?.selectFrom('a');",
      ].join("\n"),
    });
    expect(checkLayers(root).map((f) => [f.line, f.reason.split(" outside")[0]])).toEqual([
      [2, "query builder .insertInto("],
      [3, "query builder .updateTable("],
      [4, "query builder .deleteFrom("],
      [5, "query builder .replaceInto("],
      [6, "query builder .mergeInto("],
      [7, "query builder q`…`"],
      [8, "query builder q`…`"],
      [9, "query builder sql.raw("],
      [10, "query builder q.ref("],
      [11, "query builder sql.lit("],
      [12, "query builder .selectFrom("],
    ]);
  });

  it("does not count a query builder written in a comment, a string, a template's text or a regular expression", () => {
    const root = tree({
      "src/features/labels/routes.ts": [
        "// db.selectFrom('x') once lived here",
        "/* sql`select 1` and db.insertInto('y') */",
        "const a = \"db.selectFrom('x')\";",
        "const b = 'sql`select 1`';",
        "const c = `db.updateTable('x') and sql\\`q\\``;",
        "const d = /\\.deleteFrom\\(/.test(a + b + c);",
        "/** @example db.selectFrom('unit') */",
        "export const e = d;",
        "const ok = db.transaction();",
      ].join("\n"),
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it("allows SQL in a feature's queries.ts, a queries/ folder, src/db and tests", () => {
    const sqlText = "db.selectFrom('unit'); sql`select 1`;\n";
    const root = tree({
      "src/features/units/queries.ts": sqlText,
      "src/features/claims/queries/by-owner.ts": sqlText,
      "src/db/migrations/2027-01-01-01-x.ts": sqlText,
      "src/db/tables.ts": sqlText,
      "src/features/claims/claims.test.ts": sqlText,
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it("finds SQL written inside a template substitution: that part is code", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template in it
    const root = tree({ "src/cli/demo.ts": "const t = `rows: ${db.selectFrom('unit')}`;\n" });
    expect(where(checkLayers(root))).toEqual(["src/cli/demo.ts:1"]);
  });

  it("finds a folder cycle of three features at each import that closes it", () => {
    const root = tree({
      "src/features/a/service.ts": 'import { b } from "../b/service.ts";\nexport const a = b;\n',
      "src/features/b/service.ts": '\nimport { c } from "../c/service.ts";\nexport const b = c;\n',
      "src/features/c/service.ts": 'import type { A } from "../a/schemas.ts";\nexport const c = 1;\n',
      "src/features/a/schemas.ts": "export type A = number;\n",
      "src/features/d/service.ts": 'import { a } from "../a/service.ts";\nexport const d = a;\n',
    });
    const findings = checkLayers(root);
    expect(where(findings)).toEqual([
      "src/features/a/service.ts:1",
      "src/features/b/service.ts:2",
      "src/features/c/service.ts:1",
    ]);
    expect(findings[0]?.reason).toBe(
      "folder cycle features/a → features/b → features/c → features/a: features/a imports features/b, which leads back",
    );
  });

  it("leaves out the imports of tests when it looks for cycles", () => {
    const root = tree({
      "src/features/a/service.ts": 'import { b } from "../b/service.ts";\nexport const a = b;\n',
      "src/features/b/service.ts": "export const b = 1;\n",
      "src/features/b/b.test.ts": 'import { a } from "../a/service.ts";\n',
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it("finds src/domain importing outside itself and src/db importing a feature or the server", () => {
    const root = tree({
      "src/domain/warranty.ts": [
        'import { XMLParser } from "fast-xml-parser";',
        'import { readFileSync } from "node:fs";',
        'import type { Tables } from "../db/tables.ts";',
        'import { z } from "zod";',
        'import { isbn } from "./isbn.ts";',
      ].join("\n"),
      "src/domain/isbn.ts": "export const isbn = 1;\n",
      "src/db/tables.ts": 'import type { Role } from "../features/accounts/auth.ts";\n',
      "src/db/migrate.ts": 'import { x } from "../server/app.ts";\nimport { y } from "../domain/clock.ts";\n',
    });
    const findings = checkLayers(root);
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.reason}`)).toEqual([
      "src/db/migrate.ts:1: src/db imports src/server/app.ts: the database layer must not know src/server",
      "src/db/tables.ts:1: src/db imports src/features/accounts/auth.ts: the database layer must not know src/features/accounts",
      'src/domain/warranty.ts:2: src/domain imports "node:fs": pure rules use no I/O and no framework (see DOMAIN_PACKAGES)',
      "src/domain/warranty.ts:3: src/domain imports src/db/tables.ts: pure rules import only src/domain",
      'src/domain/warranty.ts:4: src/domain imports "zod": pure rules use no I/O and no framework (see DOMAIN_PACKAGES)',
    ]);
  });

  it("asks a feature with routes for the schemas, service and queries it has a use for", () => {
    const root = tree({
      // Schemas, the database and SQL, all in the route file: every layer is missing.
      "src/features/health/routes.ts":
        'import { sql } from "kysely";\nimport { z } from "zod";\nsql`select 1`;\n',
      // Reads another feature's queries: needs a service, but no queries.ts of its own.
      "src/features/mailbox/routes.ts": 'import { listMails } from "../outbox/queries.ts";\n',
      "src/features/outbox/queries.ts": "export const listMails = 1;\n",
      // Presents settings: no database, no zod, nothing else to have.
      "src/features/public-config/routes.ts": 'import type { Config } from "../../config/config.ts";\n',
      // Laid out as profile/ is, with the service split into a folder.
      "src/features/profile/routes.ts":
        'import { z } from "zod";\nimport { read } from "./service/read.ts";\n',
      "src/features/profile/service/read.ts":
        'import { byId } from "../queries.ts";\nexport const read = byId;\n',
      "src/features/profile/queries.ts": "export const byId = () => db.selectFrom('profile');\n",
      "src/features/profile/schemas.ts": 'import { z } from "zod";\n',
    });
    expect(checkLayers(root).map((f) => `${f.file}:${f.line}: ${f.reason}`)).toEqual([
      "src/features/health/routes.ts:1: src/features/health has routes but no schemas.ts: its zod schemas belong in schemas.ts",
      "src/features/health/routes.ts:1: src/features/health has routes but no service.ts: it touches the database, and routes call a service for that",
      "src/features/health/routes.ts:1: src/features/health has routes but no queries.ts: it has SQL, which belongs in queries.ts",
      "src/features/health/routes.ts:3: query builder sql`…` outside queries: move it to src/features/health/queries.ts",
      "src/features/mailbox/routes.ts:1: src/features/mailbox has routes but no service.ts: it touches the database, and routes call a service for that",
    ]);
  });

  it("exits 1 and prints file:line: reason for each finding, and 0 on a clean tree", () => {
    const dirty = tree({ "src/features/tv/service.ts": "\n\ndb.updateTable('x');\n" });
    const clean = tree({ "src/features/tv/queries.ts": "db.updateTable('x');\n" });
    const run = (root: string) =>
      spawnSync(process.execPath, [join(import.meta.dirname, "../scripts/check-layers.ts"), root], {
        encoding: "utf8",
      });
    const failed = run(dirty);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe(
      "src/features/tv/service.ts:3: query builder .updateTable( outside queries: move it to src/features/tv/queries.ts\n",
    );
    const passed = run(clean);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toBe("check-layers: no findings\n");
  });
});
