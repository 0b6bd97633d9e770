/**
 * The tables whose size does not grow with owners, units or events, each with the reason. The
 * query-plan gate (test/query-plan-gate.ts) lets a statement read all of one of these; every other
 * table counts as growing, so a new table is growing until it is named here. Keep the list short:
 * a table belongs here only when its size is set by something other than use of the portal.
 */
export const BOUNDED_TABLES: Readonly<Record<string, string>> = {
  kysely_migration: "one row per migration in src/db/migrations",
  kysely_migration_lock: "the migrator's one lock row",
  category: "the catalogue's product categories: tens, set by catalogue imports",
  category_warranty: "one warranty term per category and market",
  warranty_plan: "the extended-warranty products the operator sells: tens, set by their import",
  model: "the catalogue's models: thousands at most, set by catalogue imports",
  model_gtin: "a few GTINs per catalogue model",
  model_link: "a few related models (accessories, successors) per catalogue model",
  document: "the catalogue's manuals and guides: a few per model or category",
  service_partner: "the service partners the operator imports: tens",
  service_centre: "the partners' service centres: hundreds at most, set by the service network import",
  service_coverage: "a few postcode ranges per centre, category and channel, set by the same import",
  repair_category: "what a repair request asks per product category: one row per category",
  lookup_client: "the partners the operator gives a warranty look-up key: tens, set by the operator",
  points_rule: "the earning rules staff set: one per action and category at most",
  reward: "the rewards staff put in the catalogue: tens",
  postcode: "the post's postcode register: about 5 000 per country, loaded by the operator",
  faq_entry: "the questions and answers editors write: tens per category, set by staff, not by use",
};
