import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server and the migrated template database, or null when unreachable. */
    postgres: { adminUrl: string; template: string } | null;
  }
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Migrates one PostgreSQL template database per run; every test file copies it
 * (`CREATE DATABASE … TEMPLATE …`) so files run in parallel on their own data.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  const required = process.env.REQUIRE_POSTGRES === "1" || process.env.TEST_DATABASE_URL !== undefined;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (required) throw new Error(`PostgreSQL is required but unreachable at ${adminUrl}: ${String(error)}`);
    process.stderr.write(
      `\n[tests] PostgreSQL is not reachable at ${adminUrl}: API tests run on SQLite only. ` +
        "Start it (or set TEST_DATABASE_URL) to cover both databases.\n\n",
    );
    project.provide("postgres", null);
    return;
  }
  const template = `portal_tpl_${process.pid}`;
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const database = await openDatabase(url.toString());
  await migrateToLatest(database);
  await database.close();
  project.provide("postgres", { adminUrl, template });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`portal_t_${process.pid}_%`],
    );
    for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}
