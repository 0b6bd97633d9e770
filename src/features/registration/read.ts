import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type Tables, toBool, toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { maskIdentifier } from "../../domain/identifier.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import { catalogueImageUrl, documentsFor, findModelsByCodes, linksOf } from "../catalogue/queries.ts";
import { presentDocumentSummary, presentModelSummary } from "../catalogue/service.ts";
import { consents } from "../consents/service.ts";
import { recommendationsFor } from "../recommendations/service.ts";
import { confirmationHistories, warrantiesOf } from "../warranty/service.ts";
import {
  countActiveRegistrations,
  findRegistration,
  listPurchaseDateEvents,
  listRegistrations,
  listUnregistered,
  ownedModelCodes,
  type RegistrationRow,
} from "./queries.ts";
import type { Channel, PurchaseDateEvent, RegistrationView } from "./schemas.ts";

/** Recommendation cards on a product page at most. */
const PRODUCT_PAGE_RECOMMENDATIONS = 6;

/** Registrations as the API shows them, each with its warranty today. */
async function present(
  db: Kysely<Tables>,
  config: Config,
  clock: Clock,
  rows: RegistrationRow[],
): Promise<RegistrationView[]> {
  const warranties = await warrantiesOf(db, config, rows, clock.now());
  return rows.map((row) => {
    const warranty = warranties.get(row.id);
    if (!warranty) throw new Error(`no warranty was computed for registration ${row.id}`);
    return {
      id: row.id,
      channel: row.channel as Channel,
      identifier: {
        serial: row.unit_serial,
        serialMasked: maskIdentifier(row.unit_serial),
        imei: row.imei1,
      },
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
      warranty,
      pointsEarned: row.points ?? 0,
    };
  });
}

/** The active registration `id`, for its owner or staff (whose look is logged for the owner). */
async function readableRow(
  database: Database,
  clock: Clock,
  actor: Actor,
  id: string,
): Promise<RegistrationRow> {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.read", ownerId: row.owner_id });
  await noteStaffLook(
    database.db,
    actor,
    { ownerId: row.owner_id, what: "product", subjectId: id },
    clock.now(),
  );
  return row;
}

/**
 * A registration just written, from what its writer holds (no read of it again): its view, and
 * the warranty by id that the reminder schedule is stored from. `db` is the writer's transaction.
 */
export async function presentWritten(
  db: Kysely<Tables>,
  config: Config,
  clock: Clock,
  row: RegistrationRow,
): Promise<{ view: RegistrationView; warranties: Map<string, RegistrationView["warranty"]> }> {
  const [view] = await present(db, config, clock, [row]);
  if (!view) throw notFound("registration");
  return { view, warranties: new Map([[row.id, view.warranty]]) };
}

/** One registration, for its owner or staff. */
export async function readRegistration(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  id: string,
): Promise<RegistrationView> {
  const row = await readableRow(database, clock, actor, id);
  const [view] = await present(database.db, config, clock, [row]);
  if (!view) throw notFound("registration");
  return view;
}

/**
 * The purchase-date history of each registration, oldest line first (empty when none was given):
 * every date stated (by the owner, customer service, a transfer) and every confirmation of its
 * unit (the web shop, an activation, a receipt a reviewer read), each with its source and time.
 */
export async function purchaseDateHistories(
  db: Kysely<Tables>,
  rows: readonly { id: string; unit_serial: string; imei1: string | null; imei2: string | null }[],
): Promise<Map<string, PurchaseDateEvent[]>> {
  const histories = new Map<string, PurchaseDateEvent[]>(rows.map((r) => [r.id, []]));
  const [stated, confirmed] = await Promise.all([
    listPurchaseDateEvents(
      db,
      rows.map((r) => r.id),
    ),
    confirmationHistories(
      db,
      rows.map((r) => ({ serial: r.unit_serial, imei1: r.imei1, imei2: r.imei2 })),
    ),
  ]);
  for (const row of stated) {
    histories.get(row.registration_id)?.push({
      date: row.date,
      source: row.source,
      staff:
        row.staff_role !== null && row.staff_number !== null
          ? { role: row.staff_role, number: row.staff_number }
          : null,
      reason: row.reason,
      at: row.at,
    });
  }
  for (const r of rows) {
    const history = histories.get(r.id);
    if (!history) continue;
    for (const c of confirmed.get(r.unit_serial) ?? []) {
      history.push({ date: c.date, source: c.source, staff: null, reason: null, at: c.at });
    }
    history.sort((a, b) => a.at.localeCompare(b.at));
  }
  return histories;
}

