/**
 * `node scripts/check-layers.ts` (part of `npm run check`): the layering rules of
 * docs/ARCHITECTURE.md, checked on the syntax trees of every .ts/.tsx file under src/. Prints one
 * line per finding, `file:line: reason`, and exits 1 when there is any.
 *
 * 1. SQL lives in queries. A query builder call (`.selectFrom(`, `.selectNoFrom(`, `.insertInto(`,
 *    `.updateTable(`, `.deleteFrom(`, `.replaceInto(`, `.mergeInto(`), a `sql` tagged template
 *    (`sql\`…\``, `sql<T>\`…\``) or a `sql.raw(`/`ref(`/`lit(`/`join(`/`id(`/`table(`/`val(` call is
 *    allowed only in a feature's `queries.ts` (or a `queries/` folder inside the feature), under
 *    src/db/, and in tests (`*.test.ts`). `sql` counts under any name it is imported as.
 *    `.transaction()` is not a query and is fine in services.
 * 2. Arrows point down. src/domain imports only src/domain (and the pure packages in
 *    DOMAIN_PACKAGES: no `node:` module, no framework); src/db imports neither src/features nor
 *    src/server; and no two feature folders import each other, directly or round a longer cycle.
 *    Type-only imports count too: layering is about which code knows which, not about what runs.
 *    Tests are left out of this rule (a test may import whatever it needs to set up).
 * 3. A feature folder with HTTP routes (`routes.ts`) is laid out as profile/ is, as far as it has
 *    the layer at all:
 *    - `schemas.ts` when the folder writes zod schemas (any file in it imports `zod`): the schemas
 *      live beside the routes and are shared with the web client;
 *    - `service.ts` when the folder touches the database at all (it imports `kysely`, src/db/ or
 *      any `queries` module): a route parses and presents, the rules and transactions are the
 *      service's;
 *    - `queries.ts` when the folder has SQL of its own (a query builder call in any of its files):
 *      that is where it must go. A folder that only calls other features' services needs none.
 *    A folder with routes and none of these (public-config presents settings) is complete as it is.
 *    A `service/`, `queries/` or `schemas/` folder stands for the file.
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type {
  CallExpression,
  ImportDeclaration,
  Node,
  SourceFile,
  TaggedTemplateExpression,
} from "typescript/unstable/ast";
import {
  isCallExpression,
  isIdentifier,
  isImportDeclaration,
  isNamedImports,
  isPropertyAccessExpression,
  isStringLiteral,
  isTaggedTemplateExpression,
} from "typescript/unstable/ast/is";
import { lineOf, readSyntaxTrees, walk } from "./syntax-trees.ts";

export interface Finding {
  /** Relative to the checked root, with forward slashes. */
  file: string;
  line: number;
  reason: string;
}

const BUILDER_METHODS = new Set([
  "selectFrom",
  "selectNoFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "replaceInto",
  "mergeInto",
]);
const SQL_HELPERS = new Set(["raw", "ref", "lit", "join", "id", "table", "val"]);
/** Packages with no I/O and no framework, as pure as our own code; adding one is a decision. */
export const DOMAIN_PACKAGES = new Set(["fast-xml-parser"]);

interface ImportSite {
  specifier: string;
  line: number;
}

interface FileFacts {
  /** Relative to the root, forward slashes: `src/features/claims/service.ts`. */
  path: string;
  queryCalls: { line: number; what: string }[];
  imports: ImportSite[];
}

/**
 * Every finding under `root/src`, in file and line order.
 *
 * @example
 * const findings = checkLayers(process.cwd()); // [] when the tree keeps the rules
 */
