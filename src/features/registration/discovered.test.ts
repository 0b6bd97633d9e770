import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`devices found by a Wi-Fi scan on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const report = (headers: Record<string, string> | undefined, devices: object[]) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/discovered",
        ...(headers ? { headers } : {}),
        payload: { devices },
      });
    const unregisteredOf = async (owner: SignedIn) =>
      (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().unregistered as {
        id: string;
        offered: boolean;
        source: string;
        displayName: string | null;
        model: { code: string } | null;
      }[];
    const registerFound = (headers: Record<string, string> | undefined, id: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${id}/register`,
        ...(headers ? { headers } : {}),
      });

    /** A fresh owner whose scan found one of our TVs, with the device's id on their list. */
    async function ownerWithFoundTv() {
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      const udn = `uuid:${randomUUID()}`;
      await report(owner.headers, [
        {
          udn,
          manufacturer: t.config.brandName,
          modelName: "Horizon",
          serialNumber: tv.serial.toLowerCase(),
        },
      ]);
      const [device] = await unregisteredOf(owner);
      return { owner, tv, device: device as { id: string } };
    }

    describe("POST /discovered", () => {
      it("answers 401 without a session, and 400 with the code for more devices than a scan holds", async () => {
        expect((await report(undefined, [])).statusCode).toBe(401);
        const owner = await freshOwner(t);
        const many = Array.from({ length: 65 }, (_, i) => ({
          udn: `uuid:${i}`,
          manufacturer: "x",
          modelName: "x",
        }));
        const res = await report(owner.headers, many);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      });

      it("offers our device with a known serial, and lists every device under Unregistered products", async () => {
        const owner = await freshOwner(t);
        const tv = await freshUnit(t, "tv");
        const res = await report(owner.headers, [
          {
            udn: "uuid:ours",
            manufacturer: ` ${t.config.brandName.toUpperCase()} `,
            modelName: "Horizon",
            serialNumber: tv.serial,
          },
          {
            udn: "uuid:no-serial",
            manufacturer: t.config.brandName,
            modelName: "Old TV",
            serialNumber: null,
          },
          { udn: "uuid:theirs", manufacturer: "Another brand", modelName: "TV", serialNumber: tv.serial },
        ]);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({
          devices: [
            { udn: "uuid:ours", offered: true },
            { udn: "uuid:no-serial", offered: false },
            { udn: "uuid:theirs", offered: false },
          ],
        });
        const list = await unregisteredOf(owner);
        expect(list).toHaveLength(3);
        expect(list.filter((d) => d.offered)).toEqual([
          expect.objectContaining({ source: "wifi", model: expect.objectContaining({ code: tv.model }) }),
        ]);
      });

      it("keeps one entry per device when a scan reports it again", async () => {
        const { owner, tv } = await ownerWithFoundTv();
        const [before] = await unregisteredOf(owner);
        const udn = `uuid:${randomUUID()}`;
        await report(owner.headers, [
          { udn, manufacturer: "Another brand", modelName: "x", serialNumber: tv.serial },
        ]);
        await report(owner.headers, [
          { udn, manufacturer: "Another brand", modelName: "y", serialNumber: tv.serial },
        ]);
        const after = await unregisteredOf(owner);
        expect(after).toHaveLength(2);
        expect(after.map((d) => d.displayName).sort()).toEqual(["Horizon", "y"]);
        expect(after.map((d) => d.id)).toContain(before?.id);
      });
    });

    describe("POST /discovered/:id/register", () => {
      it("answers 401 without a session, and 400 with the code for an id that is no UUID", async () => {
        const { owner, device } = await ownerWithFoundTv();
        expect((await registerFound(undefined, device.id)).statusCode).toBe(401);
        const res = await registerFound(owner.headers, "not-a-uuid");
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      });

      it("answers 403 with the code to another owner, and 404 for a device nobody found", async () => {
        const { device } = await ownerWithFoundTv();
        const stranger = await freshOwner(t);
        const res = await registerFound(stranger.headers, device.id);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
        const missing = await registerFound(stranger.headers, randomUUID());
        expect(missing.statusCode).toBe(404);
        expect(missing.json().code).toBe("discovered_device.not_found");
      });

      it("refuses a device that is not offered, with its code", async () => {
        const owner = await freshOwner(t);
        await report(owner.headers, [
          { udn: "uuid:old", manufacturer: t.config.brandName, modelName: "Old TV" },
        ]);
        const [device] = await unregisteredOf(owner);
        const res = await registerFound(owner.headers, (device as { id: string }).id);
        expect(res.statusCode).toBe(422);
        expect(res.json().code).toBe("discovered.not_offered");
      });

      it("registers the device with one click, on the Wi-Fi channel, and takes it off the list", async () => {
        const { owner, tv, device } = await ownerWithFoundTv();
        const res = await registerFound(owner.headers, device.id);
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ channel: "app-wifi", identifier: { serial: tv.serial } });
        expect(await unregisteredOf(owner)).toEqual([]);
      });
    });
  });
}
