import type { Kysely } from "kysely";
import { type Tables, toInstant } from "../../db/tables.ts";
import { STAFF_ROLES } from "./schemas.ts";

type Db = Kysely<Tables>;

/** How many staff accounts the list shows: a manufacturer's customer service is hundreds at most. */
export const STAFF_LISTED = 500;

function staffAccounts(db: Db) {
  return db
    .selectFrom("user")
    .leftJoin("staff_member", "staff_member.user_id", "user.id")
    .select(["user.id", "user.name", "user.email", "user.role", "user.createdAt", "staff_member.number"])
    .where("user.role", "in", STAFF_ROLES);
}

const present = (row: Awaited<ReturnType<ReturnType<typeof staffAccounts>["execute"]>>[number]) => ({
  ...row,
  createdAt: toInstant(row.createdAt),
  number: row.number === null ? null : Number(row.number),
});

/** Every staff account by role and name (`user_role_idx`). */
export async function listStaffAccounts(db: Db) {
  const rows = await staffAccounts(db)
    .orderBy("user.role")
    .orderBy("user.name")
    .limit(STAFF_LISTED)
    .execute();
  return rows.map(present);
}

export async function findStaffAccount(db: Db, id: string) {
  const row = await staffAccounts(db).where("user.id", "=", id).executeTakeFirst();
  return row ? present(row) : undefined;
}

export async function setRole(db: Db, id: string, role: string, at: string): Promise<void> {
  await db.updateTable("user").set({ role, updatedAt: at }).where("id", "=", id).execute();
}

/** Deletes the account; its sessions and credentials go with it, its lines in access logs stay. */
export async function deleteAccount(db: Db, id: string): Promise<void> {
  await db.deleteFrom("user").where("id", "=", id).execute();
}
