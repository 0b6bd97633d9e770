import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { RECEIPT, submitClaimRequest } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { ownerTables } from "../../../test/owner-tables.ts";
import { photoUpload, postRepair, requestBody, seedServiceNetwork } from "../../../test/repair-requests.ts";
import { unzip } from "../../../test/zip.ts";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import { localDiskStorage } from "../claims/storage.ts";
import { EXPORT_AREAS, LEFT_OUT_OF_EXPORT } from "./build.ts";
import { expireExports } from "./service.ts";

for (const dialect of dialects()) {
  describe(`an owner's copy of their data on ${dialect}`, () => {
    const clock = manualClock("2026-12-03T09:00:00Z");
    let t: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
      await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    const exports = (owner: SignedIn) =>
      t.app.inject({ method: "POST", url: "/api/v1/me/exports", headers: owner.headers });
    const latest = async (owner: SignedIn) =>
      (await t.app.inject({ method: "GET", url: "/api/v1/me/exports", headers: owner.headers })).json()
        .exports[0];
    const download = (owner: SignedIn, id: string) =>
      t.app.inject({
        method: "GET",
        url: `/api/v1/me/exports/${id}/file`,
        headers: { cookie: owner.cookie },
      });

    it("holds every table with an owner's data in the export, or says why not", async () => {
      const exported = new Set(EXPORT_AREAS.flatMap((a) => a.tables));
      const missing = (await ownerTables(t.database)).filter(
        (table) => !exported.has(table) && !(table in LEFT_OUT_OF_EXPORT),
      );
      expect(missing, "tables with an owner's data that the export does not read").toEqual([]);
      const all = new Set((await ownerTables(t.database)).concat(Object.keys(LEFT_OUT_OF_EXPORT)));
      expect(
        [...exported].filter((table) => !all.has(table)),
        "areas that read no owner table",
      ).toEqual([]);
    });

    it("makes the ZIP in the background, shows its progress, mails the owner and lets only them download it", async () => {
      const { owner, registrationId } = await registeredProduct(t, {
        kind: "tv",
        purchaseDate: "2026-03-01",
      });
      expect((await submitClaimRequest(t, owner.headers, registrationId)).statusCode).toBe(201);
      const repair = await postRepair(t, owner, registrationId, requestBody("tv"));
      expect(repair.statusCode).toBe(201);
      expect((await photoUpload(t, owner, repair.json().id)).statusCode).toBe(201);
      await t.app.inject({
        method: "PUT",
        url: "/api/v1/me/consents/recommendations",
        headers: owner.headers,
        payload: { given: true, textVersion: TEXT_VERSIONS.recommendations },
      });
      await giveReasonRequest(t, agent, owner.userId, { reason: "owner-contact" });
      await t.app.inject({
        method: "GET",
        url: `/api/v1/staff/customers/${owner.userId}`,
        headers: agent.headers,
      });

      const asked = await exports(owner);
      expect(asked.statusCode).toBe(202);
      expect(asked.json()).toMatchObject({ status: "queued", progress: 0, size: null });
      // Asking again while it is being made shows the same one.
      const again = await exports(owner);
      expect([again.statusCode, again.json().id]).toEqual([200, asked.json().id]);
      expect((await download(owner, asked.json().id)).statusCode).toBe(404);

      await t.app.outbox.drain();
      const ready = await latest(owner);
      expect(ready).toMatchObject({ id: asked.json().id, status: "ready", progress: 100 });
      expect(ready.expiresAt).toBe("2026-12-10T09:00:00.000Z");
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        subject: string;
        text: string;
      }[];
      const mail = mails.find((m) => m.to === owner.email && m.text.includes("/privacy#export"));
      expect(mail?.subject).toBe("Opplysningene dine er klare til nedlasting");

      const file = await download(owner, ready.id);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/zip");
      expect(file.headers["content-disposition"]).toBe('attachment; filename="data-2026-12-03.zip"');
      expect(Number(file.headers["content-length"])).toBe(ready.size);
      const entries = await unzip(file.rawPayload);
      for (const area of EXPORT_AREAS) expect(entries.has(area.file), area.file).toBe(true);
      expect(entries.get("summary.txt")?.toString()).toContain("products.json");
      const json = (name: string) => JSON.parse(entries.get(name)?.toString() ?? "null");
      expect(json("profile.json").account.email).toBe(owner.email);
      expect(json("products.json").registrations[0]).toMatchObject({
        id: registrationId,
        purchase_date: "2026-03-01",
        purchaseDateHistory: [expect.objectContaining({ source: "registration", date: "2026-03-01" })],
      });
      expect(json("products.json").registrations[0].shown.warranty.statutory).toMatchObject({
        start: "2026-03-01",
      });
      const [claim] = json("claims.json").claims;
      expect(claim.files).toHaveLength(1);
      expect(entries.get(claim.files[0].path)).toEqual(Buffer.from(RECEIPT.bytes));
      const [repairInFile] = json("repairs.json").repairs;
      expect(repairInFile.photos).toHaveLength(1);
      expect(entries.get(repairInFile.photos[0].path)?.length).toBeGreaterThan(0);
      expect(json("consents.json").answers).toEqual([
        expect.objectContaining({ purpose: "recommendations", given: true }),
      ]);
      expect(json("access-log.json").looks.length).toBeGreaterThan(0);
      expect(json("points.json").balance).toBeGreaterThanOrEqual(0);
      expect(json("sessions.json").sessions.length).toBeGreaterThan(0);
      // No secret of the account travels in the file.
      const all = [...entries.entries()].filter(([n]) => n.endsWith(".json")).map(([, b]) => b.toString());
      expect(all.join("\n")).not.toMatch(/"(token|token_hash|password|storage_key|device_code_hash)"/);

      // Nobody else downloads it, not even staff; an id of none is the same answer.
      const stranger = await freshOwner(t);
      for (const who of [stranger, agent]) {
        const refused = await download(who, ready.id);
        expect([refused.statusCode, refused.json().code]).toEqual([404, "export.not_found"]);
      }
      expect((await download(owner, "01900000-0000-7000-8000-000000000000")).statusCode).toBe(404);
      expect((await download(owner, "not-an-id")).statusCode).toBe(400);

      // Within the day, asking again gives the ready one; after 7 days it is gone, file and all.
      expect((await exports(owner)).json().id).toBe(ready.id);
      clock.advanceDays(7);
      expect((await download(owner, ready.id)).statusCode).toBe(404);
      expect((await latest(owner)).status).toBe("expired");
      expect(
        await expireExports({
          database: t.database,
          config: t.config,
          clock: t.clock,
          storage: storageOf(t),
        }),
      ).toBe(1);
      expect(await storageOf(t).get(`exports/${ready.id}.zip`)).toBeNull();
      const next = await exports(owner);
      expect([next.statusCode, next.json().status]).toEqual([202, "queued"]);
    });

    it("answers only the signed-in owner", async () => {
      const anonymous = await t.app.inject({ method: "POST", url: "/api/v1/me/exports" });
      expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "auth.required"]);
      const owner = await freshOwner(t);
      const noCsrf = await t.app.inject({
        method: "POST",
        url: "/api/v1/me/exports",
        headers: { cookie: owner.cookie },
      });
      expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, "auth.csrf"]);
      expect(await latest(owner)).toBeUndefined();
    });
  });
}

/** The test app's files, where its config keeps them: the store the app was built with. */
function storageOf(t: TestApp) {
  return localDiskStorage(t.config.filesDir);
}
