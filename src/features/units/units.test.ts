import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshUnit, nextUnit } from "../../../test/factories.ts";
import { dialects, freshDatabase, startTestApp, type TestApp } from "../../../test/harness.ts";
import { demoCatalogue, demoModels } from "../../cli/demo-data.ts";
import type { Database } from "../../db/database.ts";
import { importCatalogue } from "../catalogue/service.ts";
import { demoUnits } from "./demo-units.ts";
import { importUnits, type Rejection } from "./import.ts";
import { lookUpSerial } from "./service.ts";

const KEY = "factory-secret-0123456789";

/** The same 15 digits with another last digit: an IMEI that fails its check digit. */
const wrongCheckDigit = (imei: string) => `${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;

async function* linesOf(items: unknown[]): AsyncGenerator<string> {
  for (const item of items) yield typeof item === "string" ? item : JSON.stringify(item);
}

/** A digest of the whole registry, to compare two databases. */
async function registryDigest(database: Database): Promise<string> {
  const rows = await database.db.selectFrom("unit").selectAll().orderBy("serial").execute();
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

for (const dialect of dialects()) {
  describe(`the unit registry on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `factory:${KEY}` });
      await importCatalogue(t.database, demoCatalogue);
    });
    afterAll(() => t.close());

    /** Which of these serials are in the registry, sorted. */
    const storedSerials = async (serials: string[]) =>
      (await t.database.db.selectFrom("unit").select("serial").where("serial", "in", serials).execute())
        .map((r) => r.serial)
        .sort();

    const post = (body: string, key: string | null = KEY, type = "application/x-ndjson") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "content-type": type, ...(key ? { "x-service-key": key } : {}) },
        payload: body,
      });

    it("answers 401 with the code without a service key, and 415 with the code for another content type", async () => {
      const unit = nextUnit("fridge");
      const line = JSON.stringify({ serial: unit.serial, model: unit.model });
      const missing = await post(line, null);
      expect(missing.statusCode).toBe(401);
      expect(missing.json().code).toBe("service.key_required");
      expect((await post(line, "wrong-key-0123456789")).json().code).toBe("service.key_invalid");
      const wrongType = await post("serial,model", KEY, "text/csv");
      expect(wrongType.statusCode).toBe(415);
      expect(wrongType.json().code).toBe("request.media_type");
      expect(await storedSerials([unit.serial])).toEqual([]);
    });

    it("imports NDJSON over HTTP, rejecting bad lines with their number and reason", async () => {
      const [a, b, c, d, e] = Array.from({ length: 5 }, () => nextUnit("phone"));
      if (!a || !b || !c || !d || !e) throw new Error("five units");
      const lines = [
        { serial: a.serial, model: a.model, imei1: a.imei },
        { serial: b.serial, model: b.model, imei1: wrongCheckDigit(b.imei as string) },
        "{not json",
        { serial: a.serial, model: a.model },
        { serial: c.serial, model: "NO-SUCH-MODEL" },
        { serial: d.serial, model: d.model, imei1: a.imei },
        { serial: "SHORT", model: a.model },
        { serial: e.serial, model: e.model },
      ].map((l) => (typeof l === "string" ? l : JSON.stringify(l)));
      const res = await post(lines.join("\n"));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ rows: 8, written: 2, unchanged: 0, rejected: 6 });
      expect(body.rejections).toEqual([
        { line: 2, reason: "imei1 fails the Luhn check digit" },
        { line: 3, reason: "not valid JSON" },
        { line: 4, reason: "duplicate serial: also on line 1" },
        { line: 5, reason: 'unknown model "NO-SUCH-MODEL"' },
        { line: 6, reason: "duplicate IMEI: also on line 1" },
        { line: 7, reason: "serial must be 11 characters for this model (got 5)" },
      ]);
      expect(await storedSerials([a, b, c, d, e].map((u) => u.serial))).toEqual([a.serial, e.serial].sort());
      const again = await post(lines.join("\n"));
      expect(again.json()).toMatchObject({ written: 0, unchanged: 2, rejected: 6 });
    });

    it("rejects a row whose IMEI already belongs to another stored unit, and keeps the rest of the batch", async () => {
      const stored = nextUnit("phone");
      await post(JSON.stringify({ serial: stored.serial, model: stored.model, imei1: stored.imei }));
      const [plain, clash] = [nextUnit("phone"), nextUnit("phone")];
      const res = await post(
        [
          JSON.stringify({ serial: plain.serial, model: plain.model }),
          JSON.stringify({ serial: clash.serial, model: clash.model, imei1: stored.imei }),
        ].join("\n"),
      );
      expect(res.json()).toMatchObject({ written: 1, rejected: 1 });
      expect(res.json().rejections).toEqual([
        { line: 2, reason: "an IMEI of this row belongs to another unit already" },
      ]);
      expect(await storedSerials([plain.serial, clash.serial])).toEqual([plain.serial]);
    });

    it("updates a unit whose facts changed in a later feed", async () => {
      const unit = nextUnit("phone");
      await post(JSON.stringify({ serial: unit.serial, model: unit.model, market: "NO" }));
      const res = await post(JSON.stringify({ serial: unit.serial, model: unit.model, market: "SE" }));
      expect(res.json()).toMatchObject({ written: 1, unchanged: 0 });
      const row = await t.database.db
        .selectFrom("unit")
        .select("market")
        .where("serial", "=", unit.serial)
        .executeTakeFirst();
      expect(row?.market).toBe("SE");
    });

    it("imports CSV with quoted fields and a header", async () => {
      const [a, b, c] = [nextUnit("phone"), nextUnit("phone"), nextUnit("phone")];
      const rejections: Rejection[] = [];
      const summary = await importUnits(
        t.database,
        linesOf([
          'serial,model,"market"',
          `${a.serial},"${a.model}",NO`,
          `${b.serial},${b.model}`,
          `${c.serial},${c.model},DK`,
        ]),
        { format: "csv", onReject: (r) => rejections.push(r) },
      );
      expect(summary).toMatchObject({ rows: 3, written: 2, rejected: 1 });
      expect(rejections).toEqual([{ line: 3, reason: "expected 3 fields, found 2" }]);
      expect(await storedSerials([a.serial, b.serial, c.serial])).toEqual([a.serial, c.serial].sort());
    });

    it("finds duplicates across batches, also once the keys have moved from memory to the database", async () => {
      const units = Array.from({ length: 4 }, () => nextUnit("phone"));
      const [a, b, c, d] = units as [FreshUnit, FreshUnit, FreshUnit, FreshUnit];
      const rejections: Rejection[] = [];
      const summary = await importUnits(
        t.database,
        linesOf([
          { serial: a.serial, model: a.model, imei1: a.imei },
          { serial: b.serial, model: b.model },
          { serial: c.serial, model: c.model },
          { serial: a.serial, model: a.model },
          { serial: d.serial, model: d.model, imei1: a.imei },
        ]),
        { format: "ndjson", batchSize: 2, memoryKeys: 3, onReject: (r) => rejections.push(r) },
      );
      expect(summary).toMatchObject({ rows: 5, written: 3, rejected: 2 });
      expect(rejections).toEqual([
        { line: 4, reason: "duplicate serial: also on line 1" },
        { line: 5, reason: "duplicate IMEI: also on line 1" },
      ]);
      // What the import saw is forgotten at its end.
      const keys = [...units.map((u) => `serial:${u.serial}`), `imei:${a.imei}`];
      expect(
        await t.database.db.selectFrom("import_seen").select("key").where("key", "in", keys).execute(),
      ).toEqual([]);
    });

    it("finds the exact unit, or the units that differ only by look-alike characters", async () => {
      const unit = nextUnit("phone");
      const at = unit.serial.indexOf("0");
      expect(at).toBeGreaterThan(0);
      const twin = `${unit.serial.slice(0, at)}O${unit.serial.slice(at + 1)}`;
      await post(
        [twin, unit.serial].map((serial) => JSON.stringify({ serial, model: unit.model })).join("\n"),
      );
      const exact = await lookUpSerial(t.database.db, unit.serial);
      expect(exact.exact?.serial).toBe(unit.serial);
      expect(exact.candidates).toEqual([]);
      const typo = await lookUpSerial(t.database.db, unit.serial.replaceAll("0", "O"));
      expect(typo.exact).toBeNull();
      expect(typo.candidates.map((c) => c.serial).sort()).toEqual([unit.serial, twin].sort());
      expect((await lookUpSerial(t.database.db, nextUnit("phone").serial)).candidates).toEqual([]);
    });
  });
}

describe("the same factory feed on every database", () => {
  it("gives the same registry, row for row", async () => {
    const digests: string[] = [];
    for (const dialect of dialects()) {
      const database = await freshDatabase(dialect);
      try {
        await importCatalogue(database, demoCatalogue);
        const summary = await importUnits(database, linesOf([...demoUnits(3000, demoModels)]), {
          format: "ndjson",
        });
        expect(summary.rejected).toBe(0);
        const { n } = await database.db
          .selectFrom("unit")
          .select(sql<number>`count(*)`.as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(n)).toBe(summary.rows);
        digests.push(await registryDigest(database));
      } finally {
        await database.close();
      }
    }
    expect(new Set(digests).size).toBe(1);
  });
});
