import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gtinCheckDigit } from "./gtin.ts";
import { type LabelReading, MAX_LABEL_LENGTH, parseLabel } from "./label.ts";

const GS = "\u001d";
const GTIN14 = "09506000134352";
const GTIN13 = "4006381333931";
const GTIN12 = "036000291452";
const GTIN8 = "96385074";

const gs1 = (
  gtin: string,
  serial: string | null,
  source: "digital-link" | "element-string",
): LabelReading => ({
  kind: "gs1",
  gtin,
  serial,
  source,
});
const link = (gtin: string, serial: string | null) => gs1(gtin, serial, "digital-link");
const element = (gtin: string, serial: string | null) => gs1(gtin, serial, "element-string");
const unknown = (reason: "empty" | "garbage" | "bad-gtin" | "too-long"): LabelReading => ({
  kind: "unknown",
  reason,
});

const CSET_82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

const anyGtin: fc.Arbitrary<string> = fc
  .constantFrom(7, 11, 12, 13)
  .chain((length) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length }),
  )
  .map((body) => `${body}${gtinCheckDigit(body)}`);

const anySerial: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...CSET_82),
  minLength: 1,
  maxLength: 20,
});

describe("parseLabel: GS1 Digital Link", () => {
  it("reads the GTIN and serial from /01/<GTIN>/21/<serial>", () => {
    expect(parseLabel(`https://id.gs1.org/01/${GTIN14}/21/ABC123`)).toEqual(link(GTIN14, "ABC123"));
  });

  it("pads GTIN-8, GTIN-12 and GTIN-13 to 14 digits", () => {
    expect(parseLabel(`https://example.com/01/${GTIN13}/21/S1`)).toEqual(link(`0${GTIN13}`, "S1"));
    expect(parseLabel(`https://example.com/01/${GTIN12}/21/S1`)).toEqual(link(`00${GTIN12}`, "S1"));
    expect(parseLabel(`https://example.com/01/${GTIN8}/21/S1`)).toEqual(link(`000000${GTIN8}`, "S1"));
  });

  it("gives a null serial when the link names only the product", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}`)).toEqual(link(GTIN14, null));
  });

  it("tolerates other key qualifiers before the serial", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}/10/LOT-7/21/ABC123`)).toEqual(link(GTIN14, "ABC123"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/22/2A/10/LOT7/21/ABC123`)).toEqual(
      link(GTIN14, "ABC123"),
    );
    expect(parseLabel(`https://example.com/01/${GTIN14}/10/LOT7`)).toEqual(link(GTIN14, null));
  });

  it("tolerates a path before /01/, even one that contains a 01 segment itself", () => {
    expect(parseLabel(`https://brand.example/no/p/01/${GTIN14}/21/ABC123`)).toEqual(link(GTIN14, "ABC123"));
    expect(parseLabel(`https://brand.example/01/shop/01/${GTIN14}/21/ABC123`)).toEqual(
      link(GTIN14, "ABC123"),
    );
  });

  it("ignores a query string, a fragment and a trailing slash", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/ABC123?17=271231&linkType=gs1:pip`)).toEqual(
      link(GTIN14, "ABC123"),
    );
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/ABC123#manual`)).toEqual(link(GTIN14, "ABC123"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/ABC123/`)).toEqual(link(GTIN14, "ABC123"));
  });

  it("decodes a percent-encoded serial", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/AB%2F12%25x`)).toEqual(link(GTIN14, "AB/12%x"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/%41%42%43`)).toEqual(link(GTIN14, "ABC"));
  });

  it("accepts any host in any case, upper-case schemes (QR alphanumeric mode) and plain http", () => {
    expect(parseLabel(`https://Id.Example.COM/01/${GTIN14}/21/abc`)).toEqual(link(GTIN14, "abc"));
    expect(parseLabel(`HTTPS://ID.EXAMPLE.COM/01/${GTIN14}/21/ABC`)).toEqual(link(GTIN14, "ABC"));
    expect(parseLabel(`http://localhost:8080/01/${GTIN14}/21/ABC`)).toEqual(link(GTIN14, "ABC"));
  });

  it("keeps the serial's case, which GS1 treats as significant", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/AbC`)).toEqual(link(GTIN14, "AbC"));
  });

  it("reports a wrong check digit or GTIN length as bad-gtin", () => {
    expect(parseLabel("https://example.com/01/09506000134353/21/ABC123")).toEqual(unknown("bad-gtin"));
    expect(parseLabel("https://example.com/01/950600013435/21/ABC123")).toEqual(unknown("bad-gtin"));
    expect(parseLabel("https://example.com/01/109506000134352/21/ABC123")).toEqual(unknown("bad-gtin"));
  });

  it("calls any other URI garbage", () => {
    const texts = [
      "https://example.com/",
      "https://example.com/support/register",
      "https://example.com/01",
      `https://example.com/01/${GTIN14}/21`,
      `https://example.com/01/${GTIN14}/serial/ABC`,
      `https://example.com/gtin/${GTIN14}`,
      `ftp://example.com/01/${GTIN14}/21/ABC`,
      "mailto:support@example.com",
      "WIFI:T:WPA;S:home;P:secret;;",
      "https://",
    ];
    for (const text of texts) expect(parseLabel(text), text).toEqual(unknown("garbage"));
  });

  it("calls a serial that is not a GS1 serial garbage: too long, bad characters or bad encoding", () => {
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/${"A".repeat(21)}`)).toEqual(unknown("garbage"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/${"A".repeat(20)}`)).toEqual(
      link(GTIN14, "A".repeat(20)),
    );
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/AB%20C`)).toEqual(unknown("garbage"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/%C3%A6`)).toEqual(unknown("garbage"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/AB%ZZ`)).toEqual(unknown("garbage"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/A/21/B`)).toEqual(unknown("garbage"));
  });

  it("reads back any GTIN and serial it was given", () => {
    fc.assert(
      fc.property(anyGtin, anySerial, fc.constantFrom("", "/de/p"), (gtin, serial, prefix) => {
        // "." and ".." are path steps to a URI parser, so no Digital Link can carry them.
        fc.pre(serial !== "." && serial !== "..");
        const uri = `https://example.com${prefix}/01/${gtin}/21/${encodeURIComponent(serial)}`;
        expect(parseLabel(uri)).toEqual(link(gtin.padStart(14, "0"), serial));
      }),
    );
  });
});

