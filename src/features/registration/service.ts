import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import { compareDates, todayIn } from "../../domain/calendar-date.ts";
import { maskIdentifier } from "../../domain/identifier.ts";
import type { Actor } from "../../server/actor.ts";
import { isErrorCode } from "../../server/error-codes.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { catalogueImageUrl, documentsFor, findModelsByCodes, linksOf } from "../catalogue/queries.ts";
import { presentDocumentSummary, presentModelSummary } from "../catalogue/service.ts";
import { confirmationsFor } from "../warranty/confirmations.ts";
import type { WarrantyEstimate } from "../warranty/schemas.ts";
import { warrantyFor } from "../warranty/service.ts";
import { type Identification, identify } from "./identify.ts";
import {
  activeRegistrationOfUnit,
  creditFirstRegistration,
  findRegistration,
  insertRegistration,
  insertTransferRequest,
  listRegistrations,
  listUnregistered,
  type RegistrationRow,
  removeRegistration,
  updateRegistration,
  warrantyMonthsByCategory,
} from "./queries.ts";
import type { Channel, IdentifierCheck, RegistrationBody, RegistrationView } from "./schemas.ts";

/** English sentences for API clients; the web client words every code itself, in nb or en. */
const DETAILS: Partial<Record<string, string>> = {
  "identifier.empty": "Type the serial number or IMEI.",
  "identifier.charset": "The identifier holds characters that are never part of a serial number or IMEI.",
  "identifier.check_digit": "One digit of this IMEI is wrong: its check digit does not match.",
  "identifier.imeisv": "This is an IMEISV (16 digits), not an IMEI. Use the 15-digit IMEI.",
  "identifier.length": "The identifier has the wrong length for this product type.",
  "identifier.no_letter": "A serial number always holds at least one letter.",
  "identifier.look_alike": "This IMEI holds letters that look like digits.",
  "identifier.kind_mismatch": "This product type is registered by serial number, not IMEI.",
  "identifier.box_code": "This is the product code from the box. The serial number is on the product itself.",
  "identifier.not_found": "No product with this serial number or IMEI was found.",
  "product.not_registrable": "Products of this type cannot be registered.",
  "product_type.unknown": "Unknown product type.",
};

/** Turns a failed identification into the problem the API answers with. */
export function identificationProblem(check: IdentifierCheck): Problem {
  const first = check.problems[0] as { code: string };
  const code = isErrorCode(first.code) ? first.code : "identifier.not_found";
  return new Problem(code, DETAILS[first.code] ?? "The identifier cannot be used.", {
    normalized: check.normalized,
    problems: check.problems,
    suggestions: check.suggestions,
    model: check.model,
    categoryCode: check.categoryCode,
  });
}

function channelFor(actor: Actor, kind: "imei" | "serial"): Channel {
  return `${actor.via === "bearer" ? "app" : "web"}-${kind}` as Channel;
}

/** Interprets an identifier without registering, for the form to guide the owner while typing. */
export async function checkIdentifier(
  database: Database,
  actor: Actor,
  identifier: string,
  productType?: string,
): Promise<IdentifierCheck> {
  const found = await identify(database.db, identifier, productType);
  if (!found.ok) return found.check;
  const active = await activeRegistrationOfUnit(database.db, found.unit.serial);
  const problems = active
    ? [{ code: active.owner_id === actor.userId ? "registration.already_yours" : "registration.taken" }]
    : [];
  return {
    normalized: found.normalized,
    kind: found.kind,
    found: true,
    model: found.model,
    categoryCode: found.category.code,
    problems,
    suggestions: [],
  };
}

/**
 * Registers a unit for the signed-in owner: one active owner per unit (the database decides a
 * race), the first registration ever of a unit earns its category's points, and the audit log
 * records it in the same transaction.
 */
export async function register(
  database: Database,
  config: Config,
  actor: Actor,
  body: RegistrationBody,
  channelOverride?: Channel,
): Promise<RegistrationView> {
  authorize(actor, { kind: "registration.create" });
  // The members app asks for the owner's consent once; a TV shows its own terms instead.
  if (actor.via === "bearer" && channelOverride !== "tv") await requireAppConsent(database, actor);
  const found: Identification = await identify(database.db, body.identifier, body.productType);
  if (!found.ok) throw identificationProblem(found.check);
  const { unit, category } = found;

  checkPurchaseDate(config, body.purchaseDate, unit.manufactured_on);
  await refuseIfTaken(database, actor, unit.serial);

  let id: string;
  try {
    id = await database.db.transaction().execute(async (trx) => {
      const registrationId = await insertRegistration(trx, {
        unit_serial: unit.serial,
        owner_id: actor.userId,
        channel: channelOverride ?? channelFor(actor, found.kind),
        purchase_date: body.purchaseDate ?? null,
        purchase_place: body.purchasePlace || null,
        nickname: body.nickname || null,
      });
      const points = await creditFirstRegistration(
        trx,
        actor.userId,
        unit.serial,
        registrationId,
        category.points,
      );
      await audit(trx, {
        actor,
        action: "registration.created",
        ownerId: actor.userId,
        subjectType: "registration",
        subjectId: registrationId,
        detail: { serial: unit.serial, channel: channelOverride ?? channelFor(actor, found.kind), points },
      });
      return registrationId;
    });
  } catch (error) {
    // Lost a race to another registration of the same unit: answer as if we had seen it first.
    await refuseIfTaken(database, actor, unit.serial);
    throw error;
  }
  return readRegistration(database, config, actor, id);
}

