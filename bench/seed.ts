/**
 * The scale benchmark's fill: a manufacturer's portal built through its own bulk paths. Units
 * go in through the unit import; owners, registrations (with their points and audit lines),
 * claims and discovered devices are written here in big batches, as the portal's own code would
 * have written them one at a time. The measured owners get the same products in the full portal
 * and in the nearly empty one, so that the two differ only by everybody else's data.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { systemClock } from "../src/domain/clock.ts";
import type { RepairStatus } from "../src/domain/repair-lifecycle.ts";
import { createAuth } from "../src/features/accounts/auth.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { demoServiceNetwork } from "../src/features/repairs/demo-network.ts";
import { importServiceNetwork } from "../src/features/repairs/network.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { importUnits } from "../src/features/units/import.ts";
import { modelRules } from "../src/features/units/queries.ts";
import type { ModelRules } from "../src/features/units/row.ts";
import { BulkWriter, bulkInsert, randomSource } from "./bulk-insert.ts";
import { seedClaims, seedDiscoveredDevices } from "./seed-claims.ts";
import { seedFrontDoor } from "./seed-front-door.ts";
import { type RegistrationSeed, registrationWriter, seedWarrantyReminders } from "./seed-registrations.ts";
import { seedRepairs } from "./seed-repairs.ts";
import {
  MEASURED,
  MEASURED_PRODUCTS,
  registrableUnits,
  type SeedPlan,
  type SeedUnit,
  storedUnit,
} from "./seed-units.ts";
import { type BenchOwner, ownerSession } from "./sessions.ts";

/** Raise when the fill changes what it writes: a kept database of another version is filled again. */
export const SEED_VERSION = "scale-4";
export const SEED_PASSWORD = "bench password 1";
const DAY = 86_400_000;

/** Emails of the seeded people: the measured ones are found again by these in a kept database. */
export const seedEmail = {
  reader: (i: number) => `scale-reader-${i}@bench.example`,
  writer: (i: number) => `scale-writer-${i}@bench.example`,
  other: (i: number) => `scale-owner-${i}@bench.example`,
  reviewer: "scale-reviewer@bench.example",
  agent: "scale-agent@bench.example",
};

export const FIRST = ["Kari", "Ola", "Ingrid", "Lars", "Sofie", "Jonas", "Emma", "Henrik", "Nora", "Anders"];
export const LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg"];

/** An id as better-auth makes them: 32 letters and digits. */
export function authId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * Verified accounts as `createVerifiedUser` leaves them (user row, credential account), all with
 * one password hash from better-auth's own hasher: hashing 100 000 passwords would make the fill,
 * not the portal, the slow part. Returns the ids in the order of `emails`.
 */
export async function seedAccounts(
  database: Database,
  config: Config,
  people: { email: string; role: string }[],
  at: Date,
): Promise<string[]> {
  const hash = await (await createAuth(config, database).$context).password.hash(SEED_PASSWORD);
  const writer = new BulkWriter(database, "owners");
  writer.table("user", [
    ["id", "text"],
    ["name", "text"],
    ["email", "text"],
    ["emailVerified", "bool"],
    ["image", "text"],
    ["role", "text"],
    ["locale", "text"],
    ["createdAt", "timestamptz"],
    ["updatedAt", "timestamptz"],
  ]);
  writer.table("account", [
    ["id", "text"],
    ["accountId", "text"],
    ["providerId", "text"],
    ["userId", "text"],
    ["password", "text"],
    ["createdAt", "timestamptz"],
    ["updatedAt", "timestamptz"],
  ]);
  const ids: string[] = [];
  for (const [i, person] of people.entries()) {
    const id = authId();
    const created = new Date(at.getTime() - (5 * 365 * DAY * (i % 997)) / 997 - DAY).toISOString();
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const locale = i % 5 === 0 ? "en" : "nb";
    await writer.add("user", [id, name, person.email, true, null, person.role, locale, created, created]);
    await writer.add("account", [authId(), id, "credential", id, hash, created, created]);
    ids.push(id);
  }
  await writer.flush();
  return ids;
}

