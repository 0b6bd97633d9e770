import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { Tables } from "./tables.ts";

/**
 * A query built and compiled once per database, then run with each call's parameters: for the
 * few statements every request runs, where building the query tree costs more than SQLite takes
 * to answer it. The builder is called once with a stand-in for each parameter; each stand-in's
 * place in the compiled parameters is where the call's value goes, so the builder may use a
 * parameter anywhere (a where, a limit) and keep constants of its own. The compiled form depends on
 * the dialect alone, so it is kept per dialect instance and shared by that database's transactions;
 * a database with plugins (which may rewrite a query) has one of its own.
 *
 * @example
 * const byOwner = prepared((db, ownerId: string) => db.selectFrom("registration").selectAll().where("owner_id", "=", ownerId));
 * const rows = await byOwner(database.db, "u1");
 */
export function prepared<Args extends unknown[], Row>(
  build: (db: Kysely<Tables>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Tables>, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: Slot[] }>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    const key = executor.plugins.length === 0 ? executor.adapter : db;
    let entry = compiled.get(key);
    if (!entry) {
      entry = compile(db, build, args.length);
      compiled.set(key, entry);
    }
    const parameters = entry.slots.map((slot) => ("arg" in slot ? args[slot.arg] : slot.value));
    const { rows } = await db.executeQuery<Row>({ ...entry.query, parameters });
    return rows;
  };
}

type Slot = { arg: number } | { value: unknown };

function compile<Args extends unknown[], Row>(
  db: Kysely<Tables>,
  build: (db: Kysely<Tables>, ...args: Args) => Compilable<Row>,
  arity: number,
): { query: CompiledQuery<Row>; slots: Slot[] } {
  const standIns = Array.from({ length: arity }, (_, i) => `\u0000prepared-parameter-${i}\u0000`);
  const query = build(db, ...(standIns as Args)).compile();
  const slots = query.parameters.map((value): Slot => {
    const arg = standIns.indexOf(value as string);
    return arg >= 0 ? { arg } : { value };
  });
  const used = new Set(slots.flatMap((slot) => ("arg" in slot ? [slot.arg] : [])));
  if (used.size !== arity) throw new Error("a prepared query must use each of its parameters as a value");
  return { query, slots };
}
