import type { Database } from "../../db/database.ts";
import { prepared } from "../../db/prepared.ts";
import { toInstant } from "../../db/tables.ts";
import type { SignInFailures } from "./sign-in-delay.ts";

type Db = Pick<Database, "db">;

/** The failed sign-ins kept for one account key, or null when there are none. */
export async function readSignInFailures(database: Db, accountKey: string): Promise<SignInFailures | null> {
  const row = await database.db
    .selectFrom("sign_in_failure")
    .select(["failures", "last_attempt_at", "locked_until"])
    .where("account_key", "=", accountKey)
    .executeTakeFirst();
  if (!row) return null;
  return {
    failures: row.failures,
    lastAttemptAt: new Date(toInstant(row.last_attempt_at)),
    lockedUntil: row.locked_until === null ? null : new Date(toInstant(row.locked_until)),
  };
}

/** Stores the first failure of an account; false when another attempt stored one first. */
export async function insertSignInFailures(
  database: Db,
  accountKey: string,
  next: SignInFailures,
): Promise<boolean> {
  const result = await database.db
    .insertInto("sign_in_failure")
    .values({ account_key: accountKey, ...columns(next) })
    .onConflict((oc) => oc.column("account_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Replaces the count that was read with the next one, only if no other attempt changed it in
 * between (compare-and-set on the count): the database decides a race between two attempts.
 */
export async function replaceSignInFailures(
  database: Db,
  accountKey: string,
  read: SignInFailures,
  next: SignInFailures,
): Promise<boolean> {
  const result = await database.db
    .updateTable("sign_in_failure")
    .set(columns(next))
    .where("account_key", "=", accountKey)
    .where("failures", "=", read.failures)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSignInFailures(database: Db, accountKey: string): Promise<void> {
  await database.db.deleteFrom("sign_in_failure").where("account_key", "=", accountKey).execute();
}

/**
 * Deletes at most `limit` rows whose last attempt is older than `before` (on the index of
 * `last_attempt_at`). Called when a new key is stored, so the table never holds many more rows
 * than accounts tried within the forgetting window.
 */
export async function deleteForgottenSignInFailures(
  database: Db,
  before: Date,
  limit: number,
): Promise<void> {
  await database.db
    .deleteFrom("sign_in_failure")
    .where(
      "account_key",
      "in",
      database.db
        .selectFrom("sign_in_failure")
        .select("account_key")
        .where("last_attempt_at", "<", before.toISOString())
        .limit(limit),
    )
    .execute();
}

function columns(state: SignInFailures) {
  return {
    failures: state.failures,
    last_attempt_at: state.lastAttemptAt.toISOString(),
    locked_until: state.lockedUntil?.toISOString() ?? null,
  };
}

/** The id of the account with this address (stored in lower case), on the unique index of `email`. */
export async function findUserIdByEmail(database: Db, email: string): Promise<string | null> {
  const row = await database.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A session and its user, by the session's token (its unique index): what each request needs,
 * so it is compiled once.
 */
const sessionWithUser = prepared((db, token: string) =>
  db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .select([
      "session.id as sessionId",
      "session.expiresAt",
      "user.id as userId",
      "user.email",
      "user.name",
      "user.role",
      "user.locale",
      "user.emailVerified",
    ])
    .where("session.token", "=", token),
);

export async function findSessionWithUser(database: Db, token: string) {
  const [row] = await sessionWithUser(database.db, token);
  return row;
}
