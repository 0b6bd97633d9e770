/**
 * Registrations for the scale benchmark's fill, with what the registration path writes beside
 * each (src/features/registration/register.ts): the points ledger line of a unit's first
 * registration ever, an audit line `registration.created`, and for a product its owner removed
 * (src/features/registration/change.ts) the removal and its audit line `registration.removed`;
 * then each active registration's next reminder date (src/features/warranty/service.ts).
 */
import { randomUUID } from "node:crypto";
import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import type { Channel } from "../src/features/registration/schemas.ts";
import { scheduleReminders } from "../src/features/warranty/service.ts";
import { AUDIT_LOG_COLUMNS, BulkWriter } from "./bulk-insert.ts";
import type { SeedUnit } from "./seed-units.ts";

const DAY = 86_400_000;
const PLACES = ["Elkjøp", "Power", "Komplett", "NetOnNet", "Expert"];
const NICKNAMES = ["Kjøkkenet", "Stua", "Hytta", "Kontoret", "Barnerommet"];

/** An active registration as the claims fill needs it. */
export interface RegistrationSeed {
  id: string;
  ownerId: string;
  serial: string;
  modelCode: string;
  manufacturedOn: string | null;
  purchaseDate: string | null;
  registeredAt: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** How an owner registered: by IMEI when the unit has one and the owner typed it, else by serial. */
function channelOf(unit: SeedUnit, r: number): Channel {
  if (unit.imei1 && r < 0.4) return r < 0.25 ? "web-imei" : "app-imei";
  const serial: Channel[] = ["web-serial", "web-serial", "web-serial", "app-serial", "web-qr", "app-qr"];
  return serial[Math.floor(r * serial.length)] ?? "web-serial";
}

/**
 * A writer of registrations into `database`, batched in transactions. Every seeded instant lies
 * between the unit's manufacture and a day before `seededAt`.
 */
export async function registrationWriter(database: Database, seededAt: Date) {
  const writer = new BulkWriter(database, "registrations");
  writer.table("registration", [
    ["id", "text"],
    ["unit_serial", "text"],
    ["owner_id", "text"],
    ["channel", "text"],
    ["purchase_date", "date"],
    ["purchase_place", "text"],
    ["nickname", "text"],
    ["registered_at", "timestamptz"],
    ["removed_at", "timestamptz"],
  ]);
  writer.table("points_ledger", [
    ["id", "text"],
    ["owner_id", "text"],
    ["unit_serial", "text"],
    ["model_code", "text"],
    ["registration_id", "text"],
    ["kind", "text"],
    ["points", "int"],
    ["created_at", "timestamptz"],
  ]);
  writer.table("audit_log", AUDIT_LOG_COLUMNS);
  const end = seededAt.getTime() - DAY;

  /** One registration, with its points (first registration only) and its audit line. */
  async function registration(
    unit: SeedUnit,
    owner: string,
    at: number,
    removedAt: number | null,
    first: boolean,
    random: () => number,
  ): Promise<RegistrationSeed> {
    const id = randomUUID();
    const made = unit.manufacturedOn ? Date.parse(`${unit.manufacturedOn}T00:00:00Z`) : at - 30 * DAY;
    const purchaseDate = random() < 0.6 ? day(Math.max(made, at - random() * 14 * DAY)) : null;
    const place = random() < 0.4 ? (PLACES[Math.floor(random() * PLACES.length)] ?? null) : null;
    const nickname = random() < 0.1 ? (NICKNAMES[Math.floor(random() * NICKNAMES.length)] ?? null) : null;
    const channel = channelOf(unit, random());
    const registeredAt = new Date(at).toISOString();
    await writer.add("registration", [
      id,
      unit.serial,
      owner,
      channel,
      purchaseDate,
      place,
      nickname,
      registeredAt,
      removedAt === null ? null : new Date(removedAt).toISOString(),
    ]);
    const points = first ? unit.points : 0;
    if (first) {
      await writer.add("points_ledger", [
        randomUUID(),
        owner,
        unit.serial,
        unit.modelCode,
        id,
        "first-registration",
        points,
        registeredAt,
      ]);
    }
    const detail = JSON.stringify({ serial: unit.serial, channel, points });
    await writer.add("audit_log", [
      owner,
      "customer",
      "registration.created",
      owner,
      "registration",
      id,
      detail,
      registeredAt,
    ]);
    if (removedAt !== null) {
      await writer.add("audit_log", [
        owner,
        "customer",
        "registration.removed",
        owner,
        "registration",
        id,
        JSON.stringify({ serial: unit.serial }),
        new Date(removedAt).toISOString(),
      ]);
    }
    return {
      id,
      ownerId: owner,
      serial: unit.serial,
      modelCode: unit.modelCode,
      manufacturedOn: unit.manufacturedOn,
      purchaseDate,
      registeredAt: at,
    };
  }

  return {
    /**
     * A unit's registrations: by `previous` (registered, then removed) when given, then by
     * `owner`, whose registration stays active. Returns the active one.
     */
    async history(unit: SeedUnit, previous: string | null, owner: string, random: () => number) {
      const made = unit.manufacturedOn ? Date.parse(`${unit.manufacturedOn}T00:00:00Z`) : end - 400 * DAY;
      const start = Math.min(Math.max(made + 14 * DAY, end - 6 * 365 * DAY), end - DAY);
      const [a, b, c] = [random(), random(), random()].sort((x, y) => x - y) as [number, number, number];
      const at = (f: number) => Math.round(start + f * (end - start));
      if (previous === null) return registration(unit, owner, at(c), null, true, random);
      await registration(unit, previous, at(a), at(b), true, random);
      return registration(unit, owner, at(c), null, false, random);
    },
    async done() {
      await writer.flush();
      return writer.written();
    },
  };
}

/** Registrations per transaction when their reminder dates are computed. */
const REMINDER_PAGE = 1000;

/**
 * When each active registration's next warranty reminder is due (`warranty_reminder`), computed
 * by the warranty feature's own `scheduleReminders` as of `now`, a page of registrations per
 * transaction: what the registration path stores for each, and a reminder run keeps up to date.
 */
export async function seedWarrantyReminders(database: Database, config: Config, now: Date): Promise<void> {
  const started = performance.now();
  // PostgreSQL takes pages on several connections at once; SQLite has one connection.
  const parallel = database.dialect === "postgres" ? 4 : 1;
  const inFlight: Promise<void>[] = [];
  let after = "";
  let count = 0;
  for (;;) {
    const page = await database.db
      .selectFrom("registration")
      .select("id")
      .where("removed_at", "is", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(REMINDER_PAGE)
      .execute();
    const last = page.at(-1);
    if (!last) break;
    const ids = page.map((r) => r.id);
    inFlight.push(database.db.transaction().execute((trx) => scheduleReminders(trx, config, now, ids)));
    if (inFlight.length >= parallel) await inFlight.shift();
    after = last.id;
    count += page.length;
    if (count % 50_000 < REMINDER_PAGE) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(
        `[seed] warranty reminders: ${count.toLocaleString("en")} registrations (${seconds} s)\n`,
      );
    }
  }
  await Promise.all(inFlight);
}
