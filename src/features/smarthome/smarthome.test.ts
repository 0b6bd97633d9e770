import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { signWebhook } from "./signature.ts";

const SECRET = "smarthome-secret-0123456789";
const NOW = "2026-06-01T10:00:00Z";

for (const dialect of dialects()) {
  describe(`smart-home pairing webhooks on ${dialect}`, () => {
    const clock = manualClock(NOW);
    let t: TestApp;
    let n = 0;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { SMARTHOME_WEBHOOK_SECRET: SECRET, LOOKUPS_PER_MINUTE_ACCOUNT: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const event = (owner: SignedIn | { email: string }, type: string, device: Record<string, unknown>) => ({
      id: `evt-${dialect}-${++n}`,
      type,
      occurredAt: clock.now().toISOString(),
      account: { email: owner.email },
      device: { id: "dev-1", manufacturer: "Nordlys", model: "NX-RF24-195", name: "Kjøleskap", ...device },
    });
    /** Sends a delivery signed now by the clock, unless the options say otherwise. */
    const send = (body: object, options: { secret?: string; timestamp?: number; raw?: string } = {}) => {
      const raw = options.raw ?? JSON.stringify(body);
      const timestamp = options.timestamp ?? Math.floor(clock.now().getTime() / 1000);
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
    const unregistered = async (owner: SignedIn) =>
      (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().unregistered as { id: string; offered: boolean }[];
    const eventStored = async (id: string) =>
      (await t.database.db
        .selectFrom("webhook_event")
        .select("event_id")
        .where("source", "=", "smarthome")
        .where("event_id", "=", id)
        .executeTakeFirst()) !== undefined;

    it("puts a paired device of our brand under Unregistered products, and a replay changes nothing", async () => {
      clock.set(NOW);
      const owner = await freshOwner(t);
      const fridge = await freshUnit(t, "fridge");
      const paired = event(owner, "device.paired", { serial: fridge.serial });
      expect((await send(paired)).json()).toEqual({ status: "applied" });
      expect((await send(paired)).json()).toEqual({ status: "duplicate" });
      const list = await unregistered(owner);
      expect(list).toHaveLength(1);
      expect(list[0]?.offered).toBe(true);
      const registered = await t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${list[0]?.id}/register`,
        headers: owner.headers,
      });
      expect(registered.json().channel).toBe("smarthome");
      expect(await unregistered(owner)).toEqual([]);
      // Removing the device in the smart-home app leaves the registration alone.
      expect((await send(event(owner, "device.removed", {}))).json()).toEqual({ status: "applied" });
      const mine = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().registrations;
      expect(mine.map((r: { id: string }) => r.id)).toContain(registered.json().id);
    });

    it("keeps a partner-made device and one without a serial, but does not offer them", async () => {
      clock.set(NOW);
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      await send(
        event(owner, "device.paired", { id: "dev-oem", oem: true, serial: tv.serial, model: "NX-H24-55" }),
      );
      await send(event(owner, "device.paired", { id: "dev-noserial" }));
      const list = await unregistered(owner);
      expect(list.map((d) => d.offered)).toEqual([false, false]);
      const removed = await send(event(owner, "device.removed", { id: "dev-oem" }));
      expect(removed.statusCode).toBe(200);
      expect(await unregistered(owner)).toHaveLength(1);
    });

    it.each([
      ["a bad signature", { secret: "another-secret-0123456789" }, 401, "webhook.signature"],
      ["a timestamp more than five minutes old", { age: 301 }, 401, "webhook.stale"],
      ["a timestamp more than five minutes ahead", { age: -301 }, 401, "webhook.stale"],
      ["malformed JSON", { raw: "{broken" }, 400, "request.malformed_json"],
    ])("refuses %s and changes nothing", async (_name, options, status, code) => {
      clock.set(NOW);
      const owner = await freshOwner(t);
      const body = event(owner, "device.paired", { id: "dev-x" });
      const { age, ...rest } = options as { age?: number; secret?: string; raw?: string };
      const timestamp = age === undefined ? undefined : Math.floor(clock.now().getTime() / 1000) - age;
      const res = await send(body, { ...rest, ...(timestamp === undefined ? {} : { timestamp }) });
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await eventStored(body.id)).toBe(false);
      expect(await unregistered(owner)).toEqual([]);
    });

    it("takes a delivery within five minutes of the clock, and refuses the same bytes once the clock has moved on", async () => {
      clock.set(NOW);
      const owner = await freshOwner(t);
      const body = event(owner, "device.paired", { id: "dev-late" });
      const raw = JSON.stringify(body);
      const signedAt = Math.floor(clock.now().getTime() / 1000);
      clock.advance(301_000);
      const replayed = await send(body, { raw, timestamp: signedAt });
      expect(replayed.statusCode).toBe(401);
      expect(replayed.json().code).toBe("webhook.stale");
      clock.set(NOW);
      clock.advance(299_000);
      expect((await send(body, { raw, timestamp: signedAt })).json()).toEqual({ status: "applied" });
      expect(await eventStored(body.id)).toBe(true);
    });

    it("refuses an event for an unknown account", async () => {
      clock.set(NOW);
      const body = event({ email: "nobody@example.com" }, "device.paired", { id: "dev-y" });
      const res = await send(body);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("webhook.unknown_account");
      expect(await eventStored(body.id)).toBe(false);
    });
  });
}
