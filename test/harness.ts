import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import { type Config, loadConfig } from "../src/config/config.ts";
import { type Database, type DialectName, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { type Clock, systemClock } from "../src/domain/clock.ts";
import { TEXT_VERSIONS } from "../src/domain/consent.ts";
import type { Role } from "../src/features/accounts/auth.ts";
import { createAuth } from "../src/features/accounts/auth.ts";
import { createVerifiedUser } from "../src/features/accounts/service.ts";
import { buildApp } from "../src/server/app.ts";
import { describeFindings, type ScanFinding, StatementLog } from "./query-plan-gate.ts";

/** Every dialect this run can reach: SQLite always, PostgreSQL when the global setup found it. */
export function dialects(): DialectName[] {
  return inject("postgres") ? ["sqlite", "postgres"] : ["sqlite"];
}

/**
 * A fresh, migrated database: SQLite in memory, or a copy of the PostgreSQL template. Its close()
 * runs the query-plan gate first (test/query-plan-gate.ts) and throws when a statement it ran
 * scans a growing table.
 */
export async function freshDatabase(dialect: DialectName): Promise<Database> {
  const statements = new StatementLog(dialect);
  if (dialect === "sqlite") {
    const database = await openDatabase("sqlite::memory:", { onQuery: statements.record });
    await migrateToLatest(database);
    statements.start();
    return gated(database, statements, database.close);
  }
  const postgres = inject("postgres");
  if (!postgres) throw new Error("PostgreSQL is not available in this run");
  const name = `portal_t_${process.ppid}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${postgres.template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString(), { onQuery: statements.record });
  statements.start();
  return gated(database, statements, async () => {
    await database.close();
    const cleanup = new pg.Client({ connectionString: postgres.adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  });
}

/** The database, with a close() that asks the planner about its statements before closing it. */
function gated(database: Database, statements: StatementLog, close: () => Promise<void>): Database {
  return {
    ...database,
    async close() {
      let findings: ScanFinding[];
      try {
        findings = await statements.check(database);
      } finally {
        await close();
      }
      if (findings.length > 0) throw new Error(describeFindings(findings));
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PUBLIC_URL: "http://localhost:3000",
    AUTH_SECRET: "test-secret-test-secret-test-secret-1234",
    DEMO_MODE: "true",
    LOG_LEVEL: "silent",
    FILES_DIR: mkdtempSync(join(tmpdir(), "portal-files-")),
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: Clock;
  close(): Promise<void>;
}

export async function startTestApp(
  dialect: DialectName,
  env: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
  clock: Clock = systemClock,
): Promise<TestApp> {
  const config = testConfig(env);
  const database = await freshDatabase(dialect);
  // Every problem a test meets must be one its route's OpenAPI entry tells clients about.
  const undocumented = new Set<string>();
  const app = await buildApp({
    config,
    database,
    outboxTimer: false,
    logger: logStream ? { stream: logStream } : false,
    clock,
    onUndocumentedCode: ({ method, url, code }) => undocumented.add(`${method} ${url}: ${code}`),
  });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
      if (undocumented.size > 0) {
        throw new Error(
          `answers with codes their route's OpenAPI entry does not list:\n${[...undocumented].join("\n")}`,
        );
      }
    },
  };
}

export interface SignedIn {
  userId: string;
  email: string;
  password: string;
  cookie: string;
  csrf: string;
  token: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

let counter = 0;

/** A fresh verified user with a cookie session, its CSRF token and a bearer token. */
export async function signedInUser(t: TestApp, role: Role = "customer"): Promise<SignedIn> {
  counter++;
  const email = `user${counter}-${randomBytes(3).toString("hex")}@example.com`;
  const auth = createAuth(t.config, t.database, t.clock);
  const { userId, password } = await createVerifiedUser(auth, t.database, {
    email,
    role,
    password: "correct horse battery",
  });
  // Each test user signs in from its own address, so the sign-in rate limit never trips.
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/sign-in/email",
    remoteAddress: `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`,
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const token = String(res.headers["set-auth-token"] ?? "");
  const session = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
  const csrf = session.json().csrfToken as string;
  return { userId, email, password, cookie, csrf, token, headers: { cookie, "x-csrf-token": csrf } };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const raw = res.headers["set-cookie"];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list
    .map((c) => c.split(";")[0])
    .filter((c) => c?.includes("session_token"))
    .join("; ");
}

/** A multipart/form-data body for `inject`: text fields and at most one file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; field?: string; bytes: Uint8Array; type?: string },
) {
  const boundary = `----portal${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "proof"}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/pdf"}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** The ids of an owner's registrations, active or removed: to show that nothing was written. */
export async function registrationIdsOf(t: TestApp, ownerId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom("registration")
    .select("id")
    .where("owner_id", "=", ownerId)
    .execute();
  return rows.map((r) => r.id);
}

/** What the sign-up form sends besides the account: the versions of the terms and privacy notice accepted. */
export const ACCEPTED_TERMS = {
  acceptedTerms: TEXT_VERSIONS.terms,
  acceptedPrivacyNotice: TEXT_VERSIONS["privacy-notice"],
} as const;
