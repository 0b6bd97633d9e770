import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { demoUnits } from "../features/units/demo-units.ts";
import { demoModels } from "./demo-data.ts";

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["src/cli/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("npm run cli -- import units", () => {
  it("imports a CSV file, writes bad rows to the rejects file, and changes nothing the second time", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-import-"));
    const env = { DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}` };
    expect(cli(["demo-data", "--units", "0"], env).status).toBe(0);
    const file = join(dir, "units.csv");
    writeFileSync(
      file,
      [
        "serial,model,imei1,manufacturedOn",
        "HK3T3AC0001,NX-P24-128,,",
        "HK3T3AC0002,NX-P24-128,123,",
        "HK3T3AC0003,NX-UNKNOWN,,",
        "HK3T3AC0004,NX-P24-128,,2024-03-09",
      ].join("\n"),
    );
    const first = cli(["import", "units", file], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Rows: 4  written: 2  unchanged: 0  rejected: 2");
    const rejects = readFileSync(`${file}.rejects.ndjson`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, "imei1 must be 15 digits"],
      [4, 'unknown model "NX-UNKNOWN"'],
    ]);
    const second = cli(["import", "units", file], env);
    expect(second.stdout).toContain("Rows: 4  written: 0  unchanged: 2  rejected: 2");
  });

  it("leaves a consistent database when killed mid-import, and a re-run completes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-kill-"));
    const env = { PATH: process.env.PATH ?? "", DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}` };
    expect(cli(["demo-data", "--units", "0"], env).status).toBe(0);
    const file = join(dir, "units.ndjson");
    const lines: string[] = [];
    for (const unit of demoUnits(300_000, demoModels)) lines.push(JSON.stringify(unit));
    writeFileSync(file, `${lines.join("\n")}\n`);

    const child = spawn(process.execPath, ["src/cli/main.ts", "import", "units", file], {
      env,
      stdio: "ignore",
    });
    const db = join(dir, "db.sqlite");
    // Kill it once some batches are in, but long before the end.
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const probe = new DatabaseSync(db, { readOnly: true });
      seen = (probe.prepare("select count(*) as n from unit").get() as { n: number }).n;
      probe.close();
      if (seen > 0) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const check = new DatabaseSync(db);
    expect(check.prepare("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
    const partial = (check.prepare("select count(*) as n from unit").get() as { n: number }).n;
    check.close();
    expect(partial).toBeLessThan(lines.length);
    expect(partial % 2000).toBe(0);

    const rerun = cli(["import", "units", file], env);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain(`written: ${(lines.length - partial).toLocaleString("en")}`);
    const done = new DatabaseSync(db);
    expect((done.prepare("select count(*) as n from unit").get() as { n: number }).n).toBe(lines.length);
    done.close();
  });
});
