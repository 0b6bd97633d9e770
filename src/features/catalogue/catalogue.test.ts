import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { demoCatalogue } from "../../cli/demo-data.ts";
import { gtinCheckDigit } from "../../domain/gtin.ts";
import { documentId } from "./queries.ts";
import type { CatalogueFile } from "./schemas.ts";

const KEY = "factory-secret-0123456789";

let made = 0;
/** A GTIN-13 no other test uses (prefix 299, outside the demo catalogue's). */
function freshGtin(): string {
  const body = `299${String(++made).padStart(9, "0")}`;
  return `${body}${gtinCheckDigit(body)}`;
}
/** A model no other test has, of a demo category, with the GTINs and links given. */
function freshModel(
  gtins: string[] = [freshGtin()],
  related: CatalogueFile["models"][number]["related"] = [],
): CatalogueFile["models"][number] {
  const base = demoCatalogue.models[0] as CatalogueFile["models"][number];
  return { ...base, code: `NX-TEST-${++made}`, gtins, related };
}
const only = (...models: CatalogueFile["models"]) => ({ categories: [], models, documents: [] });

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

    const modelCodes = async (codes: string[]) =>
      (await t.database.db.selectFrom("model").select("code").where("code", "in", codes).execute()).map(
        (r) => r.code,
      );
    const holderOf = async (gtin: string) =>
      (
        await t.database.db
          .selectFrom("model_gtin")
          .select("model_code")
          .where("gtin", "=", gtin.padStart(14, "0"))
          .executeTakeFirst()
      )?.model_code;

    it("refuses a new model whose GTIN another model already has, naming the GTIN and both models, and writes nothing", async () => {
      const gtin = freshGtin();
      const holder = freshModel([gtin]);
      expect((await put(only(holder))).statusCode).toBe(200);
      const newcomer = freshModel([gtin]);
      const bystander = freshModel();
      const res = await put(only(bystander, newcomer));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("catalogue.invalid");
      expect(res.json().problems).toEqual([
        `models[1] (${newcomer.code}): GTIN 0${gtin} already belongs to model ${holder.code}`,
      ]);
      expect(await modelCodes([newcomer.code, bystander.code])).toEqual([]);
      expect(await holderOf(gtin)).toBe(holder.code);
    });

    it("refuses two models of one file with the same GTIN, naming both", async () => {
      const gtin = freshGtin();
      const [first, second] = [freshModel([gtin]), freshModel([`0${gtin}`])];
      const res = await put(only(first, second));
      expect(res.statusCode).toBe(422);
      expect(res.json().problems).toEqual([
        `models[1] (${second.code}): GTIN 0${gtin} is also listed for model ${first.code}`,
      ]);
      expect(await modelCodes([first.code, second.code])).toEqual([]);
    });

    it("moves a GTIN from one model to another when one file says so, in either order", async () => {
      const gtin = freshGtin();
      const from = freshModel([gtin]);
      expect((await put(only(from))).statusCode).toBe(200);
      const to = freshModel([gtin]);
      const res = await put(only(to, { ...from, gtins: [] }));
      expect(res.statusCode).toBe(200);
      expect(await holderOf(gtin)).toBe(to.code);
    });

    it("keeps a related model listed twice once, on every import", async () => {
      const accessory = freshModel();
      const link = { model: accessory.code, kind: "accessory" } as const;
      const model = freshModel(undefined, [link, link]);
      for (let round = 0; round < 2; round++) {
        const res = await put(only(accessory, model));
        expect(res.statusCode).toBe(200);
        const page = (await t.app.inject({ method: "GET", url: `/api/v1/models/${model.code}` })).json();
        expect(page.accessories.map((a: { code: string }) => a.code)).toEqual([accessory.code]);
      }
    });

    it("keeps a GTIN listed twice for one model once, however it is written", async () => {
      const gtin = freshGtin();
      const model = freshModel([gtin, `0${gtin}`]);
      const res = await put(only(model));
      expect(res.statusCode).toBe(200);
      const page = (await t.app.inject({ method: "GET", url: `/api/v1/models/${model.code}` })).json();
      expect(page.gtins).toEqual([`0${gtin}`]);
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
