import { randomUUID } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { noteStaffLook, staffNumber } from "../access-log/service.ts";
import type { Auth } from "../accounts/auth.ts";
import { audit } from "../audit/service.ts";
import { consentStatesOf } from "../consents/service.ts";
import { findProfile } from "../profile/queries.ts";
import { productsOf } from "../registration/read.ts";
import { listRepairsOfOwner } from "../repairs/queries.ts";
import { presentSummary } from "../repairs/read.ts";
import { pointsOfOwner } from "../rewards/service.ts";
import { transfersOfCustomer } from "../transfers/service.ts";
import { deleteDeviceTokensOf } from "../tv/queries.ts";
import {
  countSignedIn,
  deleteSessionsOf,
  findCustomerAccount,
  insertStaffNote,
  listActivityOfOwner,
  listClaimsOfOwner,
  listStaffNotes,
} from "./queries.ts";
import type { CustomerRecord, StaffNote } from "./schemas.ts";

function customerNotFound(): Problem {
  return new Problem("customer.not_found", "No customer has this account.");
}

/** A customer's account, or 404 for staff accounts and unknown ids alike. */
async function customerOf(database: Database, ownerId: string) {
  const account = await findCustomerAccount(database.db, ownerId);
  if (!account) throw customerNotFound();
  return account;
}

function presentNote(row: Awaited<ReturnType<typeof listStaffNotes>>[number]): StaffNote {
  return {
    id: row.id,
    text: row.text,
    staff: { role: row.staff_role, number: row.staff_number },
    at: row.at,
  };
}

/**
 * A customer's whole record as customer service opens it: profile, products with every date and
 * its history, found devices, claims, repairs, points, consents, the latest activity and the staff
 * notes. The look is logged for the owner, so it needs an open case or a reason given. Each part is
 * one indexed read of this owner's rows.
 *
 * @throws Problem 404 `customer.not_found`, 403 `access.reason_required`
 */
export async function openCustomerRecord(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  ownerId: string,
): Promise<CustomerRecord> {
  authorize(actor, { kind: "customer.read" });
  const account = await customerOf(database, ownerId);
  const now = clock.now();
  await noteStaffLook(database.db, actor, { ownerId, what: "customer", subjectId: ownerId }, now);
  const { db } = database;
  const [profile, signedIn, products, claims, repairs, points, consent, activity, notes, transfers] =
    await Promise.all([
      findProfile(db, ownerId),
      countSignedIn(db, ownerId, now.toISOString()),
      productsOf(database, config, clock, ownerId),
      listClaimsOfOwner(db, ownerId),
      listRepairsOfOwner(db, ownerId),
      pointsOfOwner(database, clock, ownerId),
      consentStatesOf(database, ownerId),
      listActivityOfOwner(db, ownerId),
      listStaffNotes(db, ownerId),
      transfersOfCustomer(db, ownerId),
    ]);
  if (!profile) throw customerNotFound();
  const { role: _role, ...shown } = profile;
  return {
    customer: {
      ...shown,
      id: account.id,
      createdAt: account.createdAt,
      activeSessions: signedIn.sessions,
      activeDevices: signedIn.devices,
    },
    products: products.registrations,
    devices: products.unregistered,
    claims: claims.map((c) => ({
      id: c.id,
      status: c.status,
      registrationId: c.registration_id,
      productNames: c.name_nb && c.name_en ? { nb: c.name_nb, en: c.name_en } : null,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    })),
    repairs: repairs.map(presentSummary),
    points,
    consents: consent.map((c) => ({ purpose: c.purpose, given: c.given, answeredAt: c.answeredAt })),
    activity: activity.map((a) => ({
      id: Number(a.id),
      action: a.action,
      actorRole: a.actor_role,
      at: a.created_at,
    })),
    notes: notes.map(presentNote),
    transfers,
  };
}

/** A note for the rest of staff on the customer's record (never shown to the owner). */
export async function addStaffNote(
  database: Database,
  clock: Clock,
  actor: Actor,
  ownerId: string,
  text: string,
): Promise<StaffNote> {
  authorize(actor, { kind: "customer.act" });
  await customerOf(database, ownerId);
  const at = clock.now();
  const row = {
    id: randomUUID(),
    owner_id: ownerId,
    staff_id: actor.userId,
    staff_role: actor.role,
    staff_number: await staffNumber(database.db, actor, at),
    // Line breaks are kept: a note may list what was said, point by point.
    text: text.replace(/[^\S\n]+/g, " ").trim(),
    at: at.toISOString(),
  };
  await insertStaffNote(database.db, row);
  return presentNote(row);
}

/**
 * Ends every session of the customer, in browsers and apps, and the sign-ins of their TVs and
 * scanners: for an owner who lost a phone or fears someone else is signed in. Each device signs in
 * again with the password. Counted in the audit log, which the owner's activity shows.
 */
export async function endCustomerSessions(
  database: Database,
  clock: Clock,
  actor: Actor,
  ownerId: string,
): Promise<{ sessions: number; devices: number }> {
  authorize(actor, { kind: "customer.act" });
  await customerOf(database, ownerId);
  const at = clock.now();
  return database.db.transaction().execute(async (trx) => {
    const { devices } = await countSignedIn(trx, ownerId, at.toISOString());
    const sessions = await deleteSessionsOf(trx, ownerId);
    await deleteDeviceTokensOf(trx, ownerId);
    await audit(trx, {
      actor,
      action: "account.sessions_ended",
      ownerId,
      subjectType: "user",
      subjectId: ownerId,
      detail: { sessions, devices },
      at,
    });
    return { sessions, devices };
  });
}

/**
 * Sends the customer a new link to confirm their e-mail address, as signing up did: for an owner
 * whose first mail was lost. The owner's inbox is guarded by the per-hour cap every account mail
 * has.
 *
 * @throws Problem 409 `customer.already_verified`
 */
export async function resendVerificationMail(
  database: Database,
  auth: Auth,
  clock: Clock,
  actor: Actor,
  ownerId: string,
): Promise<{ sentTo: string }> {
  authorize(actor, { kind: "customer.act" });
  // The profile names the account's role: one read tells a customer from staff or nobody.
  const profile = await findProfile(database.db, ownerId);
  if (!profile || profile.role !== "customer") throw customerNotFound();
  if (profile.emailVerified)
    throw new Problem(
      "customer.already_verified",
      "The customer has confirmed their e-mail address already.",
    );
  await auth.api.sendVerificationEmail({ body: { email: profile.email, callbackURL: "/signin?verified=1" } });
  await audit(database.db, {
    actor,
    action: "account.verification_mail_sent",
    ownerId,
    subjectType: "user",
    subjectId: ownerId,
    at: clock.now(),
  });
  return { sentTo: profile.email };
}
