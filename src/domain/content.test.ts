import { describe, expect, it } from "vitest";
import { bannerPng } from "../features/content/demo-image.ts";
import { blankLanguages, isAllowedLink, isScheduleInOrder, readContentImage } from "./content.ts";

describe("what staff write for owners", () => {
  it("names the languages in which a text is blank", () => {
    expect(blankLanguages({ nb: "Hei", en: "Hello" })).toEqual([]);
    expect(blankLanguages({ nb: "Hei", en: "  " })).toEqual(["en"]);
    expect(blankLanguages({ nb: "", en: "Hello" }, { nb: "x", en: "" })).toEqual(["nb", "en"]);
  });

  it("wants a schedule whose end comes after its start", () => {
    expect(isScheduleInOrder("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")).toBe(true);
    expect(isScheduleInOrder("2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z")).toBe(false);
    expect(isScheduleInOrder("2026-12-02T00:00:00+01:00", "2026-12-01T23:30:00Z")).toBe(true);
  });

  it("links only to the portal's own pages or to https addresses", () => {
    expect(isAllowedLink("/support")).toBe(true);
    expect(isAllowedLink("https://example.com/tilbud")).toBe(true);
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "http://example.com",
      "data:text/html,x",
    ])
      expect(isAllowedLink(bad)).toBe(false);
  });

  it("takes a picture by its content: a real PNG yes, a PDF or a page with a PNG signature no", () => {
    expect(readContentImage(bannerPng(4, 2, [1, 2, 3]))).toMatchObject({
      type: "image/png",
      size: { width: 4, height: 2 },
    });
    expect(readContentImage(new TextEncoder().encode("%PDF-1.7\n"))).toBeNull();
    expect(readContentImage(new TextEncoder().encode("\x89PNG\r\n\x1a\n<html>"))).toBeNull();
  });
});
