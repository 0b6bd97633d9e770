/**
 * `npm test`: every test there is. Unit and API tests (Vitest, on SQLite and, when reachable, on
 * PostgreSQL), then the browser journeys (Playwright in Debian's Chromium) on the same databases.
 * A missing browser is installed when we can, or the run fails with the command that fixes it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(`\n[tests] ${command} ${args.join(" ")} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    process.stderr.write("[tests] Chromium is missing: installing Debian's chromium package …\n");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      // Reported below.
    }
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(
      `[tests] The browser tests need Chromium at ${CHROMIUM} and it is missing. Install it with:\n\n    sudo apt-get install -y chromium\n\n`,
    );
    process.exit(1);
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

ensureChromium();
const withPostgres = await postgresReachable();
if (!withPostgres) {
  if (process.env.REQUIRE_POSTGRES === "1" || process.env.TEST_DATABASE_URL) {
    process.stderr.write(`[tests] PostgreSQL is required but not reachable at ${PG_URL}.\n`);
    process.exit(1);
  }
  process.stderr.write(
    `\n[tests] PostgreSQL is not reachable at ${PG_URL}: this run covers SQLite only. ` +
      "Start PostgreSQL or set TEST_DATABASE_URL to cover both databases.\n\n",
  );
}

run("vitest", ["run"]);
run("vite", ["build", "--logLevel", "warn"]);
const e2eUrl = new URL(PG_URL);
e2eUrl.pathname = "/portal_e2e";
run("playwright", ["test"], withPostgres ? { E2E_POSTGRES_URL: e2eUrl.toString() } : {});
