import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { ownerAlerts } from "../../domain/alerts.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { listClaimsAwaitingOwner } from "../claims/queries.ts";
import { contentFor } from "../content/service.ts";
import { recommendationsFor } from "../recommendations/service.ts";
import { myProducts } from "../registration/read.ts";
import { openRepairsOf } from "../repairs/read.ts";
import { pointsOf } from "../rewards/service.ts";
import { listAwaitingOwner } from "../transfers/queries.ts";
import { reminderPeriodsOf } from "../warranty/service.ts";
import type { MyPage } from "./schemas.ts";

/** Tiles My Page shows, the newest products first; the products page has them all. */
export const PRODUCT_TILES = 12;
/** Recommendations My Page shows, across the owner's products. */
export const MY_PAGE_RECOMMENDATIONS = 4;
/** Transfer requests waiting for the owner that My Page names; more are on the transfers page. */
const TRANSFERS_SHOWN = 10;

/**
 * My Page's summary for the signed-in owner, in one answer: each part is read on the owner's own
 * indexes (their products, repairs, claims, requests, consent) and the catalogue's, and the
 * co-ownership counts of their own models, so the cost does not grow with anyone else's data.
 */
export async function myPage(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
): Promise<MyPage> {
  const db = database.db;
  const [products, points, repairs, transfers] = await Promise.all([
    myProducts(database, config, clock, actor),
    pointsOf(database, clock, actor),
    openRepairsOf(db, actor.userId),
    listAwaitingOwner(db, actor.userId, TRANSFERS_SHOWN),
  ]);
  const registrations = products.registrations;
  const nameOf = (r: (typeof registrations)[number]) =>
    r.nickname ? { nb: r.nickname, en: r.nickname } : r.model.names;
  const owned = registrations.map((r) => ({ modelCode: r.model.code, name: nameOf(r) }));
  const [claimsWaiting, recommended, content] = await Promise.all([
    listClaimsAwaitingOwner(
      db,
      registrations.map((r) => r.id),
    ),
    recommendationsFor(database, config, actor.userId, owned, owned, MY_PAGE_RECOMMENDATIONS),
    contentFor(
      database,
      {
        ownerId: actor.userId,
        categories: registrations.map((r) => r.model.categoryCode),
        models: registrations.map((r) => r.model.code),
      },
      clock.now(),
    ),
  ]);
  const alerts = ownerAlerts(
    {
      products: registrations.map((r) => ({
        registrationId: r.id,
        name: nameOf(r),
        periods: reminderPeriodsOf(r.warranty),
      })),
      claimsWaiting: claimsWaiting.map((c) => ({ claimId: c.id, registrationId: c.registration_id })),
      repairs: repairs.map((r) => ({
        repairId: r.id,
        registrationId: r.registrationId,
        ownerTask: r.ownerTask,
      })),
      unregisteredCount: products.unregistered.length,
      transfersAsked: transfers.map((t) => ({
        transferId: t.id,
        productNames: { nb: t.name_nb, en: t.name_en },
      })),
    },
    todayIn(config.timeZone, clock.now()),
    config.reminderThresholdsDays,
  );
  const repairOf = new Map(repairs.map((r) => [r.registrationId, { id: r.id, status: r.status }]));
  return {
    productCount: registrations.length,
    points,
    repairs,
    alerts,
    products: registrations.slice(0, PRODUCT_TILES).map((r) => ({
      id: r.id,
      nickname: r.nickname,
      model: r.model,
      warranty: r.warranty,
      repair: repairOf.get(r.id) ?? null,
    })),
    recommendations: { on: recommended !== null, items: recommended ?? [] },
    content,
  };
}
