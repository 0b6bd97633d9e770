import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshUnit, nextUnit } from "../../../test/factories.ts";
import { PHONE_GTIN, seedCatalogue } from "../../../test/fixtures.ts";
import {
  dialects,
  multipart,
  registrationIdsOf,
  signedInUser,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";
import {
  bytes,
  chunk,
  EOI,
  frameHeader,
  ihdr,
  jpeg,
  PNG_SIGNATURE,
  png,
  SOI,
  scan,
  segment,
} from "../../../test/image-bytes.ts";
import { codePng, noisePng, photo } from "../../../test/label-images.ts";
import { decodeImage } from "./decoder.ts";

/** The GS1 Digital Link on a fridge's label. */
const fridgeLink = (serial: string) =>
  `https://id.example.com/01/07090010900219/21/${serial}?linkType=gs1:registration`;
/** The GS1 Digital Link on a phone's box. */
const phoneLink = (serial: string) => `https://id.example.com/01/${PHONE_GTIN}/21/${serial}`;
/** A label to decode only: its unit is in no registry. */
const FRIDGE_LINK = fridgeLink(nextUnit("fridge").serial);
const PAIRING = "SH:1:K3QF7ZC2MA:40213377";

/**
 * A JPEG of 12 000 × 12 000 pixels whose frame header has a fill byte in front (T.81 B.1.1.2);
 * a reader that took the fill byte for a marker landed on the 100 × 100 frame in the comment.
 */
function jpegHidingItsSize(): Uint8Array {
  const app = segment(0xe0, [0, 0]);
  const real = [0xff, ...frameHeader(12_000, 12_000)];
  const landing = SOI.length + app.length + 2 + 0xc000;
  const commentData = SOI.length + app.length + real.length + 4;
  const decoy = [...Array<number>(landing - commentData).fill(0x20), ...frameHeader(100, 100)];
  return bytes(SOI, app, real, segment(0xfe, decoy), scan(), EOI);
}

describe("decoding test images the tests make themselves", () => {
  // Each photo of the fridge's label is promised to be read, and each is a test of its own: a
  // decoder that stops reading one fails by that photo's name.
  const variants = [
    ["straight", {}],
    ["rotated 90°", { degrees: 90 }],
    ["rotated 180°", { degrees: 180 }],
    ["rotated 17°", { degrees: 17 }],
    ["scaled ×2.5", { scale: 2.5 }],
    ["scaled ×0.6", { scale: 0.6 }],
    ["blurred", { scale: 2, blur: 2 }],
    ["low contrast", { scale: 2, contrast: 0.25 }],
    ["blurred, rotated, low contrast", { scale: 2, degrees: 8, blur: 1, contrast: 0.35 }],
  ] as const satisfies readonly (readonly [string, Parameters<typeof photo>[1]])[];

  it.each(variants)("reads the label's QR code in a %s photo", async (_name, options) => {
    const codes = await decodeImage(photo(await codePng(FRIDGE_LINK), options));
    expect(codes).toEqual([{ format: "QRCode", text: FRIDGE_LINK }]);
  });

  it("makes each of those photos a different picture", async () => {
    const qr = await codePng(FRIDGE_LINK);
    const pictures = variants.map(([, options]) => Buffer.from(photo(qr, options)).toString("base64"));
    expect(new Set(pictures).size).toBe(variants.length);
  });

  it("reads Code 128 and Code 39 barcodes", async () => {
    const { serial } = nextUnit("tv");
    expect((await decodeImage(await codePng(serial, "Code128", 3)))[0]).toEqual({
      format: "Code128",
      text: serial,
    });
    expect((await decodeImage(await codePng(serial, "Code39", 3)))[0]?.text).toBe(serial);
  });
});

for (const dialect of dialects()) {
  describe(`labels on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
        LOOKUPS_PER_MINUTE_IP: "1000",
        LABEL_MAX_PIXELS: "4000000",
      });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const decode = async (owner: Awaited<ReturnType<typeof signedInUser>>, bytes: Uint8Array) => {
      const body = multipart({}, { name: "label.png", field: "photo", bytes, type: "image/png" });
      return t.app.inject({
        method: "POST",
        url: "/api/v1/labels/decode",
        headers: { ...owner.headers, ...body.headers },
        payload: body.payload,
      });
    };

    it("decodes a photo of a fridge's GS1 Digital Link label and registers it with channel web-qr", async () => {
      const owner = await signedInUser(t);
      const fridge = await freshUnit(t, "fridge");
      const link = fridgeLink(fridge.serial);
      const res = await decode(owner, photo(await codePng(link), { scale: 2 }));
      expect(res.statusCode).toBe(200);
      expect(res.json().codes).toEqual([
        {
          format: "QRCode",
          text: link,
          meaning: expect.objectContaining({
            kind: "registration",
            identifier: fridge.serial,
            categoryCode: "fridge",
          }),
        },
      ]);
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: owner.headers,
        payload: { payload: link, format: "QRCode" },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({
        channel: "web-qr",
        identifier: { serial: fridge.serial },
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([registered.json().id]);
    });

    it("explains the smart-home pairing code and never registers it", async () => {
      const owner = await signedInUser(t);
      const res = await decode(owner, photo(await codePng(PAIRING)));
      expect(res.statusCode).toBe(200);
      expect(res.json().codes[0].meaning).toEqual({ kind: "pairing", platform: "smart-home" });
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: owner.headers,
        payload: { payload: PAIRING, format: "QRCode" },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe("label.pairing_code");
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("sends a phone's QR code to the serial or IMEI form", async () => {
      const owner = await signedInUser(t);
      const link = phoneLink((await freshUnit(t, "phone")).serial);
      const interpreted = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/interpret",
        headers: owner.headers,
        payload: { payload: link, format: "QRCode" },
      });
      expect(interpreted.statusCode).toBe(200);
      expect(interpreted.json().meaning).toMatchObject({
        kind: "use-serial",
        categoryCode: "phone",
        reason: "qr_not_allowed",
      });
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: owner.headers,
        payload: { payload: link, format: "QRCode" },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: "label.qr_not_allowed", categoryCode: "phone" });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it.each([
      ["not an image", new TextEncoder().encode("GIF89a, or rather not"), 415, "label.not_an_image"],
      ["too many pixels", png(10_000, 10_000), 413, "label.too_many_pixels"],
      ["a JPEG whose fill byte hides its size", jpegHidingItsSize(), 413, "label.too_many_pixels"],
      [
        "a 16-bit PNG that fits the pixel limit but not the memory it takes",
        bytes(PNG_SIGNATURE, ihdr(6324, 6324, 16), chunk("IDAT", [0x78, 0x9c, 3, 0]), chunk("IEND")),
        413,
        "label.too_many_pixels",
      ],
      ["a JPEG of height 0, to be given later", jpeg(60_000, 0), 415, "label.not_an_image"],
      ["a JPEG cut off before its image data", jpeg(1600, 1200).subarray(0, 20), 415, "label.not_an_image"],
      [
        "a PNG header without the rest of the file",
        png(1600, 1200).subarray(0, 33),
        415,
        "label.not_an_image",
      ],
    ])("refuses %s with its own code", async (_name, bytes, status, code) => {
      const owner = await signedInUser(t);
      const res = await decode(owner, bytes);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
    });

    it("answers /healthz at once while a large photo is being decoded", async () => {
      const owner = await signedInUser(t);
      const slow = decode(owner, noisePng(2000, 2000)); // four megapixels (allowed): over a second of search
      const asked = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await t.app.inject({ method: "GET", url: "/healthz" });
      // Measured from before the pause: a decode on the main thread delays the timer itself.
      const late = performance.now() - asked - 300;
      expect(health.statusCode).toBe(200);
      expect(late).toBeLessThan(250);
      expect((await slow).statusCode).toBe(200);
    });

    it("answers 503 label.busy with Retry-After when the decoder and its queue are full", async () => {
      const owner = await signedInUser(t);
      const slow = decode(owner, noisePng(2000, 2000));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const small = await codePng(FRIDGE_LINK);
      const more = await Promise.all(Array.from({ length: 5 }, () => decode(owner, small)));
      expect(more.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 503]);
      const busy = more.find((r) => r.statusCode === 503);
      expect(busy?.json()).toMatchObject({ status: 503, code: "label.busy" });
      expect(busy?.headers["retry-after"]).toBe("2");
      expect((await slow).statusCode).toBe(200);
    });

    it("answers an image without a code, a garbage code and an unknown GTIN clearly", async () => {
      const owner = await signedInUser(t);
      const blank = await decode(owner, photo(await codePng("X"), { scale: 0.01 }));
      expect(blank.statusCode).toBe(200);
      expect(blank.json().codes).toEqual([]);
      const garbage = await decode(owner, photo(await codePng("hello, this is not a label!")));
      expect(garbage.statusCode).toBe(200);
      expect(garbage.json().codes[0].meaning).toMatchObject({ kind: "unknown" });
      const unknownGtin = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/interpret",
        headers: owner.headers,
        payload: { payload: "https://id.example.com/01/09506000134352/21/ABC123", format: "QRCode" },
      });
      expect(unknownGtin.statusCode).toBe(200);
      expect(unknownGtin.json().meaning).toEqual({ kind: "unknown", reason: "unknown-gtin" });
    });

    it("lets the members app register by QR code after the consent, and the web sees it at once", async () => {
      const owner = await signedInUser(t);
      const app = { authorization: `Bearer ${owner.token}` };
      const link = fridgeLink((await freshUnit(t, "fridge")).serial);
      const before = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: app,
        payload: { payload: link, format: "QRCode" },
      });
      expect(before.statusCode).toBe(409);
      expect(before.json()).toMatchObject({ code: "app.consent_required", textVersion: expect.any(String) });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
      const asked = await t.app.inject({ method: "GET", url: "/api/v1/app/consent", headers: app });
      expect(asked.statusCode).toBe(200);
      const version = asked.json().currentVersion;
      const consent = await t.app.inject({
        method: "POST",
        url: "/api/v1/app/consent",
        headers: app,
        payload: { textVersion: version },
      });
      expect(consent.statusCode).toBe(200);
      const stored = await t.database.db
        .selectFrom("consent_event")
        .selectAll()
        .where("owner_id", "=", owner.userId)
        .where("purpose", "=", "app-own-devices")
        .execute();
      expect(stored.map((e) => [e.text_version, e.source, Boolean(e.given)])).toEqual([
        [version, "app", true],
      ]);

      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: app,
        payload: { payload: link, format: "QRCode" },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json().channel).toBe("app-qr");
      const web = await t.app.inject({
        method: "GET",
        url: "/api/v1/registrations",
        headers: { cookie: owner.cookie },
      });
      expect(web.statusCode).toBe(200);
      expect(web.json().registrations.map((r: { id: string }) => r.id)).toEqual([registered.json().id]);
      const tv = await freshUnit(t, "tv");
      const barcode = await t.app.inject({
        method: "POST",
        url: "/api/v1/labels/register",
        headers: app,
        payload: { payload: tv.serial, format: "Code128" },
      });
      expect(barcode.statusCode).toBe(201);
      expect(barcode.json()).toMatchObject({ channel: "app-barcode", identifier: { serial: tv.serial } });
    });
  });
}

for (const dialect of dialects()) {
  describe(`the app registers a discovered device on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    it("registers an offered device with its source's channel, and refuses one that is not offered or not yours", async () => {
      const owner = await signedInUser(t);
      const app = { authorization: `Bearer ${owner.token}` };
      const asked = await t.app.inject({ method: "GET", url: "/api/v1/app/consent", headers: app });
      expect(asked.statusCode).toBe(200);
      const consent = await t.app.inject({
        method: "POST",
        url: "/api/v1/app/consent",
        headers: app,
        payload: { textVersion: asked.json().currentVersion },
      });
      expect(consent.statusCode).toBe(200);
      const tv = await freshUnit(t, "tv");
      const [offeredId, hiddenId] = [randomUUID(), randomUUID()];
      const device = (id: string, serial: string | null, offered: boolean) => ({
        id,
        owner_id: owner.userId,
        source: "wifi",
        external_id: `uuid:${id}`,
        unit_serial: serial,
        model_code: tv.model,
        display_name: "Living-room TV",
        offered,
        discovered_at: t.clock.now().toISOString(),
        removed_at: null,
      });
      await t.database.db
        .insertInto("discovered_device")
        .values([device(offeredId, tv.serial, true), device(hiddenId, null, false)])
        .execute();
      const listed = await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: app });
      expect(listed.statusCode).toBe(200);
      expect(
        listed.json().unregistered.map((d: { id: string; offered: boolean }) => [d.id, d.offered]),
      ).toEqual(
        expect.arrayContaining([
          [offeredId, true],
          [hiddenId, false],
        ]),
      );

      const stranger = await signedInUser(t);
      const notYours = await t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${offeredId}/register`,
        headers: stranger.headers,
      });
      expect(notYours.statusCode).toBe(403);
      expect(notYours.json().code).toBe("auth.forbidden");
      const refused = await t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${hiddenId}/register`,
        headers: app,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe("discovered.not_offered");
      const registered = await t.app.inject({
        method: "POST",
        url: `/api/v1/discovered/${offeredId}/register`,
        headers: app,
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({ channel: "app-wifi", identifier: { serial: tv.serial } });
      const after = await t.app.inject({
        method: "GET",
        url: "/api/v1/registrations",
        headers: { cookie: owner.cookie },
      });
      expect(after.statusCode).toBe(200);
      expect(after.json().unregistered.map((d: { id: string }) => d.id)).toEqual([hiddenId]);
      expect(await registrationIdsOf(t, owner.userId)).toEqual([registered.json().id]);
      expect(await registrationIdsOf(t, stranger.userId)).toEqual([]);
    });
  });
}
