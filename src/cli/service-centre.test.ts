import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAs } from "../../test/claim-requests.ts";
import { seedCatalogue } from "../../test/fixtures.ts";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { requestedRepair, seedServiceNetwork } from "../../test/repair-requests.ts";
import { demoServiceNetwork } from "../features/repairs/demo-network.ts";

/** `npm run cli -- …` as a child process; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["src/cli/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise<{ status: number | null; output: string }>((resolve) =>
    child.once("exit", (status) => resolve({ status, output })),
  );
}

describe("npm run cli -- service-centre, against a running portal", () => {
  let t: TestApp;
  let key: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp("sqlite");
    await seedCatalogue(t.database);
    key = (await seedServiceNetwork(t))["ostlandet-service"] ?? "";
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    env = {
      PUBLIC_URL: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`,
      DATABASE_URL: "sqlite::memory:",
    };
  });
  afterAll(() => t.close());

  it("accepts, diagnoses, repairs, ships and closes a job, as a service centre's system would", async () => {
    const { owner, repair } = await requestedRepair(t, "tv");
    const jobs = await cli(["service-centre", "--key", key, "jobs", "--status", "requested"], env);
    expect(jobs.output).toContain(repair.requestNumber);
    const accepted = await cli(["service-centre", "--key", key, "accept", repair.requestNumber], env);
    expect([accepted.status, accepted.output]).toEqual([
      0,
      expect.stringMatching(/^Accepted: RQ-\S+ RJ-\S+ accepted/),
    ]);
    for (const status of ["received", "diagnosing", "repairing"]) {
      const step = await cli(["service-centre", "--key", key, "status", repair.requestNumber, status], env);
      expect(step.output).toContain(`Applied: ${repair.requestNumber}`);
    }
    const repaired = await cli(
      [
        "service-centre",
        "--key",
        key,
        "status",
        repair.requestNumber,
        "repaired",
        "--diagnosis",
        "Power board replaced.",
      ],
      env,
    );
    expect(repaired.status).toBe(0);
    await cli(
      ["service-centre", "--key", key, "status", repair.requestNumber, "shipped", "--tracking", "PN 1234"],
      env,
    );
    await cli(["service-centre", "--key", key, "status", repair.requestNumber, "closed"], env);
    const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
    expect(view).toMatchObject({
      status: "closed",
      diagnosis: "Power board replaced.",
      returnTracking: "PN 1234",
    });
  });

  it("says what is wrong, with exit code 2: a wrong key, a status that cannot follow", async () => {
    const wrong = await cli(["service-centre", "--key", "sp_wrong", "jobs"], env);
    expect([wrong.status, wrong.output]).toEqual([2, expect.stringContaining("partner.key_invalid")]);
    const { repair } = await requestedRepair(t, "tv");
    const early = await cli(["service-centre", "--key", key, "status", repair.requestNumber, "closed"], env);
    expect([early.status, early.output]).toEqual([2, expect.stringContaining("repair.status_not_allowed")]);
  });
});

describe("npm run cli -- service-network import and service-partner key", () => {
  it("imports a network file and issues a key, and refuses a file naming an unknown category", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-network-"));
    const env = { DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}` };
    expect((await cli(["demo-data", "--units", "0"], env)).status).toBe(0);
    const file = join(dir, "network.json");
    writeFileSync(file, JSON.stringify(demoServiceNetwork));
    const imported = await cli(["service-network", "import", file], env);
    expect([imported.status, imported.output]).toEqual([
      0,
      expect.stringContaining("Imported 3 partners, 4 centres"),
    ]);
    const issued = await cli(["service-partner", "key", "vest-elektro"], env);
    expect(issued.output).toMatch(/Partner key \(shown once\): sp_\S{32}/);
    const unknown = await cli(["service-partner", "key", "nobody"], env);
    expect(unknown.status).toBe(2);
    writeFileSync(
      file,
      JSON.stringify({
        ...demoServiceNetwork,
        categories: [{ ...demoServiceNetwork.categories[0], code: "spaceship" }],
      }),
    );
    const refused = await cli(["service-network", "import", file], env);
    expect([refused.status, refused.output]).toEqual([2, expect.stringContaining("spaceship")]);
  });
});
