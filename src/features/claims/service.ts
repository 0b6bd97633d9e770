import { randomUUID } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type ClaimStatus, toInstant } from "../../db/tables.ts";
import { imageSize } from "../../domain/image-size.ts";
import {
  MAX_PROOF_BYTES,
  MAX_PROOF_PIXELS,
  sniffProofType,
  stripProofMetadata,
} from "../../domain/proof-file.ts";
import { isLocale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { enqueueMail } from "../outbox/mail.ts";
import { findRegistration } from "../registration/queries.ts";
import { checkPurchaseDate } from "../registration/service.ts";
import type { FileStorage } from "./storage.ts";

const OPEN: ClaimStatus[] = ["submitted", "in-review", "more-info"];
type Db = Database["db"];

/** Claims with the product (unit and model) and the owner they are about: the join every view needs. */
function claimsWithProduct(db: Db) {
  return db
    .selectFrom("warranty_claim")
    .innerJoin("unit", "unit.serial", "warranty_claim.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user", "user.id", "warranty_claim.owner_id");
}

/** Checks and cleans an uploaded proof: its real type from the content, metadata taken out. */
function prepareProof(upload: Upload) {
  if (upload.bytes.length > MAX_PROOF_BYTES)
    throw new Problem("claim.file_too_large", "The file is larger than 10 MB.");
  const type = sniffProofType(upload.bytes);
  if (!type) {
    throw new Problem(
      "claim.file_type",
      "The file is not a PDF, JPEG, PNG, HEIC or WebP file (judged by its content).",
    );
  }
  const size = imageSize(upload.bytes);
  if (size && size.width * size.height > MAX_PROOF_PIXELS) {
    throw new Problem("claim.too_many_pixels", `The picture has more than ${MAX_PROOF_PIXELS} pixels.`, {
      width: size.width,
      height: size.height,
    });
  }
  return {
    type,
    bytes: stripProofMetadata(upload.bytes, type),
    name: upload.name.replace(/[^\p{L}\p{N} ._-]/gu, "_").slice(0, 120) || "proof",
  };
}

async function storeProof(
  db: Db,
  storage: FileStorage,
  claimId: string,
  proof: ReturnType<typeof prepareProof>,
) {
  const fileId = randomUUID();
  const key = `claims/${claimId}/${fileId}`;
  await storage.put(key, proof.bytes);
  await db
    .insertInto("claim_file")
    .values({
      id: fileId,
      claim_id: claimId,
      storage_key: key,
      media_type: proof.type,
      size: proof.bytes.length,
      name: proof.name,
      created_at: new Date().toISOString(),
    })
    .execute();
}

async function addEvent(db: Db, claimId: string, actorRole: string, kind: string, message: string | null) {
  await db
    .insertInto("claim_event")
    .values({
      id: randomUUID(),
      claim_id: claimId,
      actor_role: actorRole,
      kind,
      message,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** Tells the owner what happened to the claim, in their language, through the outbox. */
async function mailOwner(
  db: Db,
  config: Config,
  claimId: string,
  status: ClaimStatus,
  reason: string | null,
) {
  const row = await claimsWithProduct(db)
    .innerJoin("registration", "registration.id", "warranty_claim.registration_id")
    .select([
      "user.email",
      "user.name",
      "user.locale",
      "registration.nickname",
      "model.name_nb",
      "model.name_en",
      "warranty_claim.registration_id",
    ])
    .where("warranty_claim.id", "=", claimId)
    .executeTakeFirstOrThrow();
  const locale = isLocale(row.locale) ? row.locale : "nb";
  await enqueueMail(
    { db },
    {
      to: row.email,
      locale,
      template: "claim-update",
      values: {
        name: row.name,
        product: row.nickname ?? (locale === "nb" ? row.name_nb : row.name_en),
        status: status.replace("-", "_"), // ICU selectors cannot hold hyphens
        reason: reason ?? "none",
        url: `${config.publicUrl}/products/${row.registration_id}`,
      },
    },
  );
}

/**
 * What every step of a claim leaves behind, in the step's transaction: an event in the claim's
 * history, a line in the audit log and a mail to the owner.
 */
async function recordStep(
  db: Db,
  config: Config,
  actor: Actor,
  claim: { id: string; ownerId: string },
  step: {
    event: string;
    action: string;
    status: ClaimStatus;
    message: string | null;
    reason: string | null;
    detail?: Record<string, unknown>;
  },
) {
  await addEvent(db, claim.id, actor.role, step.event, step.message);
  await audit(db, {
    actor,
    action: step.action,
    ownerId: claim.ownerId,
    subjectType: "claim",
    subjectId: claim.id,
    ...(step.detail ? { detail: step.detail } : {}),
  });
  await mailOwner(db, config, claim.id, step.status, step.reason);
}

/** The owner submits a purchase date, the seller and a proof for a registered product (R12). */
export async function submitClaim(
  database: Database,
  config: Config,
  storage: FileStorage,
  actor: Actor,
  registrationId: string,
  input: { purchaseDate: string; seller: string; file: Upload },
) {
  const registration = await findRegistration(database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "claim.create", ownerId: registration.owner_id });
  checkPurchaseDate(config, input.purchaseDate, registration.manufactured_on);
  const proof = prepareProof(input.file);
  const open = await database.db
    .selectFrom("warranty_claim")
    .select("id")
    .where("registration_id", "=", registrationId)
    .where("status", "in", OPEN)
    .executeTakeFirst();
  if (open)
    throw new Problem("claim.open_exists", "This product has a claim that is not decided yet.", {
      claimId: open.id,
    });

  const id = randomUUID();
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("warranty_claim")
      .values({
        id,
        registration_id: registrationId,
        owner_id: actor.userId,
        unit_serial: registration.unit_serial,
        purchase_date: input.purchaseDate,
        seller: input.seller,
        status: "submitted",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await storeProof(trx, storage, id, proof);
    await recordStep(
      trx,
      config,
      actor,
      { id, ownerId: actor.userId },
      { event: "submitted", action: "claim.submitted", status: "submitted", message: null, reason: null },
    );
  });
  return readClaim(database, actor, id);
}

/** The owner answers a request for more information, with a message and optionally a new file. */
export async function replyToClaim(
  database: Database,
  config: Config,
  storage: FileStorage,
  actor: Actor,
  claimId: string,
  input: { message: string; file: Upload | null },
) {
  const claim = await database.db
    .selectFrom("warranty_claim")
    .selectAll()
    .where("id", "=", claimId)
    .executeTakeFirst();
  if (!claim) throw notFound("claim");
  authorize(actor, { kind: "claim.create", ownerId: claim.owner_id });
  if (claim.status !== "more-info")
    throw new Problem("claim.not_waiting", "This claim is not waiting for more information.");
  const proof = input.file ? prepareProof(input.file) : null;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("warranty_claim")
      .set({ status: "submitted", updated_at: new Date().toISOString() })
      .where("id", "=", claimId)
      .execute();
    if (proof) await storeProof(trx, storage, claimId, proof);
    await recordStep(
      trx,
      config,
      actor,
      { id: claimId, ownerId: claim.owner_id },
      { event: "reply", action: "claim.replied", status: "submitted", message: input.message, reason: null },
    );
  });
  return readClaim(database, actor, claimId);
}

/**
 * A reviewer's decision: take it into review, ask for more, approve (which confirms the purchase
 * date: the warranty then counts from it) or reject. A request for more and a rejection carry a
 * reason the owner reads.
 */
export async function decideClaim(
  database: Database,
  config: Config,
  actor: Actor,
  claimId: string,
  input: {
    decision: "in-review" | "more-info" | "approved" | "rejected";
    reason?: string | undefined;
    purchaseDate?: string | undefined;
  },
) {
  authorize(actor, { kind: "claim.review" });
  const claim = await database.db
    .selectFrom("warranty_claim")
    .selectAll()
    .where("id", "=", claimId)
    .executeTakeFirst();
  if (!claim) throw notFound("claim");
  if (!OPEN.includes(claim.status)) throw new Problem("claim.decided", "This claim is decided already.");
  const reason = input.reason?.trim() || null;
  if ((input.decision === "more-info" || input.decision === "rejected") && !reason) {
    throw new Problem("claim.reason_required", "Give the owner a reason.");
  }
  const purchaseDate = input.purchaseDate ?? claim.purchase_date;
  if (input.decision === "approved") {
    const unit = await database.db
      .selectFrom("unit")
      .select("manufactured_on")
      .where("serial", "=", claim.unit_serial)
      .executeTakeFirst();
    checkPurchaseDate(config, purchaseDate, unit?.manufactured_on ?? null);
  }
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("warranty_claim")
      .set({
        status: input.decision,
        updated_at: new Date().toISOString(),
        ...(input.decision === "approved" ? { purchase_date: purchaseDate } : {}),
      })
      .where("id", "=", claimId)
      .execute();
    if (input.decision === "approved") {
      await trx
        .insertInto("purchase_confirmation")
        .values({
          id: randomUUID(),
          source: "claim",
          reference: claimId,
          serial: claim.unit_serial,
          imei: null,
          confirmed_on: purchaseDate,
          received_at: new Date().toISOString(),
          dedupe_key: `claim:${claimId}`,
        })
        .onConflict((oc) => oc.column("dedupe_key").doUpdateSet({ confirmed_on: purchaseDate }))
        .execute();
    }
    await recordStep(
      trx,
      config,
      actor,
      { id: claimId, ownerId: claim.owner_id },
      {
        event: input.decision,
        action: `claim.${input.decision}`,
        status: input.decision,
        message: reason,
        reason,
        detail: { reason, purchaseDate },
      },
    );
  });
  return readClaim(database, actor, claimId);
}

