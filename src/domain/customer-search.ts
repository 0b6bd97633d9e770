import { normalizeRepairNumber } from "./repair-number.ts";

/**
 * What customer service types into its one search box, read once: an e-mail address, a phone
 * number, a repair request or job number, a claim number, or else a serial, an IMEI or a name.
 * The service looks each reading up through its own index.
 */
export type SearchTerm =
  | { kind: "email"; value: string }
  | { kind: "phone"; key: string }
  | { kind: "repair-number"; value: string }
  | { kind: "claim"; value: string }
  | { kind: "text"; identifier: string; namePrefix: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHONE = /^\+?[0-9 ()-]{5,30}$/;

/**
 * The digits that name a phone number however it was typed: spaces, dashes and brackets go, an
 * international prefix (`+` or `00`) goes with Norway's country code, so "+47 912 34 567",
 * "0047 91234567" and "912 34 567" give one key. Other countries keep their code.
 *
 * @example phoneKey("+47 912 34 567") // "91234567"
 * @example phoneKey("+46 70 123 45 67") // "46701234567"
 */
export function phoneKey(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, "");
  const international = /^\(?\+/.test(phone.trim())
    ? digits
    : digits.startsWith("00")
      ? digits.slice(2)
      : null;
  const key =
    international?.startsWith("47") && international.length === 10
      ? international.slice(2)
      : (international ?? digits);
  return key.length >= 5 ? key : null;
}

/**
 * Reads a search term. Digits only (at least five) read as a phone number and as a serial or IMEI
 * too, since a phone's IMEI is digits as well: the service tries both.
 *
 * @example readSearchTerm("Ola@Example.no") // { kind: "email", value: "ola@example.no" }
 * @example readSearchTerm("rq 7k3m 9p2x") // { kind: "repair-number", value: "RQ-7K3M-9P2X" }
 * @example readSearchTerm("Nordmann") // { kind: "text", identifier: "Nordmann", namePrefix: "nordmann" }
 */
export function readSearchTerm(raw: string): SearchTerm {
  const term = raw.trim().replace(/\s+/g, " ");
  if (term.includes("@")) return { kind: "email", value: term.toLowerCase() };
  const repairNumber = normalizeRepairNumber(term);
  if (repairNumber) return { kind: "repair-number", value: repairNumber };
  if (UUID.test(term.toLowerCase())) return { kind: "claim", value: term.toLowerCase() };
  // Short digit strings are phone numbers; an IMEI (15 digits) or longer is a product's.
  const digits = term.replace(/[^0-9]/g, "");
  if (PHONE.test(term) && digits.length <= 12) {
    const key = phoneKey(term);
    if (key) return { kind: "phone", key };
  }
  const letters = /\p{L}/u.test(term);
  return {
    kind: "text",
    identifier: term,
    namePrefix: letters && term.length >= 2 ? term.toLowerCase() : null,
  };
}
