import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import { dialects, multipart, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { jpeg, segment } from "../../../test/image-bytes.ts";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const JPEG_WITH_EXIF = jpeg(640, 480, [segment(0xe1, [...new TextEncoder().encode("Exif\0\0GPS-Oslo")])]);

for (const dialect of dialects()) {
  describe(`warranty claims on ${dialect}`, () => {
    let t: TestApp;
    let owner: Awaited<ReturnType<typeof signedInUser>>;
    let reviewer: Awaited<ReturnType<typeof signedInUser>>;
    let registrationId: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
      owner = await signedInUser(t);
      reviewer = await signedInUser(t, "reviewer");
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: UNITS.fridge.serial },
      });
      registrationId = res.json().id;
    });
    afterAll(() => t.close());

    const submit = (
      fields: Record<string, string>,
      file?: { name: string; bytes: Uint8Array; type?: string },
      headers = owner.headers,
    ) => {
      const body = multipart(fields, file);
      return t.app.inject({
        method: "POST",
        url: `/api/v1/registrations/${registrationId}/claims`,
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
    };
    const claimCount = async () =>
      (await t.database.db.selectFrom("warranty_claim").select("id").execute()).length;

    it.each([
      [
        "a text file named .pdf",
        { purchaseDate: "2025-04-01", seller: "Elkjøp" },
        { name: "receipt.pdf", bytes: new TextEncoder().encode("not a pdf at all") },
        415,
        "claim.file_type",
      ],
      ["no file", { purchaseDate: "2025-04-01", seller: "Elkjøp" }, undefined, 400, "claim.file_missing"],
      [
        "a file over 10 MB",
        { purchaseDate: "2025-04-01", seller: "Elkjøp" },
        { name: "big.pdf", bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(37) },
        413,
        "claim.file_too_large",
      ],
      [
        "a purchase date in the future",
        { purchaseDate: "2999-01-01", seller: "Elkjøp" },
        { name: "r.pdf", bytes: PDF },
        422,
        "registration.purchase_date_future",
      ],
      [
        "a purchase date before the product was made",
        { purchaseDate: "2001-01-01", seller: "Elkjøp" },
        { name: "r.pdf", bytes: PDF },
        422,
        "registration.purchase_date_before_manufacture",
      ],
      [
        "a missing seller",
        { purchaseDate: "2025-04-01" },
        { name: "r.pdf", bytes: PDF },
        400,
        "request.invalid",
      ],
    ])("refuses %s and stores nothing", async (_name, fields, file, status, code) => {
      const res = await submit(fields, file);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await claimCount()).toBe(0);
    });

    it("refuses a claim on someone else's product", async () => {
      const stranger = await signedInUser(t);
      const res = await submit(
        { purchaseDate: "2025-04-01", seller: "Elkjøp" },
        { name: "r.pdf", bytes: PDF },
        stranger.headers,
      );
      expect(res.statusCode).toBe(403);
    });

    it("goes from submitted through more information to approved, and the warranty becomes confirmed", async () => {
      const created = await submit(
        { purchaseDate: "2025-04-01", seller: "Elkjøp" },
        { name: "kvittering.pdf", bytes: PDF },
      );
      expect(created.statusCode).toBe(201);
      const claim = created.json();
      expect(claim).toMatchObject({ status: "submitted", seller: "Elkjøp", purchaseDate: "2025-04-01" });
      expect(claim.files[0]).toMatchObject({ mediaType: "application/pdf", name: "kvittering.pdf" });

      const again = await submit(
        { purchaseDate: "2025-04-01", seller: "Elkjøp" },
        { name: "r.pdf", bytes: PDF },
      );
      expect(again.json().code).toBe("claim.open_exists");

      const file = await t.app.inject({
        method: "GET",
        url: claim.files[0].url,
        headers: { cookie: owner.cookie },
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.rawPayload.equals(Buffer.from(PDF))).toBe(true);
      const stranger = await signedInUser(t);
      expect(
        (await t.app.inject({ method: "GET", url: claim.files[0].url, headers: { cookie: stranger.cookie } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ method: "GET", url: claim.files[0].url, headers: { cookie: reviewer.cookie } }))
          .statusCode,
      ).toBe(200);

      expect(
        (
          await t.app.inject({
            method: "GET",
            url: "/api/v1/review/claims",
            headers: { cookie: owner.cookie },
          })
        ).statusCode,
      ).toBe(403);
      const queue = (
        await t.app.inject({
          method: "GET",
          url: "/api/v1/review/claims",
          headers: { cookie: reviewer.cookie },
        })
      ).json().claims;
      expect(queue).toEqual([
        expect.objectContaining({
          id: claim.id,
          status: "submitted",
          ageDays: 0,
          serial: UNITS.fridge.serial,
        }),
      ]);

      const decide = (payload: object) =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/review/claims/${claim.id}/decision`,
          headers: reviewer.headers,
          payload,
        });
      expect((await decide({ decision: "more-info" })).json().code).toBe("claim.reason_required");
      const asked = await decide({ decision: "more-info", reason: "The receipt does not show the date." });
      expect(asked.json().status).toBe("more-info");

      const ownerView = (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/claims/${claim.id}`,
          headers: { cookie: owner.cookie },
        })
      ).json();
      expect(ownerView.events.at(-1)).toMatchObject({
        kind: "more-info",
        by: "staff",
        message: "The receipt does not show the date.",
      });

      const replyBody = multipart(
        { message: "Here is the full receipt." },
        { name: "photo.jpg", bytes: JPEG_WITH_EXIF, type: "image/jpeg" },
      );
      const replied = await t.app.inject({
        method: "POST",
        url: `/api/v1/claims/${claim.id}/reply`,
        headers: { ...owner.headers, ...replyBody.headers },
        payload: replyBody.payload,
      });
      expect(replied.json().status).toBe("submitted");
      const photo = replied.json().files.find((f: { mediaType: string }) => f.mediaType === "image/jpeg");
      const stored = await t.app.inject({ method: "GET", url: photo.url, headers: { cookie: owner.cookie } });
      expect(stored.rawPayload.includes(Buffer.from("GPS-Oslo"))).toBe(false);

      const approved = await decide({ decision: "approved", purchaseDate: "2025-04-02" });
      expect(approved.json().status).toBe("approved");
      expect((await decide({ decision: "rejected", reason: "x" })).json().code).toBe("claim.decided");

      const page = (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${registrationId}`,
          headers: { cookie: owner.cookie },
        })
      ).json();
      expect(page.warranty.manufacturer).toMatchObject({
        basis: "confirmed",
        source: "claim",
        start: "2025-04-02",
        end: "2027-04-02",
      });

      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" }))
        .json()
        .mails.filter((m: { to: string }) => m.to === owner.email);
      expect(mails.map((m: { subject: string }) => m.subject)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(": mottatt"),
          expect.stringContaining("vi trenger mer informasjon"),
          expect.stringContaining(": godkjent"),
        ]),
      );
      const audit = await t.database.db
        .selectFrom("audit_log")
        .select("action")
        .where("subject_id", "=", claim.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["claim.submitted", "claim.more-info", "claim.replied", "claim.approved"]),
      );
    });

    it("shows the owner the reason of a rejection", async () => {
      const created = await submit(
        { purchaseDate: "2025-05-01", seller: "Power" },
        { name: "r.pdf", bytes: PDF },
      );
      const id = created.json().id;
      const rejected = await t.app.inject({
        method: "POST",
        url: `/api/v1/review/claims/${id}/decision`,
        headers: reviewer.headers,
        payload: { decision: "rejected", reason: "The receipt is for another product." },
      });
      expect(rejected.json().status).toBe("rejected");
      const list = (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${registrationId}/claims`,
          headers: { cookie: owner.cookie },
        })
      ).json().claims;
      expect(list[0]).toMatchObject({ id, status: "rejected" });
      expect(list[0].events.at(-1).message).toBe("The receipt is for another product.");
    });
  });
}
