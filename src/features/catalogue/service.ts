import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { type Tables, toBool } from "../../db/tables.ts";
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
  modelsOfGtins,
  upsertCategories,
  upsertDocuments,
  upsertModels,
} from "./queries.ts";
import type { CatalogueFile, Category, DocumentSummary, ModelPage } from "./schemas.ts";

/**
 * Imports a catalogue file in one transaction: every reference is checked first (a model's
 * category, related models, a document's owner) and every GTIN (on one model only, in the file and
 * in the database), so a bad file changes nothing. Re-importing the same file changes nothing
 * either. A link or a GTIN listed twice for one model is kept once: a model's links and GTINs are
 * sets, and the repeated entry says nothing the first did not (a GTIN on two models is refused,
 * since which one it belongs to cannot be guessed). Rows are stamped with the clock's time.
 */
export async function importCatalogue(database: Database, file: CatalogueFile, clock: Clock = systemClock) {
  const models = file.models.map((m) => ({
    ...m,
    gtins: [...new Set(m.gtins.map((g) => g.padStart(14, "0")))],
    related: distinctLinks(m.related),
  }));
  const now = clock.now().toISOString();
  await database.db.transaction().execute(async (trx) => {
    const problems = [
      ...referenceProblems(file, {
        categories: await existingCodes(trx, "category"),
        models: await existingCodes(trx, "model"),
      }),
      ...(await gtinProblems(trx, models)),
    ];
    if (problems.length > 0) {
      throw new Problem(
        "catalogue.invalid",
        "The catalogue has references that do not resolve or GTINs on two models.",
        {
          problems: problems.slice(0, 100),
        },
      );
    }
    await upsertCategories(trx, file.categories, now);
    await upsertModels(trx, models, now);
    await upsertDocuments(trx, file.documents, now);
  });
  return { categories: file.categories.length, models: file.models.length, documents: file.documents.length };
}

type Link = CatalogueFile["models"][number]["related"][number];

function distinctLinks(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.kind}\u0000${l.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** References of the file that resolve neither in the file nor in the database. */
function referenceProblems(file: CatalogueFile, stored: { categories: Set<string>; models: Set<string> }) {
  const categories = new Set([...stored.categories, ...file.categories.map((c) => c.code)]);
  const models = new Set([...stored.models, ...file.models.map((m) => m.code)]);
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
  return problems;
}

/**
 * GTINs that would end on two models: listed twice in the file, or already on a model of the
 * database that the file does not list (a model the file lists has its GTINs replaced by the
 * file's, so a GTIN may move between two models of one file).
 */
async function gtinProblems(db: Kysely<Tables>, models: CatalogueFile["models"]): Promise<string[]> {
  const problems: string[] = [];
  const listedAt = new Map<string, number>();
  models.forEach((m, i) => {
    for (const gtin of m.gtins) {
      const other = models[listedAt.get(gtin) ?? -1];
      if (!other) listedAt.set(gtin, i);
      else problems.push(`models[${i}] (${m.code}): GTIN ${gtin} is also listed for model ${other.code}`);
    }
  });
  const inFile = new Set(models.map((m) => m.code));
  for (const row of await modelsOfGtins(db, [...listedAt.keys()])) {
    const i = listedAt.get(row.gtin) ?? -1;
    const model = models[i];
    if (!model || inFile.has(row.model_code)) continue;
    problems.push(
      `models[${i}] (${model.code}): GTIN ${row.gtin} already belongs to model ${row.model_code}`,
    );
  }
  return problems;
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
