import { readFile } from "node:fs/promises";
import type { Database } from "../../db/database.ts";
import type { Country } from "../../domain/country.ts";
import { normalizePostcode } from "../../domain/postcode.ts";
import { findPostcodePlace, replacePostcodes } from "./queries.ts";

/** A line of a register that could not be read, by its number (from 1). */
export interface RejectedLine {
  line: number;
  reason: string;
}

/**
 * Reads a postal register as the post publishes it: one postcode a line, tab-separated, the
 * postcode first and its place second (Norway's `Postnummerregister` adds the municipality and a
 * category, which are not needed here). UTF-8, or the register's Windows-1252 ("ANSI") edition.
 * A line that is not a postcode of `country` and a place is rejected; the last of a repeated
 * postcode wins.
 *
 * @example
 * parsePostcodeRegister("NO", Buffer.from("0155\tOSLO\n5003\tBERGEN\n"));
 * // { entries: [{ code: "0155", place: "OSLO" }, { code: "5003", place: "BERGEN" }], rejected: [] }
 */
export function parsePostcodeRegister(
  country: Country,
  bytes: Uint8Array,
): { entries: { code: string; place: string }[]; rejected: RejectedLine[] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  const byCode = new Map<string, string>();
  const rejected: RejectedLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, "");
    if (line.trim() === "") return;
    const [typedCode = "", typedPlace = ""] = line.split("\t");
    const code = normalizePostcode(country, typedCode);
    const place = typedPlace.trim();
    if (!code) rejected.push({ line: index + 1, reason: `not a postcode of ${country}: ${typedCode}` });
    else if (place === "" || place.length > 100)
      rejected.push({ line: index + 1, reason: "no place, or a place longer than 100 characters" });
    else byCode.set(code, place);
  });
  return { entries: [...byCode].map(([code, place]) => ({ code, place })), rejected };
}

/** Loads a country's register from a file, in place of what was there. */
export async function importPostcodeRegister(
  database: Database,
  country: Country,
  path: string,
): Promise<{ loaded: number; rejected: RejectedLine[] }> {
  const { entries, rejected } = parsePostcodeRegister(country, await readFile(path));
  await database.db.transaction().execute((trx) => replacePostcodes(trx, country, entries));
  return { loaded: entries.length, rejected };
}

/** The demo's register: a real subset of Norway's, in the register's own format. */
export function loadDemoPostcodes(database: Database) {
  return importPostcodeRegister(database, "NO", new URL("./demo-postcodes-no.tsv", import.meta.url).pathname);
}

/**
 * The place of a postcode as the owner typed it: the postcode as the country writes it, and its
 * place when the register has it. Null when it is not a postcode of that country at all.
 */
export async function lookUpPostcode(
  database: Database,
  country: Country,
  typed: string,
): Promise<{ code: string; place: string | null } | null> {
  const code = normalizePostcode(country, typed);
  if (!code) return null;
  return { code, place: await findPostcodePlace(database.db, country, code) };
}