describe("parseLabel: GS1 element strings", () => {
  it("reads the parenthesised form", () => {
    expect(parseLabel(`(01)${GTIN14}(21)ABC123`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`(01) ${GTIN14} (17) 271231 (10) LOT7 (21) ABC123`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`(01)${GTIN14}`)).toEqual(element(GTIN14, null));
  });

  it("reads the raw form with GS separators after variable-length fields", () => {
    expect(parseLabel(`01${GTIN14}21ABC123`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`01${GTIN14}10LOT7${GS}21ABC123`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`01${GTIN14}21ABC123${GS}10LOT7`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`${GS}01${GTIN14}21ABC123${GS}`)).toEqual(element(GTIN14, "ABC123"));
  });

  it("reads fixed-length fields between the GTIN and the serial without separators", () => {
    expect(parseLabel(`${GS}01${GTIN14}11240115172712313103000250${GS}21ABC123`)).toEqual(
      element(GTIN14, "ABC123"),
    );
    expect(parseLabel(`${GS}01${GTIN14}17271231${GS}21ABC123`)).toEqual(element(GTIN14, "ABC123"));
  });

  it("reads the raw form after a GS1 symbology identifier", () => {
    for (const id of ["]C1", "]d2", "]Q3", "]e0", "]J1"]) {
      expect(parseLabel(`${id}01${GTIN14}17271231${GS}21ABC123`), id).toEqual(element(GTIN14, "ABC123"));
      expect(parseLabel(`${id}01${GTIN14}21ABC123`), id).toEqual(element(GTIN14, "ABC123"));
    }
  });

  it("reads a raw string whose separators the scanner dropped when nothing is ambiguous", () => {
    expect(parseLabel(`01${GTIN14}21ABC123`)).toEqual(element(GTIN14, "ABC123"));
    expect(parseLabel(`01${GTIN14}1727123121ABC123`)).toEqual(element(GTIN14, "ABC123"));
  });

  it("returns a null serial when AI 21 is absent", () => {
    expect(parseLabel(`]C101${GTIN14}`)).toEqual(element(GTIN14, null));
    expect(parseLabel(`]C101${GTIN14}10LOT7`)).toEqual(element(GTIN14, null));
  });

  it("reports a wrong check digit as bad-gtin in every form", () => {
    expect(parseLabel("(01)09506000134353(21)ABC123")).toEqual(unknown("bad-gtin"));
    expect(parseLabel(`]d20109506000134353${GS}21ABC123`)).toEqual(unknown("bad-gtin"));
    expect(parseLabel("010950600013435321ABC123")).toEqual(unknown("bad-gtin"));
  });

  it("calls malformed element strings garbage", () => {
    const texts = [
      `(01)${GTIN13}(21)ABC123`, // AI 01 always holds 14 digits
      `(01)${GTIN14}(17)2712(21)ABC123`, // a date has 6 digits
      `(01)${GTIN14}(05)X`, // no AI starts with 05
      `(01)${GTIN14}(210)X`, // AI 21 has two digits, not three
      `(01)${GTIN14}(21)`, // an empty serial
      `(01)${GTIN14}(21)ABC(21)DEF`, // the same AI twice
      `(01)${GTIN14}(21)${"A".repeat(21)}`,
      `(00)095060001343520000`, // an SSCC: a pallet, not a product
      `]C1019506000134`, // a truncated GTIN
      `]C1${GS}`,
      `]d2(01)${GTIN14}`,
      `01${GTIN14}${GS}21ABC 123`, // a space is no GS1 character
      `]Q30109506000134352AB`,
      "(foo)",
    ];
    for (const text of texts) expect(parseLabel(text), JSON.stringify(text)).toEqual(unknown("garbage"));
  });

  it("reads back any GTIN and serial written in raw or parenthesised form", () => {
    fc.assert(
      fc.property(anyGtin, anySerial, fc.boolean(), (gtin, serial, withLot) => {
        const gtin14 = gtin.padStart(14, "0");
        const lot = withLot ? `10LOT7${GS}` : "";
        expect(parseLabel(`]d201${gtin14}${lot}21${serial}`)).toEqual(element(gtin14, serial));
        fc.pre(!/[()]/.test(serial));
        expect(parseLabel(`(01)${gtin14}(21)${serial}`)).toEqual(element(gtin14, serial));
      }),
    );
  });
});