type UnregisteredRow = Awaited<ReturnType<typeof listUnregistered>>[number];

function presentUnregistered(d: UnregisteredRow) {
  return {
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
    offered: toBool(d.offered),
    discoveredAt: toInstant(d.discovered_at),
  };
}

/** My products: the owner's registrations, newest first, and the devices found but not registered. */
export async function myProducts(database: Database, config: Config, clock: Clock, actor: Actor) {
  const [rows, unregistered] = await Promise.all([
    listRegistrations(database.db, actor.userId),
    listUnregistered(database.db, actor.userId),
  ]);
  return {
    registrations: await present(database.db, config, clock, rows),
    unregistered: unregistered.map(presentUnregistered),
  };
}

/**
 * Everything an owner has registered, each with its unit's facts and purchase-date history, and
 * the devices found but not registered, for the customer record staff open (whose caller checks
 * the policy and logs the look).
 */
export async function productsOf(database: Database, config: Config, clock: Clock, ownerId: string) {
  const [rows, unregistered] = await Promise.all([
    listRegistrations(database.db, ownerId),
    listUnregistered(database.db, ownerId),
  ]);
  const [views, histories] = await Promise.all([
    present(database.db, config, clock, rows),
    purchaseDateHistories(database.db, rows),
  ]);
  return {
    registrations: views.map((view, i) => ({
      ...view,
      manufacturedOn: rows[i]?.manufactured_on ?? null,
      purchaseDateHistory: histories.get(view.id) ?? [],
    })),
    unregistered: unregistered.map(presentUnregistered),
  };
}

/** The product page: the registration, the unit's facts and everything the catalogue has for it. */
export async function productPage(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  id: string,
) {
  const row = await readableRow(database, clock, actor, id);
  const [[view], documents, suggest, histories] = await Promise.all([
    present(database.db, config, clock, [row]),
    documentsFor(database.db, row.model_code, row.category_code),
    // Suggestions come from what the owner owns, so only with the owner's consent, asked each time.
    consents(database, row.owner_id, "recommendations"),
    purchaseDateHistories(database.db, [row]),
  ]);
  if (!view) throw notFound("registration");
  const name = row.nickname ? { nb: row.nickname, en: row.nickname } : { nb: row.name_nb, en: row.name_en };
  const [links, recommended] = suggest
    ? await Promise.all([
        linksOf(database.db, row.model_code),
        ownedModelCodes(database.db, row.owner_id).then((owned) =>
          recommendationsFor(
            database,
            config,
            row.owner_id,
            owned.map((modelCode) => ({ modelCode, name })),
            [{ modelCode: row.model_code, name }],
            PRODUCT_PAGE_RECOMMENDATIONS,
          ),
        ),
      ])
    : [[], null];
  const related =
    links.length > 0
      ? await findModelsByCodes(
          database.db,
          links.map((l) => l.related_code),
        )
      : [];
  const summary = (kind: string) =>
    related
      .filter((m) => links.some((l) => l.kind === kind && l.related_code === m.code))
      .map(presentModelSummary);
  return {
    ...view,
    purchaseDateHistory: histories.get(row.id) ?? [],
    manufacturedOn: row.manufactured_on,
    market: row.market,
    modelYear: row.model_year,
    documents: documents.map(presentDocumentSummary),
    recommendations: suggest ? ("on" as const) : ("off" as const),
    accessories: summary("accessory"),
    successors: summary("successor"),
    recommended: recommended ?? [],
  };
}

/** How many products the signed-in owner has registered, for My Page. */
export async function myProductCount(database: Database, actor: Actor): Promise<number> {
  return countActiveRegistrations(database.db, actor.userId);
}
