import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";

/**
 * Records a device found by the smart-home app, a TV or a Wi-Fi scan under the owner's
 * Unregistered products. It is offered for one-click registration only when it is ours, not made
 * by a partner factory, and its serial names a unit in the registry.
 */
export async function upsertDiscovered(
  db: Kysely<Tables>,
  input: {
    ownerId: string;
    source: "smarthome" | "wifi" | "tv";
    externalId: string;
    serial: string | null | undefined;
    model: string | null | undefined;
    name: string | null | undefined;
    ours: boolean;
    oem: boolean;
    at: string;
  },
): Promise<{ offered: boolean }> {
  const serial = input.serial ? normalizeIdentifier(input.serial) : null;
  const unit = serial
    ? await db
        .selectFrom("unit")
        .select(["serial", "model_code"])
        .where("serial", "=", serial)
        .executeTakeFirst()
    : undefined;
  const offered = input.ours && !input.oem && unit !== undefined;
  const row = {
    unit_serial: unit?.serial ?? serial,
    model_code: unit?.model_code ?? input.model ?? null,
    display_name: input.name ?? null,
    offered,
    discovered_at: input.at,
    removed_at: null,
  };
  await db
    .insertInto("discovered_device")
    .values({
      id: randomUUID(),
      owner_id: input.ownerId,
      source: input.source,
      external_id: input.externalId,
      ...row,
    })
    .onConflict((oc) => oc.columns(["owner_id", "source", "external_id"]).doUpdateSet(row))
    .execute();
  return { offered };
}
