/**
 * Syntax trees of TypeScript files, from the compiler itself. TypeScript 7 (the native compiler)
 * no longer exports `createSourceFile` from `require("typescript")`; its parser is reached
 * through the API in `typescript/unstable/sync`, which runs the bundled compiler as a child
 * process and hands back the trees it parsed. A tree knows comments and strings from code, which
 * a regular expression over the text never does.
 */
import { resolve } from "node:path";
import type { Node, SourceFile } from "typescript/unstable/ast";
import { API } from "typescript/unstable/sync";

/**
 * Parses every file in `files` (absolute, or relative to `root`) and hands each tree to `read`.
 * Files under a tsconfig.json are parsed with its options, others as a project of their own.
 *
 * @example
 * const lines = readSyntaxTrees(process.cwd(), ["src/db/tables.ts"], (file, tree) => tree.statements.length);
 */
export function readSyntaxTrees<T>(
  root: string,
  files: readonly string[],
  read: (file: string, tree: SourceFile) => T,
): Map<string, T> {
  const absolute = files.map((file) => resolve(root, file));
  const out = new Map<string, T>();
  if (absolute.length === 0) return out;
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openFiles: absolute });
    absolute.forEach((file, i) => {
      const tree = snapshot.getDefaultProjectForFile(file)?.program.getSourceFile(file);
      if (!tree) throw new Error(`The TypeScript compiler did not parse ${file}.`);
      out.set(files[i] ?? file, read(file, tree));
    });
  } finally {
    api.close();
  }
  return out;
}

/** The 1-based line a node starts on (after its leading comments). */
export function lineOf(tree: SourceFile, node: Node): number {
  return tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
}

/** Every node of a tree, depth first. */
export function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  node.forEachChild((child) => {
    walk(child, visit);
  });
}
