import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, freshDatabase, startTestApp, type TestApp } from "../../../test/harness.ts";
import { demoCatalogue, demoModels } from "../../cli/demo-data.ts";
import type { Database } from "../../db/database.ts";
import { completeImei } from "../../domain/imei.ts";
import { importCatalogue } from "../catalogue/service.ts";
import { demoUnits } from "./demo-units.ts";
import { importUnits, type Rejection } from "./import.ts";
import { countUnits } from "./queries.ts";
import { lookUpSerial } from "./service.ts";

const KEY = "factory-secret-0123456789";

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

    const post = (body: string, key: string | null = KEY, type = "application/x-ndjson") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "content-type": type, ...(key ? { "x-service-key": key } : {}) },
        payload: body,
      });

    it("imports NDJSON over HTTP, rejecting bad lines with their number and reason", async () => {
      const imei = completeImei("35999999000001");
      const lines = [
        { serial: "HK3T3AC0001", model: "NX-P24-128", imei1: imei },
        { serial: "HK3T3AC0002", model: "NX-P24-128", imei1: "359999990000019" },
        "{not json",
        { serial: "HK3T3AC0001", model: "NX-P24-128" },
        { serial: "HK3T3AC0003", model: "NO-SUCH-MODEL" },
        { serial: "HK3T3AC0004", model: "NX-P24-128", imei1: imei },
        { serial: "SHORT", model: "NX-P24-128" },
        { serial: "HK3T3AC0005", model: "NX-P24-128" },
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
      const again = await post(lines.join("\n"));
      expect(again.json()).toMatchObject({ written: 0, unchanged: 2, rejected: 6 });
    });

    it("rejects a row whose IMEI already belongs to another stored unit, and keeps the rest of the batch", async () => {
      const imei = completeImei("35888888000001");
      await post(JSON.stringify({ serial: "HK3T3AC0101", model: "NX-P24-128", imei1: imei }));
      const res = await post(
        [
          JSON.stringify({ serial: "HK3T3AC0102", model: "NX-P24-128" }),
          JSON.stringify({ serial: "HK3T3AC0103", model: "NX-P24-128", imei1: imei }),
        ].join("\n"),
      );
      expect(res.json()).toMatchObject({ written: 1, rejected: 1 });
      expect(res.json().rejections).toEqual([
        { line: 2, reason: "an IMEI of this row belongs to another unit already" },
      ]);
    });

    it("refuses the bulk endpoint without a service key and for another content type", async () => {
      expect((await post("{}", null)).statusCode).toBe(401);
      const wrongType = await post("serial,model", KEY, "text/csv");
      expect(wrongType.statusCode).toBe(415);
      expect(wrongType.json().code).toBe("request.media_type");
    });

    it("updates a unit whose facts changed in a later feed", async () => {
      await post(JSON.stringify({ serial: "HK3T3AC0201", model: "NX-P24-128", market: "NO" }));
      const res = await post(JSON.stringify({ serial: "HK3T3AC0201", model: "NX-P24-128", market: "SE" }));
      expect(res.json()).toMatchObject({ written: 1, unchanged: 0 });
      const row = await t.database.db
        .selectFrom("unit")
        .select("market")
        .where("serial", "=", "HK3T3AC0201")
        .executeTakeFirst();
      expect(row?.market).toBe("SE");
    });

    it("imports CSV with quoted fields and a header", async () => {
      const rejections: Rejection[] = [];
      const summary = await importUnits(
        t.database,
        linesOf([
          'serial,model,"market"',
          'HK3T3AC0301,"NX-P24-128",NO',
          "HK3T3AC0302,NX-P24-128",
          "HK3T3AC0303,NX-P24-128,DK",
        ]),
        { format: "csv", onReject: (r) => rejections.push(r) },
      );
      expect(summary).toMatchObject({ rows: 3, written: 2, rejected: 1 });
      expect(rejections).toEqual([{ line: 3, reason: "expected 3 fields, found 2" }]);
    });

    it("finds duplicates across batches, also once the keys have moved from memory to the database", async () => {
      const rejections: Rejection[] = [];
      const imei = completeImei("35777777000001");
      const summary = await importUnits(
        t.database,
        linesOf([
          { serial: "HK3T3AC0401", model: "NX-P24-128", imei1: imei },
          { serial: "HK3T3AC0402", model: "NX-P24-128" },
          { serial: "HK3T3AC0403", model: "NX-P24-128" },
          { serial: "HK3T3AC0401", model: "NX-P24-128" },
          { serial: "HK3T3AC0404", model: "NX-P24-128", imei1: imei },
        ]),
        { format: "ndjson", batchSize: 2, memoryKeys: 3, onReject: (r) => rejections.push(r) },
      );
      expect(summary).toMatchObject({ rows: 5, written: 3, rejected: 2 });
      expect(rejections).toEqual([
        { line: 4, reason: "duplicate serial: also on line 1" },
        { line: 5, reason: "duplicate IMEI: also on line 1" },
      ]);
      expect(await t.database.db.selectFrom("import_seen").select("key").execute()).toEqual([]);
    });

    it("finds the exact unit, or the units that differ only by look-alike characters", async () => {
      await post(
        [
          JSON.stringify({ serial: "HK3T3AC0O50", model: "NX-P24-128" }),
          JSON.stringify({ serial: "HK3T3AC0050", model: "NX-P24-128" }),
        ].join("\n"),
      );
      const exact = await lookUpSerial(t.database.db, "HK3T3AC0050");
      expect(exact.exact?.serial).toBe("HK3T3AC0050");
      expect(exact.candidates).toEqual([]);
      const typo = await lookUpSerial(t.database.db, "HK3T3ACOO5O");
      expect(typo.exact).toBeNull();
      expect(typo.candidates.map((c) => c.serial).sort()).toEqual(["HK3T3AC0050", "HK3T3AC0O50"]);
      expect((await lookUpSerial(t.database.db, "HK3T3AC9999")).candidates).toEqual([]);
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
        expect(await countUnits(database.db)).toBe(summary.rows);
        digests.push(await registryDigest(database));
      } finally {
        await database.close();
      }
    }
    expect(new Set(digests).size).toBe(1);
  });
});
