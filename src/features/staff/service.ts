import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import type { Auth } from "../accounts/auth.ts";
import { createVerifiedUser, UserExistsError } from "../accounts/service.ts";
import { audit } from "../audit/service.ts";
import { deleteAccount, findStaffAccount, listStaffAccounts, setRole } from "./queries.ts";
import type { StaffMember } from "./schemas.ts";

type Row = NonNullable<Awaited<ReturnType<typeof findStaffAccount>>>;

const present = (row: Row): StaffMember => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role as StaffMember["role"],
  staffNumber: row.number,
  createdAt: row.createdAt,
});

const notStaff = () => new Problem("staff.not_found", "We found no staff member with this account.");

/** A staff account other than the admin's own: an admin cannot lock themselves out. */
async function othersAccount(database: Database, actor: Actor, id: string): Promise<Row> {
  authorize(actor, { kind: "staff.manage" });
  const row = await findStaffAccount(database.db, id);
  if (!row) throw notStaff();
  if (row.id === actor.userId)
    throw new Problem("staff.self", "You cannot change or remove your own account here.");
  return row;
}

/** Every staff account, for the admin. */
export async function staffAccounts(database: Database, actor: Actor): Promise<StaffMember[]> {
  authorize(actor, { kind: "staff.manage" });
  return (await listStaffAccounts(database.db)).map(present);
}

/**
 * Adds a staff member: a confirmed account with a password nobody knows, and the mail that lets
 * them choose one (the reset-password mail, valid for an hour; they can ask for another at sign-in).
 *
 * @throws Problem 409 `staff.email_taken` when any account has the address
 */
export async function addStaffMember(
  database: Database,
  auth: Auth,
  clock: Clock,
  actor: Actor,
  input: { email: string; name: string; role: StaffMember["role"] },
): Promise<StaffMember> {
  authorize(actor, { kind: "staff.manage" });
  let userId: string;
  try {
    ({ userId } = await createVerifiedUser(auth, database, input));
  } catch (error) {
    if (error instanceof UserExistsError)
      throw new Problem("staff.email_taken", "An account with this e-mail address exists already.");
    throw error;
  }
  await auth.api.requestPasswordReset({ body: { email: input.email, redirectTo: "/reset-password" } });
  await audit(database.db, {
    actor,
    action: "staff.added",
    ownerId: null,
    subjectType: "user",
    subjectId: userId,
    detail: { role: input.role },
    at: clock.now(),
  });
  const row = await findStaffAccount(database.db, userId);
  if (!row) throw notStaff();
  return present(row);
}

/** Gives a staff member another role; it counts from their next request. */
export async function changeStaffRole(
  database: Database,
  clock: Clock,
  actor: Actor,
  id: string,
  role: StaffMember["role"],
): Promise<StaffMember> {
  const row = await othersAccount(database, actor, id);
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await setRole(trx, id, role, at.toISOString());
    await audit(trx, {
      actor,
      action: "staff.role_changed",
      ownerId: null,
      subjectType: "user",
      subjectId: id,
      detail: { from: row.role, to: role },
      at,
    });
  });
  return { ...present(row), role };
}

/**
 * Removes a staff account: its sessions end with it. The lines it left in owners' access logs
 * keep its role and number, which is never given again.
 */
export async function removeStaffMember(database: Database, clock: Clock, actor: Actor, id: string) {
  const row = await othersAccount(database, actor, id);
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await deleteAccount(trx, id);
    await audit(trx, {
      actor,
      action: "staff.removed",
      ownerId: null,
      subjectType: "user",
      subjectId: id,
      detail: { role: row.role, staffNumber: row.number },
      at,
    });
  });
}
