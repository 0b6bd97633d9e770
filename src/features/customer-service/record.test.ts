import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { getAs } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import {
  ACCEPTED_TERMS,
  dialects,
  type SignedIn,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`the customer record customer service opens, on ${dialect}`, () => {
    let t: TestApp;
    let agent: SignedIn;
    const clock = manualClock("2026-12-03T09:00:00Z");
    const record = (who: SignedIn | null, ownerId: string) =>
      getAs(t, who, `/api/v1/staff/customers/${ownerId}`);
    const post = (who: SignedIn, url: string, payload: object = {}) =>
      t.app.inject({ method: "POST", url, headers: who.headers, payload });
    const correct = (who: SignedIn, registrationId: string, payload: object) =>
      post(who, `/api/v1/staff/products/${registrationId}/purchase-date`, payload);
    /** An owner with one product, whose record the agent has given a reason to open. */
    const openedOwner = async (purchaseDate = "2025-03-01") => {
      const product = await registeredProduct(t, { purchaseDate });
      expect((await giveReasonRequest(t, agent, product.owner.userId)).statusCode).toBe(200);
      return product;
    };
    const accessLines = async (owner: SignedIn) =>
      (await getAs(t, owner, "/api/v1/me/access-log")).json().entries as { what: string; reason: string }[];

    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    it("is customer service's alone: 401 signed out, 403 with the code to a customer and a reviewer", async () => {
      const { owner } = await registeredProduct(t);
      expect((await record(null, owner.userId)).statusCode).toBe(401);
      for (const who of [owner, await freshOwner(t), await freshOwner(t, "reviewer")]) {
        const res = await record(who, owner.userId);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      }
    });

    it("answers 404 for a staff account or an unknown id, and asks for a reason outside an open case, logging nothing", async () => {
      for (const id of [(await freshOwner(t, "reviewer")).userId, "no-such-owner"]) {
        const res = await record(agent, id);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe("customer.not_found");
      }
      const { owner } = await registeredProduct(t);
      const refused = await record(agent, owner.userId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: "access.reason_required", ownerId: owner.userId });
      expect(await accessLines(owner)).toEqual([]);
    });

    it("shows the whole record once a reason is given, and the owner sees one line for it", async () => {
      const { owner, registrationId, unit } = await openedOwner("2025-03-01");
      const res = await record(agent, owner.userId);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.customer).toMatchObject({ id: owner.userId, email: owner.email, emailVerified: true });
      expect(body.customer.activeSessions).toBeGreaterThanOrEqual(1);
      expect(body.products).toHaveLength(1);
      expect(body.products[0]).toMatchObject({
        id: registrationId,
        identifier: { serial: unit.serial },
        purchaseDate: "2025-03-01",
        purchaseDateHistory: [
          { date: "2025-03-01", source: "registration", staff: null, reason: null, at: expect.any(String) },
        ],
      });
      expect(body.products[0].warranty.statutory).toMatchObject({ start: "2025-03-01", basis: "stated" });
      expect(body.points.balance).toBeGreaterThanOrEqual(0);
      expect(body).toMatchObject({
        claims: [],
        repairs: [],
        devices: [],
        notes: [],
        consents: [
          { purpose: "recommendations", given: false, answeredAt: null },
          { purpose: "marketing-mail", given: false, answeredAt: null },
          { purpose: "app-own-devices", given: false, answeredAt: null },
        ],
      });
      expect(body.activity.map((a: { action: string }) => a.action)).toContain("registration.created");
      // A reload in the same minute is the same look.
      expect((await record(agent, owner.userId)).statusCode).toBe(200);
      const lines = await accessLines(owner);
      expect(lines.filter((l) => l.what === "customer")).toEqual([
        expect.objectContaining({ what: "customer", reason: "owner-contact" }),
      ]);
    });

    it("corrects a purchase date with a reason: the history says customer service, staff number and why, and the owner sees it", async () => {
      const { owner, registrationId } = await openedOwner("2025-03-01");
      const res = await correct(agent, registrationId, {
        purchaseDate: "2025-02-14",
        reason: "  The receipt   says 14 February. ",
      });
      expect(res.statusCode).toBe(200);
      const history = res.json().purchaseDateHistory;
      expect(history).toHaveLength(2);
      expect(history[1]).toMatchObject({
        date: "2025-02-14",
        source: "customer-service",
        staff: { role: "agent", number: expect.any(Number) },
        reason: "The receipt says 14 February.",
      });
      expect(res.json().registration.warranty.statutory).toMatchObject({
        start: "2025-02-14",
        basis: "stated",
      });

      const page = await getAs(t, owner, `/api/v1/registrations/${registrationId}`);
      expect(page.json().purchaseDate).toBe("2025-02-14");
      expect(page.json().purchaseDateHistory.map((e: { source: string }) => e.source)).toEqual([
        "registration",
        "customer-service",
      ]);
      const activity = (await record(agent, owner.userId))
        .json()
        .activity.map((a: { action: string }) => a.action);
      expect(activity[0]).toBe("registration.purchase_date_corrected");
    });

    it("refuses a correction without a reason, too long, not a date, in the future, before manufacture or unchanged", async () => {
      const { registrationId } = await openedOwner("2025-03-01");
      for (const payload of [
        { purchaseDate: "2025-02-14" },
        { purchaseDate: "2025-02-14", reason: "   " },
        { purchaseDate: "2025-02-14", reason: "x".repeat(301) },
        { purchaseDate: "14.02.2025", reason: "Receipt" },
        { purchaseDate: "2025-02-30", reason: "Receipt" },
        { purchaseDate: "2025-02-14", reason: "Receipt", extra: true },
      ]) {
        const res = await correct(agent, registrationId, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
      const future = await correct(agent, registrationId, { purchaseDate: "2027-01-01", reason: "Receipt" });
      expect(future.statusCode).toBe(422);
      expect(future.json().code).toBe("registration.purchase_date_future");
      const early = await correct(agent, registrationId, { purchaseDate: "1999-01-01", reason: "Receipt" });
      expect(early.json().code).toBe("registration.purchase_date_before_manufacture");
      const same = await correct(agent, registrationId, { purchaseDate: "2025-03-01", reason: "Receipt" });
      expect(same.statusCode).toBe(409);
      expect(same.json().code).toBe("registration.purchase_date_unchanged");
      const unknown = await correct(agent, "0190f0a0-0000-7000-8000-000000000000", {
        purchaseDate: "2025-02-14",
        reason: "Receipt",
      });
      expect(unknown.statusCode).toBe(404);
    });

    it("lets no customer, reviewer or agent without a reason correct a date", async () => {
      const { owner, registrationId } = await registeredProduct(t, { purchaseDate: "2025-03-01" });
      const payload = { purchaseDate: "2025-02-14", reason: "Receipt" };
      for (const who of [owner, await freshOwner(t, "reviewer")]) {
        const res = await correct(who, registrationId, payload);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      }
      const unexplained = await correct(agent, registrationId, payload);
      expect(unexplained.statusCode).toBe(403);
      expect(unexplained.json().code).toBe("access.reason_required");
      expect((await getAs(t, owner, `/api/v1/registrations/${registrationId}`)).json().purchaseDate).toBe(
        "2025-03-01",
      );
    });

    it("keeps the owner's own changes in the history, and an unchanged date adds nothing", async () => {
      const { owner, registrationId } = await registeredProduct(t);
      const patch = (payload: object) =>
        t.app.inject({
          method: "PATCH",
          url: `/api/v1/registrations/${registrationId}`,
          headers: owner.headers,
          payload,
        });
      expect((await patch({ purchaseDate: "2025-05-01" })).statusCode).toBe(200);
      expect((await patch({ purchaseDate: "2025-05-01", nickname: "Kitchen" })).statusCode).toBe(200);
      expect((await patch({ purchaseDate: null })).statusCode).toBe(200);
      const page = await getAs(t, owner, `/api/v1/registrations/${registrationId}`);
      expect(
        page
          .json()
          .purchaseDateHistory.map((e: { date: string | null; source: string }) => [e.date, e.source]),
      ).toEqual([
        ["2025-05-01", "owner"],
        [null, "owner"],
      ]);
    });

    it("keeps staff notes for staff: newest first, white space tidied, refused when empty or too long", async () => {
      const { owner } = await openedOwner();
      const url = `/api/v1/staff/customers/${owner.userId}/notes`;
      for (const text of ["", "   ", "x".repeat(2001)]) {
        const res = await post(agent, url, { text });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
      expect((await post(owner, url, { text: "mine" })).statusCode).toBe(403);
      expect(
        (await post(agent, `/api/v1/staff/customers/no-such-owner/notes`, { text: "x" })).statusCode,
      ).toBe(404);
      const first = await post(agent, url, { text: "Called  about\nthe fridge." });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ text: "Called about\nthe fridge.", staff: { role: "agent" } });
      clock.advance(60_000);
      expect((await post(agent, url, { text: "Sent the manual." })).statusCode).toBe(201);
      const notes = (await record(agent, owner.userId)).json().notes.map((n: { text: string }) => n.text);
      expect(notes).toEqual(["Sent the manual.", "Called about\nthe fridge."]);
    });

    it("signs the customer out everywhere: the old session no longer works", async () => {
      const owner = await freshOwner(t);
      expect((await getAs(t, owner, "/api/v1/me")).statusCode).toBe(200);
      const res = await post(agent, `/api/v1/staff/customers/${owner.userId}/sessions/end`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sessions: 1, devices: 0 });
      expect((await getAs(t, owner, "/api/v1/me")).statusCode).toBe(401);
      const customer = await freshOwner(t);
      expect((await post(customer, `/api/v1/staff/customers/${owner.userId}/sessions/end`)).statusCode).toBe(
        403,
      );
    });

    it("sends a new confirmation link to an unconfirmed address, and refuses a confirmed one with 409", async () => {
      const email = `unconfirmed-${dialect}@example.com`;
      const signUp = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: "10.250.0.1",
        payload: {
          ...ACCEPTED_TERMS,
          email,
          password: "correct horse battery",
          name: "Kari Nordmann",
          locale: "nb",
        },
      });
      expect(signUp.statusCode).toBe(200);
      const user = await t.database.db
        .selectFrom("user")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      const res = await post(agent, `/api/v1/staff/customers/${user.id}/verification-mail`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sentTo: email });
      const mails = await t.database.db
        .selectFrom("outbox")
        .select("payload")
        .where("topic", "=", "mail")
        .execute();
      const verifyMails = mails
        .map((m) => JSON.parse(m.payload) as { to: string; template: string })
        .filter((m) => m.to === email && m.template === "verify-email");
      expect(verifyMails).toHaveLength(2);

      const confirmed = await freshOwner(t);
      const again = await post(agent, `/api/v1/staff/customers/${confirmed.userId}/verification-mail`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe("customer.already_verified");
    });
  });
}
