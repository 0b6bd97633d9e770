/**
 * The numbers people read out on the phone: a request's ("RQ-…") at once, a repair job's ("RJ-…")
 * when a centre accepts it. Eight characters of Crockford's base 32 (no I, L, O or U, so nothing
 * reads as another character), 40 random bits: unguessable enough that a number alone shows
 * nothing (every read also checks who asks), and short enough to say.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type RepairNumberKind = "RQ" | "RJ";

/**
 * @example formatRepairNumber("RQ", new Uint8Array([0, 0, 0, 0, 0])); // "RQ-0000-0000"
 */
export function formatRepairNumber(kind: RepairNumberKind, random: Uint8Array): string {
  if (random.length < 5) throw new RangeError("a repair number takes 5 random bytes");
  let value = 0n;
  for (const byte of random.subarray(0, 5)) value = (value << 8n) | BigInt(byte);
  let text = "";
  for (let i = 0; i < 8; i++) {
    text = ALPHABET[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return `${kind}-${text.slice(0, 4)}-${text.slice(4)}`;
}

/**
 * A number as a person typed it, in the form it is stored: upper case, the dash put back, and the
 * letters people confuse read as the digits they meant. Null when it cannot be one.
 *
 * @example normalizeRepairNumber("rq 7k3m 9p2x"); // "RQ-7K3M-9P2X"
 * @example normalizeRepairNumber("RJ-OOIL-0000"); // "RJ-0011-0000"
 */
export function normalizeRepairNumber(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, "");
  const match = /^(RQ|RJ)([0-9A-Z]{8})$/.exec(compact);
  if (!match?.[1] || !match[2]) return null;
  const body = match[2].replace(/O/g, "0").replace(/[IL]/g, "1");
  if (![...body].every((c) => ALPHABET.includes(c))) return null;
  return `${match[1]}-${body.slice(0, 4)}-${body.slice(4)}`;
}
