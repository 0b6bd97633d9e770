import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitClaimRequest, VALID_FORM } from "../../../test/claim-requests.ts";
import { registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { bytes, chunk, ihdr, jpeg, PNG_SIGNATURE, png, segment, u16 } from "../../../test/image-bytes.ts";

const enc = (s: string) => [...new TextEncoder().encode(s)];

for (const dialect of dialects()) {
  describe(`proof files of a warranty claim on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    /** A fresh owner with a fresh fridge registered, who sends one claim with `file` as its proof. */
    const submit = async (file: Uint8Array, type: string) => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const res = await submitClaimRequest(t, owner.headers, registrationId, VALID_FORM, {
        name: "receipt",
        bytes: file,
        type,
      });
      return { owner, res };
    };

    it("stores a JPEG without the EXIF that a fill byte put in front of its marker", async () => {
      const exif = [0xff, 0xff, 0xe1, ...u16(2 + 16), ...enc("Exif\0\0GPS-59.91N")];
      const { owner, res } = await submit(jpeg(640, 480, [exif]), "image/jpeg");
      expect(res.statusCode).toBe(201);
      const file = res.json().files[0];
      expect(file.mediaType).toBe("image/jpeg");
      const stored = await t.app.inject({ method: "GET", url: file.url, headers: { cookie: owner.cookie } });
      expect(stored.statusCode).toBe(200);
      expect(stored.rawPayload.includes(Buffer.from("GPS-59.91N"))).toBe(false);
      expect(stored.rawPayload.includes(Buffer.from("Exif"))).toBe(false);
    });

    it.each([
      [
        "41 bytes of HTML behind a JPEG signature",
        bytes([0xff, 0xd8, 0xff], enc("<html><script>alert(1)</script></html>")),
        415,
        "claim.file_type",
      ],
      [
        "a JPEG with no frame header",
        bytes([0xff, 0xd8], segment(0xe0, [0, 0]), segment(0xda, [1, 1, 0, 0, 63, 0]), [1, 2], [0xff, 0xd9]),
        415,
        "claim.file_type",
      ],
      ["a PNG whose header says 30 000 × 30 000", png(30_000, 30_000), 413, "claim.too_many_pixels"],
      ["a JPEG whose header says 10 000 × 10 000", jpeg(10_000, 10_000), 413, "claim.too_many_pixels"],
      [
        "a PNG that ends without IEND",
        bytes(PNG_SIGNATURE, ihdr(100, 100), chunk("IDAT", [1, 2, 3])),
        415,
        "claim.file_type",
      ],
      [
        "a PNG whose chunk is longer than the file",
        bytes(PNG_SIGNATURE, ihdr(100, 100), [0, 1, 0, 0], enc("IDAT"), [1, 2, 3], chunk("IEND")),
        415,
        "claim.file_type",
      ],
    ])("refuses %s, and stores no claim", async (_name, file, status, code) => {
      const { owner, res } = await submit(file, "image/png");
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      const claims = await t.database.db
        .selectFrom("warranty_claim")
        .select("id")
        .where("owner_id", "=", owner.userId)
        .execute();
      expect(claims).toEqual([]);
    });
  });
}
