import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";

/** The cheapest round trip to the database; throws when it cannot be reached. */
export async function pingDatabase(db: Kysely<Tables>): Promise<void> {
  await sql`select 1`.execute(db);
}
