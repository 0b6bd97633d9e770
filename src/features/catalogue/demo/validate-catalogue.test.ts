import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isValidGtin } from "../../../domain/gtin.ts";
import catalogue from "./catalogue.json" with { type: "json" };

const { categories, models, documents } = catalogue;
const PUBLIC_DIR = fileURLToPath(new URL("../../../web/public/catalogue/", import.meta.url));

// Line codes and families avoid the look-alike letters (O S I B Z, and Q) and the digit 0.
const LINE_CODE = /^[AC-HJ-NPRT-Y1-9]{7}$/;
const FAMILY = /^[AC-HJ-NPRT-Y]$/;
const LOCALES = ["nb", "en"] as const;

const categoryByCode = new Map(categories.map((category) => [category.code, category]));
const modelCodes = new Set(models.map((model) => model.code));
const svgFiles = readdirSync(PUBLIC_DIR).filter((name) => name.endsWith(".svg"));
const readSvg = (name: string) => readFileSync(`${PUBLIC_DIR}${name}`, "utf8");

describe("the demo catalogue", () => {
  it("has unique kebab-case category codes", () => {
    const codes = categories.map((category) => category.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("says why a category is not registrable, and how to find the serial when it is", () => {
    for (const category of categories) {
      if (category.registrable) {
        expect(["imei-or-serial11", "serial15"], category.code).toContain(category.identifierRule);
        expect(category.notRegistrable, category.code).toBeNull();
        expect(category.guide?.nb, category.code).toMatch(/\n/);
        expect(category.guide?.en, category.code).toMatch(/\n/);
        expect(category.guideImage, category.code).toBe(`guide-${category.code}.svg`);
      } else {
        expect(category.identifierRule, category.code).toBeNull();
        expect(category.qrRegistration, category.code).toBe(false);
        expect(category.guideImage, category.code).toBeNull();
        expect(category.notRegistrable?.nb.length, category.code).toBeGreaterThan(40);
        expect(category.notRegistrable?.en.length, category.code).toBeGreaterThan(40);
      }
    }
  });

  it("has at least 60 models with unique codes and known categories", () => {
    expect(models.length).toBeGreaterThanOrEqual(60);
    expect(modelCodes.size).toBe(models.length);
    for (const model of models) {
      expect(categoryByCode.has(model.category), model.code).toBe(true);
      expect(model.modelYear, model.code).toBeGreaterThanOrEqual(2018);
      expect(model.modelYear, model.code).toBeLessThanOrEqual(2025);
    }
  });

  it("gives every model GTINs with a valid GS1 check digit, unique across the catalogue", () => {
    const gtins = models.flatMap((model) => model.gtins);
    expect(new Set(gtins).size).toBe(gtins.length);
    for (const gtin of gtins) {
      expect(gtin).toMatch(/^\d{13,14}$/);
      expect(isValidGtin(gtin), gtin).toBe(true);
    }
    for (const model of models) expect(model.gtins.length, model.code).toBeGreaterThan(0);
  });

  it("links related models that exist", () => {
    for (const model of models) {
      for (const { model: related, kind } of model.related) {
        expect(modelCodes.has(related), `${model.code} -> ${related}`).toBe(true);
        expect(related).not.toBe(model.code);
        expect(["accessory", "consumable", "successor"]).toContain(kind);
      }
    }
  });

  it("gives a line code to 15-character serial models and a family to 11-character ones", () => {
    for (const model of models) {
      const rule = categoryByCode.get(model.category)?.identifierRule;
      if (rule === "serial15") {
        expect(model.lineCode, model.code).toMatch(LINE_CODE);
        expect(model.family, model.code).toBeNull();
      } else if (rule === "imei-or-serial11") {
        expect(model.family, model.code).toMatch(FAMILY);
        expect(model.lineCode, model.code).toBeNull();
      } else {
        expect(model.lineCode, model.code).toBeNull();
        expect(model.family, model.code).toBeNull();
      }
    }
    const lineCodes = models.flatMap((model) => (model.lineCode ? [model.lineCode] : []));
    expect(new Set(lineCodes).size).toBe(lineCodes.length);
  });

  it("attaches every document to exactly one existing model or category", () => {
    for (const document of documents) {
      expect((document.model === null) !== (document.category === null), document.title).toBe(true);
      if (document.model !== null) expect(modelCodes.has(document.model), document.title).toBe(true);
      if (document.category !== null)
        expect(categoryByCode.has(document.category), document.title).toBe(true);
      expect(["manual", "faq", "howto", "firmware"]).toContain(document.kind);
      expect(LOCALES).toContain(document.locale);
      expect(document.body.length, document.title).toBeGreaterThan(80);
    }
  });

  it("has a FAQ in both languages for every registrable category", () => {
    for (const category of categories.filter((c) => c.registrable)) {
      for (const locale of LOCALES) {
        const faq = documents.find(
          (d) => d.kind === "faq" && d.category === category.code && d.locale === locale,
        );
        expect(faq, `${category.code} ${locale}`).toBeDefined();
      }
    }
  });

  it("has manuals in both languages for at least 20 models", () => {
    const withBoth = [...modelCodes].filter((code) =>
      LOCALES.every((locale) =>
        documents.some((d) => d.kind === "manual" && d.model === code && d.locale === locale),
      ),
    );
    expect(withBoth.length).toBeGreaterThanOrEqual(20);
  });
});

describe("the catalogue illustrations", () => {
  it("exist for every model image and category guide", () => {
    const names = [
      ...models.map((model) => model.image),
      ...categories.flatMap((category) => (category.guideImage ? [category.guideImage] : [])),
    ];
    for (const name of names) expect(existsSync(`${PUBLIC_DIR}${name}`), name).toBe(true);
  });

  it("are self-contained, titled images", () => {
    for (const name of svgFiles) {
      const svg = readSvg(name);
      expect(svg, name).toMatch(/^<svg [^>]*role="img"/);
      expect(svg, name).toMatch(/<title[^>]*>[^<]+<\/title>/);
      expect(svg, name).not.toMatch(/<script|href=|url\(|@font-face|<image|<foreignObject/i);
    }
  });

  it("keep product drawings small and guides labelled only with S/N or IMEI", () => {
    for (const name of svgFiles) {
      const svg = readSvg(name);
      if (name.startsWith("guide-")) {
        expect(svg, name).toContain('viewBox="0 0 320 200"');
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
        expect(texts.length, name).toBeGreaterThan(0);
        for (const text of texts) expect(["S/N", "IMEI"], name).toContain(text);
      } else {
        expect(svg, name).toContain('viewBox="0 0 120 120"');
        expect(Buffer.byteLength(svg), name).toBeLessThan(3 * 1024);
        expect(svg, name).not.toContain("<text");
      }
    }
  });
});
