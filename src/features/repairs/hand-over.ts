import { nextRepairStatus } from "../../domain/repair-lifecycle.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import type { RepairsContext } from "./context.ts";
import { LEFT_BY_A_CENTRE, listCentresTaking, type RepairRow, updateRepair } from "./queries.ts";
import { readableRepair } from "./read.ts";
import type { CentreChoice, Repair } from "./schemas.ts";
import { centresThatRejected, readRepairAfterWrite } from "./service.ts";
import { recordRepairStep } from "./steps.ts";

/**
 * A repair no centre took (none served it, or every one turned it down) waits with customer
 * service. An agent talks to the owner and the centres, then hands it to a centre by hand.
 */

const distance = (a: string, b: string) => Math.abs(Number(a) - Number(b));

/**
 * The centres that take the repair's category by its channel, anywhere: those that serve its
 * postcode first, then the nearest; each says whether it turned this repair down already.
 */
export async function centresForRepair(
  ctx: RepairsContext,
  actor: Actor,
  id: string,
): Promise<CentreChoice[]> {
  authorize(actor, { kind: "repair.assign" });
  const row = await readableRepair(ctx, actor, id);
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: row.owner_id, what: "repair-centres", subjectId: id },
    ctx.clock.now(),
  );
  return choicesFor(ctx, row);
}

async function choicesFor(ctx: RepairsContext, row: RepairRow): Promise<CentreChoice[]> {
  const [coverage, rejected] = await Promise.all([
    listCentresTaking(ctx.database.db, row.category_code, row.channel),
    centresThatRejected(ctx.database.db, row.id),
  ]);
  const byCentre = new Map<string, CentreChoice>();
  for (const c of coverage) {
    const serves = c.postcode_from <= row.postal_code && row.postal_code <= c.postcode_to;
    const known = byCentre.get(c.id);
    byCentre.set(c.id, {
      id: c.id,
      name: c.name,
      postalCode: c.postal_code,
      city: c.city,
      servesPostcode: (known?.servesPostcode ?? false) || serves,
      turnedDown: rejected.includes(c.id),
    });
  }
  return [...byCentre.values()].sort(
    (a, b) =>
      Number(b.servesPostcode) - Number(a.servesPostcode) ||
      distance(a.postalCode, row.postal_code) - distance(b.postalCode, row.postal_code) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Hands a repair waiting with customer service to a centre the agent chose, one that takes its
 * category by its channel (a centre that turned it down may take it after all, once asked). The
 * repair is requested again from that centre, and the owner is told.
 */
export async function handOverRepair(
  ctx: RepairsContext,
  actor: Actor,
  id: string,
  input: { centreId: string; note?: string | undefined },
): Promise<Repair> {
  authorize(actor, { kind: "repair.assign" });
  const row = await readableRepair(ctx, actor, id);
  const move = nextRepairStatus(row.status, "requested", "routing");
  if (row.status !== "with-customer-service" || !move.ok)
    throw new Problem(
      "repair.status_not_allowed",
      `A repair that is ${row.status} is not customer service's to hand over.`,
      {
        status: row.status,
        allowed: [],
      },
    );
  const centre = (await choicesFor(ctx, row)).find((c) => c.id === input.centreId);
  if (!centre)
    throw new Problem(
      "repair.centre_unsuitable",
      "Choose a centre that takes this product by this way of repair.",
      {},
    );
  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateRepair(
      trx,
      row.id,
      { status: row.status, centreId: row.centre_id },
      {
        status: "requested",
        status_at: at.toISOString(),
        centre_id: centre.id,
        updated_at: at.toISOString(),
        ...LEFT_BY_A_CENTRE,
      },
    );
    if (!changed)
      throw new Problem("repair.changed", "The repair changed meanwhile; reload it and try again.");
    await recordRepairStep(
      trx,
      ctx,
      { person: actor },
      { ...row, status: "requested" },
      {
        kind: "handed-over",
        status: "requested",
        mail: "handed-over",
        occurredAt: at,
        // Not `note`: that one the owner reads in the history. This one is for staff and the audit log.
        detail: { centre: centre.id, ...(input.note ? { staffNote: input.note } : {}) },
      },
    );
  });
  return readRepairAfterWrite(ctx, row.id);
}
