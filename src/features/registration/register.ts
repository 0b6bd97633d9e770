import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { earnForRegistration } from "../rewards/service.ts";
import { scheduleRemindersFrom } from "../warranty/service.ts";
import { requireAppConsent } from "./app-consent.ts";
import { identificationProblem, identify } from "./identify.ts";
import { changingOwnedModels } from "./owned-models.ts";
import { checkPurchaseDate } from "./purchase-date.ts";
import { activeRegistrationOfUnit, insertPurchaseDateEvent, insertRegistration } from "./queries.ts";
import { presentWritten } from "./read.ts";
import type { Channel, IdentifierCheck, RegistrationBody, RegistrationView } from "./schemas.ts";

function channelFor(actor: Actor, kind: "imei" | "serial"): Channel {
  // The channel follows the client that called, never a value the caller sends.
  if (actor.client === "tv") return "tv";
  return actor.client === "app" ? `app-${kind}` : `web-${kind}`;
}

/**
 * Interprets an identifier without registering, for the form to guide the owner while typing:
 * what it is, the model, and whether the unit is registered already (never to whom).
 */
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
 * Registers a unit for the signed-in owner at the clock's time: one active owner per unit (the
 * database decides a race), the first registration ever of a unit earns its category's points,
 * and the audit log records it in the same transaction.
 *
 * @param channel - how the owner registered when the caller knows better than the identifier
 *   does (a label photo, a TV, a discovered device); otherwise web or app, by serial or IMEI
 * @example const view = await register(database, config, clock, actor, { identifier: "RK3T3AC0050" });
 */
export async function register(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  body: RegistrationBody,
  channel?: Channel,
): Promise<RegistrationView> {
  authorize(actor, { kind: "registration.create" });
  // The members app asks for the owner's consent once; a TV shows its own terms instead.
  if (actor.client === "app") await requireAppConsent(database, actor);
  const found = await identify(database.db, body.identifier, body.productType);
  if (!found.ok) throw identificationProblem(found.check);
  const { unit, category, modelRow } = found;

  checkPurchaseDate(config, clock, body.purchaseDate, unit.manufactured_on);
  await refuseIfTaken(database, actor, unit.serial);

  const at = clock.now();
  const registeredVia = channel ?? channelFor(actor, found.kind);
  try {
    return await database.db.transaction().execute(async (trx) => {
      const written = {
        unit_serial: unit.serial,
        owner_id: actor.userId,
        channel: registeredVia,
        purchase_date: body.purchaseDate ?? null,
        purchase_place: body.purchasePlace || null,
        nickname: body.nickname || null,
        registered_at: at.toISOString(),
      };
      const registrationId = await changingOwnedModels(trx, [actor.userId], () =>
        insertRegistration(trx, written),
      );
      if (written.purchase_date !== null)
        await insertPurchaseDateEvent(trx, {
          registration_id: registrationId,
          date: written.purchase_date,
          source: "registration",
          at: written.registered_at,
        });
      const points = await earnForRegistration(trx, at, {
        ownerId: actor.userId,
        serial: unit.serial,
        modelCode: modelRow.code,
        registrationId,
        categoryCode: category.code,
        categoryPoints: category.points,
      });
      await audit(trx, {
        actor,
        action: "registration.created",
        ownerId: actor.userId,
        subjectType: "registration",
        subjectId: registrationId,
        detail: { serial: unit.serial, channel: registeredVia, points },
        at,
      });
      // The answer and the reminder schedule come from what was written, as a read would show it.
      const { view, warranties } = await presentWritten(trx, config, clock, {
        ...written,
        id: registrationId,
        imei1: unit.imei1,
        imei2: unit.imei2,
        manufactured_on: unit.manufactured_on,
        market: unit.market,
        registration_bonus_months: category.registrationBonusMonths,
        model_code: modelRow.code,
        name_nb: modelRow.name_nb,
        name_en: modelRow.name_en,
        image: modelRow.image,
        model_year: modelRow.model_year,
        category_code: modelRow.category_code,
        category_name_nb: category.names.nb,
        category_name_en: category.names.en,
        statutory_class: category.statutoryClass,
        points: points > 0 ? points : null,
      });
      await scheduleRemindersFrom(trx, config, at, [registrationId], warranties);
      return view;
    });
  } catch (error) {
    // Lost a race to another registration of the same unit: answer as if we had seen it first.
    await refuseIfTaken(database, actor, unit.serial);
    throw error;
  }
}

/**
 * @throws Problem `registration.already_yours` (with `registrationId`) or `registration.taken`,
 *   which never says by whom
 */
async function refuseIfTaken(database: Database, actor: Actor, serial: string): Promise<void> {
  const active = await activeRegistrationOfUnit(database.db, serial);
  if (!active) return;
  if (active.owner_id === actor.userId) throw alreadyYours(active.id);
  throw new Problem(
    "registration.taken",
    "This product is registered to another account. You can ask for a transfer.",
  );
}

/** The owner has this product already; the answer points at their registration. */
export function alreadyYours(registrationId: string): Problem {
  return new Problem("registration.already_yours", "You have registered this product already.", {
    registrationId,
  });
}
