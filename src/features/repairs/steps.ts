import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { RepairStatus } from "../../domain/repair-lifecycle.ts";
import { isLocale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import { audit } from "../audit/service.ts";
import { enqueueMail } from "../outbox/mail.ts";
import type { RepairsContext } from "./context.ts";
import { findRepairRecipient, insertRepairEvent, type RepairRow } from "./queries.ts";

/**
 * What every change of a repair leaves behind, in the change's transaction (so only a change
 * that committed): an event in its history (the product's timeline and My Page read it), a line in
 * the audit log, and a mail to the owner through the outbox, so a mail that fails is sent again
 * and never undoes the change.
 */

type Db = Kysely<Tables>;

/** Who made a change: a person (owner, agent, reviewer), a service partner, or the portal itself. */
export type RepairActor = { person: Actor } | { partnerId: string } | { portal: true };

export interface RepairStep {
  kind: string;
  status: RepairStatus | null;
  /** What the owner is told in the mail, when the change is one they hear of. */
  mail: "status" | "delay" | "handed-over" | null;
  occurredAt: Date;
  detail?: Record<string, unknown>;
  /** A partner's event is recorded by the partner route itself, under its own id. */
  recordEvent?: boolean;
}

function actorName(actor: RepairActor): string {
  if ("person" in actor)
    return actor.person.userId === null
      ? "portal"
      : actor.person.role === "customer"
        ? "owner"
        : actor.person.role;
  return "partnerId" in actor ? "partner" : "portal";
}

export async function recordRepairStep(
  db: Db,
  ctx: RepairsContext,
  actor: RepairActor,
  repair: Pick<
    RepairRow,
    "id" | "owner_id" | "request_number" | "registration_id" | "name_nb" | "name_en"
  > & {
    status: RepairStatus;
    delay: string | null;
  },
  step: RepairStep,
): Promise<void> {
  const at = ctx.clock.now();
  if (step.recordEvent !== false) {
    await insertRepairEvent(db, {
      repair_id: repair.id,
      actor: actorName(actor),
      kind: step.kind,
      status: step.status,
      applied: true,
      occurred_at: step.occurredAt.toISOString(),
      recorded_at: at.toISOString(),
      partner_id: "partnerId" in actor ? actor.partnerId : null,
      partner_event_id: null,
      detail: step.detail ? JSON.stringify(step.detail) : null,
      answer: null,
    });
  }
  await audit(db, {
    actor:
      "person" in actor ? actor.person : { userId: null, role: "partnerId" in actor ? "service" : "system" },
    action: `repair.${step.kind}`,
    ownerId: repair.owner_id,
    subjectType: "repair",
    subjectId: repair.id,
    at,
    detail: {
      ...(step.status ? { status: step.status } : {}),
      ...("partnerId" in actor ? { partner: actor.partnerId } : {}),
      ...(step.detail ?? {}),
    },
  });
  if (step.mail)
    await mailOwner(
      db,
      ctx,
      repair,
      step.mail === "delay"
        ? `delay_${repair.delay ?? "none"}`
        : step.mail === "handed-over"
          ? step.mail
          : repair.status,
    );
}

/** ICU selectors cannot hold hyphens. */
const selector = (value: string) => value.replaceAll("-", "_");

async function mailOwner(
  db: Db,
  ctx: RepairsContext,
  repair: { id: string; owner_id: string; request_number: string; name_nb: string; name_en: string },
  what: string,
) {
  const owner = await findRepairRecipient(db, repair.owner_id);
  const locale = isLocale(owner.locale) ? owner.locale : "nb";
  await enqueueMail(
    { db },
    {
      to: owner.email,
      locale,
      template: "repair-update",
      values: {
        name: owner.name,
        product: locale === "nb" ? repair.name_nb : repair.name_en,
        number: repair.request_number,
        what: selector(what),
        url: `${ctx.config.publicUrl}/repairs/${repair.id}`,
      },
      at: ctx.clock.now(),
    },
  );
}
