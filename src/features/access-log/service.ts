import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Tables, toInstant } from "../../db/tables.ts";
import {
  type AccessReason,
  type AccessSubject,
  caseClosedSince,
  type GivenReason,
  lookMinute,
  needsNote,
  reasonExpiry,
  tidyNote,
} from "../../domain/access-reason.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import {
  type AccessLine,
  findReason,
  hasOpenCase,
  insertAccessLines,
  isCustomer,
  listAccessLines,
  saveReason,
  staffNumberOf,
} from "./queries.ts";
import type { AccessEntry, AccessLogPage, GivenReasonView } from "./schemas.ts";

type Db = Kysely<Tables>;

/** One look at an owner's records: what (a product, a claim, …) and which one. */
export interface StaffLook {
  ownerId: string;
  what: AccessSubject;
  subjectId: string;
}

const reasonRequired = (ownerId: string) =>
  new Problem(
    "access.reason_required",
    "This customer has no open case: give a reason to open their records.",
    {
      ownerId,
    },
  );

/** Whether the look is staff's at someone else's records: an owner's own reads are not logged. */
const isStaffLook = (actor: Actor, ownerId: string) => actor.role !== "customer" && actor.userId !== ownerId;

/**
 * Writes a staff member's look at an owner's records to the access log, once per look: the case
 * it is part of, or the reason the staff member gave (valid for `REASON_HOURS`). Without either it
 * refuses (403 `access.reason_required`) and nothing is shown. An owner reading their own records
 * writes nothing. Called by every route that shows staff an owner's records, after the policy let
 * them in; `db` may be the caller's transaction.
 *
 * @example await noteStaffLook(db, agent, { ownerId, what: "product", subjectId: registrationId }, clock.now());
 */
export async function noteStaffLook(db: Db, actor: Actor, look: StaffLook, at: Date): Promise<void> {
  if (!isStaffLook(actor, look.ownerId)) return;
  const [openCase, given] = await Promise.all([
    hasOpenCase(db, look.ownerId, caseClosedSince(at).toISOString()),
    findReason(db, look.ownerId, actor.userId),
  ]);
  const valid = given && Date.parse(toInstant(given.expires_at)) > at.getTime() ? given : undefined;
  // A reason given counts over the case: it says more (and the staff member chose to give it).
  const why: { reason: AccessReason; note: string | null } | null = valid
    ? { reason: valid.reason as GivenReason, note: valid.note }
    : openCase
      ? { reason: "open-case", note: null }
      : null;
  if (!why) throw reasonRequired(look.ownerId);
  const number = await staffNumberOf(db, actor.userId, at.toISOString());
  await insertAccessLines(db, [line(actor, number, look, why, at)]);
}

/**
 * The owners a search showed to staff, one line each (reason "search"): a search needs no reason,
 * as finding the customer is how a call begins, but the owner still sees that it happened.
 */
export async function noteStaffSearch(
  db: Db,
  actor: Actor,
  search: { via: "search-box" | "identifier"; ownerIds: Iterable<string> },
  at: Date,
): Promise<void> {
  const { via, ownerIds } = search;
  const owners = [...new Set(ownerIds)].filter((id) => isStaffLook(actor, id));
  if (owners.length === 0) return;
  const why = { reason: "search" as const, note: null };
  // One staff number for every line: looked up once, not once per owner shown.
  const number = await staffNumberOf(db, actor.userId, at.toISOString());
  await insertAccessLines(
    db,
    owners.map((ownerId) => line(actor, number, { ownerId, what: "search", subjectId: via }, why, at)),
  );
}

/** The number the owner is shown for this member of staff, given on their first act or look. */
export async function staffNumber(db: Db, actor: Actor, at: Date): Promise<number> {
  return staffNumberOf(db, actor.userId, at.toISOString());
}

function line(
  actor: Actor,
  staffNumber: number,
  look: StaffLook,
  why: { reason: AccessReason; note: string | null },
  at: Date,
): AccessLine {
  return {
    id: randomUUID(),
    owner_id: look.ownerId,
    staff_id: actor.userId,
    staff_role: actor.role,
    staff_number: staffNumber,
    what: look.what,
    subject_id: look.subjectId,
    reason: why.reason,
    note: why.note,
    minute: lookMinute(at),
    at: at.toISOString(),
  };
}

/**
 * A staff member says why they open a customer's records outside an open case. The reason opens
 * that customer's records to them alone, for `REASON_HOURS`; giving another replaces it. Every
 * look that follows is logged with it.
 */
export async function giveReason(
  db: Db,
  actor: Actor,
  ownerId: string,
  given: { reason: GivenReason; note?: string | undefined },
  at: Date,
): Promise<GivenReasonView> {
  authorize(actor, { kind: "customer.open" });
  const note = tidyNote(given.note);
  if (needsNote(given.reason) && note === null)
    throw new Problem("request.invalid", "Say in a note why you open the records.", {
      fields: [{ path: "body.note", message: "required for the reason other" }],
    });
  if (!(await isCustomer(db, ownerId)))
    throw new Problem("customer.not_found", "No customer has this account.");
  const expiresAt = reasonExpiry(at);
  await saveReason(db, {
    owner_id: ownerId,
    staff_id: actor.userId,
    reason: given.reason,
    note,
    given_at: at.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { ownerId, reason: given.reason, note, expiresAt: expiresAt.toISOString() };
}

export const ACCESS_PAGE = 50;

/** The owner's "who has looked at my information", newest first, a page at a time. */
export async function myAccessLog(db: Db, actor: Actor, cursor: string | undefined): Promise<AccessLogPage> {
  const after = cursor ? readCursor(cursor) : null;
  const rows = await listAccessLines(db, actor.userId, after, ACCESS_PAGE + 1);
  const page = rows.slice(0, ACCESS_PAGE);
  const entries: AccessEntry[] = page.map((r) => ({
    at: toInstant(r.at),
    staff: { role: r.staff_role as AccessEntry["staff"]["role"], number: Number(r.staff_number) },
    what: r.what as AccessSubject,
    reason: r.reason as AccessReason,
    note: r.note,
  }));
  const last = page.at(-1);
  return {
    entries,
    next: rows.length > ACCESS_PAGE && last ? writeCursor({ at: toInstant(last.at), id: last.id }) : null,
  };
}

function writeCursor(position: { at: string; id: string }): string {
  return Buffer.from(`${position.at}|${position.id}`).toString("base64url");
}

function readCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)))
    throw new Problem("request.invalid", "The cursor is not one this list gave.", {
      fields: [{ path: "querystring.cursor", message: "not a cursor of this list" }],
    });
  return { at, id };
}
