/**
 * What src/db/tables.ts declares, read from its syntax tree: per table, each column's nullability
 * and coarse type. The types of tables.ts do not exist at run time, so the test that holds them
 * against the migrated schema (src/db/tables.test.ts) reads them from the source instead.
 *
 * A column type is read by its name in tables.ts: `Instant` is a timestamp, `Bool` a boolean,
 * `string` and string literals text, `number` a number (an integer or a real: TypeScript cannot
 * tell them apart), `Json`/`JsonValue` json; `Generated<T>` and `ColumnType<T, …>` are read as
 * `T`, a type alias of the file as what it stands for, and `| null` makes a column nullable.
 */
import { resolve } from "node:path";
import type { EntityName, PropertyName, SourceFile, TypeNode } from "typescript/unstable/ast";
import { SyntaxKind } from "typescript/unstable/ast";
import {
  isIdentifier,
  isInterfaceDeclaration,
  isLiteralTypeNode,
  isParenthesizedTypeNode,
  isPropertySignatureDeclaration,
  isStringLiteral,
  isTypeAliasDeclaration,
  isTypeReferenceNode,
  isUnionTypeNode,
} from "typescript/unstable/ast/is";
import { readSyntaxTrees } from "./syntax-trees.ts";

export type CoarseType = "text" | "number" | "boolean" | "timestamp" | "json";

export interface DeclaredColumn {
  type: CoarseType;
  nullable: boolean;
}

/** Table name → column name → what tables.ts says of it. */
export type DeclaredTables = Map<string, Map<string, DeclaredColumn>>;

/** @example const tables = declaredTables(); tables.get("unit")?.get("serial") // { type: "text", nullable: false } */
export function declaredTables(file = resolve(import.meta.dirname, "../src/db/tables.ts")): DeclaredTables {
  const read = readSyntaxTrees(process.cwd(), [file], (_file, tree) => fromTree(tree));
  const tables = read.get(file);
  if (!tables) throw new Error(`${file} was not read`);
  return tables;
}

function fromTree(tree: SourceFile): DeclaredTables {
  const interfaces = new Map(
    tree.statements.filter(isInterfaceDeclaration).map((i) => [i.name.text, i] as const),
  );
  const aliases = new Map(
    tree.statements.filter(isTypeAliasDeclaration).map((a) => [a.name.text, a.type] as const),
  );
  const root = interfaces.get("Tables");
  if (!root) throw new Error("tables.ts has no `interface Tables`");
  const tables: DeclaredTables = new Map();
  for (const member of root.members) {
    if (!isPropertySignatureDeclaration(member)) continue;
    const table = propertyName(member.name);
    const row = member.type && isTypeReferenceNode(member.type) ? typeName(member.type.typeName) : "";
    const shape = interfaces.get(row);
    if (!shape) throw new Error(`tables.ts: Tables.${table} is not an interface of the file (${row})`);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of shape.members) {
      if (!isPropertySignatureDeclaration(column)) continue;
      const name = propertyName(column.name);
      columns.set(name, columnOf(column.type, aliases, `${row}.${name}`));
    }
    tables.set(table, columns);
  }
  return tables;
}

function propertyName(name: PropertyName): string {
  if (isIdentifier(name) || isStringLiteral(name)) return name.text;
  throw new Error("tables.ts: a property name that is neither an identifier nor a string");
}

function typeName(name: EntityName): string {
  return isIdentifier(name) ? name.text : "";
}

function columnOf(type: TypeNode, aliases: ReadonlyMap<string, TypeNode>, where: string): DeclaredColumn {
  const parts = flatten(type, aliases);
  const nullable = parts.includes("null");
  const types = [...new Set(parts.filter((p) => p !== "null"))];
  if (types.length !== 1) throw new Error(`tables.ts: ${where} mixes types (${types.join(", ")})`);
  return { type: types[0] as CoarseType, nullable };
}

function flatten(type: TypeNode, aliases: ReadonlyMap<string, TypeNode>): (CoarseType | "null")[] {
  if (isUnionTypeNode(type)) return type.types.flatMap((t) => flatten(t, aliases));
  if (isParenthesizedTypeNode(type)) return flatten(type.type, aliases);
  if (isLiteralTypeNode(type)) {
    if (type.literal.kind === SyntaxKind.NullKeyword) return ["null"];
    if (type.literal.kind === SyntaxKind.StringLiteral) return ["text"];
    if (type.literal.kind === SyntaxKind.NumericLiteral) return ["number"];
  }
  if (type.kind === SyntaxKind.StringKeyword) return ["text"];
  if (type.kind === SyntaxKind.NumberKeyword) return ["number"];
  if (type.kind === SyntaxKind.BooleanKeyword) return ["boolean"];
  if (isTypeReferenceNode(type)) {
    const name = typeName(type.typeName);
    if (name === "Instant") return ["timestamp"];
    if (name === "Bool") return ["boolean"];
    if (name === "Json" || name === "JsonValue") return ["json"];
    const first = type.typeArguments?.[0];
    if ((name === "Generated" || name === "GeneratedAlways" || name === "ColumnType") && first) {
      return flatten(first, aliases);
    }
    const alias = aliases.get(name);
    if (alias) return flatten(alias, aliases);
  }
  throw new Error(`tables.ts: cannot read the type of a column (${SyntaxKind[type.kind]})`);
}
