/**
 * Starts the portal for the browser tests on a database emptied first, so every run begins from
 * the same demo data.
 */
import { rmSync } from "node:fs";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
if (url.startsWith("sqlite:")) {
  rmSync(url.slice("sqlite:".length).replace(/[^/]+$/, ""), { recursive: true, force: true });
} else if (url.startsWith("postgres")) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
}
await import("../src/server/main.ts");
