import { type IdentifierRule, takesImei } from "../../domain/identifier-rules.ts";
import { completeImei } from "../../domain/imei.ts";
import { LOOK_ALIKE_FOLDS } from "../../domain/look-alike.ts";
import { encodeSerial } from "../../domain/serial-scheme.ts";
import type { UnitInput } from "./row.ts";

/** The catalogue facts the generator needs of each model. */
export interface DemoModel {
  code: string;
  category: string;
  identifierRule: IdentifierRule | null;
  modelYear: number;
  lineCode: string | null;
  family: string | null;
}

// Sequence characters leave out the look-alike letters, so that look-alike twins are only the
// ones we make on purpose.
const SEQUENCE_ALPHABET = "0123456789ACDEFGHJKLMNPRTUVWXY";
const FACTORIES = ["K3", "M7", "V2", "T9"];
const MARKETS = ["NO", "NO", "NO", "NO", "SE", "DK"];
const TWIN_EVERY = 500;
const DIGIT_TO_LOOK_ALIKE = new Map(
  Object.entries(LOOK_ALIKE_FOLDS).map(([letter, digit]) => [digit, letter]),
);

function sequence(n: number): string {
  let out = "";
  let rest = n;
  for (let i = 0; i < 6; i++) {
    out = SEQUENCE_ALPHABET[rest % SEQUENCE_ALPHABET.length] + out;
    rest = Math.floor(rest / SEQUENCE_ALPHABET.length);
  }
  return out;
}

/** A small deterministic hash, so unit n is the same on every machine and every run. */
function mix(n: number): number {
  let x = (n + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The demo unit number `n`: a valid serial of our scheme for its model, IMEIs that pass the Luhn
 * check for phones (and for half of the tablets and watches), a manufacture month near the model
 * year. Every 500th unit gets a twin whose serial differs only by a look-alike letter.
 *
 * @example
 * demoUnit(0, models) // { serial: "H…", model: "NX-A19-64", imei1: "35…", … }
 */
export function demoUnit(
  n: number,
  models: readonly DemoModel[],
  thisYear = new Date().getUTCFullYear(),
): UnitInput[] {
  const model = models[n % models.length] as DemoModel;
  const perModel = Math.floor(n / models.length);
  const h = mix(n);
  const year = Math.min(thisYear, Math.max(2010, model.modelYear - 1 + (h % 3)));
  const month = 1 + ((h >>> 4) % 12);
  const seq = sequence(n);
  let serial: string;
  if (model.family) {
    serial = encodeSerial({
      length: 11,
      family: model.family,
      factory: FACTORIES[(h >>> 8) % 4] as string,
      year,
      month,
      sequence: seq,
    });
  } else if (model.lineCode) {
    serial = encodeSerial({ length: 15, lineCode: model.lineCode, year, month, sequence: seq });
  } else {
    serial = `${model.code
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 6)
      .padEnd(6, "X")}${seq}`;
  }
  const unit: UnitInput = {
    serial,
    model: model.code,
    market: MARKETS[(h >>> 12) % MARKETS.length],
  };
  const hasImei = model.identifierRule !== null && takesImei(model.identifierRule);
  if (hasImei && (model.category === "phone" || h % 2 === 0)) {
    const tac = `35${String(100_000 + models.indexOf(model) * 37).padStart(6, "0")}`;
    unit.imei1 = completeImei(`${tac}${String((perModel * 2) % 1_000_000).padStart(6, "0")}`);
    if (model.category === "phone" && (h >>> 16) % 3 === 0) {
      unit.imei2 = completeImei(`${tac}${String((perModel * 2 + 1) % 1_000_000).padStart(6, "0")}`);
    }
  }
  const units = [unit];
  if (n % TWIN_EVERY === 0) {
    const twin = lookAlikeTwin(serial);
    if (twin) units.push({ serial: twin, model: model.code, market: unit.market });
  }
  return units;
}

/** The serial with the last digit that has a look-alike letter swapped for that letter. */
export function lookAlikeTwin(serial: string): string | null {
  for (let i = serial.length - 1; i >= serial.length - 6; i--) {
    const letter = DIGIT_TO_LOOK_ALIKE.get(serial[i] as string);
    if (letter) return `${serial.slice(0, i)}${letter}${serial.slice(i + 1)}`;
  }
  return null;
}

/** Units 0 … count-1 (plus their twins), lazily, for streaming into the database. */
export function* demoUnits(count: number, models: readonly DemoModel[]): Generator<UnitInput> {
  for (let n = 0; n < count; n++) yield* demoUnit(n, models);
}
