import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import type { Database, DialectName } from "./database.ts";
import { foundation } from "./migrations/2026-11-25-01-foundation.ts";
import { catalogue } from "./migrations/2026-11-25-02-catalogue.ts";
import { registration } from "./migrations/2026-11-25-03-registration.ts";
import { importSeen } from "./migrations/2026-11-25-04-import-seen.ts";
import { purchaseConfirmation } from "./migrations/2026-11-25-05-purchase-confirmation.ts";
import { calendarFeed } from "./migrations/2026-11-25-06-calendar-feed.ts";
import { warrantyClaim } from "./migrations/2026-11-25-07-warranty-claim.ts";
import { appConsent } from "./migrations/2026-11-25-08-app-consent.ts";
import { webhookEvent } from "./migrations/2026-11-25-09-webhook-event.ts";
import { deviceAuthorization } from "./migrations/2026-11-25-10-device-authorization.ts";
import { signInFailure } from "./migrations/2026-12-01-01-sign-in-failure.ts";
import { claimOpenUnique } from "./migrations/2026-12-01-02-claim-open-unique.ts";
import { deviceToken } from "./migrations/2026-12-01-03-device-token.ts";
import { scaleIndexes } from "./migrations/2026-12-02-01-scale-indexes.ts";
import { warrantyReminder } from "./migrations/2026-12-02-02-warranty-reminder.ts";
import { claimQueueIndex } from "./migrations/2026-12-02-03-claim-queue-index.ts";
import { pointsOwnerIndex } from "./migrations/2026-12-02-04-points-owner-index.ts";
import { pointsModel } from "./migrations/2026-12-02-05-points-model.ts";
import { claimOpenQueueIndex } from "./migrations/2026-12-02-06-claim-open-queue-index.ts";
import { claimQueueCovering } from "./migrations/2026-12-02-07-claim-queue-covering.ts";
import { repairs } from "./migrations/2026-12-02-08-repairs.ts";
import { customerSearch } from "./migrations/2026-12-02-09-customer-search.ts";
import { accessLog } from "./migrations/2026-12-03-01-access-log.ts";
import { customerRecord } from "./migrations/2026-12-03-02-customer-record.ts";
import { transfers } from "./migrations/2026-12-03-03-transfers.ts";
import { staffIndex } from "./migrations/2026-12-03-04-staff-index.ts";
import { repairUnitIndex } from "./migrations/2026-12-03-05-repair-unit-index.ts";
import { consents } from "./migrations/2026-12-03-06-consents.ts";
import { dataExport } from "./migrations/2026-12-03-07-data-export.ts";
import { accountErasure } from "./migrations/2026-12-03-08-account-erasure.ts";
import { coverages } from "./migrations/2026-12-04-01-coverages.ts";
import { lookupClients } from "./migrations/2026-12-04-02-lookup-clients.ts";
import { postcodes } from "./migrations/2026-12-06-01-postcodes.ts";
import { content } from "./migrations/2026-12-06-02-content.ts";
import { recommendations } from "./migrations/2026-12-06-03-recommendations.ts";
import { rewards } from "./migrations/2026-12-06-04-rewards.ts";

export interface Migration {
  /** Date-prefixed, so the order is the order of names. */
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Forward only: there are no `down` migrations. Add new ones to the end of this list. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  catalogue,
  registration,
  importSeen,
  purchaseConfirmation,
  calendarFeed,
  warrantyClaim,
  appConsent,
  webhookEvent,
  deviceAuthorization,
  signInFailure,
  claimOpenUnique,
  deviceToken,
  scaleIndexes,
  warrantyReminder,
  claimQueueIndex,
  pointsOwnerIndex,
  pointsModel,
  claimOpenQueueIndex,
  claimQueueCovering,
  repairs,
  customerSearch,
  accessLog,
  customerRecord,
  transfers,
  staffIndex,
  repairUnitIndex,
  consents,
  dataExport,
  accountErasure,
  coverages,
  lookupClients,
  postcodes,
  content,
  recommendations,
  rewards,
];

export class MigrationError extends Error {}

/**
 * Applies every migration not yet applied, in one transaction each where the database allows.
 *
 * @example
 * await migrateToLatest(await openDatabase("sqlite::memory:"));
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          MIGRATIONS.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, database.dialect) }]),
        );
      },
    },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`Migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
