import type { Insertable, Kysely, Updateable } from "kysely";
import type { ContentImageTable, ContentItemTable, FaqEntryTable, Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/** The editors' list: the newest items first, at most this many (a walk of the index that the LIMIT stops). */
export const EDITOR_LIST_LIMIT = 200;

export async function insertContentItem(db: Db, row: Insertable<ContentItemTable>) {
  await db.insertInto("content_item").values(row).execute();
}

export async function updateContentItem(db: Db, id: string, patch: Updateable<ContentItemTable>) {
  const result = await db.updateTable("content_item").set(patch).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Publishes an item that is not published yet, stamping when; one already published is left as it
 * is (its first time published stays). False when nothing changed: no such item, or published already.
 */
export async function publishContentItem(db: Db, id: string, at: string) {
  const result = await db
    .updateTable("content_item")
    .set({ status: "published", published_at: at, updated_at: at })
    .where("id", "=", id)
    .where("status", "<>", "published")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findContentItem(db: Db, id: string) {
  return db.selectFrom("content_item").selectAll().where("id", "=", id).executeTakeFirst();
}
export type ContentItemRow = NonNullable<Awaited<ReturnType<typeof findContentItem>>>;

export async function listContentItems(db: Db) {
  return db
    .selectFrom("content_item")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(EDITOR_LIST_LIMIT)
    .execute();
}

/** What an owner's targeting is decided on. */
export interface AudienceFacts {
  categories: readonly string[];
  models: readonly string[];
  country: string;
  ownsProducts: boolean;
}

/**
 * The published items of a kind that apply to an owner at `now`, newest first. Read on the window
 * index (kind, status, ends_at): only items whose end is still ahead are visited, so the cost is
 * set by what is running now, not by everything ever written; the audience is matched on those.
 */
export async function currentContentItems(
  db: Db,
  kind: string,
  now: string,
  facts: AudienceFacts,
  limit: number,
) {
  return db
    .selectFrom("content_item")
    .selectAll()
    .where("kind", "=", kind)
    .where("status", "=", "published")
    .where("ends_at", ">", now)
    .where("starts_at", "<=", now)
    .where((eb) =>
      eb.or([
        eb("audience", "=", "everyone"),
        eb.and([eb("audience", "=", "country"), eb("audience_value", "=", facts.country)]),
        ...(facts.ownsProducts ? [] : [eb("audience", "=", "no-product")]),
        ...(facts.categories.length > 0
          ? [eb.and([eb("audience", "=", "category"), eb("audience_value", "in", [...facts.categories])])]
          : []),
        ...(facts.models.length > 0
          ? [eb.and([eb("audience", "=", "model"), eb("audience_value", "in", [...facts.models])])]
          : []),
      ]),
    )
    .orderBy("starts_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function insertContentImage(db: Db, row: Insertable<ContentImageTable>) {
  await db.insertInto("content_image").values(row).execute();
}

export async function findContentImage(db: Db, id: string) {
  return db.selectFrom("content_image").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether a published item shows the image (on the image index). */
export async function shownOnAPublishedItem(db: Db, imageId: string): Promise<boolean> {
  const row = await db
    .selectFrom("content_item")
    .select("id")
    .where("image_id", "=", imageId)
    .where("status", "=", "published")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function faqEntries(db: Db) {
  return db
    .selectFrom("faq_entry")
    .leftJoin("category", "category.code", "faq_entry.category_code")
    .select([
      "faq_entry.id",
      "faq_entry.category_code",
      "faq_entry.question_nb",
      "faq_entry.question_en",
      "faq_entry.answer_nb",
      "faq_entry.answer_en",
      "faq_entry.position",
      "category.name_nb as category_name_nb",
      "category.name_en as category_name_en",
    ]);
}
export type FaqRow = Awaited<ReturnType<typeof listFaqEntries>>[number];

/** Every entry (the table is bounded: staff write tens per category); the service puts them in order. */
export async function listFaqEntries(db: Db) {
  return faqEntries(db).execute();
}

/** The general entries and those of the categories given, on the category index. */
export async function faqEntriesFor(db: Db, categories: readonly string[]) {
  return faqEntries(db)
    .where((eb) =>
      categories.length > 0
        ? eb.or([
            eb("faq_entry.category_code", "is", null),
            eb("faq_entry.category_code", "in", [...categories]),
          ])
        : eb("faq_entry.category_code", "is", null),
    )
    .execute();
}

export async function findFaqEntry(db: Db, id: string) {
  return faqEntries(db).where("faq_entry.id", "=", id).executeTakeFirst();
}

export async function insertFaqEntry(db: Db, row: Insertable<FaqEntryTable>) {
  await db.insertInto("faq_entry").values(row).execute();
}

export async function updateFaqEntry(db: Db, id: string, patch: Updateable<FaqEntryTable>) {
  const result = await db.updateTable("faq_entry").set(patch).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteFaqEntry(db: Db, id: string) {
  const result = await db.deleteFrom("faq_entry").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether anything was ever written (the demo writes its own only into an empty portal). */
export async function hasAnyContent(db: Db): Promise<boolean> {
  const [item, faq] = await Promise.all([
    db.selectFrom("content_item").select("id").limit(1).executeTakeFirst(),
    db.selectFrom("faq_entry").select("id").limit(1).executeTakeFirst(),
  ]);
  return item !== undefined || faq !== undefined;
}

/** Where a committed image is kept, for the sweep of pending files (the file id is the image's id). */
export async function findContentImageKey(db: Db, fileId: string): Promise<string | null> {
  return (await findContentImage(db, fileId))?.storage_key ?? null;
}
