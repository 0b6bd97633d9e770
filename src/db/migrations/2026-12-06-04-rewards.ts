import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Rewards with a use (issue 17): earning rules staff manage, points that are pending before they
 * count and expire after a set number of months, and a catalogue of rewards redeemed from a pool of
 * codes. The ledger stays append-only: each earning is a lot (`active_from`, `expires_at`), and a
 * redemption, an expiry or a reversal is a new row that names the lot it draws from (`lot_id`), so
 * what is left of a lot is its points plus the rows that name it. `points_account` is one row per
 * owner that a redemption locks, so two redemptions of one owner never spend the same points.
 */
export const rewards: Migration = {
  name: "2026-12-06-04-rewards",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable("points_ledger").addColumn("active_from", t.instant).execute();
    await db.schema.alterTable("points_ledger").addColumn("expires_at", t.instant).execute();
    await db.schema.alterTable("points_ledger").addColumn("lot_id", "text").execute();
    await db.schema.alterTable("points_ledger").addColumn("redemption_id", "text").execute();
    // Points earned before rules existed count from when they were earned and never expire.
    await sql`update points_ledger set active_from = created_at where active_from is null`.execute(db);

    // The balance reads an owner's rows from this index alone, on every visit to My Page.
    await sql`create index points_owner_lots_idx on points_ledger (owner_id, kind, id, points, lot_id, active_from, expires_at)`.execute(
      db,
    );
    // A lot expires once and is reversed once, whoever notices first; My information earns once.
    await sql`create unique index points_expiry_once_idx on points_ledger (lot_id) where kind = 'expiry'`.execute(
      db,
    );
    await sql`create unique index points_reversal_once_idx on points_ledger (lot_id) where kind = 'reversal'`.execute(
      db,
    );
    await sql`create unique index points_profile_once_idx on points_ledger (owner_id) where kind = 'profile-complete'`.execute(
      db,
    );
    await db.schema
      .createIndex("points_ledger_redemption_idx")
      .on("points_ledger")
      .column("redemption_id")
      .execute();

    await db.schema
      .createTable("points_account")
      .addColumn("owner_id", "text", (c) => c.primaryKey().references("user.id"))
      .addColumn("redemptions", "integer", (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("points_rule")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("action", "text", (c) => c.notNull())
      // Null: any category (a category's own rule wins over it).
      .addColumn("category_code", "text")
      .addColumn("points", "integer", (c) => c.notNull())
      .addColumn("pending_days", "integer", (c) => c.notNull())
      .addColumn("validity_months", "integer", (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await sql`create unique index points_rule_scope_idx on points_rule (action, coalesce(category_code, ''))`.execute(
      db,
    );

    await db.schema
      .createTable("reward")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name_nb", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("description_nb", "text", (c) => c.notNull())
      .addColumn("description_en", "text", (c) => c.notNull())
      .addColumn("cost", "integer", (c) => c.notNull())
      .addColumn("active_from", t.date)
      .addColumn("active_to", t.date)
      .addColumn("codes_total", "integer", (c) => c.notNull())
      .addColumn("codes_issued", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("reward_redemption")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id"))
      .addColumn("reward_id", "text", (c) => c.notNull().references("reward.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("points", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("reward_redemption_owner_idx")
      .on("reward_redemption")
      .columns(["owner_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("reward_redemption_reward_idx")
      .on("reward_redemption")
      .column("reward_id")
      .execute();

    // A code is the reward's until a redemption takes it; it holds nothing of the owner's.
    await db.schema
      .createTable("reward_code")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("reward_id", "text", (c) => c.notNull().references("reward.id"))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("redemption_id", "text")
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("reward_code_unique_idx")
      .unique()
      .on("reward_code")
      .columns(["reward_id", "code"])
      .execute();
    await sql`create index reward_code_free_idx on reward_code (reward_id, id) where redemption_id is null`.execute(
      db,
    );
  },
};
