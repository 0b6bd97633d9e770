import { describe, expect, it } from "vitest";
import { partOf } from "../../scripts/precompiled-messages.ts";
import { formatMessage, type Locale, type MessageKey, type MessageValues } from "../messages/catalog.ts";
import { ERROR_CODES } from "../server/error-codes.ts";
import { ApiError } from "./api.ts";
import { problemMessage } from "./problem-message.ts";
import { problemValues } from "./registration/problem-text.ts";

const tFor = (locale: Locale) => (key: MessageKey, values?: MessageValues) =>
  formatMessage(locale, key, values);
const nb = (failure: unknown, part?: { code: string; [member: string]: unknown }) =>
  problemMessage(tFor("nb"), "nb", failure, part);
const en = (failure: unknown, part?: { code: string; [member: string]: unknown }) =>
  problemMessage(tFor("en"), "en", failure, part);

const SERVER_FAULT = formatMessage("nb", "error.server.error");

describe("the sentence the web shows for an API error", () => {
  it("reads a 403 on the register form as not allowed, not as a fault of ours", () => {
    const refused = new ApiError(403, "auth.forbidden", { detail: "You are not allowed to do this." });
    expect(nb(refused)).toBe("Du har ikke tilgang til dette.");
    expect(nb(refused)).not.toBe(SERVER_FAULT);
  });

  it("words every code of the catalogue with its own sentence, never the server fault unless it is one", () => {
    for (const locale of ["nb", "en"] as const) {
      for (const [code, status] of Object.entries(ERROR_CODES)) {
        const text = problemMessage(tFor(locale), locale, new ApiError(status, code, {}));
        expect(text, `${locale} ${code}`).toBe(
          formatMessage(locale, `error.${code}` as MessageKey, problemValues(locale, { code })),
        );
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
        if (status < 500 && code !== "server.error")
          expect(text, code).not.toBe(formatMessage(locale, "error.server.error"));
      }
    }
  });

  it("names the IMEI's and the IMEISV's lengths from the table of identifier rules", () => {
    expect(nb(new ApiError(422, "identifier.imeisv", {}))).toBe(
      "Dette er et IMEISV-nummer på 16 sifre, ikke IMEI. Skriv inn IMEI-nummeret, som har 15 sifre.",
    );
    expect(en(new ApiError(422, "identifier.imeisv", {}))).toBe(
      "This is an IMEISV of 16 digits, not an IMEI. Type the IMEI, which has 15 digits.",
    );
    expect(en(new ApiError(422, "confirmation.imei_invalid", {}))).toBe(
      "The IMEI is not valid: it must have 15 digits, and its check digit must match.",
    );
    expect(nb(new ApiError(422, "confirmation.imei_invalid", {}))).toBe(
      "IMEI-nummeret er ikke gyldig: det skal ha 15 sifre, og kontrollsifferet må stemme.",
    );
  });

  it("words a refusal by its status while only the first part of the catalogs is here", () => {
    const firstOnly = (key: MessageKey, values?: MessageValues) =>
      partOf(key) === "first" ? formatMessage("nb", key, values) : "";
    expect(problemMessage(firstOnly, "nb", new ApiError(409, "claim.decided", {}))).toBe(
      formatMessage("nb", "error.status.409"),
    );
    expect(problemMessage(firstOnly, "nb", new ApiError(401, "auth.invalid_email_or_password", {}))).toBe(
      formatMessage("nb", "error.auth.invalid_email_or_password"),
    );
  });

  it("falls back on the status for a code it has no sentence for", () => {
    const unknown = (status: number) => nb(new ApiError(status, "newer.code", { detail: "Something new." }));
    expect(unknown(401)).toBe(formatMessage("nb", "error.auth.required"));
    expect(unknown(403)).toBe(formatMessage("nb", "error.auth.forbidden"));
    expect(unknown(404)).toBe(formatMessage("nb", "error.route.not_found"));
    expect(unknown(409)).toBe(formatMessage("nb", "error.status.409"));
    expect(unknown(422)).toBe(formatMessage("nb", "error.status.422"));
    expect(unknown(413)).toBe(formatMessage("nb", "error.status.422"));
    expect(unknown(429)).toBe(formatMessage("nb", "error.request.rate_limited"));
    expect(unknown(500)).toBe(SERVER_FAULT);
    expect(unknown(503)).toBe(SERVER_FAULT);
  });

  it("falls back on the status when the answer was no problem document at all", () => {
    expect(nb(new ApiError(403, "", {}))).toBe("Du har ikke tilgang til dette.");
    expect(nb(new ApiError(502, "", {}))).toBe(SERVER_FAULT);
  });

  it("says the server cannot be reached when the request never got an answer", () => {
    expect(nb(new TypeError("Failed to fetch"))).toBe(formatMessage("nb", "error.network"));
    expect(nb(new ApiError(0, "network"))).toBe(formatMessage("nb", "error.network"));
  });

  it("never shows the problem's detail, which is English for developers", () => {
    const detail = "SMARTHOME_WEBHOOK_SECRET is not set.";
    expect(en(new ApiError(503, "webhook.not_configured", { detail }))).not.toContain(detail);
    expect(en(new ApiError(418, "teapot.unknown", { detail }))).not.toContain(detail);
  });

  it("fills the sentence with the values the problem document carries", () => {
    const refused = new ApiError(422, "identifier.not_found", {
      problems: [{ code: "identifier.length", typedLength: 9, expected: "serial11", expectedLengths: [11] }],
      model: null,
    });
    expect(nb(refused, { code: "identifier.length", typedLength: 9, expected: "serial11" })).toMatch(
      /^Du skrev 9 tegn, men serienummeret har 11 tegn\./,
    );
    const boxCode = new ApiError(422, "identifier.box_code", {
      model: { names: { nb: "Nordlys Frost 195", en: "Nordlys Frost 195" } },
    });
    expect(en(boxCode)).toBe(
      "This is the product code from the box (Nordlys Frost 195). The serial number is on the product itself.",
    );
    const notRegistrable = {
      code: "product.not_registrable",
      reason: { nb: "Det er tilbehør.", en: "It is an accessory." },
    };
    expect(
      en(new ApiError(422, "identifier.not_found", { problems: [notRegistrable] }), notRegistrable),
    ).toBe("This type of product cannot be registered. It is an accessory.");
    expect(en(new ApiError(422, "product.not_registrable", {}))).toBe(
      "This type of product cannot be registered.",
    );
  });

  it("words a problem found in the browser the same way as one from the server", () => {
    expect(en({ status: 422, code: "identifier.look_alike", suggestion: "356938035643809" })).toBe(
      "An IMEI has only digits, but you typed letters that look like digits. Did you mean 356938035643809?",
    );
  });
});