/** A stated purchase date must be a day that has come, and not before the unit was made. */
export function checkPurchaseDate(
  config: Config,
  date: string | null | undefined,
  manufacturedOn: string | null,
) {
  if (!date) return;
  if (compareDates(date as never, todayIn(config.timeZone, new Date())) > 0) {
    throw new Problem("registration.purchase_date_future", "The purchase date is in the future.");
  }
  if (manufacturedOn && date < manufacturedOn) {
    throw new Problem(
      "registration.purchase_date_before_manufacture",
      "The purchase date is before the product was made.",
      {
        manufacturedOn,
      },
    );
  }
}

/** The members app asks the owner once to confirm they register only their own devices (R7). */
async function requireAppConsent(database: Database, actor: Actor) {
  const consent = await database.db
    .selectFrom("app_consent")
    .select("owner_id")
    .where("owner_id", "=", actor.userId)
    .executeTakeFirst();
  if (!consent) {
    throw new Problem(
      "app.consent_required",
      "Confirm in the app that you register only your own devices (POST /api/v1/app/consent).",
      {
        textVersion: APP_CONSENT_VERSION,
      },
    );
  }
}

/** The version of the app's consent text; a new text means asking again. */
export const APP_CONSENT_VERSION = "2026-11-25";

async function refuseIfTaken(database: Database, actor: Actor, serial: string) {
  const active = await activeRegistrationOfUnit(database.db, serial);
  if (!active) return;
  if (active.owner_id === actor.userId) {
    throw new Problem("registration.already_yours", "You have registered this product already.", {
      registrationId: active.id,
    });
  }
  throw new Problem(
    "registration.taken",
    "This product is registered to another account. You can ask for a transfer.",
  );
}

/** The warranty today of each registration, with confirmations applied. */
export async function warrantiesOf(
  database: Database,
  config: Config,
  rows: RegistrationRow[],
): Promise<Map<string, WarrantyEstimate>> {
  const [months, confirmations] = await Promise.all([
    warrantyMonthsByCategory(database.db, [...new Set(rows.map((r) => r.category_code))]),
    confirmationsFor(
      database.db,
      rows.map((r) => ({ serial: r.unit_serial, imei1: r.imei1, imei2: r.imei2 })),
    ),
  ]);
  return new Map(
    rows.map((row) => [
      row.id,
      warrantyFor(config, {
        manufacturedOn: row.manufactured_on,
        market: row.market,
        warrantyMonths: months.get(row.category_code) ?? {},
        statutoryClass: row.statutory_class === "long" ? "long" : "standard",
        statedPurchaseDate: row.purchase_date,
        confirmation: confirmations.get(row.unit_serial) ?? null,
      }),
    ]),
  );
}

async function present(
  database: Database,
  config: Config,
  rows: RegistrationRow[],
): Promise<RegistrationView[]> {
  const warranties = await warrantiesOf(database, config, rows);
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as Channel,
    identifier: { serial: row.unit_serial, serialMasked: maskIdentifier(row.unit_serial), imei: row.imei1 },
    model: {
      code: row.model_code,
      names: { nb: row.name_nb, en: row.name_en },
      categoryCode: row.category_code,
      imageUrl: row.image ? catalogueImageUrl(row.image) : null,
      modelYear: row.model_year,
    },
    categoryNames: { nb: row.category_name_nb, en: row.category_name_en },
    nickname: row.nickname,
    purchaseDate: row.purchase_date,
    purchasePlace: row.purchase_place,
    registeredAt: toInstant(row.registered_at),
    warranty: warranties.get(row.id) as WarrantyEstimate,
    pointsEarned: row.points ?? 0,
  }));
}

export async function readRegistration(
  database: Database,
  config: Config,
  actor: Actor,
  id: string,
): Promise<RegistrationView> {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.read", ownerId: row.owner_id });
  const [view] = await present(database, config, [row]);
  return view as RegistrationView;
}

export async function myProducts(database: Database, config: Config, actor: Actor) {
  const [rows, unregistered] = await Promise.all([
    listRegistrations(database.db, actor.userId),
    listUnregistered(database.db, actor.userId),
  ]);
  return {
    registrations: await present(database, config, rows),
    unregistered: unregistered.map((d) => ({
      id: d.id,
      source: d.source,
      displayName: d.display_name,
      model: d.model_code
        ? {
            code: d.model_code,
            names: { nb: d.name_nb ?? d.model_code, en: d.name_en ?? d.model_code },
            categoryCode: d.category_code ?? "",
            imageUrl: d.image ? catalogueImageUrl(d.image) : null,
            modelYear: d.model_year ?? 0,
          }
        : null,
      serialMasked: d.unit_serial ? maskIdentifier(d.unit_serial) : null,
      offered: d.offered === true || d.offered === 1,
      discoveredAt: toInstant(d.discovered_at),
    })),
  };
}

