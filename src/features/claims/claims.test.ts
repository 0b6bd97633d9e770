import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimSteps,
  getAs,
  PDF,
  RECEIPT,
  replyRequest,
  submitClaimRequest,
  VALID_FORM,
} from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { jpeg, segment } from "../../../test/image-bytes.ts";

const JPEG_WITH_EXIF = jpeg(640, 480, [segment(0xe1, [...new TextEncoder().encode("Exif\0\0GPS-Oslo")])]);
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

for (const dialect of dialects()) {
  describe(`warranty claims on ${dialect}`, () => {
    const clock = manualClock();
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
    afterAll(() => t.close());

    const { submit, decide, reply, claimsOf, claimedFridge } = claimSteps(
      () => t,
      clock,
      () => reviewer,
    );

    describe("submitting a claim", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const { registrationId } = await registeredProduct(t, { kind: "fridge" });
        const res = await submitClaimRequest(t, {}, registrationId);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.required");
        expect(await claimsOf(registrationId)).toEqual([]);
      });

      it.each([
        [
          "a text file named .pdf",
          VALID_FORM,
          { name: "receipt.pdf", bytes: new TextEncoder().encode("not a pdf at all") },
          415,
          "claim.file_type",
        ],
        ["no file", VALID_FORM, null, 400, "claim.file_missing"],
        [
          "a file field left empty",
          VALID_FORM,
          { name: "", bytes: new Uint8Array(0), type: "application/octet-stream" },
          400,
          "claim.file_missing",
        ],
        [
          "a file over 10 MB",
          VALID_FORM,
          { name: "big.pdf", bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(37) },
          413,
          "claim.file_too_large",
        ],
        [
          "a purchase date in the future",
          { purchaseDate: "2999-01-01", seller: "Elkjøp" },
          RECEIPT,
          422,
          "registration.purchase_date_future",
        ],
        [
          "a purchase date before the product was made",
          { purchaseDate: "2001-01-01", seller: "Elkjøp" },
          RECEIPT,
          422,
          "registration.purchase_date_before_manufacture",
        ],
        ["a missing seller", { purchaseDate: "2025-04-01" }, RECEIPT, 400, "request.invalid"],
        [
          "a date that is no date",
          { purchaseDate: "2025-02-30", seller: "Elkjøp" },
          RECEIPT,
          400,
          "request.invalid",
        ],
      ])("refuses %s with %i and a code, and stores no claim", async (_name, fields, file, status, code) => {
        const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
        const res = await submit(owner.headers, registrationId, fields, file);
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(code);
        expect(await claimsOf(registrationId)).toEqual([]);
      });

      it("answers 403 when the product is another owner's, and stores no claim", async () => {
        const { registrationId } = await registeredProduct(t, { kind: "fridge" });
        const stranger = await freshOwner(t);
        const res = await submit(stranger.headers, registrationId);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
        expect(await claimsOf(registrationId)).toEqual([]);
      });

      it("answers 404 registration.not_found for a product nobody registered", async () => {
        const owner = await freshOwner(t);
        const res = await submit(owner.headers, NO_SUCH_ID);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe("registration.not_found");
      });

      it("creates a submitted claim with its proof, and refuses a second one while it is open", async () => {
        const { owner, registrationId, unit, claim } = await claimedFridge();
        expect(claim).toMatchObject({
          registrationId,
          status: "submitted",
          seller: "Elkjøp",
          purchaseDate: "2025-04-01",
          serial: unit.serial,
          createdAt: clock.now().toISOString(),
          events: [{ kind: "submitted", by: "owner", message: null }],
        });
        expect(claim.files).toEqual([
          expect.objectContaining({ mediaType: "application/pdf", name: "kvittering.pdf", size: PDF.length }),
        ]);

        const again = await submit(owner.headers, registrationId);
        expect(again.statusCode).toBe(409);
        expect(again.json()).toMatchObject({ code: "claim.open_exists", claimId: claim.id });
        expect(await claimsOf(registrationId)).toEqual([{ id: claim.id, status: "submitted" }]);
      });

      it("accepts a new claim once the open one is decided", async () => {
        const { owner, registrationId, claim } = await claimedFridge();
        expect((await decide(claim.id, { decision: "rejected", reason: "Wrong receipt." })).statusCode).toBe(
          200,
        );
        const second = await submit(owner.headers, registrationId, {
          purchaseDate: "2025-04-03",
          seller: "Power",
        });
        expect(second.statusCode).toBe(201);
        expect(second.json()).toMatchObject({ status: "submitted", seller: "Power" });
      });
    });

    describe("listing a product's claims", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const { registrationId } = await claimedFridge();
        const res = await getAs(t, null, `/api/v1/registrations/${registrationId}/claims`);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.required");
      });

      it("answers 400 with request.invalid for an id that is no id", async () => {
        const owner = await freshOwner(t);
        const res = await getAs(t, owner, "/api/v1/registrations/not-an-id/claims");
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      });

      it("answers 403 to another owner", async () => {
        const { registrationId } = await claimedFridge();
        const res = await getAs(t, await freshOwner(t), `/api/v1/registrations/${registrationId}/claims`);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      });

      it("lists the claims newest first, each with its files and history, to the owner and to staff", async () => {
        const { owner, registrationId, claim: first } = await claimedFridge();
        await decide(first.id, { decision: "rejected", reason: "The receipt is for another product." });
        const second = (
          await submit(owner.headers, registrationId, { purchaseDate: "2025-04-02", seller: "Power" })
        ).json();
        for (const reader of [owner, reviewer]) {
          const res = await getAs(t, reader, `/api/v1/registrations/${registrationId}/claims`);
          expect(res.statusCode).toBe(200);
          const claims = res.json().claims;
          expect(claims.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
          expect(claims[1]).toMatchObject({
            status: "rejected",
            files: [expect.objectContaining({ name: "kvittering.pdf" })],
          });
          expect(claims[1].events.map((e: { kind: string; by: string }) => `${e.kind} by ${e.by}`)).toEqual([
            "submitted by owner",
            "rejected by staff",
          ]);
          expect(claims[1].events[1].message).toBe("The receipt is for another product.");
        }
      });
    });

    describe("reading a claim and its files", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const { claim } = await claimedFridge();
        expect((await getAs(t, null, `/api/v1/claims/${claim.id}`)).json().code).toBe("auth.required");
        expect((await getAs(t, null, claim.files[0].url)).statusCode).toBe(401);
      });

      it("answers 400 with request.invalid for an id that is no id", async () => {
        const owner = await freshOwner(t);
        expect((await getAs(t, owner, "/api/v1/claims/1")).json().code).toBe("request.invalid");
        expect((await getAs(t, owner, `/api/v1/claims/${NO_SUCH_ID}/files/x`)).json().code).toBe(
          "request.invalid",
        );
      });

      it("answers 400 with request.nul_character for a NUL in the path", async () => {
        const owner = await freshOwner(t);
        for (const url of [
          "/api/v1/claims/%00",
          `/api/v1/claims/${NO_SUCH_ID}/files/%00`,
          "/api/v1/registrations/%00/claims",
        ]) {
          const res = await getAs(t, owner, url);
          expect(res.statusCode, url).toBe(400);
          expect(res.json().code, url).toBe("request.nul_character");
        }
      });

      it("answers 403 to another owner, for the claim and for its file", async () => {
        const { claim } = await claimedFridge();
        const stranger = await freshOwner(t);
        expect((await getAs(t, stranger, `/api/v1/claims/${claim.id}`)).json().code).toBe("auth.forbidden");
        const file = await getAs(t, stranger, claim.files[0].url);
        expect(file.statusCode).toBe(403);
        expect(file.json().code).toBe("auth.forbidden");
      });

      it("answers 404 with a code for a claim or a file that does not exist", async () => {
        const { owner, claim } = await claimedFridge();
        expect((await getAs(t, owner, `/api/v1/claims/${NO_SUCH_ID}`)).json().code).toBe("claim.not_found");
        const file = await getAs(t, owner, `/api/v1/claims/${claim.id}/files/${NO_SUCH_ID}`);
        expect(file.statusCode).toBe(404);
        expect(file.json().code).toBe("file.not_found");
      });

      it("shows the claim and serves its proof, byte for byte, to the owner and to a reviewer", async () => {
        const { owner, claim } = await claimedFridge();
        for (const reader of [owner, reviewer]) {
          const read = await getAs(t, reader, `/api/v1/claims/${claim.id}`);
          expect(read.statusCode).toBe(200);
          expect(read.json()).toEqual(claim);
          const file = await getAs(t, reader, claim.files[0].url);
          expect(file.statusCode).toBe(200);
          expect(file.headers["content-type"]).toBe("application/pdf");
          expect(file.headers["content-security-policy"]).toContain("sandbox");
          expect(file.rawPayload.equals(Buffer.from(PDF))).toBe(true);
        }
      });
    });

    describe("the owner's reply", () => {
      it("answers 401 with auth.required when nobody is signed in", async () => {
        const { claim } = await claimedFridge();
        const res = await replyRequest(t, {}, claim.id, { message: "Here." });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.required");
      });

      it("answers 400 with request.invalid when the message is missing", async () => {
        const { owner, claim } = await claimedFridge();
        await decide(claim.id, { decision: "more-info", reason: "Send the full receipt." });
        const res = await reply(owner, claim.id, { message: "  " });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: "request.invalid", fields: [{ path: "body.message" }] });
      });

      it("answers 403 to another owner and changes nothing", async () => {
        const { registrationId, claim } = await claimedFridge();
        await decide(claim.id, { decision: "more-info", reason: "Send the full receipt." });
        const res = await reply(await freshOwner(t), claim.id, { message: "Mine now." });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
        expect(await claimsOf(registrationId)).toEqual([{ id: claim.id, status: "more-info" }]);
      });

      it("answers 409 claim.not_waiting while nobody asked for more", async () => {
        const { owner, claim } = await claimedFridge();
        const res = await reply(owner, claim.id, { message: "Any news?" });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe("claim.not_waiting");
      });

      it("answers 409 claim.decided to a reply on a decided claim", async () => {
        const { owner, claim } = await claimedFridge();
        await decide(claim.id, { decision: "approved" });
        const res = await reply(owner, claim.id, { message: "Thanks!" });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe("claim.decided");
      });

      it("sends the claim back to review with the message and a new file, without the picture's metadata", async () => {
        const { owner, claim } = await claimedFridge();
        await decide(claim.id, { decision: "more-info", reason: "The receipt does not show the date." });
        const res = await reply(
          owner,
          claim.id,
          { message: "Here is the full receipt." },
          {
            name: "photo.jpg",
            bytes: JPEG_WITH_EXIF,
            type: "image/jpeg",
          },
        );
        expect(res.statusCode).toBe(200);
        const replied = res.json();
        expect(replied.status).toBe("submitted");
        expect(replied.events.map((e: { kind: string }) => e.kind)).toEqual([
          "submitted",
          "more-info",
          "reply",
        ]);
        expect(replied.events.at(-1)).toMatchObject({ by: "owner", message: "Here is the full receipt." });
        const photo = replied.files.find((f: { mediaType: string }) => f.mediaType === "image/jpeg");
        const stored = await getAs(t, owner, photo.url);
        expect(stored.statusCode).toBe(200);
        expect(stored.rawPayload.includes(Buffer.from("GPS-Oslo"))).toBe(false);
      });
      it("takes a reply whose file field was left empty, as a browser sends the form", async () => {
        const { owner, claim } = await claimedFridge();
        await decide(claim.id, { decision: "more-info", reason: "Which shop?" });
        const empty = { name: "", bytes: new Uint8Array(0), type: "application/octet-stream" };
        const res = await reply(owner, claim.id, { message: "Elkjøp Lørenskog." }, empty);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          status: "submitted",
          files: [expect.objectContaining({ name: "kvittering.pdf" })],
        });
        expect(res.json().files).toHaveLength(1);
      });
    });
  });
}
