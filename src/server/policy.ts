import type { Role } from "../features/accounts/auth.ts";
import type { Actor } from "./actor.ts";
import { forbidden } from "./problem.ts";

/**
 * Who may do what, in one place. Owner-scoped actions also need the resource's owner, so that
 * one customer can never act on another's records.
 */
const STAFF: readonly Role[] = ["agent", "reviewer", "admin"];

export type Action =
  | { kind: "profile.read"; ownerId: string }
  | { kind: "profile.update"; ownerId: string }
  | { kind: "registration.create" }
  | { kind: "registration.read"; ownerId: string }
  | { kind: "registration.change"; ownerId: string }
  | { kind: "discovered.register"; ownerId: string }
  | { kind: "claim.create"; ownerId: string }
  | { kind: "claim.read"; ownerId: string }
  | { kind: "claim.review" }
  | { kind: "repair.create"; ownerId: string }
  | { kind: "repair.read"; ownerId: string }
  | { kind: "repair.answer"; ownerId: string }
  | { kind: "repair.staff" }
  | { kind: "repair.verdict" }
  | { kind: "repair.assign" }
  | { kind: "customer.find" }
  | { kind: "customer.open" }
  | { kind: "customer.read" }
  | { kind: "transfer.read"; requesterId: string; ownerId: string | null }
  | { kind: "transfer.proof"; requesterId: string }
  | { kind: "transfer.answer"; ownerId: string | null }
  | { kind: "transfer.decide" }
  | { kind: "customer.act" }
  | { kind: "staff.manage" }
  | { kind: "consent.read"; ownerId: string }
  | { kind: "consent.answer"; ownerId: string }
  | { kind: "export.own"; ownerId: string }
  | { kind: "account.delete"; ownerId: string }
  | { kind: "content.manage" }
  | { kind: "rewards.manage" }
  | { kind: "dev.mailbox" };

/** @example can(actor, { kind: "profile.read", ownerId: actor.userId }) // true */
export function can(actor: Actor, action: Action): boolean {
  switch (action.kind) {
    case "profile.read":
      return actor.userId === action.ownerId || STAFF.includes(actor.role);
    case "profile.update":
      return actor.userId === action.ownerId || actor.role === "admin";
    case "registration.create":
      return actor.role === "customer";
    case "registration.read":
      return actor.userId === action.ownerId || STAFF.includes(actor.role);
    case "registration.change":
      return actor.userId === action.ownerId;
    case "discovered.register":
      // Only the owner whose app, TV or scan found the device says yes to it.
      return actor.userId === action.ownerId;
    case "claim.create":
      return actor.userId === action.ownerId;
    case "claim.read":
      return actor.userId === action.ownerId || STAFF.includes(actor.role);
    case "claim.review":
      return actor.role === "reviewer" || actor.role === "admin";
    case "repair.create":
      // The owner, or an agent opening it for an owner on the phone.
      return actor.userId === action.ownerId || actor.role === "agent" || actor.role === "admin";
    case "repair.read":
      return actor.userId === action.ownerId || STAFF.includes(actor.role);
    case "repair.answer":
      // A quote, a cancellation, photos and the tracking link are the owner's (or an agent's for them).
      return actor.userId === action.ownerId || actor.role === "agent" || actor.role === "admin";
    case "repair.staff":
      return STAFF.includes(actor.role);
    case "repair.verdict":
      return STAFF.includes(actor.role);
    case "repair.assign":
      // Handing a repair no centre took to one by hand is customer service's work.
      return actor.role === "agent" || actor.role === "admin";
    case "customer.find":
      // Agents act for owners on the phone; reviewers judge claims and need no search.
      return actor.role === "agent" || actor.role === "admin";
    case "customer.open":
      // Staff give a reason to open an owner's records outside an open case; reviewers too, for a claim decided.
      return STAFF.includes(actor.role);
    case "customer.read":
      // The whole record of one customer: customer service's, not a reviewer's (who sees claims).
      return actor.role === "agent" || actor.role === "admin";
    case "transfer.read":
      // The one who asked, the owner asked to answer, and staff.
      return (
        actor.userId === action.requesterId || actor.userId === action.ownerId || STAFF.includes(actor.role)
      );
    case "transfer.proof":
      // The receipt or photo is the asker's: the owner answers without it, staff decide with it.
      return actor.userId === action.requesterId || STAFF.includes(actor.role);
    case "transfer.answer":
      return action.ownerId !== null && actor.userId === action.ownerId;
    case "transfer.decide":
      // A declined or unanswered request is customer service's to decide.
      return actor.role === "agent" || actor.role === "admin";
    case "customer.act":
      // Correcting a purchase date, resending the verification mail, ending sessions, a staff note.
      return actor.role === "agent" || actor.role === "admin";
    case "staff.manage":
      // Staff accounts are the admin's alone.
      return actor.role === "admin";
    case "rewards.manage":
      // The earning rules and the rewards catalogue, with its codes: editors keep them, as they keep the content.
      return actor.role === "editor" || actor.role === "admin";
    case "content.manage":
      // What the portal says to everyone (announcements, the top message, FAQ): editors write it.
      return actor.role === "editor" || actor.role === "admin";
    case "consent.read":
      // The owner's own answers; customer service sees them on the customer record.
      return actor.userId === action.ownerId || actor.role === "agent" || actor.role === "admin";
    case "consent.answer":
      // A consent is the owner's own to give or withdraw: nobody answers for them.
      return actor.userId === action.ownerId;
    case "export.own":
      // A copy of an owner's data is theirs alone to ask for and download.
      return actor.userId === action.ownerId;
    case "account.delete":
      // An owner deletes their own account; staff accounts are the admin's to remove.
      return actor.userId === action.ownerId && actor.role === "customer";
    case "dev.mailbox":
      // From another machine; a browser on the portal's own machine needs no account.
      return actor.role === "admin";
  }
}

/** @example authorize(actor, { kind: "profile.update", ownerId }); */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw forbidden();
}
