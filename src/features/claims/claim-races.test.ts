import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  actorOf,
  claimsContext,
  decisionRequest,
  RECEIPT,
  replyRequest,
  submitClaimRequest,
} from "../../../test/claim-requests.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { CLAIM_DECISIONS } from "../../domain/claim-lifecycle.ts";
import type { Problem } from "../../server/problem.ts";
import { findClaim, insertClaim, updateClaimStatus } from "./queries.ts";
import { decideClaimAsRead, replyToClaimAsRead } from "./service.ts";
import { localDiskStorage } from "./storage.ts";

for (const dialect of dialects()) {
  describe(`claims under concurrent requests on ${dialect}`, () => {
    let t: TestApp;
    let reviewers: [SignedIn, SignedIn];
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
      reviewers = [await freshOwner(t, "reviewer"), await freshOwner(t, "reviewer")];
    });
    afterAll(() => t.close());

    const claimsOf = (registrationId: string) =>
      t.database.db
        .selectFrom("warranty_claim")
        .select(["id", "status"])
        .where("registration_id", "=", registrationId)
        .execute();
    const eventsOf = (claimId: string) =>
      t.database.db
        .selectFrom("claim_event")
        .select(["kind", "actor_role"])
        .where("claim_id", "=", claimId)
        .execute();
    const auditOf = (claimId: string) =>
      t.database.db.selectFrom("audit_log").select("action").where("subject_id", "=", claimId).execute();
    const pendingKeys = async () =>
      (await localDiskStorage(t.config.filesDir).list("pending")).map((file) => file.key);
    // What a test leaves pending is what it adds to the folder, whatever another test left there.
    let pendingAtStart: string[] = [];
    beforeEach(async () => {
      pendingAtStart = await pendingKeys();
    });
    const pendingLeftBehind = async () =>
      (await pendingKeys()).filter((key) => !pendingAtStart.includes(key));

    async function claimedFridge() {
      const product = await registeredProduct(t, { kind: "fridge" });
      const res = await submitClaimRequest(t, product.owner.headers, product.registrationId);
      expect(res.statusCode).toBe(201);
      return { ...product, claimId: res.json().id as string };
    }

    it("keeps exactly one claim of two submitted at once for one product, and answers the other 409 claim.open_exists", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const answers = await Promise.all([
        submitClaimRequest(t, owner.headers, registrationId),
        submitClaimRequest(t, owner.headers, registrationId, { purchaseDate: "2025-04-02", seller: "Power" }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      const winner = answers.find((a) => a.statusCode === 201)?.json();
      const loser = answers.find((a) => a.statusCode === 409)?.json();
      expect(loser).toMatchObject({ code: "claim.open_exists", claimId: winner.id });
      expect(await claimsOf(registrationId)).toEqual([{ id: winner.id, status: "submitted" }]);
      expect(await eventsOf(winner.id)).toEqual([{ kind: "submitted", actor_role: "customer" }]);
      expect(await pendingLeftBehind()).toEqual([]);
    });

    it("keeps one claim of five submitted at once", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => submitClaimRequest(t, owner.headers, registrationId)),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await claimsOf(registrationId)).toHaveLength(1);
      expect(await pendingLeftBehind()).toEqual([]);
    });

    it("records one decision of two reviewers deciding at once, and answers the other 409 with a code", async () => {
      const { registrationId, claimId } = await claimedFridge();
      const answers = await Promise.all([
        decisionRequest(t, reviewers[0].headers, claimId, { decision: "approved" }),
        decisionRequest(t, reviewers[1].headers, claimId, { decision: "rejected", reason: "No receipt." }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const winner = answers.find((a) => a.statusCode === 200)?.json();
      expect(["claim.changed", "claim.decided"]).toContain(
        answers.find((a) => a.statusCode === 409)?.json().code,
      );
      expect(await claimsOf(registrationId)).toEqual([{ id: claimId, status: winner.status }]);
      const decisions = (await eventsOf(claimId)).filter((e) => e.kind !== "submitted");
      expect(decisions).toEqual([{ kind: winner.status, actor_role: "reviewer" }]);
      expect((await auditOf(claimId)).map((a) => a.action).sort()).toEqual([
        `claim.${winner.status}`,
        "claim.submitted",
      ]);
    });

    it("lets only the first of two decisions made on the same stale read change the claim; the second gets claim.changed", async () => {
      const { registrationId, claimId } = await claimedFridge();
      const ctx = claimsContext(t);
      const stale = await findClaim(t.database.db, claimId);
      if (!stale) throw new Error("the claim is missing");
      await decideClaimAsRead(ctx, actorOf(reviewers[0], "reviewer"), stale, { decision: "in-review" });
      // The second reviewer read the claim as submitted too: the lifecycle allows their move, the
      // condition on the status they read does not.
      await expect(
        decideClaimAsRead(ctx, actorOf(reviewers[1], "reviewer"), stale, {
          decision: "rejected",
          reason: "No.",
        }),
      ).rejects.toMatchObject({ status: 409, code: "claim.changed" } satisfies Partial<Problem>);
      expect(await claimsOf(registrationId)).toEqual([{ id: claimId, status: "in-review" }]);
      expect((await eventsOf(claimId)).map((e) => e.kind)).toEqual(["submitted", "in-review"]);
      expect((await auditOf(claimId)).map((a) => a.action).sort()).toEqual([
        "claim.in-review",
        "claim.submitted",
      ]);
      await t.app.outbox.drain();
    });

    it.each(CLAIM_DECISIONS)(
      "refuses a stale %s once the claim moved on, and writes nothing for it",
      async (decision) => {
        const { claimId } = await claimedFridge();
        const ctx = claimsContext(t);
        const stale = await findClaim(t.database.db, claimId);
        if (!stale) throw new Error("the claim is missing");
        await decideClaimAsRead(ctx, actorOf(reviewers[0], "reviewer"), stale, {
          decision: "more-info",
          reason: "Which shop?",
        });
        await expect(
          decideClaimAsRead(ctx, actorOf(reviewers[1], "reviewer"), stale, { decision, reason: "Because." }),
        ).rejects.toMatchObject({ code: "claim.changed" });
        expect((await eventsOf(claimId)).map((e) => e.kind)).toEqual(["submitted", "more-info"]);
      },
    );

    it("refuses an owner's reply made on a stale read with claim.changed, and keeps no file of it", async () => {
      const { owner, registrationId, claimId } = await claimedFridge();
      await decisionRequest(t, reviewers[0].headers, claimId, {
        decision: "more-info",
        reason: "Which shop?",
      });
      const stale = await findClaim(t.database.db, claimId);
      if (!stale) throw new Error("the claim is missing");
      const ctx = claimsContext(t);
      const upload = { bytes: RECEIPT.bytes, name: "second.pdf" };
      await replyToClaimAsRead(ctx, actorOf(owner), stale, { message: "From Elkjøp.", file: upload });
      await expect(
        replyToClaimAsRead(ctx, actorOf(owner), stale, { message: "From Elkjøp, again.", file: upload }),
      ).rejects.toMatchObject({ code: "claim.changed" });
      expect(await claimsOf(registrationId)).toEqual([{ id: claimId, status: "submitted" }]);
      expect((await eventsOf(claimId)).map((e) => e.kind)).toEqual(["submitted", "more-info", "reply"]);
      const files = await t.database.db
        .selectFrom("claim_file")
        .select("name")
        .where("claim_id", "=", claimId)
        .orderBy("name")
        .execute();
      expect(files).toEqual([{ name: "kvittering.pdf" }, { name: "second.pdf" }]);
      expect(await pendingLeftBehind()).toEqual([]);
    });

    it("answers one of two replies sent at once, and the other 409 with a code", async () => {
      const { owner, claimId } = await claimedFridge();
      await decisionRequest(t, reviewers[0].headers, claimId, {
        decision: "more-info",
        reason: "Which shop?",
      });
      const answers = await Promise.all([
        replyRequest(t, owner.headers, claimId, { message: "Elkjøp." }, RECEIPT),
        replyRequest(t, owner.headers, claimId, { message: "Elkjøp!" }, RECEIPT),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(["claim.changed", "claim.not_waiting"]).toContain(
        answers.find((a) => a.statusCode === 409)?.json().code,
      );
      expect((await eventsOf(claimId)).filter((e) => e.kind === "reply")).toHaveLength(1);
      expect(await pendingLeftBehind()).toEqual([]);
    });

    it("updates a claim's status only from the status it was read in", async () => {
      const { claimId } = await claimedFridge();
      const at = new Date();
      expect(
        await updateClaimStatus(t.database.db, { id: claimId, from: "in-review", to: "approved", at }),
      ).toBe(false);
      expect(
        await updateClaimStatus(t.database.db, { id: claimId, from: "submitted", to: "in-review", at }),
      ).toBe(true);
      expect(
        await updateClaimStatus(t.database.db, { id: claimId, from: "submitted", to: "rejected", at }),
      ).toBe(false);
      expect((await findClaim(t.database.db, claimId))?.status).toBe("in-review");
    });

    it("lets the index refuse a second open claim written past the service", async () => {
      const { owner, registrationId, unit, claimId } = await claimedFridge();
      const row = {
        registrationId,
        ownerId: owner.userId,
        serial: unit.serial,
        modelCode: unit.model,
        purchaseDate: "2025-04-01",
        seller: "Direct",
        at: new Date(),
      };
      expect(await insertClaim(t.database.db, { id: crypto.randomUUID(), ...row })).toBe(false);
      await expect(
        t.database.db
          .insertInto("warranty_claim")
          .values({
            id: crypto.randomUUID(),
            registration_id: registrationId,
            owner_id: owner.userId,
            unit_serial: unit.serial,
            purchase_date: "2025-04-01",
            seller: "Direct",
            status: "more-info",
            created_at: row.at.toISOString(),
            updated_at: row.at.toISOString(),
          })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
      // A decided claim is not open: the index lets it be, and then the product may have a new one.
      await updateClaimStatus(t.database.db, { id: claimId, from: "submitted", to: "rejected", at: row.at });
      expect(await insertClaim(t.database.db, { id: crypto.randomUUID(), ...row })).toBe(true);
      expect((await claimsOf(registrationId)).map((c) => c.status).sort()).toEqual(["rejected", "submitted"]);
    });
  });
}
