import { describe, expect, it } from "vitest";
import { bannerPng } from "../features/content/demo-image.ts";
import {
  blankLanguages,
  isAllowedLink,
  isScheduleInOrder,
  isScheduleInRange,
  readContentImage,
} from "./content.ts";

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

  it("keeps a schedule inside the years 2000–2100 and at most two years long", () => {
    expect(isScheduleInRange("2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z")).toBe(true);
    expect(isScheduleInRange("2000-01-01T00:00:00Z", "2000-02-01T00:00:00Z")).toBe(true);
    expect(isScheduleInRange("2100-01-01T00:00:00Z", "2100-12-31T23:59:59Z")).toBe(true);
    // Exactly two years is the most; a second more is too long.
    expect(isScheduleInRange("2026-12-01T00:00:00Z", "2028-12-01T00:00:00Z")).toBe(true);
    expect(isScheduleInRange("2026-12-01T00:00:00Z", "2028-12-01T00:00:01Z")).toBe(false);
    expect(isScheduleInRange("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")).toBe(false);
    // Year 0 at +01:00 is year -1 in UTC; 2101 and 1999 are outside too, in either field.
    expect(isScheduleInRange("0000-01-01T00:00:00+01:00", "2026-12-01T00:00:00Z")).toBe(false);
    expect(isScheduleInRange("1999-12-31T23:00:00Z", "2000-01-02T00:00:00Z")).toBe(false);
    expect(isScheduleInRange("2100-12-01T00:00:00Z", "2101-01-01T00:00:00Z")).toBe(false);
    expect(isScheduleInRange("2100-12-31T23:30:00-01:00", "2100-12-31T23:59:00Z")).toBe(false);
    expect(isScheduleInRange("not a date", "2026-12-01T00:00:00Z")).toBe(false);
  });

  it("links only to the portal's own pages or to https addresses", () => {
    expect(isAllowedLink("/support")).toBe(true);
    expect(isAllowedLink("https://example.com/tilbud")).toBe(true);
    expect(isAllowedLink("/support?emne=mobil#svar")).toBe(true);
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "http://example.com",
      "data:text/html,x",
      // Browsers strip tabs and line breaks from an address: each of these would become //evil.com.
      "/\t/evil.com",
      "/\n/evil.com",
      "/\r/evil.com",
      "/\u0000/evil.com",
      "/\\/evil.com",
      "/ /evil.com",
      "/support page",
      "/support\u00a0page",
      "/\u200b/evil.com",
      "/\u007f/x",
      "/\u0085/x",
      "https://example.com/\tx",
      "https://exa mple.com/",
      "\u0001https://example.com",
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
