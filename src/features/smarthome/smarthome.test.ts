import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { signWebhook } from "./signature.ts";

const SECRET = "smarthome-secret-0123456789";

for (const dialect of dialects()) {
  describe(`smart-home pairing webhooks on ${dialect}`, () => {
    let t: TestApp;
    let owner: Awaited<ReturnType<typeof signedInUser>>;
    let n = 0;
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        SMARTHOME_WEBHOOK_SECRET: SECRET,
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
      });
      await seedCatalogue(t.database);
      owner = await signedInUser(t);
    });
    afterAll(() => t.close());

    const event = (type: string, device: Record<string, unknown>, email = owner.email) => ({
      id: `evt-${dialect}-${++n}`,
      type,
      occurredAt: new Date().toISOString(),
      account: { email },
      device: {
        id: "dev-1",
        manufacturer: "Nordlys",
        model: "NX-RF24-195",
        serial: UNITS.fridge.serial,
        name: "Kjøleskap",
        ...device,
      },
    });
    const send = (body: object, options: { secret?: string; timestamp?: number; raw?: string } = {}) => {
      const raw = options.raw ?? JSON.stringify(body);
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      return t.app.inject({
        method: "POST",
        url: "/api/v1/webhooks/smarthome",
        headers: {
          "content-type": "application/json",
          "x-smarthome-timestamp": String(timestamp),
          "x-smarthome-signature": signWebhook(options.secret ?? SECRET, timestamp, raw),
        },
        payload: raw,
      });
    };
    const unregistered = async () =>
      (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().unregistered as {
        id: string;
        offered: boolean;
      }[];

    it("puts a paired device of our brand under Unregistered products, and a replay changes nothing", async () => {
      const paired = event("device.paired", {});
      expect((await send(paired)).json()).toEqual({ status: "applied" });
      expect((await send(paired)).json()).toEqual({ status: "duplicate" });
      const list = await unregistered();
      expect(list).toHaveLength(1);
      expect(list[0]?.offered).toBe(true);
      const registered = await t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${list[0]?.id}/register`,
        headers: owner.headers,
      });
      expect(registered.json().channel).toBe("smarthome");
      expect(await unregistered()).toEqual([]);
      // Removing the device in the smart-home app leaves the registration alone.
      expect((await send(event("device.removed", {}))).json()).toEqual({ status: "applied" });
      const mine = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().registrations;
      expect(mine.map((r: { id: string }) => r.id)).toContain(registered.json().id);
    });

    it("keeps a partner-made device and one without a serial, but does not offer them", async () => {
      await send(
        event("device.paired", { id: "dev-oem", oem: true, serial: UNITS.tv.serial, model: "NX-H24-55" }),
      );
      await send(event("device.paired", { id: "dev-noserial", serial: undefined }));
      const list = await unregistered();
      expect(list.filter((d) => !d.offered)).toHaveLength(2);
      const removed = await send(event("device.removed", { id: "dev-oem" }));
      expect(removed.statusCode).toBe(200);
      expect(await unregistered()).toHaveLength(1);
    });

    it.each([
      ["a bad signature", { secret: "another-secret-0123456789" }, 401, "webhook.signature"],
      ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 301 }, 401, "webhook.stale"],
      ["malformed JSON", { raw: "{broken" }, 400, "request.malformed_json"],
    ])("refuses %s and changes nothing", async (_name, options, status, code) => {
      const before = await t.database.db.selectFrom("webhook_event").select("event_id").execute();
      const res = await send(event("device.paired", { id: "dev-x" }), options);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await t.database.db.selectFrom("webhook_event").select("event_id").execute()).toHaveLength(
        before.length,
      );
    });

    it("refuses an event for an unknown account", async () => {
      const res = await send(event("device.paired", { id: "dev-y" }, "nobody@example.com"));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("webhook.unknown_account");
    });
  });
}
