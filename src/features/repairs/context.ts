import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { FileStorage } from "../claims/storage.ts";

/** What the repair services work with: the database, the config, the time and the file store. */
export interface RepairsContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
}
