import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDF } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, multipart, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { bannerPng } from "./demo-image.ts";
import type { ContentDraft } from "./schemas.ts";

const START = "2026-12-06T10:00:00.000Z";

/** A draft that passes every check, changed by `patch`. */
const draft = (patch: Partial<ContentDraft> = {}): ContentDraft => ({
  kind: "announcement",
  title: { nb: "Nytt til telefonen", en: "New for your phone" },
  body: { nb: "Oppdater telefonen i dag.", en: "Update your phone today." },
  link: { url: "/support", label: { nb: "Les mer", en: "Read more" } },
  image: null,
  startsAt: "2026-12-01T00:00:00.000Z",
  endsAt: "2026-12-31T00:00:00.000Z",
  audience: { kind: "everyone" },
  ...patch,
});

for (const dialect of dialects()) {
  describe(`content written by staff on ${dialect}`, () => {
    let t: TestApp;
    let editor: SignedIn;
    const clock = manualClock(START);
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      editor = await freshOwner(t, "editor");
    });
    afterAll(() => t.close());

    const write = (who: SignedIn | null, body: object, id?: string) =>
      t.app.inject({
        method: id ? "PUT" : "POST",
        url: id ? `/api/v1/editor/content/${id}` : "/api/v1/editor/content",
        ...(who ? { headers: who.headers } : {}),
        payload: body,
      });
    const act = (who: SignedIn, id: string, action: "publish" | "unpublish") =>
      t.app.inject({ method: "POST", url: `/api/v1/editor/content/${id}/${action}`, headers: who.headers });
    /** A published item, the id given back. */
    const published = async (patch: Partial<ContentDraft> = {}) => {
      const created = await write(editor, draft(patch));
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      expect((await act(editor, id, "publish")).statusCode).toBe(200);
      return id;
    };
    const myPage = async (who: SignedIn) => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/my-page",
        headers: { cookie: who.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json().content as {
        topMessage: { id: string; title: { nb: string } } | null;
        announcements: { id: string; title: { en: string } }[];
        faq: { id: string; categoryCode: string | null }[];
      };
    };
    const upload = (who: SignedIn, bytes: Uint8Array, name = "bilde.png") => {
      const body = multipart({}, { name, field: "image", bytes, type: "image/png" });
      return t.app.inject({
        method: "POST",
        url: "/api/v1/editor/images",
        headers: { ...who.headers, ...body.headers },
        payload: body.payload,
      });
    };

    it("answers 401 with the code without a session, and 403 to an owner", async () => {
      const anonymous = await write(null, draft());
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe("auth.required");
      const owner = await freshOwner(t);
      const refused = await write(owner, draft());
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("auth.forbidden");
      expect(
        (await t.app.inject({ method: "GET", url: "/api/v1/editor/content", headers: owner.headers }))
          .statusCode,
      ).toBe(403);
    });

    it("refuses a text missing in one language, dates in the wrong order and a script link, with their codes", async () => {
      const noEnglish = await write(editor, draft({ title: { nb: "Hei", en: "  " } }));
      expect(noEnglish.statusCode).toBe(400);
      expect(noEnglish.json()).toMatchObject({ code: "content.text_missing", languages: ["en"] });
      const halfBody = await write(editor, draft({ body: { nb: "", en: "Only English" } }));
      expect(halfBody.json()).toMatchObject({ code: "content.text_missing", languages: ["nb"] });
      const backwards = await write(
        editor,
        draft({ startsAt: "2026-12-31T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" }),
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().code).toBe("content.dates_order");
      const script = await write(
        editor,
        draft({ link: { url: "javascript:alert(1)", label: { nb: "Klikk", en: "Click" } } }),
      );
      expect(script.statusCode).toBe(400);
      expect(script.json().code).toBe("content.link_invalid");
      const unknown = await write(editor, draft({ audience: { kind: "category", code: "spaceship" } }));
      expect(unknown.json().code).toBe("content.audience_unknown");
      const noImage = await write(
        editor,
        draft({ image: { id: "0193a0c0-0000-7000-8000-000000000000", alt: { nb: "Bilde", en: "Picture" } } }),
      );
      expect(noImage.json().code).toBe("content.image_unknown");
      const shape = await write(editor, { ...draft(), kind: "popup" });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().code).toBe("request.invalid");
    });

    it("refuses dates outside the years 2000–2100 and a schedule longer than two years, with their code", async () => {
      for (const [startsAt, endsAt] of [
        ["0000-01-01T00:00:00+01:00", "2026-12-31T00:00:00Z"],
        ["2026-12-01T00:00:00Z", "9999-12-31T23:59:59Z"],
        ["1999-12-31T00:00:00Z", "2000-01-02T00:00:00Z"],
        ["2100-12-01T00:00:00Z", "2101-01-01T00:00:00Z"],
        ["2026-12-01T00:00:00Z", "2028-12-01T00:00:01Z"],
      ]) {
        const res = await write(editor, draft({ startsAt, endsAt }));
        expect(res.statusCode, `${startsAt} – ${endsAt}`).toBe(400);
        expect(res.json()).toMatchObject({ code: "content.date_range", startsAt, endsAt });
      }
      const id = (await write(editor, draft())).json().id as string;
      const longer = await write(
        editor,
        draft({ startsAt: "2026-12-01T00:00:00Z", endsAt: "2036-12-01T00:00:00Z" }),
        id,
      );
      expect(longer.json().code).toBe("content.date_range");
      // Two years to the second is the most, and is stored as given.
      const most = await write(
        editor,
        draft({ startsAt: "2026-12-01T00:00:00+01:00", endsAt: "2028-12-01T00:00:00+01:00" }),
        id,
      );
      expect(most.statusCode).toBe(200);
      expect(most.json()).toMatchObject({
        startsAt: "2026-11-30T23:00:00.000Z",
        endsAt: "2028-11-30T23:00:00.000Z",
      });
    });

    it("refuses a link with a control character or a space in it, and one to another host", async () => {
      for (const url of [
        "/\t/evil.com",
        "/\n/evil.com",
        "/ /evil.com",
        "//evil.com",
        "/\\evil.com",
        "/sup port",
      ]) {
        const res = await write(editor, draft({ link: { url, label: { nb: "Les", en: "Read" } } }));
        expect(res.statusCode, JSON.stringify(url)).toBe(400);
        expect(res.json().code).toBe("content.link_invalid");
      }
    });

    it("keeps the time an item was first published when it is published again", async () => {
      const id = (await write(editor, draft())).json().id as string;
      const first = await act(editor, id, "publish");
      expect(first.json()).toMatchObject({ status: "published", publishedAt: START, updatedAt: START });
      clock.set("2026-12-07T10:00:00.000Z");
      try {
        const again = await act(editor, id, "publish");
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(first.json());
        // Taken back and published anew, it is published from the new time.
        expect((await act(editor, id, "unpublish")).json()).toMatchObject({
          status: "draft",
          publishedAt: null,
        });
        expect((await act(editor, id, "publish")).json()).toMatchObject({
          status: "published",
          publishedAt: "2026-12-07T10:00:00.000Z",
        });
        const unknown = await act(editor, "0193a0c0-0000-7000-8000-000000000000", "publish");
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().code).toBe("content.not_found");
      } finally {
        clock.set(START);
        await act(editor, id, "unpublish");
      }
    });

    it("refuses an image over 5 MB as too large", async () => {
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      const over = await upload(editor, big);
      expect(over.statusCode).toBe(413);
      expect(over.json().code).toBe("content.image_too_large");
      // Past the image's limit the form is refused as too large: the reading stops there
      // (`readMultipartForm`'s own test shows that), not at the 10 MB a proof may have.
      const nine = await upload(editor, new Uint8Array(9 * 1024 * 1024));
      expect(nine.statusCode).toBe(413);
      expect(nine.json().code).toBe("content.image_too_large");
    });

    it("takes a real PNG, serves it to anyone once published, and refuses a file that only claims to be an image", async () => {
      const png = bannerPng(32, 12, [11, 79, 108]);
      const stored = await upload(editor, png);
      expect(stored.statusCode).toBe(201);
      expect(stored.json()).toMatchObject({ mediaType: "image/png", width: 32, height: 12 });
      const url = stored.json().url as string;
      // Shown on no published item yet: for editors, never cached; anyone else gets the 404 of an unknown id.
      const forEditor = await t.app.inject({ method: "GET", url, headers: { cookie: editor.cookie } });
      expect(forEditor.statusCode).toBe(200);
      expect(forEditor.headers["cache-control"]).toContain("no-store");
      const unknownId = await t.app.inject({
        method: "GET",
        url: "/api/v1/content/images/0193a0c0-0000-7000-8000-000000000000",
      });
      const owner = await freshOwner(t);
      for (const who of [{}, { cookie: owner.cookie }]) {
        const hidden = await t.app.inject({ method: "GET", url, headers: who });
        expect(hidden.statusCode).toBe(404);
        expect({ ...hidden.json(), instance: null }).toEqual({ ...unknownId.json(), instance: null });
      }
      const withImage = draft({ image: { id: stored.json().id, alt: { nb: "Banner", en: "Banner" } } });
      const item = (await write(editor, withImage)).json().id as string;
      // On a draft only, it is still hidden; once that draft is published, it is anyone's, cached a year.
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(404);
      await act(editor, item, "publish");
      const served = await t.app.inject({ method: "GET", url });
      expect(served.statusCode).toBe(200);
      expect(served.headers["content-type"]).toBe("image/png");
      expect(served.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(served.headers["content-security-policy"]).toContain("sandbox");
      expect(new Uint8Array(served.rawPayload)).toEqual(png);
      await act(editor, item, "unpublish");
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(404);

      const pdf = await upload(editor, PDF, "banner.png");
      expect(pdf.statusCode).toBe(400);
      expect(pdf.json().code).toBe("content.image_type");
      const html = await upload(editor, new TextEncoder().encode("\x89PNG<html><script>alert(1)</script>"));
      expect(html.json().code).toBe("content.image_type");
      expect((await upload(owner, png)).statusCode).toBe(403);
      expect(unknownId.json().code).toBe("content_image.not_found");
    });

    it("shows a draft to nobody, previews it as My Page would, and shows it to phone owners once published", async () => {
      const image = (await upload(editor, bannerPng(8, 4, [200, 30, 30]))).json().id as string;
      const created = await write(
        editor,
        draft({
          title: { nb: "Tips til telefonen", en: "Phone tips" },
          audience: { kind: "category", code: "phone" },
          image: { id: image, alt: { nb: "En rød flate", en: "A red field" } },
        }),
      );
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        status: "draft",
        publishedAt: null,
        audience: { kind: "category", code: "phone" },
      });
      const id = created.json().id as string;
      const phone = await registeredProduct(t, { kind: "phone" });
      const fridge = await registeredProduct(t, { kind: "fridge" });
      expect((await myPage(phone.owner)).announcements.map((a) => a.id)).not.toContain(id);

      const preview = await t.app.inject({
        method: "GET",
        url: `/api/v1/editor/content/${id}/preview`,
        headers: editor.headers,
      });
      expect(preview.json()).toEqual({
        state: "draft",
        shown: {
          id,
          kind: "announcement",
          title: { nb: "Tips til telefonen", en: "Phone tips" },
          body: { nb: "Oppdater telefonen i dag.", en: "Update your phone today." },
          link: { url: "/support", label: { nb: "Les mer", en: "Read more" } },
          image: { url: `/api/v1/content/images/${image}`, alt: { nb: "En rød flate", en: "A red field" } },
        },
      });

      const done = await act(editor, id, "publish");
      expect(done.json()).toMatchObject({ status: "published", publishedAt: START });
      expect((await myPage(phone.owner)).announcements.map((a) => a.id)).toContain(id);
      expect((await myPage(fridge.owner)).announcements.map((a) => a.id)).not.toContain(id);

      expect((await act(editor, id, "unpublish")).json().status).toBe("draft");
      expect((await myPage(phone.owner)).announcements.map((a) => a.id)).not.toContain(id);
    });

    it("targets a model, a country and owners with no product yet", async () => {
      const model = await published({ audience: { kind: "model", code: "NX-H24-55" } });
      const sweden = await published({ audience: { kind: "country", country: "SE" } });
      const newcomers = await published({ audience: { kind: "no-product" } });
      const tv = await registeredProduct(t, { kind: "tv" });
      const nobody = await freshOwner(t);
      const swede = await freshOwner(t);
      const moved = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: swede.headers,
        payload: { country: "SE" },
      });
      expect(moved.statusCode).toBe(200);

      const ids = async (who: SignedIn) => (await myPage(who)).announcements.map((a) => a.id);
      expect(await ids(tv.owner)).toContain(model);
      expect(await ids(tv.owner)).not.toContain(newcomers);
      expect(await ids(nobody)).toContain(newcomers);
      expect(await ids(nobody)).not.toContain(model);
      expect(await ids(swede)).toContain(sweden);
      expect(await ids(nobody)).not.toContain(sweden);
      for (const id of [model, sweden, newcomers]) await act(editor, id, "unpublish");
    });

    it("shows at most three announcements, newest first, only inside their window, and one top message", async () => {
      const ids: string[] = [];
      for (let day = 1; day <= 4; day++)
        ids.push(
          await published({ startsAt: `2026-12-0${day}T00:00:00.000Z`, endsAt: "2026-12-20T00:00:00.000Z" }),
        );
      const later = await published({
        startsAt: "2026-12-10T00:00:00.000Z",
        endsAt: "2026-12-24T00:00:00.000Z",
      });
      const olderTop = await published({ kind: "top-message", startsAt: "2026-12-01T00:00:00.000Z" });
      const newerTop = await published({ kind: "top-message", startsAt: "2026-12-05T00:00:00.000Z" });
      const owner = await freshOwner(t);

      let shown = await myPage(owner);
      expect(shown.announcements.map((a) => a.id)).toEqual([ids[3], ids[2], ids[1]]);
      expect(shown.topMessage?.id).toBe(newerTop);
      const preview = await t.app.inject({
        method: "GET",
        url: `/api/v1/editor/content/${later}/preview`,
        headers: editor.headers,
      });
      expect(preview.json().state).toBe("scheduled");

      clock.set("2026-12-21T00:00:00.000Z");
      shown = await myPage(owner);
      expect(shown.announcements.map((a) => a.id)).toEqual([later]);
      clock.set("2026-12-24T00:00:00.000Z");
      expect((await myPage(owner)).announcements).toEqual([]);
      expect(
        (
          await t.app.inject({
            method: "GET",
            url: `/api/v1/editor/content/${later}/preview`,
            headers: editor.headers,
          })
        ).json().state,
      ).toBe("ended");
      clock.set(START);
      for (const id of [...ids, later, olderTop, newerTop]) await act(editor, id, "unpublish");
    });

    it("lets an editor change a draft, and lists what editors wrote, newest first", async () => {
      const id = (await write(editor, draft())).json().id as string;
      const changed = await write(editor, draft({ title: { nb: "Endret", en: "Changed" } }), id);
      expect(changed.statusCode).toBe(200);
      expect(changed.json().title).toEqual({ nb: "Endret", en: "Changed" });
      const list = await t.app.inject({
        method: "GET",
        url: "/api/v1/editor/content",
        headers: editor.headers,
      });
      expect(list.json().items[0].id).toBe(id);
      const gone = await write(editor, draft(), "0193a0c0-0000-7000-8000-000000000000");
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe("content.not_found");
    });

    it("keeps a FAQ per category and in general, shown on My Page by what the owner owns", async () => {
      const faq = (method: "POST" | "PUT" | "DELETE", body?: object, id?: string) =>
        t.app.inject({
          method,
          url: id ? `/api/v1/editor/faq/${id}` : "/api/v1/editor/faq",
          headers: editor.headers,
          ...(body ? { payload: body } : {}),
        });
      const entry = (categoryCode: string | null, question: string) => ({
        categoryCode,
        question: { nb: `${question}?`, en: `${question} (en)?` },
        answer: { nb: "Svar.", en: "Answer." },
      });
      const general = await faq("POST", entry(null, "Hvordan registrerer jeg"));
      expect(general.statusCode).toBe(201);
      const phones = await faq("POST", entry("phone", "Hvor finner jeg IMEI"));
      expect(phones.json()).toMatchObject({
        categoryCode: "phone",
        categoryNames: { nb: expect.any(String) },
      });
      const blank = await faq("POST", { ...entry(null, "Tom"), answer: { nb: "Svar.", en: "" } });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().code).toBe("content.text_missing");
      const unknown = await faq("POST", entry("spaceship", "Hva"));
      expect(unknown.json().code).toBe("faq.category_unknown");

      const phone = await registeredProduct(t, { kind: "phone" });
      const tv = await registeredProduct(t, { kind: "tv" });
      expect((await myPage(phone.owner)).faq.map((f) => f.id)).toEqual([general.json().id, phones.json().id]);
      expect((await myPage(tv.owner)).faq.map((f) => f.id)).toEqual([general.json().id]);

      const changed = await faq(
        "PUT",
        { ...entry("phone", "Hvor står IMEI"), position: 2 },
        phones.json().id,
      );
      expect(changed.json().question.nb).toBe("Hvor står IMEI?");
      const everyone = await t.app.inject({ method: "GET", url: "/api/v1/faq" });
      expect(everyone.json().entries.map((e: { id: string }) => e.id)).toEqual([
        general.json().id,
        phones.json().id,
      ]);
      expect((await faq("DELETE", undefined, phones.json().id)).statusCode).toBe(204);
      expect((await faq("DELETE", undefined, phones.json().id)).json().code).toBe("faq.not_found");
    });
  });
}
