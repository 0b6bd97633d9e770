import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import { type Tables, toInstant } from "../../db/tables.ts";

const registeredUnit = prepared((db, serial: string) =>
  db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user", "user.id", "registration.owner_id")
    .select([
      "registration.id",
      "registration.unit_serial",
      "registration.registered_at",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
      "user.email as owner_email",
    ])
    .where("registration.unit_serial", "=", serial)
    .where("registration.removed_at", "is", null),
);

/** The unit's active registration with its product and owner, if it has one. */
export async function findRegisteredUnit(db: Kysely<Tables>, serial: string) {
  const [row] = await registeredUnit(db, serial);
  return row ? { ...row, registered_at: toInstant(row.registered_at) } : undefined;
}
