import type { Database } from "../db/database.ts";
import { systemClock } from "../domain/clock.ts";
import type { Auth, Role } from "../features/accounts/auth.ts";
import { findUserIdByEmail } from "../features/accounts/queries.ts";
import { createVerifiedUser } from "../features/accounts/service.ts";
import catalogueJson from "../features/catalogue/demo/catalogue.json" with { type: "json" };
import { catalogueSchema } from "../features/catalogue/schemas.ts";
import { importCatalogue } from "../features/catalogue/service.ts";
import type { FileStorage } from "../features/claims/storage.ts";
import { loadDemoContent } from "../features/content/demo.ts";
import { loadDemoPostcodes } from "../features/profile/postcodes.ts";
import { changeProfile, readProfile } from "../features/profile/service.ts";
import { demoServiceNetwork } from "../features/repairs/demo-network.ts";
import { importServiceNetwork } from "../features/repairs/network.ts";
import { loadDemoRewards } from "../features/rewards/demo.ts";
import { type DemoModel, demoUnits } from "../features/units/demo-units.ts";
import { modelRules, upsertUnits } from "../features/units/queries.ts";
import { checkUnitRow, type UnitRow } from "../features/units/row.ts";

export const DEMO_OWNER = {
  email: "demo@owner-portal.local",
  password: "demo-owner-2026",
  name: "Demo Owner",
};

const DEMO_STAFF: { email: string; role: Role; name: string }[] = [
  { email: "agent@owner-portal.local", role: "agent", name: "Demo Agent" },
  { email: "reviewer@owner-portal.local", role: "reviewer", name: "Demo Reviewer" },
  { email: "editor@owner-portal.local", role: "editor", name: "Demo Editor" },
  { email: "admin@owner-portal.local", role: "admin", name: "Demo Admin" },
];

/** The demo catalogue, checked against the import schema. */
export const demoCatalogue = catalogueSchema.parse(catalogueJson);

/** The catalogue facts the unit generator needs, in catalogue order (so units are reproducible). */
export const demoModels: DemoModel[] = demoCatalogue.models.map((m) => ({
  code: m.code,
  category: m.category,
  identifierRule: demoCatalogue.categories.find((c) => c.code === m.category)?.identifierRule ?? null,
  modelYear: m.modelYear,
  lineCode: m.lineCode,
  family: m.family,
}));

/** True when the demo owner exists, i.e. demo data was loaded before. */
export async function hasDemoData(database: Database): Promise<boolean> {
  return (await findUserIdByEmail(database, DEMO_OWNER.email)) !== null;
}

/**
 * Loads the demo catalogue, the demo service network, `units` demo units and the demo accounts (one owner, one of each
 * staff role, all with the demo password). Idempotent: running it again changes nothing.
 */
export async function loadDemoData(
  auth: Auth,
  database: Database,
  options: {
    units: number;
    onProgress?(written: number): void;
    /** Where the demo announcements' pictures go; without it the demo writes no content for owners. */
    storage?: FileStorage;
  },
): Promise<{ units: number }> {
  await importCatalogue(database, demoCatalogue);
  await importServiceNetwork(database, systemClock, demoServiceNetwork);
  // A real subset of Norway's postal register, so My information fills in the place.
  await loadDemoPostcodes(database);
  const rules = await modelRules(database.db);
  let batch: UnitRow[] = [];
  let count = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await database.db.transaction().execute((trx) => upsertUnits(database, trx, rows));
    options.onProgress?.(count);
  };
  for (const input of demoUnits(options.units, demoModels)) {
    const checked = checkUnitRow(input, rules);
    if (!checked.ok) throw new Error(`demo unit ${String(input.serial)} is invalid: ${checked.reason}`);
    batch.push(checked.row);
    count++;
    if (batch.length >= 2000) await flush();
  }
  if (batch.length > 0) await flush();

  const accounts = [
    { ...DEMO_OWNER, role: "customer" as Role },
    ...DEMO_STAFF.map((s) => ({ ...s, password: DEMO_OWNER.password })),
  ];
  for (const account of accounts) {
    if (!(await findUserIdByEmail(database, account.email)))
      await createVerifiedUser(auth, database, account);
  }
  // The top message, announcements and FAQ that editors would write.
  if (options.storage) await loadDemoContent(database, options.storage, systemClock);
  // Points rules and rewards with codes; the demo owner's My information is filled in, which earns
  // points that count at once, so there is something to redeem.
  await loadDemoRewards(database, systemClock);
  await fillDemoOwnerInformation(database);
  return { units: count };
}

async function fillDemoOwnerInformation(database: Database): Promise<void> {
  const ownerId = await findUserIdByEmail(database, DEMO_OWNER.email);
  if (!ownerId) return;
  // The demo acts as the owner would on My information; nothing else reads this actor.
  const actor = {
    userId: ownerId,
    email: DEMO_OWNER.email,
    name: DEMO_OWNER.name,
    role: "customer" as Role,
    locale: "nb" as const,
    emailVerified: true,
    sessionId: "demo-data",
    client: "web" as const,
    device: null,
  };
  const profile = await readProfile(database, actor, ownerId);
  if (profile.phone) return;
  await changeProfile(
    database,
    systemClock,
    actor,
    ownerId,
    {
      phone: "+4791234567",
      addressLine: "Storgata 1",
      postalCode: "0155",
      city: "Oslo",
    },
    { error: (_fields, message) => process.stderr.write(`${message}\n`) },
  );
}
