import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { demoCatalogue } from "../../cli/demo-data.ts";
import { documentId } from "./queries.ts";

const KEY = "factory-secret-0123456789";

for (const dialect of dialects()) {
  describe(`the catalogue on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `factory:${KEY}` });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const put = (payload: unknown, key: string | null = KEY) =>
      t.app.inject({
        method: "PUT",
        url: "/api/v1/service/catalogue",
        headers: key ? { "x-service-key": key } : {},
        payload: payload as object,
      });

    it("refuses an import without a service key, or with a wrong one", async () => {
      expect((await put(demoCatalogue, null)).json().code).toBe("service.key_required");
      const wrong = await put(demoCatalogue, "not-the-key-at-all-000");
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe("service.key_invalid");
    });

    it("refuses a catalogue whose references do not resolve, and writes nothing", async () => {
      const broken = {
        categories: [],
        models: [{ ...demoCatalogue.models[0], code: "NX-NEW", category: "no-such-category" }],
        documents: [],
      };
      const res = await put(broken);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("catalogue.invalid");
      expect(res.json().problems[0]).toContain('unknown category "no-such-category"');
      const stored = await t.database.db
        .selectFrom("model")
        .select("code")
        .where("code", "=", "NX-NEW")
        .execute();
      expect(stored).toEqual([]);
    });

    it("refuses a GTIN with a wrong check digit", async () => {
      const model = { ...demoCatalogue.models[0], gtins: ["07090010100016"] };
      const res = await put({ categories: demoCatalogue.categories, models: [model], documents: [] });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.invalid");
    });

    it("imports the catalogue, and importing it again adds no second copy", async () => {
      const ids = demoCatalogue.documents.map(documentId);
      const stored = async () =>
        (await t.database.db.selectFrom("document").select("id").where("id", "in", ids).execute()).length;
      for (let round = 0; round < 2; round++) {
        const res = await put(demoCatalogue);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({
          categories: demoCatalogue.categories.length,
          models: demoCatalogue.models.length,
          documents: demoCatalogue.documents.length,
        });
        expect(await stored()).toBe(new Set(ids).size);
      }
    });

    it("lists categories with their rules and the serial guide in both languages", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/categories" });
      const categories = res.json().categories as { code: string }[];
      const phone = categories.find((c) => c.code === "phone");
      expect(phone).toMatchObject({
        registrable: true,
        identifierRule: "imei-or-serial11",
        qrRegistration: false,
        statutoryYears: 5,
        guideImageUrl: "/catalogue/guide-phone.svg",
      });
      expect((phone as unknown as { guide: { nb: string; en: string } }).guide.nb).toContain("*#06#");
      expect(categories.find((c) => c.code === "ssd")).toMatchObject({
        registrable: false,
        identifierRule: null,
      });
      expect(categories.find((c) => c.code === "fridge")).toMatchObject({
        qrRegistration: true,
        identifierRule: "serial15",
      });
      expect(categories.find((c) => c.code === "tv")).toMatchObject({ selfRegistrationFromModelYear: 2020 });
    });

    it("serves a model's page with documents and related models, and a document", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/models/NX-P24-128" });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page).toMatchObject({
        code: "NX-P24-128",
        categoryCode: "phone",
        imageUrl: "/catalogue/phone.svg",
      });
      expect(page.documents.some((d: { kind: string }) => d.kind === "manual")).toBe(true);
      expect(page.documents.some((d: { kind: string }) => d.kind === "faq")).toBe(true);
      expect(page.accessories.length + page.successors.length).toBeGreaterThan(0);
      const doc = await t.app.inject({ method: "GET", url: `/api/v1/documents/${page.documents[0].id}` });
      expect(doc.statusCode).toBe(200);
      expect(doc.json().body.length).toBeGreaterThan(20);
    });

    it("answers 404 with a code for an unknown model, category or document", async () => {
      for (const url of ["/api/v1/models/NOPE", "/api/v1/categories/nope", "/api/v1/documents/nope"]) {
        const res = await t.app.inject({ method: "GET", url });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toMatch(/^(model|category|document)\.not_found$/);
      }
    });
  });
}
