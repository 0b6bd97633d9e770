import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["src/server/main.ts"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", PORT: "0", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe("starting the portal with a broken setup", () => {
  it("exits with one sentence for a DATABASE_URL of an unknown kind", () => {
    const { status, stderr } = start({ DATABASE_URL: "mysql://root@localhost/portal" });
    expect(status).toBe(1);
    expect(stderr).toBe('DATABASE_URL must start with "sqlite:" or "postgres://" (got "mysql:…").');
  });

  it("exits with one sentence when PostgreSQL cannot be reached, without the password", () => {
    const { status, stderr } = start({ DATABASE_URL: "postgres://portal:s3cret@127.0.0.1:1/portal" });
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toContain("Cannot connect to PostgreSQL at postgres://portal:***@127.0.0.1:1/portal");
    expect(stderr).not.toContain("s3cret");
  });

  it("exits with one sentence when the data folder cannot be used", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-"));
    writeFileSync(join(dir, "data"), "a file where the folder should be");
    const { status, stderr } = start({ DATABASE_URL: `sqlite:${join(dir, "data", "portal.sqlite")}` });
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Cannot open the SQLite database at .*portal\.sqlite: /);
  });

  it("exits with one sentence for an invalid setting", () => {
    const { status, stderr } = start({ PORT: "eighty" });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration: PORT: /);
  });

  it("exits with one sentence naming AUTH_SECRET when it listens beyond loopback without one", () => {
    const { status, stderr } = start({ HOST: "0.0.0.0", DATABASE_URL: "sqlite::memory:" });
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: AUTH_SECRET .* is required/);
  });
});
