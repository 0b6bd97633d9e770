/**
 * What My Page shows beyond the owner's own records, for the scale benchmark: what editors wrote
 * (the demo's top message, announcements and FAQ on both portals; on the full one also years of
 * announcements that have ended and live ones for other audiences), the recommendations consent of
 * the measured owners, and the co-ownership counts of every registration, as registering one by
 * one would have kept them.
 */
import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { newRowId } from "../src/db/row-id.ts";
import { systemClock } from "../src/domain/clock.ts";
import { TEXT_VERSIONS } from "../src/domain/consent.ts";
import { localDiskStorage } from "../src/features/claims/storage.ts";
import { insertConsentEvents } from "../src/features/consents/queries.ts";
import { loadDemoContent } from "../src/features/content/demo.ts";
import { recountCoOwnership } from "../src/features/recommendations/queries.ts";

/** Announcements a portal has run and ended, on the full portal: what editors write in some years. */
const ENDED_ANNOUNCEMENTS = 5000;
/** Live announcements for audiences the measured owners are not in (other models, another country). */
const OTHERS_ANNOUNCEMENTS = 60;
const DAY_MS = 86_400_000;
/** Rows per INSERT: 21 columns each, within both databases' limit of bound values. */
const ROWS_PER_INSERT = 500;

function announcement(i: number, startsAt: Date, endsAt: Date, audience: string, value: string | null) {
  const at = startsAt.toISOString();
  return {
    id: newRowId(startsAt.getTime()),
    kind: "announcement",
    status: "published",
    title_nb: `Nyhet ${i}`,
    title_en: `News ${i}`,
    body_nb: "Noe nytt for eierne.",
    body_en: "Something new for owners.",
    link_url: null,
    link_label_nb: null,
    link_label_en: null,
    image_id: null,
    image_alt_nb: null,
    image_alt_en: null,
    audience,
    audience_value: value,
    starts_at: at,
    ends_at: endsAt.toISOString(),
    published_at: at,
    created_by: null,
    created_at: at,
    updated_at: at,
  };
}

export async function seedFrontDoor(
  database: Database,
  config: Config,
  seededAt: Date,
  measuredOwners: readonly string[],
  full: boolean,
): Promise<void> {
  await loadDemoContent(database, localDiskStorage(config.filesDir), systemClock);
  if (full) {
    const rows = [];
    for (let i = 0; i < ENDED_ANNOUNCEMENTS; i++) {
      const starts = new Date(seededAt.getTime() - (3 * 365 - i / 5) * DAY_MS);
      rows.push(announcement(i, starts, new Date(starts.getTime() + 30 * DAY_MS), "everyone", null));
    }
    for (let i = 0; i < OTHERS_ANNOUNCEMENTS; i++) {
      const starts = new Date(seededAt.getTime() - (i + 2) * DAY_MS);
      const ends = new Date(seededAt.getTime() + 365 * DAY_MS);
      rows.push(
        i % 2 === 0
          ? announcement(ENDED_ANNOUNCEMENTS + i, starts, ends, "country", "SE")
          : announcement(ENDED_ANNOUNCEMENTS + i, starts, ends, "model", `NO-SUCH-MODEL-${i}`),
      );
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await database.db
        .insertInto("content_item")
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
  }
  // The measured owners said yes to suggestions, so My Page reads their recommendations too.
  const at = new Date(seededAt.getTime() - DAY_MS);
  await insertConsentEvents(
    database.db,
    measuredOwners.map((ownerId) => ({
      ownerId,
      purpose: "recommendations" as const,
      given: true,
      textVersion: TEXT_VERSIONS.recommendations,
      source: "web" as const,
      at,
    })),
  );
  // The counts registering keeps (src/features/registration/owned-models.ts), for every owner at once.
  await recountCoOwnership(database.db);
}
