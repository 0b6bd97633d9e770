/**
 * Warranty claims and discovered devices for the scale benchmark's fill. A claim gets what
 * `submitClaim` and `decideClaimAsRead` write (src/features/claims/service.ts): the claim, its
 * proof file's row, an event per step, an audit line per step, and for an approved claim the
 * purchase confirmation. The mails of those steps are left out: the outbox would have sent them
 * long ago. Devices are stored as `upsertDiscovered` (src/features/registration/discovered.ts)
 * stores them.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../src/db/database.ts";
import type { ClaimStatus } from "../src/domain/claim-lifecycle.ts";
import { claimFileKey } from "../src/features/claims/pending-files.ts";
import type { ModelRules } from "../src/features/units/row.ts";
import { AUDIT_LOG_COLUMNS, BulkWriter, randomSource } from "./bulk-insert.ts";
import type { RegistrationSeed } from "./seed-registrations.ts";
import { type SeedPlan, storedUnit } from "./seed-units.ts";

const DAY = 86_400_000;
const SELLERS = ["Elkjøp", "Power", "Komplett", "NetOnNet", "Expert", "Proshop"];
/** Of every 20 claims: 4 submitted, 3 in review, 2 waiting for more information, 7 approved, 4 rejected. */
const STATUSES: ClaimStatus[] = [
  ...Array<ClaimStatus>(4).fill("submitted"),
  ...Array<ClaimStatus>(3).fill("in-review"),
  ...Array<ClaimStatus>(2).fill("more-info"),
  ...Array<ClaimStatus>(7).fill("approved"),
  ...Array<ClaimStatus>(4).fill("rejected"),
];
const REASONS: Partial<Record<ClaimStatus, string>> = {
  "more-info": "Send a photo of the receipt where the date can be read.",
  rejected: "The receipt names another product.",
};

/** One claim on each of `products`, submitted after the registration and decided by `reviewerId`. */
export async function seedClaims(
  database: Database,
  seededAt: Date,
  reviewerId: string,
  products: RegistrationSeed[],
): Promise<void> {
  const writer = new BulkWriter(database, "claims");
  writer.table("warranty_claim", [
    ["id", "text"],
    ["registration_id", "text"],
    ["owner_id", "text"],
    ["unit_serial", "text"],
    ["model_code", "text"],
    ["purchase_date", "date"],
    ["seller", "text"],
    ["status", "text"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ]);
  writer.table("claim_file", [
    ["id", "text"],
    ["claim_id", "text"],
    ["storage_key", "text"],
    ["media_type", "text"],
    ["size", "int"],
    ["name", "text"],
    ["created_at", "timestamptz"],
  ]);
  writer.table("claim_event", [
    ["id", "text"],
    ["claim_id", "text"],
    ["actor_role", "text"],
    ["kind", "text"],
    ["message", "text"],
    ["created_at", "timestamptz"],
  ]);
  writer.table("audit_log", AUDIT_LOG_COLUMNS);
  writer.table("purchase_confirmation", [
    ["id", "text"],
    ["source", "text"],
    ["reference", "text"],
    ["serial", "text"],
    ["imei", "text"],
    ["confirmed_on", "date"],
    ["received_at", "timestamptz"],
    ["dedupe_key", "text"],
  ]);
  const random = randomSource(78);
  const end = seededAt.getTime() - DAY;
  for (const [i, product] of products.entries()) {
    const id = randomUUID();
    const status = STATUSES[i % STATUSES.length] as ClaimStatus;
    const submitted = product.registeredAt + random() * (end - product.registeredAt);
    const decided = submitted + random() * (end - submitted);
    const [at, decidedAt] = [new Date(submitted).toISOString(), new Date(decided).toISOString()];
    const purchaseDate = product.purchaseDate ?? product.manufacturedOn ?? "2024-01-01";
    const seller = SELLERS[i % SELLERS.length] as string;
    const updated = status === "submitted" ? at : decidedAt;
    await writer.add("warranty_claim", [
      id,
      product.id,
      product.ownerId,
      product.serial,
      product.modelCode,
      purchaseDate,
      seller,
      status,
      at,
      updated,
    ]);
    const fileId = randomUUID();
    await writer.add("claim_file", [
      fileId,
      id,
      claimFileKey(id, fileId),
      "application/pdf",
      52,
      "kvittering.pdf",
      at,
    ]);
    await writer.add("claim_event", [randomUUID(), id, "customer", "submitted", null, at]);
    await writer.add("audit_log", [
      product.ownerId,
      "customer",
      "claim.submitted",
      product.ownerId,
      "claim",
      id,
      null,
      at,
    ]);
    if (status === "submitted") continue;
    const reason = REASONS[status] ?? null;
    await writer.add("claim_event", [randomUUID(), id, "reviewer", status, reason, decidedAt]);
    await writer.add("audit_log", [
      reviewerId,
      "reviewer",
      `claim.${status}`,
      product.ownerId,
      "claim",
      id,
      JSON.stringify({ reason, purchaseDate }),
      decidedAt,
    ]);
    if (status === "approved") {
      await writer.add("purchase_confirmation", [
        randomUUID(),
        "claim",
        id,
        product.serial,
        null,
        purchaseDate,
        decidedAt,
        `claim:${id}`,
      ]);
    }
  }
  await writer.flush();
}

const SOURCES = ["smarthome", "wifi", "tv"] as const;
const DEVICE_NAMES = ["Stue-TV", "Kjøleskap", "Oppvaskmaskin", "Soundbar", "Skjerm", "Vaskemaskin"];

/**
 * Devices the smart-home app, TVs and Wi-Fi scans found for other owners: half name a unit of
 * the registry (ours, so offered for registration unless someone registered it), the rest are
 * partners' devices without a unit. One in ten was taken off the list since.
 */
export async function seedDiscoveredDevices(
  database: Database,
  rules: Map<string, ModelRules>,
  owners: string[],
  plan: SeedPlan,
  firstFreeUnit: number,
  seededAt: Date,
): Promise<void> {
  const writer = new BulkWriter(database, "discovered devices");
  writer.table("discovered_device", [
    ["id", "text"],
    ["owner_id", "text"],
    ["source", "text"],
    ["external_id", "text"],
    ["unit_serial", "text"],
    ["model_code", "text"],
    ["display_name", "text"],
    ["offered", "bool"],
    ["discovered_at", "timestamptz"],
    ["removed_at", "timestamptz"],
  ]);
  const random = randomSource(90);
  const end = seededAt.getTime() - DAY;
  for (let i = 0; i < plan.discovered; i++) {
    const owner = owners[Math.floor(random() * owners.length)] as string;
    const source = SOURCES[i % SOURCES.length] as string;
    // Units the measured owners or the registration measure use are left out.
    const n = firstFreeUnit + Math.floor(random() * Math.max(1, plan.units - firstFreeUnit));
    const unit = random() < 0.5 ? storedUnit(n, rules) : null;
    const at = end - random() * 2 * 365 * DAY;
    const removedAt = random() < 0.1 ? new Date(at + random() * (end - at)).toISOString() : null;
    await writer.add("discovered_device", [
      randomUUID(),
      owner,
      source,
      `scale-${source}-${i}`,
      unit?.serial ?? null,
      unit?.model_code ?? null,
      DEVICE_NAMES[i % DEVICE_NAMES.length] ?? null,
      unit !== null,
      new Date(at).toISOString(),
      removedAt,
    ]);
  }
  await writer.flush();
}
