import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { getAs, type ProofUpload, RECEIPT } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, multipart, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { requestedRepair, seedServiceNetwork } from "../../../test/repair-requests.ts";
import { expireUnanswered } from "./service.ts";

for (const dialect of dialects()) {
  describe(`ownership transfer on ${dialect}`, () => {
    let t: TestApp;
    let agent: SignedIn;
    const clock = manualClock("2026-12-01T10:00:00Z");
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    const ask = (
      who: SignedIn | null,
      fields: Record<string, string>,
      file: ProofUpload | null = RECEIPT,
    ) => {
      const body = multipart(fields, file ?? undefined);
      return t.app.inject({
        method: "POST",
        url: "/api/v1/transfer-requests",
        headers: { ...(who?.headers ?? {}), ...body.headers },
        payload: body.payload,
      });
    };
    const answer = (who: SignedIn, id: string, decision: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/transfer-requests/${id}/answer`,
        headers: who.headers,
        payload: { decision },
      });
    const decide = (who: SignedIn, id: string, payload: object) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/staff/transfers/${id}/decision`,
        headers: who.headers,
        payload,
      });
    const productsOf = async (owner: SignedIn) =>
      (await getAs(t, owner, "/api/v1/registrations")).json().registrations as {
        id: string;
        identifier: { serial: string };
        nickname: string | null;
        purchaseDate: string | null;
        purchasePlace: string | null;
        channel: string;
      }[];
    /** The mails queued to one address about transfers, by what they say. */
    const mailsTo = async (email: string) => {
      const rows = await t.database.db
        .selectFrom("outbox")
        .select("payload")
        .where("topic", "=", "mail")
        .execute();
      return rows
        .map((r) => JSON.parse(r.payload) as { to: string; template: string; subject: string; text: string })
        .filter((m) => m.to === email && m.template === "transfer-update");
    };
    /** A product with a nickname and a purchase place, and a buyer who asked for it. */
    const asked = async () => {
      const holder = await freshOwner(t);
      const { registrationId, unit } = await registeredProduct(t, {
        owner: holder,
        purchaseDate: "2025-04-01",
      });
      await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${registrationId}`,
        headers: holder.headers,
        payload: { nickname: "Hytta", purchasePlace: "Elkjøp Lade" },
      });
      const buyer = await freshOwner(t);
      const res = await ask(buyer, { identifier: unit.serial, note: "Bought it on Finn.no" });
      expect(res.statusCode).toBe(201);
      return { holder, buyer, unit, registrationId, id: res.json().id as string };
    };

    it("answers 401 signed out, 403 to staff, 400 without an identifier or a proof, and refuses a file that is no proof", async () => {
      const { unit } = await registeredProduct(t);
      expect((await ask(null, { identifier: unit.serial })).statusCode).toBe(401);
      const staff = await ask(agent, { identifier: unit.serial });
      expect(staff.statusCode).toBe(403);
      expect(staff.json().code).toBe("auth.forbidden");
      const buyer = await freshOwner(t);
      const noIdentifier = await ask(buyer, { note: "x" });
      expect(noIdentifier.statusCode).toBe(400);
      expect(noIdentifier.json().code).toBe("request.invalid");
      const noProof = await ask(buyer, { identifier: unit.serial }, null);
      expect(noProof.statusCode).toBe(400);
      expect(noProof.json().code).toBe("transfer.proof_missing");
      const text = await ask(
        buyer,
        { identifier: unit.serial },
        { name: "x.txt", bytes: Buffer.from("hello") },
      );
      expect(text.statusCode).toBe(415);
      expect(text.json().code).toBe("claim.file_type");
      const long = await ask(buyer, { identifier: unit.serial, note: "x".repeat(1001) });
      expect(long.statusCode).toBe(400);
    });

    it("answers 409 for a product nobody holds and for the asker's own", async () => {
      const owner = await freshOwner(t);
      const loose = await freshUnit(t, "tv");
      const notNeeded = await ask(owner, { identifier: loose.serial });
      expect(notNeeded.statusCode).toBe(409);
      expect(notNeeded.json().code).toBe("transfer.not_needed");
      const mine = await registeredProduct(t, { owner });
      const own = await ask(owner, { identifier: mine.unit.serial });
      expect(own.statusCode).toBe(409);
      expect(own.json()).toMatchObject({
        code: "registration.already_yours",
        registrationId: mine.registrationId,
      });
    });

    it("asks the owner by mail, never names the owner to the asker, and keeps one pending request per asker", async () => {
      const { holder, buyer, unit, id } = await asked();
      const mine = await getAs(t, buyer, `/api/v1/transfer-requests/${id}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({
        status: "awaiting-owner",
        role: "requester",
        ownerName: null,
        answerBy: "2026-12-15T10:00:00.000Z",
        proof: { name: "kvittering.pdf", mediaType: "application/pdf" },
      });
      expect(mine.body).not.toContain(holder.email);
      expect(mine.body).not.toContain(holder.userId);
      const again = await ask(buyer, { identifier: unit.serial });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(id);

      const theirs = (await getAs(t, holder, "/api/v1/transfer-requests")).json();
      expect(theirs.toAnswer).toEqual([
        expect.objectContaining({ id, role: "owner", note: "Bought it on Finn.no", proof: null }),
      ]);
      expect((await getAs(t, holder, `/api/v1/transfer-requests/${id}/proof`)).statusCode).toBe(403);
      const proof = await getAs(t, buyer, `/api/v1/transfer-requests/${id}/proof`);
      expect(proof.statusCode).toBe(200);
      expect(proof.headers["content-type"]).toBe("application/pdf");
      expect((await mailsTo(holder.email)).map((m) => m.text)).toEqual([
        expect.stringMatching(/Svar innen 2026-12-15/),
      ]);
      expect(await mailsTo(buyer.email)).toHaveLength(1);
      const stranger = await freshOwner(t);
      expect((await getAs(t, stranger, `/api/v1/transfer-requests/${id}`)).statusCode).toBe(403);
    });

    it("moves the product when the owner accepts: the warranty's date goes with it, the previous owner's own facts do not", async () => {
      const { holder, buyer, unit, id } = await asked();
      const accepted = await answer(holder, id, "accept");
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ status: "transferred", ownerAnswer: "accepted" });
      expect(await productsOf(holder)).toEqual([]);
      const [moved] = await productsOf(buyer);
      expect(moved).toMatchObject({
        identifier: { serial: unit.serial },
        channel: "transfer",
        purchaseDate: "2025-04-01",
        nickname: null,
        purchasePlace: null,
      });
      const page = await getAs(t, buyer, `/api/v1/registrations/${moved?.id}`);
      expect(page.json().purchaseDateHistory).toEqual([expect.objectContaining({ source: "transfer" })]);
      expect((await mailsTo(buyer.email)).map((m) => m.subject)).toContainEqual(
        expect.stringMatching(/produktet er overført til deg/),
      );
      const twice = await answer(holder, id, "decline");
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe("transfer.not_waiting");
    });

    it("keeps the unit's repair history with it: the new owner sees what was done, not whose case it was", async () => {
      const { owner: holder, unit, repair } = await requestedRepair(t, "tv");
      const buyer = await freshOwner(t);
      const asked = await ask(buyer, { identifier: unit.serial });
      expect((await answer(holder, asked.json().id, "accept")).statusCode).toBe(200);
      const [moved] = await productsOf(buyer);
      const history = await getAs(t, buyer, `/api/v1/registrations/${moved?.id}/repairs`);
      expect(history.statusCode).toBe(200);
      expect(history.json()).toEqual({
        repairs: [],
        earlier: [
          {
            productNames: expect.any(Object),
            status: "requested",
            statusAt: expect.any(String),
            repairWarrantyEnd: null,
            createdAt: expect.any(String),
          },
        ],
      });
      expect(history.body).not.toContain(repair.requestNumber);
      expect((await getAs(t, buyer, `/api/v1/repairs/${repair.id}`)).statusCode).toBe(403);
      expect((await getAs(t, holder, `/api/v1/repairs/${repair.id}`)).statusCode).toBe(200);
    });

    it("lets only the owner answer, and only accept or decline", async () => {
      const { buyer, id } = await asked();
      for (const who of [buyer, agent, await freshOwner(t)]) {
        const res = await answer(who, id, "accept");
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      }
      const { holder, id: other } = await asked();
      expect((await answer(holder, other, "maybe")).statusCode).toBe(400);
    });

    it("sends a decline to customer service, who decide with the proof and a reason both people read", async () => {
      const { holder, buyer, unit, id } = await asked();
      expect((await answer(holder, id, "decline")).json()).toMatchObject({
        status: "with-staff",
        ownerAnswer: "declined",
      });
      const queue = await getAs(t, agent, "/api/v1/staff/transfers");
      expect(queue.statusCode).toBe(200);
      expect(queue.json().transfers).toContainEqual(
        expect.objectContaining({ id, role: "staff", ownerAnswer: "declined", proof: expect.any(Object) }),
      );
      expect((await getAs(t, buyer, "/api/v1/staff/transfers")).statusCode).toBe(403);
      // The request is on both people's records; it is their open case, so no reason is asked.
      for (const [person, customerAsked] of [
        [holder, false],
        [buyer, true],
      ] as const) {
        const record = await getAs(t, agent, `/api/v1/staff/customers/${person.userId}`);
        expect(record.statusCode).toBe(200);
        expect(record.json().transfers).toEqual([
          expect.objectContaining({ id, customerAsked, status: "with-staff" }),
        ]);
      }
      for (const payload of [
        { decision: "approve" },
        { decision: "approve", reason: " " },
        { decision: "x", reason: "y" },
      ]) {
        const res = await decide(agent, id, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
      const reason = "The receipt from Finn.no names the buyer.";
      const decided = await decide(agent, id, { decision: "approve", reason });
      expect(decided.statusCode).toBe(200);
      expect(decided.json()).toMatchObject({
        status: "transferred",
        decision: { by: "agent", staffNumber: expect.any(Number), reason },
      });
      expect((await productsOf(buyer)).map((p) => p.identifier.serial)).toEqual([unit.serial]);
      for (const person of [holder, buyer])
        expect((await mailsTo(person.email)).at(-1)?.text).toContain(`Begrunnelse: ${reason}`);
      // The access log of both people shows the agent's look at the request.
      for (const person of [holder, buyer]) {
        const lines = (await getAs(t, person, "/api/v1/me/access-log")).json().entries;
        expect(lines).toContainEqual(expect.objectContaining({ what: "transfer" }));
      }
    });

    it("takes exactly one of two decisions made at once", async () => {
      const { holder, id } = await asked();
      await answer(holder, id, "decline");
      const other = await freshOwner(t, "agent");
      const [a, b] = await Promise.all([
        decide(agent, id, { decision: "approve", reason: "Receipt is good." }),
        decide(other, id, { decision: "refuse", reason: "Receipt is not readable." }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      expect([a, b].find((r) => r.statusCode === 409)?.json().code).toBe("transfer.decided");
      const transferred = (await getAs(t, holder, "/api/v1/transfer-requests")).json().toAnswer[0].status;
      expect(["transferred", "refused"]).toContain(transferred);
    });

    it("refuses: the product stays with the owner", async () => {
      const { holder, buyer, unit, id } = await asked();
      await answer(holder, id, "decline");
      const res = await decide(agent, id, { decision: "refuse", reason: "The photo shows another serial." });
      expect(res.json()).toMatchObject({ status: "refused" });
      expect((await productsOf(holder)).map((p) => p.identifier.serial)).toEqual([unit.serial]);
      expect(await productsOf(buyer)).toEqual([]);
      expect((await decide(agent, id, { decision: "approve", reason: "Changed my mind" })).statusCode).toBe(
        409,
      );
    });

    it("sends an unanswered request to customer service after 14 days, mailing both", async () => {
      const { holder, buyer, id } = await asked();
      clock.advanceDays(13);
      await expireUnanswered({
        database: t.database,
        config: t.config,
        clock: t.clock,
        storage: undefined as never,
      });
      expect((await getAs(t, buyer, `/api/v1/transfer-requests/${id}`)).json().status).toBe("awaiting-owner");
      clock.advanceDays(1);
      expect(
        await expireUnanswered({
          database: t.database,
          config: t.config,
          clock: t.clock,
          storage: undefined as never,
        }),
      ).toBeGreaterThanOrEqual(1);
      expect((await getAs(t, buyer, `/api/v1/transfer-requests/${id}`)).json()).toMatchObject({
        status: "with-staff",
        ownerAnswer: "none",
      });
      expect((await mailsTo(holder.email)).at(-1)?.subject).toMatch(/kundeservice avgjør saken/);
      const late = await answer(holder, id, "accept");
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe("transfer.not_waiting");
    });

    it("closes a request whose product the owner removed meanwhile: 409, and nothing moves", async () => {
      const { holder, buyer, registrationId, id } = await asked();
      await answer(holder, id, "decline");
      expect(
        (
          await t.app.inject({
            method: "DELETE",
            url: `/api/v1/registrations/${registrationId}`,
            headers: holder.headers,
          })
        ).statusCode,
      ).toBe(204);
      const res = await decide(agent, id, { decision: "approve", reason: "Receipt is good." });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe("transfer.unit_moved");
      expect((await getAs(t, buyer, `/api/v1/transfer-requests/${id}`)).json().status).toBe("closed");
      expect(await productsOf(buyer)).toEqual([]);
    });

    it("needs a reason or an open case for staff to read a request outside the queue's", async () => {
      const { holder, id } = await asked();
      // The request itself is the case: both people have one open.
      expect((await getAs(t, agent, `/api/v1/transfer-requests/${id}`)).statusCode).toBe(200);
      expect((await giveReasonRequest(t, agent, holder.userId)).statusCode).toBe(200);
    });
  });
}
