import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAs } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import {
  asPartner,
  requestedRepair,
  seedServiceNetwork,
  statusEvent,
} from "../../../test/repair-requests.ts";
import { signPartnerWebhook } from "./webhook.ts";

for (const dialect of dialects()) {
  describe(`the service partners' API on ${dialect}`, () => {
    const clock = manualClock("2025-06-02T10:00:00Z");
    let t: TestApp;
    let keys: Record<string, string>;
    let east: string;
    let west: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
      keys = await seedServiceNetwork(t);
      east = keys["ostlandet-service"] ?? "";
      west = keys["vest-elektro"] ?? "";
    });
    beforeEach(() => clock.set("2025-06-02T10:00:00Z"));
    afterAll(() => t.close());

    const mailsTo = async (email: string) =>
      (await t.database.db.selectFrom("outbox").select("payload").where("topic", "=", "mail").execute())
        .map((m) => JSON.parse(m.payload) as { to: string; text: string })
        .filter((m) => m.to === email);
    const event = (number: string, body: object, key = east) =>
      asPartner(t, key, "POST", `/jobs/${number}/events`, body);
    const later = (minutes = 1) => {
      clock.advance(minutes * 60_000);
      return clock.now();
    };

    it("answers 401 without a key and with a wrong one, before reading the body", async () => {
      const none = await asPartner(t, null, "GET", "/jobs");
      expect([none.statusCode, none.json().code]).toEqual([401, "partner.key_required"]);
      const wrong = await asPartner(t, "sp_not-a-key", "POST", "/jobs/RQ-0000-0000/events", { not: "valid" });
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, "partner.key_invalid"]);
    });

    it("lists a partner's new jobs and no other partner's", async () => {
      const { repair } = await requestedRepair(t, "tv");
      const mine = await asPartner(t, east, "GET", "/jobs?status=requested");
      expect(mine.json().jobs.map((j: { requestNumber: string }) => j.requestNumber)).toContain(
        repair.requestNumber,
      );
      const theirs = await asPartner(t, west, "GET", "/jobs");
      expect(theirs.json().jobs.map((j: { requestNumber: string }) => j.requestNumber)).not.toContain(
        repair.requestNumber,
      );
      const other = await asPartner(t, west, "GET", `/jobs/${repair.requestNumber}`);
      expect([other.statusCode, other.json().code]).toEqual([403, "repair.not_yours"]);
      const unknown = await asPartner(t, east, "GET", "/jobs/RQ-ZZZZ-ZZZZ");
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, "repair.not_found"]);
    });

    it("gives an accepted job a job number and the owner's contact, and answers a second accept the same", async () => {
      const { owner, repair } = await requestedRepair(t, "tv");
      const accepted = await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
      expect(accepted.statusCode).toBe(200);
      const job = accepted.json();
      expect(job.jobNumber).toMatch(/^RJ-/);
      expect(job.contact).toMatchObject({ phone: "+47 912 34 567", postalCode: "0150" });
      const again = await asPartner(t, east, "POST", `/jobs/${job.jobNumber}/accept`, {});
      expect(again.json().jobNumber).toBe(job.jobNumber);
      const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
      expect(view).toMatchObject({ status: "accepted", jobNumber: job.jobNumber });
    });

    it("sends a turned-down job to the next centre, then to customer service", async () => {
      const { owner, repair } = await requestedRepair(t, "tv");
      const first = await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/reject`, {
        reason: "No technician free this month.",
      });
      expect(first.json().status).toBe("requested");
      const moved = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
      expect(moved.centre.name).toBe("Østlandet Elektroservice Drammen");
      const second = await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/reject`, {
        reason: "Also full.",
      });
      expect(second.json().status).toBe("with-customer-service");
      const noReason = await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/reject`, {});
      expect(noReason.statusCode).toBe(400);
    });

    it("lets customer service hand a repair no centre took to a centre it chooses, and tells the owner", async () => {
      const { owner, repair } = await requestedRepair(t, "tv");
      // The first centre takes it, reports a delay by a clock a few minutes ahead, then gives it up.
      await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
      const ahead = new Date(clock.now().getTime() + 5 * 60_000);
      const delayed = await event(repair.requestNumber, {
        eventId: "ahead-1",
        occurredAt: ahead.toISOString(),
        delay: "awaiting-owner-contact",
      });
      expect(delayed.json().job.delay).toBe("awaiting-owner-contact");
      for (const reason of ["No technician free.", "Also full."])
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/reject`, { reason });
      expect((await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json().delay).toBeNull();
      const agent = await freshOwner(t, "agent");
      const staff = (path: string, payload?: object, who = agent) =>
        t.app.inject({
          method: payload ? "POST" : "GET",
          url: `/api/v1/staff/repairs/${repair.id}/${path}`,
          headers: who.headers,
          ...(payload ? { payload } : {}),
        });
      const centres = (await staff("centres")).json().centres as {
        id: string;
        name: string;
        servesPostcode: boolean;
        turnedDown: boolean;
      }[];
      const oslo = centres.find((c) => c.name === "Østlandet Elektroservice Oslo");
      expect(oslo).toMatchObject({ servesPostcode: true, turnedDown: true });
      expect(centres.filter((c) => c.turnedDown)).toHaveLength(2);

      const unsuitable = await staff("hand-over", { centreId: "no-such-centre" });
      expect([unsuitable.statusCode, unsuitable.json().code]).toEqual([422, "repair.centre_unsuitable"]);
      const reviewer = await freshOwner(t, "reviewer");
      for (const who of [reviewer, owner]) {
        const refused = await staff("hand-over", { centreId: oslo?.id }, who);
        expect([refused.statusCode, refused.json().code]).toEqual([403, "auth.forbidden"]);
      }

      const before = await mailsTo(owner.email);
      const handed = await staff("hand-over", { centreId: oslo?.id, note: "Called Oslo: they take it." });
      expect(handed.statusCode).toBe(200);
      expect(handed.json()).toMatchObject({ status: "requested", centre: { name: oslo?.name } });
      const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
      expect(view.status).toBe("requested");
      // The agent's note is for staff: the owner's history does not show it.
      expect(JSON.stringify(view.events)).not.toContain("Called Oslo");
      const after = await mailsTo(owner.email);
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)?.text).toContain("Kundeservice har sendt saken til et verksted.");
      const jobs = (await asPartner(t, east, "GET", "/jobs?status=requested")).json().jobs;
      expect(jobs.map((j: { requestNumber: string }) => j.requestNumber)).toContain(repair.requestNumber);

      const again = await staff("hand-over", { centreId: oslo?.id });
      expect([again.statusCode, again.json().code]).toEqual([409, "repair.status_not_allowed"]);
      const accepted = await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
      expect(accepted.json().jobNumber).toMatch(/^RJ-/);
      // The new centre's news counts from its own clock, not the first centre's.
      const received = await event(repair.requestNumber, statusEvent("awaiting-product", {}, clock.now()));
      expect(received.json()).toMatchObject({ applied: true, job: { status: "awaiting-product" } });
    });

    describe("status events", () => {
      it("applies an event once: sent again it gets the same answer and nothing is doubled", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        const received = statusEvent("received", {}, later());
        const first = await event(repair.requestNumber, received);
        const second = await event(repair.requestNumber, received);
        expect(first.statusCode).toBe(200);
        expect(second.json()).toEqual(first.json());
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view.events.filter((e: { status: string }) => e.status === "received")).toHaveLength(1);
      });

      it("keys an event id per job: the same id on another job is another event", async () => {
        const a = await requestedRepair(t, "tv");
        const b = await requestedRepair(t, "tv");
        for (const job of [a, b])
          await asPartner(t, east, "POST", `/jobs/${job.repair.requestNumber}/accept`, {});
        const shared = {
          eventId: `shared-${a.repair.id}`,
          occurredAt: later().toISOString(),
          status: "received",
        };
        expect((await event(a.repair.requestNumber, shared)).json().job.requestNumber).toBe(
          a.repair.requestNumber,
        );
        const second = await event(b.repair.requestNumber, shared);
        expect(second.json()).toMatchObject({
          applied: true,
          job: { requestNumber: b.repair.requestNumber, status: "received" },
        });
      });

      it("judges an event older by the partner's own clock, not ours", async () => {
        const { repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        // The partner's clock runs two minutes behind ours: its first event is still news.
        const behind = new Date(clock.now().getTime() - 120_000);
        const res = await event(repair.requestNumber, statusEvent("received", {}, behind));
        expect(res.json()).toMatchObject({ applied: true, job: { status: "received" } });
      });

      it("takes no news on an ended job and no quote without its status", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        await event(repair.requestNumber, statusEvent("received", {}, later()));
        const quote = { amount: 100, diagnosisFee: 10, description: "x" };
        const stray = await event(repair.requestNumber, statusEvent("diagnosing", { quote }, later()));
        expect([stray.statusCode, stray.json().code]).toEqual([422, "repair.quote_without_status"]);
        await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/cancel`,
          headers: owner.headers,
        });
        const cancelled = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${cancelled.repair.requestNumber}/accept`, {});
        await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${cancelled.repair.id}/cancel`,
          headers: cancelled.owner.headers,
        });
        const late = await event(cancelled.repair.requestNumber, {
          eventId: `late-${cancelled.repair.id}`,
          occurredAt: later().toISOString(),
          delay: "parts-late",
        });
        expect([late.statusCode, late.json().code, late.json().allowed]).toEqual([
          409,
          "repair.status_not_allowed",
          [],
        ]);
      });

      it("keeps a late, older event in the history without moving the status back", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        const pickupAt = later();
        const receivedAt = later();
        const diagnosing = await event(repair.requestNumber, statusEvent("received", {}, receivedAt));
        expect(diagnosing.json().applied).toBe(true);
        const late = await event(repair.requestNumber, statusEvent("pickup-booked", {}, pickupAt));
        expect(late.json()).toMatchObject({
          applied: false,
          reason: "older-than-current",
          job: { status: "received" },
        });
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view.status).toBe("received");
      });

      it("refuses a status that cannot follow with 409 and the statuses that can", async () => {
        const { repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        const res = await event(repair.requestNumber, statusEvent("closed", {}, later()));
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({
          code: "repair.status_not_allowed",
          allowed: ["pickup-booked", "awaiting-product", "received"],
        });
        const early = await requestedRepair(t, "tv");
        const before = await event(early.repair.requestNumber, statusEvent("received", {}, later()));
        expect([before.statusCode, before.json().allowed]).toEqual([409, ["accepted"]]);
      });

      it("refuses an event for another partner's job with 403 and an unknown job with 404", async () => {
        const { repair } = await requestedRepair(t, "tv");
        const other = await event(repair.requestNumber, statusEvent("received"), west);
        expect([other.statusCode, other.json().code]).toEqual([403, "repair.not_yours"]);
        const unknown = await event("RJ-0000-0000", statusEvent("received"));
        expect([unknown.statusCode, unknown.json().code]).toEqual([404, "repair.not_found"]);
        const garbage = await event("not a number", statusEvent("received"));
        expect(garbage.statusCode).toBe(404);
      });

      it("checks every field: a quote with its status, an empty event, a bad date", async () => {
        const { repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        await event(repair.requestNumber, statusEvent("received", {}, later()));
        const noQuote = await event(repair.requestNumber, statusEvent("quote-pending", {}, later()));
        expect([noQuote.statusCode, noQuote.json().code]).toEqual([422, "repair.quote_required"]);
        const empty = await event(repair.requestNumber, {
          eventId: "e-empty",
          occurredAt: later().toISOString(),
        });
        expect([empty.statusCode, empty.json().code]).toEqual([422, "repair.event_empty"]);
        const badDate = await event(repair.requestNumber, {
          eventId: "e-date",
          occurredAt: "yesterday",
          status: "diagnosing",
        });
        expect([badDate.statusCode, badDate.json().code]).toEqual([400, "request.invalid"]);
        const ahead = await event(
          repair.requestNumber,
          statusEvent("diagnosing", {}, new Date(clock.now().getTime() + 3_600_000)),
        );
        expect([ahead.statusCode, ahead.json().code]).toEqual([422, "repair.event_in_future"]);
        const ancient = await event(
          repair.requestNumber,
          statusEvent("diagnosing", {}, new Date("0000-01-01T00:00:00Z")),
        );
        expect([ancient.statusCode, ancient.json().code]).toEqual([400, "request.invalid"]);
        const badPart = await event(
          repair.requestNumber,
          statusEvent("parts-ordered", { parts: [{ name: "x", expectedOn: "0000-01-01" }] }),
        );
        expect(badPart.statusCode).toBe(400);
        const negative = await event(
          repair.requestNumber,
          statusEvent("quote-pending", { quote: { amount: -1, diagnosisFee: 0, description: "x" } }),
        );
        expect(negative.statusCode).toBe(400);
      });

      it("names a delay that tells the owner what to do, and mails it", async () => {
        const { owner, repair } = await requestedRepair(t, "phone", {}, "2025-01-10");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        await event(repair.requestNumber, statusEvent("received", {}, later()));
        const res = await event(repair.requestNumber, {
          eventId: `d-${repair.id}`,
          occurredAt: later().toISOString(),
          delay: "find-my-lock",
        });
        expect(res.json().job.delay).toBe("find-my-lock");
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view).toMatchObject({ status: "received", delay: "find-my-lock", ownerTask: "lift-lock" });
        const mails = await t.database.db
          .selectFrom("outbox")
          .select("payload")
          .where("topic", "=", "mail")
          .orderBy("created_at")
          .orderBy("id")
          .execute();
        const texts = mails
          .map((m) => JSON.parse(m.payload) as { to: string; text: string })
          .filter((m) => m.to === owner.email);
        expect(texts.at(-1)?.text).toContain("Finn min");
      });
    });

    describe("after the repair", () => {
      it("gives a repaired TV a repair warranty of the category's months beside the manufacturer's", async () => {
        const { owner, registrationId, repair } = await requestedRepair(t, "tv");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        for (const status of ["received", "diagnosing", "repairing"])
          await event(repair.requestNumber, statusEvent(status, {}, later()));
        const done = await event(
          repair.requestNumber,
          statusEvent("repaired", { diagnosis: "Power board replaced.", partsUsed: ["PSU-55"] }, later()),
        );
        expect(done.json().applied).toBe(true);
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view).toMatchObject({
          status: "repaired",
          completedOn: "2025-06-02",
          repairWarrantyEnd: "2026-06-02",
          diagnosis: "Power board replaced.",
        });
        const list = (await getAs(t, owner, `/api/v1/registrations/${registrationId}/repairs`)).json();
        expect(list.repairs[0]).toMatchObject({ id: repair.id, repairWarrantyEnd: "2026-06-02" });
      });

      it("registers a replacement to the owner with the old purchase date, and marks the old unit replaced", async () => {
        const { owner, registrationId, unit, repair } = await requestedRepair(t, "tv", {}, "2024-05-01");
        await asPartner(t, east, "POST", `/jobs/${repair.requestNumber}/accept`, {});
        await event(repair.requestNumber, statusEvent("received", {}, later()));
        const missing = await event(repair.requestNumber, statusEvent("replaced", {}, later()));
        expect([missing.statusCode, missing.json().code]).toEqual([
          422,
          "repair.replacement_serial_required",
        ]);
        const taken = await registeredProduct(t, { kind: "tv", owner });
        const ownSerial = await event(
          repair.requestNumber,
          statusEvent("replaced", { replacementSerial: taken.unit.serial }, later()),
        );
        expect([ownSerial.statusCode, ownSerial.json().code]).toEqual([409, "repair.replacement_taken"]);
        const newSerial = `${unit.serial.slice(0, -3)}ZZ9`;
        const res = await event(
          repair.requestNumber,
          statusEvent("replaced", { replacementSerial: newSerial, faultySerial: unit.serial }, later()),
        );
        expect(res.statusCode).toBe(200);
        const products = (await getAs(t, owner, "/api/v1/registrations")).json();
        const serials = products.registrations.map(
          (r: { identifier: { serial: string } }) => r.identifier.serial,
        );
        expect(serials).toContain(newSerial);
        expect(serials).not.toContain(unit.serial);
        const replacement = products.registrations.find(
          (r: { identifier: { serial: string } }) => r.identifier.serial === newSerial,
        );
        expect(replacement).toMatchObject({
          purchaseDate: "2024-05-01",
          channel: "repair-replacement",
          pointsEarned: 0,
        });
        const old = await t.database.db
          .selectFrom("unit")
          .select("replaced_by")
          .where("serial", "=", unit.serial)
          .executeTakeFirstOrThrow();
        expect(old.replaced_by).toBe(newSerial);
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view).toMatchObject({
          status: "replaced",
          replacementSerial: newSerial,
          registrationId: replacement.id,
        });
        expect(view.registrationId).not.toBe(registrationId);
      });
    });

    it("posts a signed webhook to the partner when the owner answers, and retries when it fails", async () => {
      const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
      let answer = 500;
      const server = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => {
          body += chunk;
        });
        request.on("end", () => {
          received.push({ headers: request.headers, body });
          response.writeHead(answer).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
        await t.database.db
          .updateTable("service_partner")
          .set({ webhook_url: url })
          .where("id", "=", "ostlandet-service")
          .execute();
        const secret =
          (
            await t.database.db
              .selectFrom("service_partner")
              .select("webhook_secret")
              .where("id", "=", "ostlandet-service")
              .executeTakeFirstOrThrow()
          ).webhook_secret ?? "";
        const { owner, repair } = await requestedRepair(t, "tv");
        await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/cancel`,
          headers: owner.headers,
        });
        await t.app.outbox.drain();
        // Only this repair's deliveries: earlier tests' cancellations are in the outbox too.
        const mine = () => received.filter((r) => JSON.parse(r.body).requestNumber === repair.requestNumber);
        expect(mine()).toHaveLength(1);
        answer = 204;
        clock.advance(10 * 60_000);
        await t.app.outbox.drain();
        expect(mine()).toHaveLength(2);
        const last = mine()[1];
        const body = JSON.parse(last?.body ?? "{}");
        expect(body).toMatchObject({ type: "repair.cancelled", requestNumber: repair.requestNumber });
        const signature = String(last?.headers["x-portal-signature"]);
        const timestamp = Number(/t=(\d+)/.exec(signature)?.[1]);
        expect(signature).toBe(signPartnerWebhook(secret, timestamp, last?.body ?? ""));
      } finally {
        await t.database.db
          .updateTable("service_partner")
          .set({ webhook_url: null })
          .where("id", "=", "ostlandet-service")
          .execute();
        server.close();
      }
    });
  });
}