/** The product page: the registration, the unit's facts and everything the catalogue has for it. */
export async function productPage(database: Database, config: Config, actor: Actor, id: string) {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.read", ownerId: row.owner_id });
  const [[view], documents, links] = await Promise.all([
    present(database, config, [row]),
    documentsFor(database.db, row.model_code, row.category_code),
    linksOf(database.db, row.model_code),
  ]);
  const related = await findModelsByCodes(
    database.db,
    links.map((l) => l.related_code),
  );
  const summary = (kind: string) =>
    related
      .filter((m) => links.some((l) => l.kind === kind && l.related_code === m.code))
      .map(presentModelSummary);
  return {
    ...(view as RegistrationView),
    manufacturedOn: row.manufactured_on,
    market: row.market,
    modelYear: row.model_year,
    documents: documents.map(presentDocumentSummary),
    accessories: summary("accessory"),
    successors: summary("successor"),
  };
}

export async function changeRegistration(
  database: Database,
  config: Config,
  actor: Actor,
  id: string,
  patch: { nickname?: string | null; purchaseDate?: string | null; purchasePlace?: string | null },
) {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.change", ownerId: row.owner_id });
  checkPurchaseDate(config, patch.purchaseDate, row.manufactured_on);
  await database.db.transaction().execute(async (trx) => {
    await updateRegistration(trx, id, {
      ...(patch.nickname !== undefined && { nickname: patch.nickname || null }),
      ...(patch.purchaseDate !== undefined && { purchase_date: patch.purchaseDate }),
      ...(patch.purchasePlace !== undefined && { purchase_place: patch.purchasePlace || null }),
    });
    await audit(trx, {
      actor,
      action: "registration.changed",
      ownerId: row.owner_id,
      subjectType: "registration",
      subjectId: id,
      detail: patch,
    });
  });
  return readRegistration(database, config, actor, id);
}

/** Removes a product from My products, which releases the unit for another owner to register. */
export async function removeProduct(database: Database, actor: Actor, id: string): Promise<void> {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.change", ownerId: row.owner_id });
  await database.db.transaction().execute(async (trx) => {
    await removeRegistration(trx, id);
    await audit(trx, {
      actor,
      action: "registration.removed",
      ownerId: row.owner_id,
      subjectType: "registration",
      subjectId: id,
      detail: { serial: row.unit_serial },
    });
  });
}

/**
 * Records that the owner asks customer service to move a product registered elsewhere to them
 * (B8). The answer never says who holds it now.
 */
export async function requestTransfer(
  database: Database,
  actor: Actor,
  identifier: string,
  note: string | undefined,
) {
  authorize(actor, { kind: "registration.create" });
  const found = await identify(database.db, identifier, undefined);
  if (!found.ok) throw identificationProblem(found.check);
  const active = await activeRegistrationOfUnit(database.db, found.unit.serial);
  if (!active)
    throw new Problem(
      "transfer.not_needed",
      "This product is not registered to anyone: register it yourself.",
    );
  if (active.owner_id === actor.userId) {
    throw new Problem("registration.already_yours", "You have registered this product already.", {
      registrationId: active.id,
    });
  }
  const request = await database.db.transaction().execute(async (trx) => {
    const created = await insertTransferRequest(trx, found.unit.serial, actor.userId, note ?? null);
    await audit(trx, {
      actor,
      action: "transfer.requested",
      ownerId: active.owner_id,
      subjectType: "unit",
      subjectId: found.unit.serial,
      detail: { requestId: created.id },
    });
    return created;
  });
  return { id: request.id, status: "open" as const, createdAt: request.createdAt };
}

const CHANNEL_OF_SOURCE: Record<string, Channel> = { smarthome: "smarthome", tv: "tv", wifi: "app-wifi" };

/**
 * Registers a product the owner's smart-home app, TV or Wi-Fi scan found (Unregistered
 * products): the owner only says yes. Devices without a serial, or made by a partner factory,
 * are not offered and must be registered by serial.
 */
export async function registerDiscovered(
  database: Database,
  config: Config,
  actor: Actor,
  discoveredId: string,
) {
  const device = await database.db
    .selectFrom("discovered_device")
    .selectAll()
    .where("id", "=", discoveredId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (!device) throw notFound("discovered_device");
  if (device.owner_id !== actor.userId)
    throw new Problem("auth.forbidden", "You are not allowed to do this.");
  if (!device.unit_serial || !(device.offered === true || device.offered === 1)) {
    throw new Problem(
      "discovered.not_offered",
      "This device cannot be registered automatically: register it by serial number.",
    );
  }
  return register(
    database,
    config,
    actor,
    { identifier: device.unit_serial },
    CHANNEL_OF_SOURCE[device.source] ?? "app-wifi",
  );
}
