import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimSteps, decisionRequest, getAs } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const START = "2026-12-01T09:00:00Z";

for (const dialect of dialects()) {
  describe(`reviewing warranty claims on ${dialect}`, () => {
    const clock = manualClock(START);
    let t: TestApp;
    let reviewer: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      reviewer = await freshOwner(t, "reviewer");
    });
    // Every test starts at the same instant, however far the one before moved the clock.
    beforeEach(() => clock.set(START));
    afterAll(() => t.close());

    const { decide, claimsOf, claimedFridge } = claimSteps(
      () => t,
      clock,
      () => reviewer,
    );

    describe("the reviewers' queue", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const res = await getAs(t, null, "/api/v1/review/claims");
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.required");
      });

      it("answers 400 with request.invalid for a status that does not exist", async () => {
        const res = await getAs(t, reviewer, "/api/v1/review/claims?status=lost");
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      });

      it("answers 403 to an owner", async () => {
        const { owner } = await claimedFridge();
        const res = await getAs(t, owner, "/api/v1/review/claims");
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      });

      it("shows an open claim with its age by the clock, and filters by status and by age", async () => {
        const { unit, claim } = await claimedFridge();
        const queue = async (query = "") =>
          (await getAs(t, reviewer, `/api/v1/review/claims${query}`)).json().claims as { id: string }[];
        const ours = async (query = "") => (await queue(query)).find((c) => c.id === claim.id);
        expect(await ours()).toMatchObject({ status: "submitted", ageDays: 0, serial: unit.serial });

        clock.advanceDays(10);
        expect(await ours("?minAgeDays=7")).toMatchObject({ ageDays: 10 });
        expect(await ours("?minAgeDays=11")).toBeUndefined();
        expect(await ours("?status=submitted")).toBeDefined();
        expect(await ours("?status=in-review")).toBeUndefined();

        await decide(claim.id, { decision: "approved" });
        expect(await ours()).toBeUndefined();
        expect(await ours("?status=approved")).toMatchObject({ status: "approved" });
      });

      it("lists the open claims oldest first", async () => {
        const { claim: older } = await claimedFridge();
        const { claim: newer } = await claimedFridge();
        const ids = (await getAs(t, reviewer, "/api/v1/review/claims"))
          .json()
          .claims.map((c: { id: string }) => c.id);
        expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
        expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
      });
    });

    describe("a reviewer's decision", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const { claim } = await claimedFridge();
        const res = await decisionRequest(t, {}, claim.id, { decision: "approved" });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.required");
      });

      it("answers 400 with request.invalid for a decision that does not exist", async () => {
        const { claim } = await claimedFridge();
        const res = await decide(claim.id, { decision: "submitted" });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      });

      it("answers 403 to the owner and to an agent, and changes nothing", async () => {
        const { owner, registrationId, claim } = await claimedFridge();
        for (const who of [owner, await freshOwner(t, "agent")]) {
          const res = await decide(claim.id, { decision: "approved" }, who);
          expect(res.statusCode).toBe(403);
          expect(res.json().code).toBe("auth.forbidden");
        }
        expect(await claimsOf(registrationId)).toEqual([{ id: claim.id, status: "submitted" }]);
      });

      it("answers 404 claim.not_found for a claim that does not exist", async () => {
        const res = await decide(NO_SUCH_ID, { decision: "approved" });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe("claim.not_found");
      });

      it("answers 422 claim.reason_required for a request for more or a rejection without a reason", async () => {
        const { registrationId, claim } = await claimedFridge();
        for (const decision of ["more-info", "rejected"]) {
          const res = await decide(claim.id, { decision, reason: " " });
          expect(res.statusCode).toBe(422);
          expect(res.json().code).toBe("claim.reason_required");
        }
        expect(await claimsOf(registrationId)).toEqual([{ id: claim.id, status: "submitted" }]);
      });

      it("approves a claim: the warranty counts from the confirmed date, and the owner is told by mail", async () => {
        const { owner, registrationId, claim } = await claimedFridge();
        expect((await decide(claim.id, { decision: "in-review" })).json().status).toBe("in-review");
        const approved = await decide(claim.id, { decision: "approved", purchaseDate: "2025-04-02" });
        expect(approved.statusCode).toBe(200);
        expect(approved.json()).toMatchObject({ status: "approved", purchaseDate: "2025-04-02" });

        const product = (await getAs(t, owner, `/api/v1/registrations/${registrationId}`)).json();
        expect(product.warranty.manufacturer).toMatchObject({
          basis: "confirmed",
          source: "claim",
          start: "2025-04-02",
          end: "2027-04-02",
        });

        await t.app.outbox.drain();
        const mails = (await getAs(t, null, "/api/v1/dev/mail"))
          .json()
          .mails.filter((m: { to: string }) => m.to === owner.email);
        expect(mails.map((m: { subject: string }) => m.subject)).toEqual(
          expect.arrayContaining([
            expect.stringContaining(": mottatt"),
            expect.stringContaining(": kjøpsdatoen er bekreftet"),
          ]),
        );
        const audit = await t.database.db
          .selectFrom("audit_log")
          .select(["action", "created_at"])
          .where("subject_id", "=", claim.id)
          .execute();
        expect(audit.map((a) => a.action).sort()).toEqual([
          "claim.approved",
          "claim.in-review",
          "claim.submitted",
        ]);
      });

      it("answers 409 claim.decided for any decision on a decided claim, and keeps the first", async () => {
        const { registrationId, claim } = await claimedFridge();
        await decide(claim.id, { decision: "approved" });
        const res = await decide(claim.id, { decision: "rejected", reason: "Too late." });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe("claim.decided");
        expect(await claimsOf(registrationId)).toEqual([{ id: claim.id, status: "approved" }]);
      });

      it("shows the owner the reason of a rejection, and tells them by mail", async () => {
        const { owner, registrationId, claim } = await claimedFridge();
        const rejected = await decide(claim.id, {
          decision: "rejected",
          reason: "The receipt is for another product.",
        });
        expect(rejected.json().status).toBe("rejected");
        const list = (await getAs(t, owner, `/api/v1/registrations/${registrationId}/claims`)).json().claims;
        expect(list[0]).toMatchObject({ id: claim.id, status: "rejected" });
        expect(list[0].events.at(-1)).toMatchObject({
          kind: "rejected",
          by: "staff",
          message: "The receipt is for another product.",
        });
        await t.app.outbox.drain();
        const mails = (await getAs(t, null, "/api/v1/dev/mail"))
          .json()
          .mails.filter((m: { to: string }) => m.to === owner.email);
        expect(mails.map((m: { subject: string }) => m.subject)).toEqual(
          expect.arrayContaining([expect.stringContaining(": ikke godkjent")]),
        );
      });
    });
  });
}
