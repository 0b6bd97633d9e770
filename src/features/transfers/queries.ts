import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { PENDING_TRANSFER_STATUSES, type TransferStatus } from "../../domain/transfer.ts";

type Db = Kysely<Tables>;

/** A request with its product, the person who asked and the owner asked to answer (null before 2026-12-03). */
function transfers(db: Db) {
  return db
    .selectFrom("transfer_request")
    .innerJoin("unit", "unit.serial", "transfer_request.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user as requester", "requester.id", "transfer_request.requester_id")
    .leftJoin("user as holder", "holder.id", "transfer_request.owner_id")
    .select([
      "transfer_request.id",
      "transfer_request.unit_serial",
      "transfer_request.requester_id",
      "transfer_request.owner_id",
      "transfer_request.registration_id",
      "transfer_request.note",
      "transfer_request.status",
      "transfer_request.created_at",
      "transfer_request.answer_by",
      "transfer_request.proof_key",
      "transfer_request.proof_type",
      "transfer_request.proof_name",
      "transfer_request.proof_size",
      "transfer_request.owner_answer",
      "transfer_request.decided_at",
      "transfer_request.decided_by_role",
      "transfer_request.decided_by_number",
      "transfer_request.decision_reason",
      "model.name_nb",
      "model.name_en",
      "requester.name as requester_name",
      "requester.email as requester_email",
      "requester.locale as requester_locale",
      "holder.name as holder_name",
      "holder.email as holder_email",
      "holder.locale as holder_locale",
    ]);
}

export type TransferRow = Awaited<ReturnType<typeof findTransfer>> & object;

export async function findTransfer(db: Db, id: string) {
  return transfers(db).where("transfer_request.id", "=", id).executeTakeFirst();
}

/** The requester's pending request for the unit, if any (`transfer_request_pending_idx`). */
export async function findPendingTransfer(db: Db, serial: string, requesterId: string) {
  return db
    .selectFrom("transfer_request")
    .select(["id", "status", "created_at", "answer_by"])
    .where("unit_serial", "=", serial)
    .where("requester_id", "=", requesterId)
    .where("status", "in", PENDING_TRANSFER_STATUSES)
    .executeTakeFirst();
}

/** Records a request; false when the requester had one pending for the unit already (a race lost). */
export async function insertTransfer(db: Db, row: Insertable<Tables["transfer_request"]>): Promise<boolean> {
  const result = await db
    .insertInto("transfer_request")
    .values(row)
    .onConflict((oc) =>
      // Written as the partial index is (SQLite matches the text of its condition, not bound values).
      oc
        .columns(["unit_serial", "requester_id"])
        .where(sql<boolean>`status in ('awaiting-owner', 'with-staff')`)
        .doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** How many of one person's requests each list shows: the newest. */
export const TRANSFERS_LISTED = 50;

/** The requests a person made (`transfer_request_requester_idx`) and those they are asked to answer (`transfer_request_owner_idx`). */
export async function listTransfersOf(db: Db, userId: string) {
  const [asked, toAnswer] = await Promise.all([
    transfers(db)
      .where("transfer_request.requester_id", "=", userId)
      .orderBy("transfer_request.created_at", "desc")
      .limit(TRANSFERS_LISTED)
      .execute(),
    transfers(db)
      .where("transfer_request.owner_id", "=", userId)
      .where("transfer_request.status", "in", [...PENDING_TRANSFER_STATUSES, "transferred", "refused"])
      .orderBy("transfer_request.created_at", "desc")
      .limit(TRANSFERS_LISTED)
      .execute(),
  ]);
  return { asked, toAnswer };
}

/** The requests waiting for this owner's answer, newest first (`transfer_request_owner_idx`), for My Page. */
export async function listAwaitingOwner(db: Db, ownerId: string, limit: number) {
  return db
    .selectFrom("transfer_request")
    .innerJoin("unit", "unit.serial", "transfer_request.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .select(["transfer_request.id", "model.name_nb", "model.name_en"])
    .where("transfer_request.owner_id", "=", ownerId)
    .where("transfer_request.status", "=", "awaiting-owner")
    .orderBy("transfer_request.created_at", "desc")
    .limit(limit)
    .execute();
}

/** Customer service's queue, oldest first, a page at a time (`transfer_request_queue_idx`). */
export async function listStaffQueue(db: Db, limit: number) {
  return transfers(db)
    .where("transfer_request.status", "=", "with-staff")
    .orderBy("transfer_request.created_at")
    .orderBy("transfer_request.id")
    .limit(limit)
    .execute();
}

/** Requests still waiting for the owner after their day, the earliest first (`transfer_request_due_idx`). */
export async function listUnansweredBefore(db: Db, now: string, limit: number) {
  return db
    .selectFrom("transfer_request")
    .select("id")
    .where("status", "=", "awaiting-owner")
    .where("answer_by", "<=", now)
    .orderBy("answer_by")
    .limit(limit)
    .execute();
}

/**
 * Moves a request on when it is still in one of `from`: true for the one write that did, so of two
 * decisions at once exactly one is taken.
 */
export async function stepTransfer(
  db: Db,
  id: string,
  from: readonly TransferStatus[],
  set: Updateable<Tables["transfer_request"]> & { status: TransferStatus },
): Promise<boolean> {
  const result = await db
    .updateTable("transfer_request")
    .set(set)
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
