import { DEMO_OWNER, hasDemoData, loadDemoData } from "../cli/demo-data.ts";
import { loadConfig } from "../config/config.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { createAuth } from "../features/accounts/auth.ts";
import { localDiskStorage } from "../features/claims/storage.ts";
import { buildApp } from "./app.ts";
import { exitWithReason } from "./exit.ts";

/** `npm start`: open the database, migrate, load demo data on a first demo start, serve. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database);
  let demoLoaded = false;
  if (config.demoMode && !(await hasDemoData(database))) {
    await loadDemoData(createAuth(config, database), database, {
      units: config.demoDataUnits,
      storage: localDiskStorage(config.filesDir),
    });
    demoLoaded = true;
  }
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  if (applied.length > 0) app.log.info({ migrations: applied }, "migrations applied");

  const lines = [
    "",
    `  Owner Portal is running at ${config.publicUrl}`,
    `  Database: ${database.dialect} (${database.location})${demoLoaded ? ", demo data loaded" : ""}`,
    `  API documentation: ${config.publicUrl}/api/docs`,
  ];
  if (config.demoMode) {
    lines.push(
      `  Demo owner: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
      `  Demo mailbox (mails are kept, not sent): ${config.publicUrl}/dev/mail`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      await app.close();
      await database.close();
      process.exit(0);
    });
  }
}

main().catch(exitWithReason);
