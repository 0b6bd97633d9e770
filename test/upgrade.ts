/**
 * For tests of an upgrade: a database of its own, brought to the schema of the day before a
 * migration, so the test can write what a portal of that day held and then migrate to the latest.
 */
import { randomBytes } from "node:crypto";
import { type Kysely, Migrator } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { type Database, type DialectName, openDatabase } from "../src/db/database.ts";
import { MIGRATIONS } from "../src/db/migrate.ts";

/** An empty database of its own, dropped again on close (PostgreSQL) or in memory (SQLite). */
export async function emptyDatabase(dialect: DialectName): Promise<Database> {
  if (dialect === "sqlite") return openDatabase("sqlite::memory:");
  const postgres = inject("postgres");
  if (!postgres) throw new Error("PostgreSQL is not available in this run");
  const name = `portal_t_${process.ppid}_up_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgres.adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Applies the migrations named before `migration`, as a portal of the day before had them. */
export async function migrateBefore(database: Database, migration: { name: string }): Promise<void> {
  const earlier = MIGRATIONS.filter((m) => m.name < migration.name);
  const result = await new Migrator({
    db: database.db,
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          earlier.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, database.dialect) }]),
        );
      },
    },
  }).migrateToLatest();
  if (result.error) throw result.error;
}

/** An owner's account row, as every schema since the first has it. */
export async function insertOwner(database: Database, id: string, at: string): Promise<void> {
  await database.db
    .insertInto("user")
    .values({
      id,
      name: "Ada",
      email: `${id}@example.com`,
      emailVerified: true,
      image: null,
      role: "customer",
      locale: "nb",
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}
