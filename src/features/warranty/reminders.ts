import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type CalendarDate, todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { reminderDue } from "../../domain/warranty.ts";
import { isLocale, type Locale } from "../../messages/catalog.ts";
import { enqueueMail } from "../outbox/mail.ts";
import { listProductsWithOwners } from "./queries.ts";
import { warrantiesOf } from "./service.ts";

const PAGE = 500;

/**
 * Puts a reminder mail in the outbox for each product whose manufacturer's warranty or statutory
 * period ends within a configured threshold (B5). Every (registration, period, end date,
 * threshold) has one dedupe key in the outbox, so a reminder is sent once however often this
 * runs, from however many instances, across restarts. When several thresholds are due at once
 * (a product registered late) only the nearest is sent; the others are marked as sent. What is
 * due is decided on today's date by the clock, in the portal's time zone.
 *
 * @example
 * const queued = await queueDueReminders(database, config, systemClock);
 */
export async function queueDueReminders(database: Database, config: Config, clock: Clock): Promise<number> {
  const now = clock.now();
  const today = todayIn(config.timeZone, now);
  let queued = 0;
  let after = "";
  for (;;) {
    const rows = await listProductsWithOwners(database.db, after, PAGE);
    if (rows.length === 0) return queued;
    after = rows[rows.length - 1]?.id ?? after;
    const warranties = await warrantiesOf(database.db, config, rows, now);
    for (const row of rows) {
      const warranty = warranties.get(row.id);
      if (!warranty) continue;
      const locale: Locale = isLocale(row.owner_locale) ? row.owner_locale : "nb";
      const periods = [
        { kind: "manufacturer", end: warranty.manufacturer?.end },
        { kind: "statutory", end: warranty.statutory?.end },
      ] as const;
      for (const period of periods) {
        if (!period.end) continue;
        const due = reminderDue(period.end as CalendarDate, today, config.reminderThresholdsDays);
        for (const [i, threshold] of due.entries()) {
          const sent = await enqueueMail(database, {
            to: row.owner_email,
            locale,
            template: "warranty-reminder",
            at: now,
            values: {
              name: row.owner_name,
              kind: period.kind,
              product: row.nickname ?? (locale === "nb" ? row.name_nb : row.name_en),
              date: new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", {
                dateStyle: "long",
                timeZone: "UTC",
              }).format(new Date(`${period.end}T00:00:00Z`)),
              days: Math.max(0, Math.round((Date.parse(period.end) - Date.parse(today)) / 86_400_000)),
              url: `${config.publicUrl}/products/${row.id}`,
            },
            dedupeKey: `reminder:${row.id}:${period.kind}:${period.end}:${threshold}`,
            suppressed: i > 0,
          });
          if (sent && i === 0) queued++;
        }
      }
    }
  }
}

/** Runs the reminder queue on a timer in this process; several instances may run it at once. */
export function startReminderTimer(
  database: Database,
  config: Config,
  clock: Clock,
  onError: (error: unknown) => void,
): () => void {
  const run = () => queueDueReminders(database, config, clock).catch(onError);
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, config.reminderIntervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
