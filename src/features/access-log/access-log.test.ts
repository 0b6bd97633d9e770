import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { getAs } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { REASON_HOURS } from "../../domain/access-reason.ts";

for (const dialect of dialects()) {
  describe(`the access log on ${dialect}`, () => {
    const clock = manualClock("2026-12-03T09:00:00Z");
    let t: TestApp;
    let agent: SignedIn;
    const log = async (owner: SignedIn) => (await getAs(t, owner, "/api/v1/me/access-log")).json();
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    it("asks for a reason outside an open case, then logs each look with it, once a minute", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
      const url = `/api/v1/registrations/${registrationId}`;
      const refused = await getAs(t, agent, url);
      expect([refused.statusCode, refused.json().code, refused.json().ownerId]).toEqual([
        403,
        "access.reason_required",
        owner.userId,
      ]);
      expect((await log(owner)).entries).toEqual([]);

      const given = await giveReasonRequest(t, agent, owner.userId, {
        reason: "owner-contact",
        note: "  Called about\n the remote. ",
      });
      expect(given.statusCode).toBe(200);
      expect(given.json()).toMatchObject({ reason: "owner-contact", note: "Called about the remote." });
      expect((await getAs(t, agent, url)).statusCode).toBe(200);
      expect((await getAs(t, agent, url)).statusCode).toBe(200);
      const { entries, next } = await log(owner);
      expect(next).toBeNull();
      expect(entries).toEqual([
        {
          at: "2026-12-03T09:00:00.000Z",
          staff: { role: "agent", number: expect.any(Number) },
          what: "product",
          reason: "owner-contact",
          note: "Called about the remote.",
        },
      ]);
      // Never the staff member's e-mail or name.
      expect(JSON.stringify(entries)).not.toContain(agent.email);

      // The owner's own reads are not logged.
      await getAs(t, owner, url);
      expect((await log(owner)).entries).toHaveLength(1);

      // A minute on it is another look; after the reason's hours it is refused again.
      clock.advance(60_000);
      await getAs(t, agent, url);
      expect((await log(owner)).entries).toHaveLength(2);
      clock.advance(REASON_HOURS * 3_600_000);
      expect((await getAs(t, agent, url)).json().code).toBe("access.reason_required");
    });

    it("refuses a reason that is missing, unknown, too long, or 'other' with no note; and a staff account or no one as the customer", async () => {
      const { owner } = await registeredProduct(t, { kind: "tv" });
      for (const payload of [
        {},
        { reason: "" },
        { reason: "curious" },
        { reason: "other" },
        { reason: "other", note: "   " },
        { reason: "follow-up", note: "x".repeat(301) },
        { reason: "follow-up", extra: 1 },
      ]) {
        const res = await giveReasonRequest(t, agent, owner.userId, payload);
        expect([res.statusCode, res.json().code], JSON.stringify(payload)).toEqual([400, "request.invalid"]);
      }
      const reviewer = await freshOwner(t, "reviewer");
      for (const id of [reviewer.userId, "no-such-user"]) {
        const res = await giveReasonRequest(t, agent, id);
        expect([res.statusCode, res.json().code]).toEqual([404, "customer.not_found"]);
      }
      const customer = await giveReasonRequest(t, owner, owner.userId);
      expect([customer.statusCode, customer.json().code]).toEqual([403, "auth.forbidden"]);
    });

    it("shows a search's hits to their owners, and pages the log newest first", async () => {
      const owner = await freshOwner(t);
      await giveReasonRequest(t, agent, owner.userId);
      for (let i = 0; i < 55; i++) {
        clock.advance(60_000);
        await getAs(t, agent, `/api/v1/staff/search?q=${encodeURIComponent(owner.email)}`);
      }
      const first = await log(owner);
      expect(first.entries).toHaveLength(50);
      expect(first.entries[0]).toMatchObject({ what: "search", reason: "search" });
      const second = (await getAs(t, owner, `/api/v1/me/access-log?cursor=${first.next}`)).json();
      expect(second.entries).toHaveLength(5);
      expect(second.next).toBeNull();
      expect(Date.parse(first.entries[49].at)).toBeGreaterThan(Date.parse(second.entries[0].at));
      const bad = await getAs(t, owner, "/api/v1/me/access-log?cursor=bm9wZQ");
      expect([bad.statusCode, bad.json().code]).toEqual([400, "request.invalid"]);
    });
  });
}
