import { ConfigError } from "../config/config.ts";
import { DatabaseOpenError } from "../db/database.ts";
import { MigrationError } from "../db/migrate.ts";

/** Start-up failures the operator can fix get one sentence, not a stack trace. */
export function exitWithReason(error: unknown): never {
  const known =
    error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof MigrationError;
  if (known) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
    process.stderr.write(`The port is already in use: ${error.message}. Set PORT to a free port.\n`);
  } else {
    process.stderr.write(
      `Owner Portal could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}