export async function readClaim(database: Database, actor: Actor, claimId: string) {
  const claim = await claimsWithProduct(database.db)
    .selectAll("warranty_claim")
    .select(["model.name_nb", "model.name_en"])
    .where("warranty_claim.id", "=", claimId)
    .executeTakeFirst();
  if (!claim) throw notFound("claim");
  authorize(actor, { kind: "claim.read", ownerId: claim.owner_id });
  const [files, events] = await Promise.all([
    database.db
      .selectFrom("claim_file")
      .select(["id", "media_type", "size", "name", "created_at"])
      .where("claim_id", "=", claimId)
      .orderBy("created_at")
      .execute(),
    database.db
      .selectFrom("claim_event")
      .select(["kind", "actor_role", "message", "created_at"])
      .where("claim_id", "=", claimId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  return {
    id: claim.id,
    registrationId: claim.registration_id,
    status: claim.status,
    purchaseDate: claim.purchase_date,
    seller: claim.seller,
    serial: claim.unit_serial,
    productNames: { nb: claim.name_nb, en: claim.name_en },
    createdAt: toInstant(claim.created_at),
    updatedAt: toInstant(claim.updated_at),
    files: files.map((f) => ({
      id: f.id,
      mediaType: f.media_type,
      size: f.size,
      name: f.name,
      url: `/api/v1/claims/${claim.id}/files/${f.id}`,
    })),
    events: events.map((e) => ({
      kind: e.kind,
      by: e.actor_role === "customer" ? ("owner" as const) : ("staff" as const),
      message: e.message,
      at: toInstant(e.created_at),
    })),
  };
}

export async function claimsOfRegistration(database: Database, actor: Actor, registrationId: string) {
  const registration = await findRegistration(database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "claim.read", ownerId: registration.owner_id });
  const rows = await database.db
    .selectFrom("warranty_claim")
    .select("id")
    .where("registration_id", "=", registrationId)
    .orderBy("created_at", "desc")
    .execute();
  return Promise.all(rows.map((r) => readClaim(database, actor, r.id)));
}

/** The reviewers' queue: open claims, oldest first, with their age in days. */
export async function reviewQueue(
  database: Database,
  actor: Actor,
  filter: { status?: ClaimStatus | undefined; minAgeDays?: number | undefined },
) {
  authorize(actor, { kind: "claim.review" });
  let query = claimsWithProduct(database.db)
    .select([
      "warranty_claim.id",
      "warranty_claim.status",
      "warranty_claim.created_at",
      "warranty_claim.purchase_date",
      "warranty_claim.seller",
      "warranty_claim.unit_serial",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
    ])
    .orderBy("warranty_claim.created_at")
    .limit(200);
  query = filter.status
    ? query.where("warranty_claim.status", "=", filter.status)
    : query.where("warranty_claim.status", "in", OPEN);
  if (filter.minAgeDays)
    query = query.where(
      "warranty_claim.created_at",
      "<=",
      new Date(Date.now() - filter.minAgeDays * 86_400_000).toISOString(),
    );
  const rows = await query.execute();
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    createdAt: toInstant(r.created_at),
    ageDays: Math.floor((now - Date.parse(toInstant(r.created_at))) / 86_400_000),
    purchaseDate: r.purchase_date,
    seller: r.seller,
    serial: r.unit_serial,
    productNames: { nb: r.name_nb, en: r.name_en },
    ownerName: r.owner_name,
  }));
}

/** A proof file, for its owner and staff only. */
export async function readClaimFile(
  database: Database,
  storage: FileStorage,
  actor: Actor,
  claimId: string,
  fileId: string,
) {
  const row = await database.db
    .selectFrom("claim_file")
    .innerJoin("warranty_claim", "warranty_claim.id", "claim_file.claim_id")
    .select(["claim_file.storage_key", "claim_file.media_type", "claim_file.name", "warranty_claim.owner_id"])
    .where("claim_file.id", "=", fileId)
    .where("claim_file.claim_id", "=", claimId)
    .executeTakeFirst();
  if (!row) throw notFound("file");
  authorize(actor, { kind: "claim.read", ownerId: row.owner_id });
  const bytes = await storage.get(row.storage_key);
  if (!bytes) throw notFound("file");
  return { bytes, mediaType: row.media_type, name: row.name };
}
