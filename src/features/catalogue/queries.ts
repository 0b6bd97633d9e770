import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { prepared } from "../../db/prepared.ts";
import { type Tables, toBool } from "../../db/tables.ts";
import type { CatalogueFile, Category } from "./schemas.ts";

type Db = Kysely<Tables>;

/** Documents get a stable id from what they are, so a re-import updates instead of duplicating. */
export function documentId(doc: CatalogueFile["documents"][number]): string {
  const key = [doc.model ?? "", doc.category ?? "", doc.kind, doc.locale, doc.title].join("\u0000");
  return createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

export async function upsertCategories(db: Db, categories: CatalogueFile["categories"], now: string) {
  for (const c of categories) {
    const row = {
      code: c.code,
      name_nb: c.names.nb,
      name_en: c.names.en,
      registrable: c.registrable,
      identifier_rule: c.identifierRule,
      qr_registration: c.qrRegistration,
      self_registration_from_model_year: c.selfRegistrationFromModelYear,
      statutory_class: c.statutoryClass,
      registration_bonus_months: c.registrationBonusMonths,
      points: c.points,
      guide_nb: c.guide?.nb ?? null,
      guide_en: c.guide?.en ?? null,
      guide_image: c.guideImage,
      not_registrable_nb: c.notRegistrable?.nb ?? null,
      not_registrable_en: c.notRegistrable?.en ?? null,
      updated_at: now,
    };
    const { code: _code, ...update } = row;
    await db
      .insertInto("category")
      .values(row)
      .onConflict((oc) => oc.column("code").doUpdateSet(update))
      .execute();
    await db.deleteFrom("category_warranty").where("category_code", "=", c.code).execute();
    const months = Object.entries(c.warrantyMonths).map(([market, m]) => ({
      category_code: c.code,
      market,
      months: m,
    }));
    if (months.length > 0) await db.insertInto("category_warranty").values(months).execute();
  }
}

/**
 * Writes the models, then their GTINs, then their links. Every model's GTINs are taken away before
 * any is written again, so a GTIN may move from one model of the file to another, in either order.
 */
export async function upsertModels(db: Db, models: CatalogueFile["models"], now: string) {
  for (const m of models) {
    const row = {
      code: m.code,
      name_nb: m.names.nb,
      name_en: m.names.en,
      category_code: m.category,
      model_year: m.modelYear,
      smart: m.smart,
      image: m.image,
      line_code: m.lineCode,
      family: m.family,
      updated_at: now,
    };
    const { code: _code, ...update } = row;
    await db
      .insertInto("model")
      .values(row)
      .onConflict((oc) => oc.column("code").doUpdateSet(update))
      .execute();
    await db.deleteFrom("model_gtin").where("model_code", "=", m.code).execute();
  }
  for (const m of models) {
    if (m.gtins.length > 0) {
      await db
        .insertInto("model_gtin")
        .values(m.gtins.map((gtin) => ({ gtin: gtin.padStart(14, "0"), model_code: m.code })))
        .execute();
    }
  }
  // Links second: a link may point at a model later in the file.
  for (const m of models) {
    await db.deleteFrom("model_link").where("model_code", "=", m.code).execute();
    if (m.related.length > 0) {
      await db
        .insertInto("model_link")
        .values(m.related.map((r) => ({ model_code: m.code, related_code: r.model, kind: r.kind })))
        .execute();
    }
  }
}

export async function upsertDocuments(db: Db, documents: CatalogueFile["documents"], now: string) {
  for (const d of documents) {
    const row = {
      id: documentId(d),
      model_code: d.model,
      category_code: d.category,
      kind: d.kind,
      locale: d.locale,
      title: d.title,
      body: d.body ?? null,
      url: d.url ?? null,
      updated_at: now,
    };
    const { id: _id, ...update } = row;
    await db
      .insertInto("document")
      .values(row)
      .onConflict((oc) => oc.column("id").doUpdateSet(update))
      .execute();
  }
}

/** Fewer GTINs per query than either database allows parameters (SQLite's limit is the lower). */
const GTINS_PER_QUERY = 1000;

/** The models the database has for these 14-digit GTINs, looked up on model_gtin's primary key. */
export async function modelsOfGtins(
  db: Db,
  gtins: string[],
): Promise<{ gtin: string; model_code: string }[]> {
  const found: { gtin: string; model_code: string }[] = [];
  for (let at = 0; at < gtins.length; at += GTINS_PER_QUERY) {
    const batch = gtins.slice(at, at + GTINS_PER_QUERY);
    found.push(
      ...(await db
        .selectFrom("model_gtin")
        .select(["gtin", "model_code"])
        .where("gtin", "in", batch)
        .execute()),
    );
  }
  return found;
}

export async function existingCodes(db: Db, table: "category" | "model"): Promise<Set<string>> {
  const rows = await db.selectFrom(table).select("code").execute();
  return new Set(rows.map((r) => r.code));
}

const categoryColumns = [
  "code",
  "name_nb",
  "name_en",
  "registrable",
  "identifier_rule",
  "qr_registration",
  "self_registration_from_model_year",
  "statutory_class",
  "registration_bonus_months",
  "points",
  "guide_nb",
  "guide_en",
  "guide_image",
  "not_registrable_nb",
  "not_registrable_en",
] as const;

export async function listCategories(db: Db): Promise<Category[]> {
  const [rows, warranties] = await Promise.all([
    db.selectFrom("category").select(categoryColumns).orderBy("code").execute(),
    db.selectFrom("category_warranty").selectAll().execute(),
  ]);
  return rows.map((row) =>
    presentCategory(
      row,
      warranties.filter((w) => w.category_code === row.code),
    ),
  );
}

// Every registration and identifier check reads its category and model: compiled once.
const categoryByCode = prepared((db, code: string) =>
  db.selectFrom("category").select(categoryColumns).where("code", "=", code),
);
const warrantiesOfCategory = prepared((db, code: string) =>
  db.selectFrom("category_warranty").selectAll().where("category_code", "=", code),
);
const modelByCode = prepared((db, code: string) =>
  db.selectFrom("model").selectAll().where("code", "=", code),
);

export async function findCategory(db: Db, code: string): Promise<Category | null> {
  const [row] = await categoryByCode(db, code);
  if (!row) return null;
  return presentCategory(row, await warrantiesOfCategory(db, code));
}

/** The manufacturer's warranty months of each category, by market (on the table's primary key). */
export async function warrantyMonthsByCategory(
  db: Db,
  codes: string[],
): Promise<Map<string, Record<string, number>>> {
  const map = new Map<string, Record<string, number>>();
  if (codes.length === 0) return map;
  const [only] = codes;
  const rows =
    codes.length === 1 && only
      ? await warrantiesOfCategory(db, only)
      : await db
          .selectFrom("category_warranty")
          .select(["category_code", "market", "months"])
          .where("category_code", "in", codes)
          .execute();
  for (const row of rows) {
    const entry = map.get(row.category_code) ?? {};
    entry[row.market] = row.months;
    map.set(row.category_code, entry);
  }
  return map;
}

type CategoryRow = Selectable<Pick<Tables["category"], (typeof categoryColumns)[number]>>;

function presentCategory(row: CategoryRow, warranties: Selectable<Tables["category_warranty"]>[]): Category {
  const statutoryClass = row.statutory_class === "long" ? "long" : "standard";
  return {
    code: row.code,
    names: { nb: row.name_nb, en: row.name_en },
    registrable: toBool(row.registrable),
    identifierRule: row.identifier_rule as Category["identifierRule"],
    qrRegistration: toBool(row.qr_registration),
    selfRegistrationFromModelYear: row.self_registration_from_model_year,
    warrantyMonths: Object.fromEntries(warranties.map((w) => [w.market, w.months])),
    statutoryClass,
    statutoryYears: statutoryClass === "long" ? 5 : 2,
    registrationBonusMonths: row.registration_bonus_months,
    points: row.points,
    guide: row.guide_nb && row.guide_en ? { nb: row.guide_nb, en: row.guide_en } : null,
    guideImageUrl: row.guide_image ? catalogueImageUrl(row.guide_image) : null,
    notRegistrable:
      row.not_registrable_nb && row.not_registrable_en
        ? { nb: row.not_registrable_nb, en: row.not_registrable_en }
        : null,
  };
}

/** Catalogue images are static files of the web app. */
export function catalogueImageUrl(name: string): string {
  return `/catalogue/${name}`;
}

export async function findModelRow(db: Db, code: string) {
  return db.selectFrom("model").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function findModelsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  if (codes.length === 1) return modelByCode(db, codes[0] as string);
  return db.selectFrom("model").selectAll().where("code", "in", codes).execute();
}

export async function findModelByGtin(db: Db, gtin14: string) {
  return db
    .selectFrom("model_gtin")
    .innerJoin("model", "model.code", "model_gtin.model_code")
    .selectAll("model")
    .where("model_gtin.gtin", "=", gtin14)
    .executeTakeFirst();
}

export async function gtinsOf(db: Db, modelCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom("model_gtin")
    .select("gtin")
    .where("model_code", "=", modelCode)
    .orderBy("gtin")
    .execute();
  return rows.map((r) => r.gtin);
}

export async function linksOf(db: Db, modelCode: string) {
  return db
    .selectFrom("model_link")
    .select(["related_code", "kind"])
    .where("model_code", "=", modelCode)
    .execute();
}

/** The links of several models at once (by `model_link_pk`, which `model_code` leads). */
export async function linksOfModels(db: Db, modelCodes: readonly string[]) {
  if (modelCodes.length === 0) return [];
  return db
    .selectFrom("model_link")
    .select(["model_code", "related_code", "kind"])
    .where("model_code", "in", modelCodes)
    .execute();
}

/** The model's own documents and its category's, newest titles first within each kind. */
export async function documentsFor(db: Db, modelCode: string, categoryCode: string) {
  return db
    .selectFrom("document")
    .select(["id", "kind", "locale", "title", "url"])
    .where((eb) => eb.or([eb("model_code", "=", modelCode), eb("category_code", "=", categoryCode)]))
    .orderBy("kind")
    .orderBy("title")
    .execute();
}

export async function findDocument(db: Db, id: string) {
  return db.selectFrom("document").selectAll().where("id", "=", id).executeTakeFirst();
}
