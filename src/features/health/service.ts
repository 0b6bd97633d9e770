import type { Database } from "../../db/database.ts";
import { pingDatabase } from "./queries.ts";
import type { Readiness } from "./schemas.ts";

/** Ready when the database answers; a load balancer stops sending requests while it does not. */
export async function readiness(database: Database): Promise<Readiness> {
  try {
    await pingDatabase(database.db);
    return { status: "ready", database: database.dialect };
  } catch {
    return { status: "unavailable", database: database.dialect };
  }
}
