import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IDENTIFIER_RULE_NAMES,
  type IdentifierRule,
  serialLengthFits,
} from "../../domain/identifier-rules.ts";
import { completeImei } from "../../domain/imei.ts";
import { checkUnitRow, type ModelRules } from "./row.ts";

const models = new Map<string, ModelRules>([
  ["PHONE", { identifierRule: "imei-or-serial11", modelYear: 2024 }],
  ["TV", { identifierRule: "serial15", modelYear: 2023 }],
  ["SSD", { identifierRule: null, modelYear: 2022 }],
]);
const imei = completeImei("35123456000001");

describe("checking a row of the factory feed", () => {
  it("accepts a phone with a serial and an IMEI, and decodes the manufacture month from the serial", () => {
    const result = checkUnitRow({ serial: "hk3t3ac1234", model: "PHONE", imei1: imei }, models);
    expect(result).toEqual({
      ok: true,
      row: {
        serial: "HK3T3AC1234",
        imei1: imei,
        imei2: null,
        model_code: "PHONE",
        manufactured_on: "2024-03-01",
        market: "NO",
        look_alike_key: "HK3T3AC1234",
      },
    });
  });

  it("keeps a manufacture date the feed gives", () => {
    const result = checkUnitRow(
      { serial: "HK3V3AC1234", model: "PHONE", manufacturedOn: "2024-02-17" },
      models,
    );
    expect(result.ok && result.row.manufactured_on).toBe("2024-02-17");
  });

  it("stores the look-alike key of a serial with look-alike letters", () => {
    const result = checkUnitRow({ serial: "TVLINE1T3OOSB12", model: "TV" }, models);
    expect(result.ok && result.row.look_alike_key).toBe("TVL1NE1T300581" + "2");
  });

  it.each([
    [{ model: "PHONE" }, "serial is missing"],
    [{ serial: "HK3V3AC1234" }, "model is missing"],
    [{ serial: "HK3V3AC1234", model: "NOPE" }, 'unknown model "NOPE"'],
    [{ serial: "HK3V3AC12", model: "PHONE" }, "serial must be 11 characters for this model (got 9)"],
    [{ serial: "HK3V3AC1234", model: "TV" }, "serial must be 15 characters for this model (got 11)"],
    [{ serial: "HK3V3-C1234", model: "PHONE" }, "serial may only hold A–Z and 0–9"],
    [{ serial: "HK3V3AC1234", model: "PHONE", imei1: "351234560000012" }, "imei1 fails the Luhn check digit"],
    [{ serial: "HK3V3AC1234", model: "PHONE", imei1: "3512" }, "imei1 must be 15 digits"],
    [{ serial: "HK3V3AC1234", model: "PHONE", imei2: imei }, "imei2 given without imei1"],
    [{ serial: "HK3V3AC1234", model: "PHONE", imei1: imei, imei2: imei }, "imei1 and imei2 are the same"],
    [{ serial: "TVLINE1T3000012", model: "TV", imei1: imei }, "imei1 given for a model without IMEI"],
    [
      { serial: "HK3V3AC1234", model: "PHONE", manufacturedOn: "2024-02-30" },
      "manufacturedOn must be a date (YYYY-MM-DD)",
    ],
    [{ serial: "HK3V3AC1234", model: "PHONE", market: "Norway" }, "market must be a two-letter country code"],
  ])("rejects %j: %s", (input, reason) => {
    expect(checkUnitRow(input, models)).toEqual({ ok: false, reason });
  });

  it("accepts units of a category that cannot be registered, with any serial of 6–20 characters", () => {
    expect(checkUnitRow({ serial: "SSD1234567", model: "SSD" }, models).ok).toBe(true);
  });

  it("accepts a serial at exactly the lengths the rule table gives its category", () => {
    const rules: (IdentifierRule | null)[] = [null, ...IDENTIFIER_RULE_NAMES];
    const byRule = new Map(rules.map((rule) => [String(rule), { identifierRule: rule, modelYear: 2024 }]));
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.stringMatching(/^[A-Z0-9]{1,24}$/), (rule, serial) => {
        const result = checkUnitRow({ serial, model: String(rule) }, byRule);
        const lengthRefused = !result.ok && result.reason.startsWith("serial must be");
        expect(lengthRefused).toBe(!serialLengthFits(serial.length, rule));
      }),
    );
  });
});
