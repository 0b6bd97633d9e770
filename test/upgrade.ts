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

/**
 * A TV unit (`serial`) of model TV-55 ("TV 55 tommer" / "TV 55 inch"), with its category and
 * model, as every schema since the catalogue's first has them.
 */
export async function insertTvUnit(database: Database, serial: string, at: string): Promise<void> {
  const { db } = database;
  await db
    .insertInto("category")
    .values({
      code: "tv",
      name_nb: "TV",
      name_en: "TV",
      registrable: true,
      identifier_rule: null,
      qr_registration: false,
      self_registration_from_model_year: null,
      statutory_class: "long",
      points: 100,
      guide_nb: null,
      guide_en: null,
      guide_image: null,
      not_registrable_nb: null,
      not_registrable_en: null,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto("model")
    .values({
      code: "TV-55",
      name_nb: "TV 55 tommer",
      name_en: "TV 55 inch",
      category_code: "tv",
      model_year: 2025,
      smart: true,
      image: null,
      line_code: null,
      family: null,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto("unit")
    .values({
      serial,
      imei1: null,
      imei2: null,
      model_code: "TV-55",
      manufactured_on: null,
      market: "NO",
      look_alike_key: serial,
    })
    .execute();
}
