import pg from "pg";
import { type Database, type OpenOptions, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The databases a benchmark runs on: SQLite always, PostgreSQL when reachable; `BENCH_DIALECT`
 * (sqlite or postgres) picks one.
 */
export async function benchDialects(): Promise<("sqlite" | "postgres")[]> {
  const only = process.env.BENCH_DIALECT;
  if (only === "sqlite") return ["sqlite"];
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return only === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
  } catch {
    process.stderr.write(`[bench] PostgreSQL not reachable at ${PG_ADMIN}: SQLite only\n`);
    return ["sqlite"];
  }
}

/** A migrated database named `name`: a file under data/bench, or a PostgreSQL database. */
export async function benchDatabase(
  dialect: "sqlite" | "postgres",
  name: string,
  fresh: boolean,
  options: OpenOptions = {},
): Promise<Database> {
  let url: string;
  if (dialect === "sqlite") {
    const { rmSync } = await import("node:fs");
    const file = `data/bench/${name}.sqlite`;
    if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `sqlite:${file}`;
  } else {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount;
    if (fresh && exists) await admin.query(`drop database ${name} with (force)`);
    if (fresh || !exists) await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(PG_ADMIN);
    target.pathname = `/${name}`;
    url = target.toString();
  }
  const database = await openDatabase(url, options);
  await migrateToLatest(database);
  return database;
}

/** Percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