/** The factory feed of `count` demo units through the unit import (NDJSON lines, streamed). */
async function importDemoUnits(database: Database, count: number): Promise<void> {
  const started = performance.now();
  async function* lines() {
    for (const unit of demoUnits(count, demoModels)) yield JSON.stringify(unit);
  }
  const summary = await importUnits(database, lines(), {
    format: "ndjson",
    onProgress: (p) => {
      if (p.lines % 100_000 < 2100) process.stderr.write(`[seed] units: ${p.written.toLocaleString("en")}\n`);
    },
  });
  if (summary.rejected > 0) throw new Error(`the unit import rejected ${summary.rejected} demo units`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[seed] units: ${summary.written.toLocaleString("en")} imported in ${seconds} s\n`);
}

/**
 * Everybody else's products in the full portal: an active registration on every registrable unit
 * the measured owners and the registration measure leave, and as many removed ones before them as
 * the plan's total asks for, spread evenly (a unit sold on, registered again by its next owner).
 * Returns an even spread of the active ones for the claims, and another for the repairs.
 */
async function seedOtherOwnersProducts(
  registrations: Awaited<ReturnType<typeof registrationWriter>>,
  rules: Map<string, ModelRules>,
  plan: SeedPlan,
  owners: string[],
): Promise<{ claimable: RegistrationSeed[]; repairable: RegistrationSeed[] }> {
  const rest = registrableUnits(rules, Number.POSITIVE_INFINITY, plan.units).units.slice(
    MEASURED_PRODUCTS + plan.spare,
  );
  const active = Math.min(rest.length, plan.registrations - MEASURED_PRODUCTS);
  const removed = Math.min(active, plan.registrations - MEASURED_PRODUCTS - active);
  const claimEvery = Math.max(1, Math.floor(active / Math.max(1, plan.claims)));
  const repairEvery = Math.max(1, Math.floor(active / Math.max(1, plan.repairs)));
  const random = randomSource(34);
  const pick = () => Math.floor(random() * owners.length);
  const claimable: RegistrationSeed[] = [];
  const repairable: RegistrationSeed[] = [];
  for (let i = 0; i < active; i++) {
    const owner = pick();
    const resold = Math.floor(((i + 1) * removed) / active) > Math.floor((i * removed) / active);
    // The previous owner is anyone but the current one.
    const previous = resold ? (owner + 1 + Math.floor(random() * (owners.length - 1))) % owners.length : null;
    const seeded = await registrations.history(
      rest[i] as SeedUnit,
      previous === null ? null : (owners[previous] as string),
      owners[owner] as string,
      random,
    );
    if (i % claimEvery === 0) claimable.push(seeded);
    if (i % repairEvery === 1 % repairEvery && repairable.length < plan.repairs) repairable.push(seeded);
  }
  return { claimable, repairable };
}

/** Of every 20 repairs of other owners: 12 closed, 1 cancelled, the rest somewhere on their way. */
const OTHERS_STATUSES: RepairStatus[] = [
  ...Array<RepairStatus>(12).fill("closed"),
  "cancelled",
  "requested",
  "accepted",
  "received",
  "diagnosing",
  "repairing",
  "repaired",
  "shipped",
];
/** The measured readers' repairs, for the repair page: one of each stage in turn. */
const READERS_STATUSES: RepairStatus[] = ["requested", "accepted", "diagnosing", "repairing", "closed"];

/**
 * Fills a freshly migrated portal. `full` is the manufacturer's portal of the plan; otherwise
 * the nearly empty one: the catalogue, the units the measured owners and the registration measure
 * need, the measured owners and the reviewer. Returns when the fill started: every row it writes
 * is older, every row a run writes is newer.
 */
export async function fillPortal(
  database: Database,
  config: Config,
  plan: SeedPlan,
  full: boolean,
): Promise<Date> {
  const seededAt = new Date();
  await importCatalogue(database, demoCatalogue);
  const rules = await modelRules(database.db);
  const prefix = registrableUnits(rules, MEASURED_PRODUCTS + plan.spare, plan.units);
  if (prefix.units.length < MEASURED_PRODUCTS + plan.spare) {
    throw new Error(`${plan.units} demo units hold too few registrable ones for the measured owners`);
  }
  await importDemoUnits(database, full ? plan.units : prefix.looked);

  const others = full ? plan.owners - MEASURED.readers - MEASURED.writers : 0;
  const people = [
    ...Array.from({ length: MEASURED.readers }, (_, i) => ({ email: seedEmail.reader(i), role: "customer" })),
    ...Array.from({ length: MEASURED.writers }, (_, i) => ({ email: seedEmail.writer(i), role: "customer" })),
    { email: seedEmail.reviewer, role: "reviewer" },
    ...Array.from({ length: others }, (_, i) => ({ email: seedEmail.other(i), role: "customer" })),
  ];
  const ids = await seedAccounts(database, config, people, seededAt);
  const measuredIds = ids.slice(0, MEASURED.readers + MEASURED.writers);
  const reviewerId = ids[MEASURED.readers + MEASURED.writers] as string;
  const otherIds = ids.slice(MEASURED.readers + MEASURED.writers + 1);

  const registrations = await registrationWriter(database, seededAt);
  // The measured owners' products: the same units, dates and points in both portals.
  const measuredRandom = randomSource(12);
  const readerProducts: RegistrationSeed[] = [];
  for (const [i, unit] of prefix.units.slice(0, MEASURED_PRODUCTS).entries()) {
    const owner = measuredIds[Math.floor(i / MEASURED.productsEach)] as string;
    const seeded = await registrations.history(unit, null, owner, measuredRandom);
    if (i < MEASURED.readers * MEASURED.productsEach) readerProducts.push(seeded);
  }
  const otherProducts = full
    ? await seedOtherOwnersProducts(registrations, rules, plan, otherIds)
    : { claimable: [], repairable: [] };
  const claimable = otherProducts.claimable;
  await registrations.done();
  await seedWarrantyReminders(database, config, seededAt);
  await seedFrontDoor(database, config, seededAt, measuredIds, full);

  // The reviewer's queue has a full first page on both portals: claims on readers' products.
  const queueClaims = readerProducts.filter((_, i) => i % 6 === 0).slice(0, 300);
  await seedClaims(database, seededAt, reviewerId, [
    ...queueClaims,
    ...claimable.slice(0, Math.max(0, plan.claims - queueClaims.length)),
  ]);
  if (full) await seedDiscoveredDevices(database, rules, otherIds, plan, prefix.looked, seededAt);

  // Repairs: readers' products have one in every fourth (the repair page), and one in every fourth
  // a job the partner of Oslo's centre has accepted (the partner's events); the same in both portals.
  await importServiceNetwork(database, systemClock, demoServiceNetwork);
  await seedRepairs(
    database,
    seededAt,
    readerProducts.filter((_, i) => i % 4 === 1),
    (i) => READERS_STATUSES[i % READERS_STATUSES.length] as RepairStatus,
  );
  await seedRepairs(
    database,
    seededAt,
    readerProducts.filter((_, i) => i % 4 === 3),
    () => "accepted",
    () => "oslo-sentrum",
  );
  if (full)
    await seedRepairs(
      database,
      seededAt,
      otherProducts.repairable,
      (i) => OTHERS_STATUSES[i % OTHERS_STATUSES.length] as RepairStatus,
    );
  return seededAt;
}

/** The measured people of a filled portal, found by their emails. */
export async function measuredPeople(database: Database) {
  const emails = [
    ...Array.from({ length: MEASURED.readers }, (_, i) => seedEmail.reader(i)),
    ...Array.from({ length: MEASURED.writers }, (_, i) => seedEmail.writer(i)),
    seedEmail.reviewer,
  ];
  const rows = await database.db
    .selectFrom("user")
    .select(["id", "email"])
    .where("email", "in", emails)
    .execute();
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  const id = (email: string) => {
    const found = byEmail.get(email);
    if (!found) throw new Error(`the filled portal has no ${email}`);
    return found;
  };
  const readers = Array.from({ length: MEASURED.readers }, (_, i) => id(seedEmail.reader(i)));
  const writers = Array.from({ length: MEASURED.writers }, (_, i) => id(seedEmail.writer(i)));
  const products = await database.db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .select(["registration.id", "registration.owner_id", "unit.manufactured_on", "unit.model_code"])
    .where("registration.owner_id", "in", [...readers, ...writers])
    .where("registration.removed_at", "is", null)
    .orderBy("registration.id")
    .execute();
  const productsOf = (owner: string) => products.filter((p) => p.owner_id === owner);
  const repairs = await database.db
    .selectFrom("repair")
    .innerJoin("unit", "unit.serial", "repair.unit_serial")
    .select(["repair.id", "repair.owner_id", "repair.status", "repair.centre_id", "repair.job_number"])
    .where("repair.owner_id", "in", readers)
    .orderBy("repair.id")
    .execute();
  // The jobs the partner's events are measured on: accepted at Oslo's centre, and not yet moved on.
  const jobs = repairs
    .filter((r) => r.status === "accepted" && r.centre_id === "oslo-sentrum" && r.job_number)
    .map((r) => r.job_number as string);
  const repairsOf = (owner: string) => repairs.filter((r) => r.owner_id === owner).map((r) => r.id);
  return { readers, writers, reviewerId: id(seedEmail.reviewer), productsOf, repairsOf, jobs };
}

/** The spare units (registrable, never registered) and a spread of serials across the registry. */
export async function unitsToAsk(database: Database, plan: SeedPlan, unitCount: number) {
  const rules = await modelRules(database.db);
  const { units } = registrableUnits(rules, MEASURED_PRODUCTS + plan.spare, plan.units);
  const spare = units.slice(MEASURED_PRODUCTS).map((u) => u.serial);
  const random = randomSource(56);
  const spread: string[] = [];
  for (let i = 0; spread.length < 2000 && i < 10_000; i++) {
    const row = storedUnit(Math.floor(random() * unitCount), rules);
    if (row) spread.push(row.serial);
  }
  return { spare, spread };
}

// The kept database: which fill it holds, and forgetting what earlier runs wrote.

/** The benchmark's own table in the kept database: which fill it holds (one row). */
async function createSeedMarker(database: Database): Promise<void> {
  await sql`create table if not exists bench_seed (version text not null, plan text not null, seeded_at text not null, seconds double precision not null)`.execute(
    database.db,
  );
}

/** The fill a kept database holds, or null when it holds none (or of another version). */
export async function readSeedMarker(database: Database, plan: SeedPlan) {
  await createSeedMarker(database);
  const rows = await sql<{ version: string; plan: string; seeded_at: string; seconds: number }>`
    select version, plan, seeded_at, seconds from bench_seed`.execute(database.db);
  const row = rows.rows[0];
  if (!row || row.version !== SEED_VERSION || row.plan !== JSON.stringify(plan)) return null;
  return { seededAt: new Date(row.seeded_at), seconds: Number(row.seconds) };
}

export async function writeSeedMarker(database: Database, plan: SeedPlan, seededAt: Date, seconds: number) {
  await createSeedMarker(database);
  await sql`delete from bench_seed`.execute(database.db);
  await sql`insert into bench_seed (version, plan, seeded_at, seconds)
    values (${SEED_VERSION}, ${JSON.stringify(plan)}, ${seededAt.toISOString()}, ${seconds})`.execute(
    database.db,
  );
}

/**
 * Deletes every row an earlier run wrote (all are newer than the fill), so that each run
 * measures the same portal: the registration measure finds its units unregistered again and the
 * claim measure its products without an open claim.
 */
export async function forgetRunWrites(database: Database, seededAt: Date): Promise<void> {
  const after = seededAt.toISOString();
  const newer: [table: string, column: string][] = [
    ["repair_photo", "created_at"],
    ["repair_event", "recorded_at"],
    ["repair", "created_at"],
    ["claim_file", "created_at"],
    ["claim_event", "created_at"],
    ["purchase_confirmation", "received_at"],
    ["warranty_claim", "created_at"],
    ["points_ledger", "created_at"],
    ["audit_log", "created_at"],
    ["outbox", "created_at"],
    ["registration", "registered_at"],
    ["discovered_device", "discovered_at"],
    ["session", "createdAt"],
    ["access_log", "at"],
    ["access_reason", "given_at"],
    ["lookup_client", "created_at"],
  ];
  for (const [table, column] of newer) {
    await sql`delete from ${sql.table(table)} where ${sql.ref(column)} > ${after}`.execute(database.db);
  }
  // The jobs the partner's events moved on are back where the fill left them.
  await sql`update repair set status = 'accepted', delay = null, status_at = created_at, updated_at = created_at where updated_at > ${after} and centre_id = 'oslo-sentrum' and job_number is not null`.execute(
    database.db,
  );
  await sql`delete from ${sql.table("rateLimit")}`.execute(database.db);
  // A run killed during the reminder measure left its lease behind.
  await sql`delete from job_lease`.execute(database.db);
}

/**
 * A web session for each of `userIds`, stored as better-auth stores one (a `session` row holding
 * the token) and signed into a cookie as better-auth signs it, without a password check each.
 */
export async function seedSessions(
  config: Config,
  database: Database,
  userIds: string[],
): Promise<BenchOwner[]> {
  const now = Date.now();
  const [created, expires] = [new Date(now).toISOString(), new Date(now + 30 * DAY).toISOString()];
  const rows = userIds.map((userId) => [
    authId(),
    expires,
    authId(),
    created,
    created,
    "127.0.0.1",
    "bench",
    userId,
  ]);
  await database.db.transaction().execute((trx) =>
    bulkInsert(
      database,
      trx,
      "session",
      [
        ["id", "text"],
        ["expiresAt", "timestamptz"],
        ["token", "text"],
        ["createdAt", "timestamptz"],
        ["updatedAt", "timestamptz"],
        ["ipAddress", "text"],
        ["userAgent", "text"],
        ["userId", "text"],
      ],
      rows,
    ),
  );
  return rows.map(([id, , token, , , , , userId]) =>
    ownerSession(config, userId as string, id as string, token as string),
  );
}
