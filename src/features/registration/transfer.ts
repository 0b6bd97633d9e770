import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { identificationProblem, identify } from "./identify.ts";
import { activeRegistrationOfUnit, insertTransferRequest } from "./queries.ts";
import { alreadyYours } from "./register.ts";

/**
 * Records that the owner asks customer service to move a product registered elsewhere to them
 * (B8). One open request per owner and unit: asking again returns the open one. The answer never
 * says who holds the product now.
 *
 * @throws Problem `transfer.not_needed` when nobody holds it, `registration.already_yours` when the
 *   owner does, or an identification problem
 */
export async function requestTransfer(
  database: Database,
  clock: Clock,
  actor: Actor,
  identifier: string,
  note: string | undefined,
) {
  authorize(actor, { kind: "registration.create" });
  const found = await identify(database.db, identifier, undefined);
  if (!found.ok) throw identificationProblem(found.check);
  const active = await activeRegistrationOfUnit(database.db, found.unit.serial);
  if (!active) {
    throw new Problem(
      "transfer.not_needed",
      "This product is not registered to anyone: register it yourself.",
    );
  }
  if (active.owner_id === actor.userId) throw alreadyYours(active.id);
  const at = clock.now();
  const request = await database.db.transaction().execute(async (trx) => {
    const created = await insertTransferRequest(
      trx,
      found.unit.serial,
      actor.userId,
      note ?? null,
      at.toISOString(),
    );
    await audit(trx, {
      actor,
      action: "transfer.requested",
      ownerId: active.owner_id,
      subjectType: "unit",
      subjectId: found.unit.serial,
      detail: { requestId: created.id },
      at,
    });
    return created;
  });
  return { id: request.id, status: "open" as const, createdAt: request.createdAt };
}
