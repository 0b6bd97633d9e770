import type { Database } from "../../db/database.ts";
import { toBool } from "../../db/tables.ts";
import { type Clock, systemClock } from "../../domain/clock.ts";
import { notFound, Problem } from "../../server/problem.ts";
import {
  catalogueImageUrl,
  documentsFor,
  existingCodes,
  findCategory,
  findDocument,
  findModelRow,
  findModelsByCodes,
  gtinsOf,
  linksOf,
  listCategories,
  upsertCategories,
  upsertDocuments,
  upsertModels,
} from "./queries.ts";
import type { CatalogueFile, Category, DocumentSummary, ModelPage } from "./schemas.ts";

/**
 * Imports a catalogue file in one transaction: every reference is checked first (a model's
 * category, related models, a document's owner), so a bad file changes nothing. Re-importing the
 * same file changes nothing either. Rows are stamped with the clock's time.
 */
export async function importCatalogue(database: Database, file: CatalogueFile, clock: Clock = systemClock) {
  const categories = new Set([
    ...(await existingCodes(database.db, "category")),
    ...file.categories.map((c) => c.code),
  ]);
  const models = new Set([...(await existingCodes(database.db, "model")), ...file.models.map((m) => m.code)]);
  const problems: string[] = [];
  file.models.forEach((m, i) => {
    if (!categories.has(m.category))
      problems.push(`models[${i}] (${m.code}): unknown category "${m.category}"`);
    for (const r of m.related) {
      if (!models.has(r.model)) problems.push(`models[${i}] (${m.code}): unknown related model "${r.model}"`);
    }
  });
  file.documents.forEach((d, i) => {
    if ((d.model === null) === (d.category === null))
      problems.push(`documents[${i}]: give exactly one of model or category`);
    if (d.model !== null && !models.has(d.model))
      problems.push(`documents[${i}]: unknown model "${d.model}"`);
    if (d.category !== null && !categories.has(d.category))
      problems.push(`documents[${i}]: unknown category "${d.category}"`);
    if (!d.body && !d.url) problems.push(`documents[${i}]: needs a body or a url`);
  });
  const gtins = file.models.flatMap((m) => m.gtins.map((g) => g.padStart(14, "0")));
  if (new Set(gtins).size !== gtins.length) problems.push("a GTIN appears on more than one model");
  if (problems.length > 0) {
    throw new Problem("catalogue.invalid", "The catalogue has references that do not resolve.", {
      problems: problems.slice(0, 100),
    });
  }
  const now = clock.now().toISOString();
  await database.db.transaction().execute(async (trx) => {
    await upsertCategories(trx, file.categories, now);
    await upsertModels(trx, file.models, now);
    await upsertDocuments(trx, file.documents, now);
  });
  return { categories: file.categories.length, models: file.models.length, documents: file.documents.length };
}

type ModelRow = NonNullable<Awaited<ReturnType<typeof findModelRow>>>;

export function presentModelSummary(row: ModelRow) {
  return {
    code: row.code,
    names: { nb: row.name_nb, en: row.name_en },
    categoryCode: row.category_code,
    imageUrl: row.image ? catalogueImageUrl(row.image) : null,
    modelYear: row.model_year,
  };
}

export function presentDocumentSummary(row: {
  id: string;
  kind: string;
  locale: string;
  title: string;
}): DocumentSummary {
  return {
    id: row.id,
    kind: row.kind as DocumentSummary["kind"],
    locale: row.locale === "en" ? "en" : "nb",
    title: row.title,
    url: `/documents/${row.id}`,
  };
}

export async function readCategories(database: Database): Promise<{ categories: Category[] }> {
  return { categories: await listCategories(database.db) };
}

export async function readCategory(database: Database, code: string): Promise<Category> {
  const category = await findCategory(database.db, code);
  if (!category) throw notFound("category");
  return category;
}

/** What a model's page shows: facts, documents (R11: no searching) and related models. */
export async function modelPage(database: Database, code: string): Promise<ModelPage> {
  const row = await findModelRow(database.db, code);
  if (!row) throw notFound("model");
  const [category, gtins, links, documents] = await Promise.all([
    findCategory(database.db, row.category_code),
    gtinsOf(database.db, code),
    linksOf(database.db, code),
    documentsFor(database.db, code, row.category_code),
  ]);
  if (!category) throw notFound("category");
  const related = await findModelsByCodes(
    database.db,
    links.map((l) => l.related_code),
  );
  const byCode = new Map(related.map((r) => [r.code, r]));
  const linked = (kind: string) =>
    links
      .filter((l) => l.kind === kind)
      .map((l) => byCode.get(l.related_code))
      .filter((r): r is ModelRow => r !== undefined)
      .map(presentModelSummary);
  return {
    ...presentModelSummary(row),
    category,
    gtins,
    smart: toBool(row.smart),
    documents: documents.map(presentDocumentSummary),
    accessories: linked("accessory"),
    successors: linked("successor"),
  };
}

export async function readDocument(database: Database, id: string) {
  const row = await findDocument(database.db, id);
  if (!row) throw notFound("document");
  return {
    ...presentDocumentSummary(row),
    body: row.body,
    externalUrl: row.url,
    modelCode: row.model_code,
    categoryCode: row.category_code,
  };
}
