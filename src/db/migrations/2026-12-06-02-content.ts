import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * What staff write for owners (issue 17): announcements and the top message (`content_item`, with
 * texts in nb and en, an image, a link, a schedule and an audience), their images
 * (`content_image`, the bytes in the file storage) and the FAQ (`faq_entry`, general or per
 * category). My Page finds the items that apply by their window: only the published ones of a kind
 * whose end is still ahead are read (`content_item_window_idx`), never every item ever written.
 */
export const content: Migration = {
  name: "2026-12-06-02-content",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("content_image")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("storage_key", "text", (c) => c.notNull())
      .addColumn("media_type", "text", (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .addColumn("width", "integer")
      .addColumn("height", "integer")
      .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("content_image_created_by_idx")
      .on("content_image")
      .column("created_by")
      .execute();

    await db.schema
      .createTable("content_item")
      .addColumn("id", "text", (c) => c.primaryKey())
      // "announcement" or "top-message"
      .addColumn("kind", "text", (c) => c.notNull())
      // "draft" or "published"
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("title_nb", "text", (c) => c.notNull())
      .addColumn("title_en", "text", (c) => c.notNull())
      .addColumn("body_nb", "text", (c) => c.notNull())
      .addColumn("body_en", "text", (c) => c.notNull())
      .addColumn("link_url", "text")
      .addColumn("link_label_nb", "text")
      .addColumn("link_label_en", "text")
      .addColumn("image_id", "text", (c) => c.references("content_image.id"))
      .addColumn("image_alt_nb", "text")
      .addColumn("image_alt_en", "text")
      // "everyone", "category", "model", "country" or "no-product"; the value names the category,
      // model or country.
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("audience_value", "text")
      .addColumn("starts_at", t.instant, (c) => c.notNull())
      .addColumn("ends_at", t.instant, (c) => c.notNull())
      .addColumn("published_at", t.instant)
      .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    // What applies now: the published items of a kind whose window has not ended.
    await db.schema
      .createIndex("content_item_window_idx")
      .on("content_item")
      .columns(["kind", "status", "ends_at"])
      .execute();
    // The editors' list, newest first.
    await db.schema
      .createIndex("content_item_created_idx")
      .on("content_item")
      .columns(["created_at", "id"])
      .execute();
    await db.schema.createIndex("content_item_image_idx").on("content_item").column("image_id").execute();
    await db.schema
      .createIndex("content_item_created_by_idx")
      .on("content_item")
      .column("created_by")
      .execute();

    await db.schema
      .createTable("faq_entry")
      .addColumn("id", "text", (c) => c.primaryKey())
      // null: a general question, shown to everyone.
      .addColumn("category_code", "text", (c) => c.references("category.code"))
      .addColumn("question_nb", "text", (c) => c.notNull())
      .addColumn("question_en", "text", (c) => c.notNull())
      .addColumn("answer_nb", "text", (c) => c.notNull())
      .addColumn("answer_en", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("faq_entry_category_idx")
      .on("faq_entry")
      .columns(["category_code", "position"])
      .execute();
  },
};