describe("parseLabel: smart-home pairing codes", () => {
  it("recognises our compact pairing payload in any case", () => {
    expect(parseLabel("SH:1:K3QF7ZC2MA:40213377")).toEqual({ kind: "pairing", platform: "smart-home" });
    expect(parseLabel("sh:1:k3qf7zc2ma:40213377")).toEqual({ kind: "pairing", platform: "smart-home" });
  });

  it("recognises our pairing URI", () => {
    expect(parseLabel("smarthome://pair?v=1&id=K3QF7ZC2MA&code=40213377")).toEqual({
      kind: "pairing",
      platform: "smart-home",
    });
    expect(parseLabel("SMARTHOME://PAIR?V=1&ID=K3QF7ZC2MA&CODE=40213377")).toEqual({
      kind: "pairing",
      platform: "smart-home",
    });
  });

  it("recognises a Matter onboarding payload", () => {
    expect(parseLabel("MT:Y.K9042C00KA0648G00")).toEqual({ kind: "pairing", platform: "matter" });
    expect(parseLabel("]Q1MT:Y.K9042C00KA0648G00")).toEqual({ kind: "pairing", platform: "matter" });
  });

  it("never reads a pairing code as a registration code, whatever follows the prefix", () => {
    expect(parseLabel(`smarthome://pair/01/${GTIN14}/21/ABC123`).kind).toBe("pairing");
    fc.assert(
      fc.property(
        fc.constantFrom("SH:", "sh:", "MT:", "smarthome:", "smarthome://pair?"),
        fc.string(),
        (prefix, rest) => {
          fc.pre(prefix.length + rest.length <= MAX_LABEL_LENGTH);
          expect(parseLabel(prefix + rest).kind).toBe("pairing");
        },
      ),
    );
  });
});

