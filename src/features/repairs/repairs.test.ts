import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAs } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { jpeg, segment } from "../../../test/image-bytes.ts";
import {
  asPartner,
  photoUpload,
  postRepair,
  requestBody,
  requestedRepair,
  seedServiceNetwork,
  statusEvent,
} from "../../../test/repair-requests.ts";

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

for (const dialect of dialects()) {
  describe(`repair requests on ${dialect}`, () => {
    // Fresh units are made in March 2024: in June 2025 their manufacturer's warranty runs.
    const clock = manualClock("2025-06-02T10:00:00Z");
    let t: TestApp;
    let keys: Record<string, string>;
    let agent: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      keys = await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    beforeEach(() => clock.set("2025-06-02T10:00:00Z"));
    afterAll(() => t.close());

    const mailsTo = async (email: string) => {
      const rows = await t.database.db
        .selectFrom("outbox")
        .select("payload")
        .where("topic", "=", "mail")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows
        .map((r) => JSON.parse(r.payload) as { to: string; subject: string; text: string })
        .filter((m) => m.to === email);
    };

    describe("what the form offers", () => {
      it("offers the category's faults, the channels served at the postcode and a provisional verdict", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        const res = await getAs(
          t,
          owner,
          `/api/v1/registrations/${registrationId}/repair-options?postcode=0150`,
        );
        expect(res.statusCode).toBe(200);
        const options = res.json();
        expect(options.faults.map((f: { code: string }) => f.code)).toContain("no-picture");
        expect(options.channels).toEqual(["pickup", "technician", "drop-off", "mail-in"]);
        expect(options.available).toEqual(["pickup", "technician", "drop-off"]);
        expect(options.verdict).toBe("manufacturer");
        expect(options.repairWarrantyMonths).toBe(12);
      });

      it("offers no channel where no centre serves the category", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        const res = await getAs(
          t,
          owner,
          `/api/v1/registrations/${registrationId}/repair-options?postcode=6800`,
        );
        expect(res.json().available).toEqual([]);
      });

      it("answers 401, then 403 for another owner's product, then 400 for a postcode that is not one", async () => {
        const { registrationId } = await registeredProduct(t, { kind: "tv" });
        expect(
          (await getAs(t, null, `/api/v1/registrations/${registrationId}/repair-options`)).statusCode,
        ).toBe(401);
        const stranger = await freshOwner(t);
        const other = await getAs(t, stranger, `/api/v1/registrations/${registrationId}/repair-options`);
        expect([other.statusCode, other.json().code]).toEqual([403, "auth.forbidden"]);
        const bad = await getAs(
          t,
          stranger,
          `/api/v1/registrations/${registrationId}/repair-options?postcode=12a4`,
        );
        expect([bad.statusCode, bad.json().code]).toEqual([400, "request.invalid"]);
      });

      it("says a category without a repair service cannot be repaired here", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
        const settings = await t.database.db
          .selectFrom("repair_category")
          .selectAll()
          .where("category_code", "=", "fridge")
          .executeTakeFirstOrThrow();
        await t.database.db.deleteFrom("repair_category").where("category_code", "=", "fridge").execute();
        try {
          const res = await getAs(t, owner, `/api/v1/registrations/${registrationId}/repair-options`);
          expect([res.statusCode, res.json().code]).toEqual([422, "repair.not_repairable_here"]);
          const post = await postRepair(t, owner, registrationId, requestBody("fridge"));
          expect([post.statusCode, post.json().code]).toEqual([422, "repair.not_repairable_here"]);
        } finally {
          await t.database.db.insertInto("repair_category").values(settings).execute();
        }
      });
    });

    describe("asking for a repair", () => {
      it("gives a TV in warranty a request number, sends it to the centre that serves the postcode, and mails the owner", async () => {
        const { owner, registrationId, repair } = await requestedRepair(t, "tv");
        expect(repair.requestNumber).toMatch(/^RQ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(repair).toMatchObject({
          status: "requested",
          jobNumber: null,
          registrationId,
          verdict: "manufacturer",
          channel: "technician",
          timeWindow: "morning",
          centre: { name: "Østlandet Elektroservice Oslo" },
        });
        const mails = await mailsTo(owner.email);
        expect(mails.at(-1)?.subject).toContain(repair.requestNumber);
        const job = await asPartner(
          t,
          keys["ostlandet-service"] ?? "",
          "GET",
          `/jobs/${repair.requestNumber}`,
        );
        expect(job.json()).toMatchObject({ status: "requested", contact: null });
      });

      it("refuses each wrong field with its code, and stores nothing", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        const cases: [Record<string, unknown>, number, string][] = [
          [{ faultCode: "melted" }, 422, "repair.fault_unknown"],
          [{ channel: "mail-in" }, 422, "repair.channel_unavailable"],
          [
            {
              contact: {
                phone: "+47 912 34 567",
                addressLine: "Fjellveien 2",
                postalCode: "6800",
                city: "Førde",
              },
            },
            422,
            "repair.channel_unavailable",
          ],
          [{ timeWindow: undefined }, 422, "repair.time_window_required"],
          [{ faultText: "" }, 400, "request.invalid"],
          [{ faultText: "x".repeat(2001) }, 400, "request.invalid"],
          [{ faultStartedOn: "2025-02-30" }, 400, "request.invalid"],
          [{ faultStartedOn: "0000-01-01" }, 400, "request.invalid"],
          [{ faultStartedOn: "2025-07-01" }, 422, "repair.fault_date_future"],
          [{ channel: "teleport" }, 400, "request.invalid"],
          [{ extra: true }, 400, "request.invalid"],
        ];
        for (const [change, status, code] of cases) {
          const res = await postRepair(t, owner, registrationId, { ...requestBody("tv"), ...change });
          expect([res.statusCode, res.json().code], JSON.stringify(change)).toEqual([status, code]);
        }
        const phone = await registeredProduct(t, { kind: "phone", owner });
        const unconfirmed = await postRepair(
          t,
          owner,
          phone.registrationId,
          requestBody("phone", { conditions: ["backup"] }),
        );
        expect([unconfirmed.statusCode, unconfirmed.json().code, unconfirmed.json().missing]).toEqual([
          422,
          "repair.conditions_unconfirmed",
          ["find-my-off", "sim-removed"],
        ]);
        const mine = await getAs(t, owner, "/api/v1/repairs");
        expect(mine.json().repairs).toEqual([]);
      });

      it("answers 401 signed out and 403 for another owner's product", async () => {
        const { registrationId } = await registeredProduct(t, { kind: "tv" });
        expect((await postRepair(t, null, registrationId, requestBody("tv"))).statusCode).toBe(401);
        const stranger = await freshOwner(t);
        const res = await postRepair(t, stranger, registrationId, requestBody("tv"));
        expect([res.statusCode, res.json().code]).toEqual([403, "auth.forbidden"]);
        expect((await postRepair(t, stranger, NO_SUCH_ID, requestBody("tv"))).statusCode).toBe(404);
      });

      it("takes one repair under way per product, also when two requests come at once", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        const [a, b] = await Promise.all([
          postRepair(t, owner, registrationId, requestBody("tv")),
          postRepair(t, owner, registrationId, requestBody("tv")),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
        const refused = a.statusCode === 409 ? a : b;
        expect(refused.json().code).toBe("repair.open_exists");
      });

      it("routes an appliance by its postcode: Oslo's technicians below 2000, Drammen's from 2000, none at 4000", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
        const options = await getAs(
          t,
          owner,
          `/api/v1/registrations/${registrationId}/repair-options?postcode=4000`,
        );
        expect(options.json().available).toEqual([]);
        const contact = {
          phone: "+47 912 34 567",
          addressLine: "Torget 1",
          postalCode: "3017",
          city: "Drammen",
        };
        const res = await postRepair(t, owner, registrationId, requestBody("fridge", { contact }));
        expect(res.json()).toMatchObject({
          status: "requested",
          centre: { name: "Østlandet Elektroservice Drammen" },
        });
      });

      it("saves the contact to My information when the owner asks", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        await postRepair(t, owner, registrationId, requestBody("tv", { saveContact: true }));
        const me = await getAs(t, owner, "/api/v1/me");
        expect(me.json()).toMatchObject({
          phone: "+47 912 34 567",
          addressLine: "Storgata 1",
          postalCode: "0150",
          city: "Oslo",
        });
      });

      it("lets an agent open a request for an owner on the phone, and the owner sees it", async () => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
        const res = await postRepair(t, agent, registrationId, requestBody("tv"));
        expect(res.statusCode).toBe(201);
        const mine = await getAs(t, owner, "/api/v1/repairs");
        expect(mine.json().repairs.map((r: { id: string }) => r.id)).toEqual([res.json().id]);
      });
    });

    describe("photos", () => {
      it("takes five pictures without their metadata and refuses a sixth", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        const withExif = jpeg(40, 30, [segment(0xe1, [...new TextEncoder().encode("Exif\0\0GPS-Oslo")])]);
        for (let i = 0; i < 5; i++)
          expect((await photoUpload(t, owner, repair.id, withExif)).statusCode).toBe(201);
        const sixth = await photoUpload(t, owner, repair.id);
        expect([sixth.statusCode, sixth.json().code]).toEqual([409, "repair.too_many_photos"]);
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view.photos).toHaveLength(5);
        const photo = await getAs(t, owner, view.photos[0].url);
        expect(photo.headers["content-type"]).toBe("image/jpeg");
        expect(photo.rawPayload.includes(Buffer.from("GPS-Oslo"))).toBe(false);
      });

      it("refuses what is not a picture, and a stranger's upload", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        const pdf = await photoUpload(t, owner, repair.id, new TextEncoder().encode("%PDF-1.4\n"));
        expect([pdf.statusCode, pdf.json().code]).toEqual([415, "repair.photo_type"]);
        const stranger = await freshOwner(t);
        expect((await photoUpload(t, stranger, repair.id)).statusCode).toBe(403);
        const photoOfOther = await getAs(t, stranger, `/api/v1/repairs/${repair.id}`);
        expect(photoOfOther.statusCode).toBe(403);
      });
    });

    describe("the quote, cancelling and the tracking link", () => {
      async function quoted() {
        const made = await requestedRepair(t, "tv");
        const key = keys["ostlandet-service"] ?? "";
        await asPartner(t, key, "POST", `/jobs/${made.repair.requestNumber}/accept`, {});
        for (const step of ["received", "diagnosing"]) {
          clock.advance(60_000);
          await asPartner(
            t,
            key,
            "POST",
            `/jobs/${made.repair.requestNumber}/events`,
            statusEvent(step, {}, clock.now()),
          );
        }
        clock.advance(60_000);
        const quote = { amount: 2490, diagnosisFee: 490, currency: "NOK", description: "New panel" };
        const res = await asPartner(
          t,
          key,
          "POST",
          `/jobs/${made.repair.requestNumber}/events`,
          statusEvent("quote-pending", { quote }, clock.now()),
        );
        expect(res.statusCode).toBe(200);
        return made;
      }

      it("lets the owner approve a quote, and tells the partner by a signed webhook", async () => {
        const { owner, repair } = await quoted();
        const view = (await getAs(t, owner, `/api/v1/repairs/${repair.id}`)).json();
        expect(view).toMatchObject({
          status: "quote-pending",
          ownerTask: "answer-quote",
          quote: { amount: 2490, diagnosisFee: 490 },
        });
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/quote`,
          headers: owner.headers,
          payload: { decision: "approve" },
        });
        expect(res.json().status).toBe("quote-approved");
        const hooks = await t.database.db
          .selectFrom("outbox")
          .select("payload")
          .where("topic", "=", "partner-webhook")
          .execute();
        expect(
          hooks
            .map((h) => JSON.parse(h.payload).body)
            .filter((b) => b.requestNumber === repair.requestNumber),
        ).toMatchObject([{ type: "quote.approved" }]);
        const again = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/quote`,
          headers: owner.headers,
          payload: { decision: "decline" },
        });
        expect([again.statusCode, again.json().code]).toEqual([409, "repair.status_not_allowed"]);
      });

      it("lets the owner decline a quote: the product comes back unrepaired", async () => {
        const { owner, repair } = await quoted();
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/quote`,
          headers: owner.headers,
          payload: { decision: "decline" },
        });
        expect(res.json().status).toBe("quote-declined");
        clock.advance(60_000);
        const key = keys["ostlandet-service"] ?? "";
        const back = await asPartner(
          t,
          key,
          "POST",
          `/jobs/${repair.requestNumber}/events`,
          statusEvent("repairing", {}, clock.now()),
        );
        expect([back.statusCode, back.json().allowed]).toEqual([409, ["shipped", "ready-for-collection"]]);
        const shipped = await asPartner(
          t,
          key,
          "POST",
          `/jobs/${repair.requestNumber}/events`,
          statusEvent("shipped", { returnTracking: "PN 123" }, clock.now()),
        );
        expect(shipped.json().job.status).toBe("shipped");
      });

      it("lets the owner cancel before the centre has the product, not after", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/cancel`,
          headers: owner.headers,
        });
        expect(res.json().status).toBe("cancelled");
        const quotedOne = await quoted();
        const late = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${quotedOne.repair.id}/cancel`,
          headers: quotedOne.owner.headers,
        });
        expect([late.statusCode, late.json().code]).toEqual([409, "repair.status_not_allowed"]);
      });

      it("shows status and dates through a tracking link without sign-in, and nothing after it is revoked", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        const link = await t.app.inject({
          method: "POST",
          url: `/api/v1/repairs/${repair.id}/tracking-link`,
          headers: owner.headers,
        });
        expect(link.statusCode).toBe(201);
        const { token, url } = link.json();
        expect(url).toMatch(new RegExp(`/track/${token}$`));
        const seen = await t.app.inject({ method: "GET", url: `/api/v1/track/${token}` });
        expect(seen.statusCode).toBe(200);
        expect(seen.json()).toMatchObject({ requestNumber: repair.requestNumber, status: "requested" });
        expect(seen.body).not.toContain(owner.email);
        expect(seen.body).not.toContain("Storgata");
        expect(seen.body).not.toContain("912 34 567");
        await t.app.inject({
          method: "DELETE",
          url: `/api/v1/repairs/${repair.id}/tracking-link`,
          headers: owner.headers,
        });
        const gone = await t.app.inject({ method: "GET", url: `/api/v1/track/${token}` });
        expect([gone.statusCode, gone.json().code]).toEqual([404, "repair.not_found"]);
      });
    });

    describe("staff", () => {
      it("shows agents every repair, by status and by number, and lets them override the verdict with a reason", async () => {
        const { repair } = await requestedRepair(t, "tv");
        const list = await getAs(t, agent, `/api/v1/staff/repairs?number=${repair.requestNumber}`);
        expect(list.json().repairs).toMatchObject([{ id: repair.id, verdict: "manufacturer" }]);
        const noReason = await t.app.inject({
          method: "POST",
          url: `/api/v1/staff/repairs/${repair.id}/verdict`,
          headers: agent.headers,
          payload: { verdict: "not-covered" },
        });
        expect(noReason.statusCode).toBe(400);
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/staff/repairs/${repair.id}/verdict`,
          headers: agent.headers,
          payload: { verdict: "not-covered", reason: "Water damage on the photos." },
        });
        expect(res.json()).toMatchObject({ verdict: "not-covered", verdictOverridden: true });
        const logged = await t.database.db
          .selectFrom("audit_log")
          .select(["action", "detail"])
          .where("subject_id", "=", repair.id)
          .execute();
        expect(logged.map((l) => l.action)).toContain("repair.verdict");
        expect(logged.find((l) => l.action === "repair.verdict")?.detail).toContain(
          "Water damage on the photos.",
        );
        // The owner reads that the assessment changed; the reason is staff's.
        expect(res.body).not.toContain("Water damage");
        const owner = await freshOwner(t);
        expect((await getAs(t, owner, "/api/v1/staff/repairs")).statusCode).toBe(403);
      });
    });

    describe("My Page", () => {
      it("has a line for each repair under way", async () => {
        const { owner, repair } = await requestedRepair(t, "tv");
        const page = await getAs(t, owner, "/api/v1/my-page");
        expect(page.json().repairs).toMatchObject([{ id: repair.id, status: "requested" }]);
      });
    });
  });
}
