import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { ProductName } from "../../domain/alerts.ts";
import { type Candidate, netCoOwnership, pickRecommendations } from "../../domain/recommendations.ts";
import { findModelsByCodes, linksOfModels } from "../catalogue/queries.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import { consents } from "../consents/service.ts";
import { changeCoOwners, topCoOwned } from "./queries.ts";
import type { Recommendation } from "./schemas.ts";

/** An owned product as recommendations need it: its model and the name the owner knows it by. */
export interface OwnedProduct {
  modelCode: string;
  name: ProductName;
}

/** Owned models a read looks from at most (My Page across many products stays a few probes). */
const SOURCE_MODELS = 12;
/** Co-owned models read per owned model. */
const CO_OWNED_PER_MODEL = 4;

/**
 * Keeps the co-ownership counts when an owner's set of models changes (`before` and `after` are
 * their models with an active registration, in the transaction of the change): a few rows per
 * model gained or lost, however many other owners there are.
 *
 * @example
 * await ownedModelsChanged(trx, [{ before: ["NX-P24-128"], after: ["NX-P24-128", "NX-WM23-9S"] }]);
 */
export async function ownedModelsChanged(
  db: Kysely<Tables>,
  changes: readonly { before: readonly string[]; after: readonly string[] }[],
): Promise<void> {
  const deltas = netCoOwnership(changes);
  if (deltas.length > 0) await changeCoOwners(db, deltas);
}

/** The shop's page of a model, from the configured pattern. */
export function shopUrl(config: Config, modelCode: string): string {
  return config.shopProductUrl.replaceAll("{model}", encodeURIComponent(modelCode));
}

/**
 * Up to `limit` recommendations for an owner, from the models of `from` (all their products on My
 * Page, one on its product page): the catalogue's accessories, consumables and successors, and what
 * at least `RECOMMENDATION_MIN_CO_OWNERS` owners of the model also own; never a model of `owned`.
 * Null without the owner's consent to recommendations (asked each time).
 */
export async function recommendationsFor(
  database: Database,
  config: Config,
  ownerId: string,
  owned: readonly OwnedProduct[],
  from: readonly OwnedProduct[],
  limit: number,
): Promise<Recommendation[] | null> {
  if (!(await consents(database, ownerId, "recommendations"))) return null;
  const names = new Map<string, ProductName>();
  for (const p of from) if (!names.has(p.modelCode)) names.set(p.modelCode, p.name);
  const sources = [...names.keys()].slice(0, SOURCE_MODELS);
  if (sources.length === 0) return [];
  const db = database.db;
  const [links, coOwned] = await Promise.all([
    linksOfModels(db, sources),
    Promise.all(sources.map((m) => topCoOwned(db, m, config.recommendationMinCoOwners, CO_OWNED_PER_MODEL))),
  ]);
  const candidates: Candidate[] = [
    ...links.map((l) => ({
      code: l.related_code,
      forModel: l.model_code,
      reason: (l.kind === "consumable" || l.kind === "successor"
        ? l.kind
        : "accessory") as Candidate["reason"],
    })),
    ...sources.flatMap((m, i) =>
      (coOwned[i] ?? []).map((c) => ({ code: c.other_code, forModel: m, reason: "also-owned" as const })),
    ),
  ];
  const picked = pickRecommendations(candidates, new Set(owned.map((p) => p.modelCode)), sources, limit);
  const rows = await findModelsByCodes(
    db,
    picked.map((p) => p.code),
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return picked.flatMap((p) => {
    const row = byCode.get(p.code);
    if (!row) return [];
    return [
      {
        model: presentModelSummary(row),
        reason: p.reason,
        for: { modelCode: p.forModel, names: names.get(p.forModel) ?? { nb: p.forModel, en: p.forModel } },
        url: shopUrl(config, row.code),
      },
    ];
  });
}
