import { describe, expect, it } from "vitest";
import { phoneKey, readSearchTerm } from "./customer-search.ts";

describe("the phone key", () => {
  it("gives one key for a Norwegian number however it is typed", () => {
    for (const typed of ["+47 912 34 567", "0047 91234567", "912 34 567", "(+47) 912-34-567"]) {
      expect(phoneKey(typed)).toBe("91234567");
    }
  });

  it("keeps another country's code, and has no key for too few digits", () => {
    expect(phoneKey("+46 70 123 45 67")).toBe("46701234567");
    expect(phoneKey("12 3")).toBeNull();
  });
});

describe("reading what customer service types", () => {
  it("reads an e-mail address in lower case", () => {
    expect(readSearchTerm("  Ola@Example.NO ")).toEqual({ kind: "email", value: "ola@example.no" });
  });

  it("reads a repair request or job number as typed on the phone", () => {
    expect(readSearchTerm("rq 7k3m 9p2x")).toEqual({ kind: "repair-number", value: "RQ-7K3M-9P2X" });
    expect(readSearchTerm("RJ-OOIL-0000")).toEqual({ kind: "repair-number", value: "RJ-0011-0000" });
  });

  it("reads a claim number", () => {
    const id = "019AD5C2-8C1E-7B3A-9F1D-4E2A6C0B5D77";
    expect(readSearchTerm(id)).toEqual({ kind: "claim", value: id.toLowerCase() });
  });

  it("reads a short run of digits as a phone number, and an IMEI as a product's", () => {
    expect(readSearchTerm("912 34 567")).toEqual({ kind: "phone", key: "91234567" });
    expect(readSearchTerm("356938035643809")).toEqual({
      kind: "text",
      identifier: "356938035643809",
      namePrefix: null,
    });
  });

  it("reads anything else as a serial and, when it has letters, as the start of a name", () => {
    expect(readSearchTerm("Kari  Nord")).toEqual({
      kind: "text",
      identifier: "Kari Nord",
      namePrefix: "kari nord",
    });
    expect(readSearchTerm("HK3N3OOO12A")).toMatchObject({ kind: "text", namePrefix: "hk3n3ooo12a" });
    expect(readSearchTerm("K")).toEqual({ kind: "text", identifier: "K", namePrefix: null });
  });
});
