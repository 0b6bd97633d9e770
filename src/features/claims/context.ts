import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { FileStorage } from "./storage.ts";

/** What the claims services work with: the database, the config, the time and the file store. */
export interface ClaimsContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
}