export function checkLayers(root: string): Finding[] {
  const files = sourceFiles(join(root, "src")).map((file) => toPosix(relative(root, file)));
  const facts = [...readSyntaxTrees(root, files, (_file, tree) => factsOf(tree)).entries()].map(
    ([path, f]) => ({ ...f, path }),
  );
  const findings = [...sqlFindings(facts), ...importFindings(facts), ...folderFindings(root, facts)];
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

function factsOf(tree: SourceFile): Omit<FileFacts, "path"> {
  const sqlNames = new Set(["sql"]);
  for (const statement of tree.statements) {
    if (isImportDeclaration(statement)) {
      for (const name of kyselyNames(statement)) sqlNames.add(name);
    }
  }
  const queryCalls: FileFacts["queryCalls"] = [];
  walk(tree, (node) => {
    const what = isCallExpression(node)
      ? builderCall(node, sqlNames)
      : isTaggedTemplateExpression(node)
        ? sqlTemplate(node, sqlNames)
        : null;
    if (what) queryCalls.push({ line: lineOf(tree, node), what });
  });
  const imports = tree.imports.flatMap((node: Node) =>
    isStringLiteral(node) ? [{ specifier: node.text, line: lineOf(tree, node) }] : [],
  );
  return { queryCalls, imports };
}

/** The local names `sql` is imported as from kysely (`import { sql as q } from "kysely"`). */
function kyselyNames(statement: ImportDeclaration): string[] {
  const from = statement.moduleSpecifier;
  if (!isStringLiteral(from) || from.text !== "kysely") return [];
  const bindings = statement.importClause?.namedBindings;
  if (!bindings || !isNamedImports(bindings)) return [];
  return bindings.elements.filter((e) => (e.propertyName ?? e.name).text === "sql").map((e) => e.name.text);
}

function builderCall(call: CallExpression, sqlNames: ReadonlySet<string>): string | null {
  const callee = call.expression;
  if (!isPropertyAccessExpression(callee) || !isIdentifier(callee.name)) return null;
  const method = callee.name.text;
  if (BUILDER_METHODS.has(method)) return `.${method}(`;
  const target = callee.expression;
  if (SQL_HELPERS.has(method) && isIdentifier(target) && sqlNames.has(target.text)) {
    return `${target.text}.${method}(`;
  }
  return null;
}

function sqlTemplate(node: TaggedTemplateExpression, sqlNames: ReadonlySet<string>): string | null {
  return isIdentifier(node.tag) && sqlNames.has(node.tag.text) ? `${node.tag.text}\`…\`` : null;
}

function isTest(path: string): boolean {
  return /\.test\.tsx?$/.test(path);
}

/** `features/claims` for a file in src/features/claims/, else the top folder: `domain`, `server`. */
function areaOf(path: string): string | null {
  const parts = path.split("/");
  if (parts[0] !== "src" || parts.length < 3) return null;
  if (parts[1] === "features") return parts.length >= 4 ? `features/${parts[2]}` : null;
  return parts[1] ?? null;
}

function mayHoldSql(path: string): boolean {
  if (isTest(path) || path.startsWith("src/db/")) return true;
  const parts = path.split("/");
  if (parts[1] !== "features" || parts.length < 4) return false;
  const inside = parts.slice(3);
  return inside.at(-1)?.replace(/\.tsx?$/, "") === "queries" || inside.slice(0, -1).includes("queries");
}

function sqlFindings(facts: readonly FileFacts[]): Finding[] {
  return facts.flatMap((f) => {
    if (mayHoldSql(f.path)) return [];
    const area = areaOf(f.path);
    const home = area?.startsWith("features/") ? `src/${area}/queries.ts` : "a feature's queries.ts";
    return f.queryCalls.map((call) => ({
      file: f.path,
      line: call.line,
      reason: `query builder ${call.what} outside queries: move it to ${home}`,
    }));
  });
}

interface Edge {
  from: string;
  to: string;
  file: string;
  line: number;
}

/** Where a relative import lands, relative to the root; null for a package or `node:` module. */
function target(importer: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return toPosix(join(dirname(importer), specifier));
}

function importFindings(facts: readonly FileFacts[]): Finding[] {
  const findings: Finding[] = [];
  const edges: Edge[] = [];
  for (const f of facts) {
    const from = areaOf(f.path);
    if (!from || isTest(f.path)) continue;
    for (const site of f.imports) {
      const landed = target(f.path, site.specifier);
      const to = landed ? areaOf(landed) : null;
      const at = { file: f.path, line: site.line };
      if (from === "domain") {
        if (landed && to !== "domain") {
          findings.push({ ...at, reason: `src/domain imports ${landed}: pure rules import only src/domain` });
        } else if (!landed && !DOMAIN_PACKAGES.has(packageName(site.specifier))) {
          findings.push({
            ...at,
            reason: `src/domain imports "${site.specifier}": pure rules use no I/O and no framework (see DOMAIN_PACKAGES)`,
          });
        }
      }
      if (from === "db" && to && (to === "server" || to.startsWith("features/"))) {
        findings.push({
          ...at,
          reason: `src/db imports ${landed}: the database layer must not know src/${to}`,
        });
      }
      if (from.startsWith("features/") && to?.startsWith("features/") && to !== from) {
        edges.push({ from, to, ...at });
      }
    }
  }
  return [...findings, ...cycleFindings(edges)];
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** One finding per import that closes a folder cycle, naming the whole cycle. */
function cycleFindings(edges: readonly Edge[]): Finding[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of edges) {
    const back = shortestPath(next, e.to, e.from);
    if (!back) continue;
    const key = `${e.from}>${e.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      file: e.file,
      line: e.line,
      reason: `folder cycle ${[e.from, ...back].join(" → ")}: ${e.from} imports ${e.to}, which leads back`,
    });
  }
  return findings;
}

function shortestPath(next: ReadonlyMap<string, Set<string>>, start: string, goal: string): string[] | null {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === goal) {
      const path: string[] = [];
      for (let step: string | null = at; step !== null; step = previous.get(step) ?? null) path.unshift(step);
      return path;
    }
    for (const n of next.get(at) ?? []) {
      if (!previous.has(n)) {
        previous.set(n, at);
        queue.push(n);
      }
    }
  }
  return null;
}

function folderFindings(root: string, facts: readonly FileFacts[]): Finding[] {
  const byFolder = new Map<string, FileFacts[]>();
  for (const f of facts) {
    const area = areaOf(f.path);
    if (area?.startsWith("features/") && !isTest(f.path)) {
      byFolder.set(area, [...(byFolder.get(area) ?? []), f]);
    }
  }
  const findings: Finding[] = [];
  for (const [area, files] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const folder = `src/${area}`;
    const routes = `${folder}/routes.ts`;
    if (!files.some((f) => f.path === routes)) continue;
    const has = (layer: string) =>
      exists(join(root, folder, `${layer}.ts`)) || exists(join(root, folder, layer));
    const specifiers = files.flatMap((f) =>
      f.imports.map((i) => ({ file: f.path, spec: i.specifier, landed: target(f.path, i.specifier) })),
    );
    const writesSchemas = specifiers.some((s) => s.spec === "zod" || s.spec.startsWith("zod/"));
    const touchesDatabase = specifiers.some(
      (s) =>
        s.spec === "kysely" ||
        s.landed?.startsWith("src/db/") ||
        /(^|\/)queries(\.ts|\/|$)/.test(s.landed ?? ""),
    );
    const hasSql = files.some((f) => f.queryCalls.length > 0);
    const missing = (layer: string, why: string) =>
      findings.push({ file: routes, line: 1, reason: `${folder} has routes but no ${layer}.ts: ${why}` });
    if (writesSchemas && !has("schemas")) missing("schemas", "its zod schemas belong in schemas.ts");
    if (touchesDatabase && !has("service"))
      missing("service", "it touches the database, and routes call a service for that");
    if (hasSql && !has("queries")) missing("queries", "it has SQL, which belongs in queries.ts");
  }
  return findings;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  const root = resolve(process.argv[2] ?? ".");
  const findings = checkLayers(root);
  for (const f of findings) process.stdout.write(`${f.file}:${f.line}: ${f.reason}\n`);
  if (findings.length > 0) {
    process.stderr.write(
      `check-layers: ${findings.length} finding(s); the rules are in scripts/check-layers.ts\n`,
    );
    process.exit(1);
  }
  process.stdout.write("check-layers: no findings\n");
}