describe("parseLabel: plain serials and IMEIs", () => {
  it("reads a serial, an IMEI and an IMEISV as they are", () => {
    expect(parseLabel("R58M12ABCDE")).toEqual({ kind: "plain", value: "R58M12ABCDE" });
    expect(parseLabel("0A1B2C3D4E5F6G7")).toEqual({ kind: "plain", value: "0A1B2C3D4E5F6G7" });
    expect(parseLabel("356938035643809")).toEqual({ kind: "plain", value: "356938035643809" });
    expect(parseLabel(`01${GTIN14}`)).toEqual({ kind: "plain", value: `01${GTIN14}` });
  });

  it("trims the text and drops spaces and hyphens", () => {
    expect(parseLabel("  R58M-12AB CDE\r\n")).toEqual({ kind: "plain", value: "R58M12ABCDE" });
    expect(parseLabel("35-693803-564380-9")).toEqual({ kind: "plain", value: "356938035643809" });
  });

  it("strips the Code 39 start and stop characters", () => {
    expect(parseLabel("*R58M12ABCDE*")).toEqual({ kind: "plain", value: "R58M12ABCDE" });
  });

  it("strips a non-GS1 symbology identifier such as Code 128's ]C0", () => {
    expect(parseLabel("]C0R58M12ABCDE")).toEqual({ kind: "plain", value: "R58M12ABCDE" });
    expect(parseLabel("]A0*R58M12ABCDE*")).toEqual({ kind: "plain", value: "R58M12ABCDE" });
  });

  it("reads a Digital Link behind a plain QR Code's symbology identifier", () => {
    expect(parseLabel(`]Q1https://example.com/01/${GTIN14}/21/ABC123`)).toEqual(link(GTIN14, "ABC123"));
  });

  it("calls other characters garbage: lower case, punctuation, letters outside A-Z", () => {
    const texts = [
      "r58m12abcde",
      "R58M12ABCDE!",
      "R58M_12",
      "SERIAL: R58M12ABCDE",
      "ÆØÅ123",
      "R58M\t12",
      "*",
      "**",
      "- -",
      "*R58M",
    ];
    for (const text of texts) expect(parseLabel(text), JSON.stringify(text)).toEqual(unknown("garbage"));
  });

  it("returns any upper-case serial with spaces and hyphens, without them", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789- "), maxLength: 16 }),
        (text) => {
          const value = text.replace(/[ -]/g, "");
          fc.pre(value !== "");
          expect(parseLabel(text)).toEqual({ kind: "plain", value });
        },
      ),
    );
  });
});

describe("parseLabel: nothing to read", () => {
  it("reports an empty or blank payload as empty", () => {
    for (const text of ["", "   ", "\r\n", "\t", "]Q1", " ]C0 "]) {
      expect(parseLabel(text), JSON.stringify(text)).toEqual(unknown("empty"));
    }
  });

  it("refuses payloads over the length limit before reading them", () => {
    expect(parseLabel("A".repeat(MAX_LABEL_LENGTH))).toEqual({
      kind: "plain",
      value: "A".repeat(MAX_LABEL_LENGTH),
    });
    expect(parseLabel("A".repeat(MAX_LABEL_LENGTH + 1))).toEqual(unknown("too-long"));
    expect(parseLabel(`https://example.com/01/${GTIN14}/21/ABC?${"x".repeat(600)}`)).toEqual(
      unknown("too-long"),
    );
  });

  it("never throws and always returns one of the four kinds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 600 }),
          fc.string({ unit: fc.constantFrom(..."0123456789()]CdQ1/:%", GS), maxLength: 60 }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
        ),
        (text) => {
          expect(["gs1", "pairing", "plain", "unknown"]).toContain(parseLabel(text).kind);
        },
      ),
    );
  });
});
