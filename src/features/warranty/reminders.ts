import { setTimeout as pause, setImmediate as yieldToRequests } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { type CalendarDate, todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { reminderDateAfterRun } from "../../domain/reminder-schedule.ts";
import { type ReminderPeriod, reminderDue } from "../../domain/warranty.ts";
import { isLocale, type Locale } from "../../messages/catalog.ts";
import { withLease } from "../jobs/service.ts";
import { enqueueMail } from "../outbox/mail.ts";
import {
  deleteReminderDates,
  listDueReminders,
  listProductsWithOwners,
  saveReminderDates,
} from "./queries.ts";
import type { WarrantyEstimate } from "./schemas.ts";
import { reminderEnds, reminderPeriodsOf, warrantiesOf } from "./service.ts";

/** Rows read and written per transaction; between two batches the event loop serves requests. */
export const REMINDER_BATCH = 200;
/** The run renews its lease between batches; an instance that died frees the job after this. */
const LEASE_MS = 5 * 60_000;
export const REMINDER_JOB = "warranty-reminders";

/** What one reminder run did. */
export interface ReminderRun {
  /** False when another run (on this or another instance) held the lease: nothing was read. */
  leased: boolean;
  /** Reminder rows read: those due, never the others. */
  visited: number;
  batches: number;
  /** Reminder mails put in the outbox (the nearest threshold of each period due). */
  queued: number;
  /** Rows moved to the day their next reminder is due. */
  advanced: number;
  /** Rows removed: no reminder left, or the registration was removed. */
  finished: number;
  /**
   * True when the run stopped midway: the lease was lost (another holder took it over), or it was
   * asked to stop (`signal`, when the server shuts down). What is left is due again next run.
   */
  interrupted: boolean;
}

export interface ReminderRunOptions {
  batchSize?: number;
  /**
   * How long to wait between batches; by default one turn of the event loop. On SQLite a batch
   * holds the event loop while it runs (about 16 ms for 200 rows due with nothing to send, measured
   * on a loaded 2-core machine), so a pause sets the share of time the run takes from requests.
   */
  pauseMs?: number;
  /**
   * The most of the run's time its batches may take, from 0 to 1: after a batch that took `d` ms
   * the run waits at least `d × (1 − share) / share` ms (and `pauseMs`), so the run's share of a
   * core stays at this whatever a batch costs on the machine. By default the pause alone counts.
   */
  share?: number;
  /** The lease holder's name; by default one of its own per run. */
  holder?: string;
  log?: { info(fields: object, message: string): void };
  /** Once aborted, the run stops after the batch it is in and gives up its lease. */
  signal?: AbortSignal;
}

/** The pause after a batch that took `tookMs`: the fixed pause, or longer to keep the run's share. */
export function pauseAfter(tookMs: number, options: Pick<ReminderRunOptions, "pauseMs" | "share">): number {
  const { share } = options;
  const forShare = share && share > 0 && share < 1 ? (tookMs * (1 - share)) / share : 0;
  return Math.max(options.pauseMs ?? 0, forShare);
}

type ProductWithOwner = Awaited<ReturnType<typeof listProductsWithOwners>>[number];

/** Made once: building an Intl formatter costs far more than using one, and a run formats thousands. */
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat("nb-NO", { dateStyle: "long", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
};

/**
 * Puts a reminder mail in the outbox for each product whose coverage (base, registration bonus,
 * extended, repair) or statutory period ends within a configured threshold, and one a configured
 * number of days after it ended saying what the owner can still do (B5), reading only the registrations whose stored
 * date has come (`warranty_reminder`, on its date index), in batches with a pause for requests
 * between them, on one instance at a time (a lease in the database). Each product's coverage is
 * computed again from today's facts, and its row moves to the day its next reminder is due, or
 * goes when none remains.
 *
 * Every (registration, period, end date, threshold) has one dedupe key in the outbox, so a
 * reminder is sent once however often this runs, across restarts. When several thresholds are due
 * at once (a product registered late) only the nearest is sent; the others are marked as sent.
 * What is due is decided on today's date by the clock, in the portal's time zone.
 *
 * @example
 * const run = await runReminders(database, config, systemClock, { batchSize: 200 });
 * run.visited; // rows read, all of them due
 */
export async function runReminders(
  database: Database,
  config: Config,
  clock: Clock,
  options: ReminderRunOptions = {},
): Promise<ReminderRun> {
  const started = performance.now();
  const batchSize = options.batchSize ?? REMINDER_BATCH;
  const run: ReminderRun = {
    leased: false,
    visited: 0,
    batches: 0,
    queued: 0,
    advanced: 0,
    finished: 0,
    interrupted: false,
  };
  const leased = await withLease(
    database,
    clock,
    { name: REMINDER_JOB, ttlMs: LEASE_MS, ...(options.holder ? { holder: options.holder } : {}) },
    async (lease) => {
      run.leased = true;
      const today = todayIn(config.timeZone, clock.now());
      let after: { dueOn: string; registrationId: string } | null = null;
      for (;;) {
        const batchStarted = performance.now();
        const batch = await database.db
          .transaction()
          .execute((trx) =>
            remindBatch(trx, database.dialect === "postgres", config, clock, today, after, batchSize),
          );
        run.batches++;
        run.visited += batch.visited;
        run.queued += batch.queued;
        run.advanced += batch.advanced;
        run.finished += batch.finished;
        // A short batch was the last: whatever is due now was read.
        if (!batch.last || batch.visited < batchSize) return;
        after = batch.last;
        const wait = pauseAfter(performance.now() - batchStarted, options);
        await (wait > 0 ? pause(wait) : yieldToRequests());
        if (options.signal?.aborted || !(await lease.renew())) {
          run.interrupted = true;
          return;
        }
      }
    },
  );
  if (!leased.held) {
    options.log?.info(
      { holder: leased.holder, until: leased.until },
      "reminder run skipped: another run holds it",
    );
    return run;
  }
  options.log?.info({ ...run, ms: Math.round(performance.now() - started) }, "reminder run finished");
  return run;
}

/**
 * One batch in one transaction: the next due rows (locked on PostgreSQL, so a change of coverage
 * meanwhile waits and then stores its own date), their products and owners, the mails, and each
 * row's next date. `last` is null when there was nothing left to read.
 */
async function remindBatch(
  trx: Kysely<Tables>,
  lock: boolean,
  config: Config,
  clock: Clock,
  today: CalendarDate,
  after: { dueOn: string; registrationId: string } | null,
  batchSize: number,
) {
  const due = await listDueReminders(trx, today, after, batchSize, lock);
  const lastRow = due.at(-1);
  if (!lastRow) return { visited: 0, queued: 0, advanced: 0, finished: 0, last: null };
  const now = clock.now();
  const products = await listProductsWithOwners(
    trx,
    due.map((r) => r.registration_id),
  );
  const warranties = await warrantiesOf(trx, config, products, now);
  let queued = 0;
  const dates: { registrationId: string; dueOn: string }[] = [];
  for (const product of products) {
    const warranty = warranties.get(product.id);
    if (!warranty) continue;
    queued += await queueReminders(trx, config, now, today, product, warranty);
    const next = reminderDateAfterRun(
      reminderEnds(warranty),
      config.reminderThresholdsDays,
      today,
      config.reminderAfterDays,
    );
    if (next) dates.push({ registrationId: product.id, dueOn: next });
  }
  const advanced = new Set(dates.map((d) => d.registrationId));
  const finished = due.map((r) => r.registration_id).filter((id) => !advanced.has(id));
  await saveReminderDates(trx, dates);
  await deleteReminderDates(trx, finished);
  return {
    visited: due.length,
    queued,
    advanced: dates.length,
    finished: finished.length,
    last: { dueOn: lastRow.due_on, registrationId: lastRow.registration_id },
  };
}

/**
 * What the owner can still do once a period has ended, for the mail after it: another coverage
 * runs (until its end), the right to complain runs (until its end), or neither.
 */
function afterEnd(warranty: WarrantyEstimate, ended: ReminderPeriod) {
  const running = warranty.coverages
    .filter((c) => c.key !== ended.key && c.status !== "ended")
    .map((c) => c.end)
    .sort();
  const until = running.at(-1);
  if (until) return { next: "covered", until } as const;
  const statutory = warranty.statutory;
  if (ended.kind !== "statutory" && statutory && statutory.status !== "ended")
    return { next: "complaint", until: statutory.end } as const;
  return { next: "none", until: null } as const;
}

/** The reminder mails of one product due today, in its owner's language; the number queued. */
async function queueReminders(
  trx: Kysely<Tables>,
  config: Config,
  now: Date,
  today: CalendarDate,
  row: ProductWithOwner,
  warranty: WarrantyEstimate,
): Promise<number> {
  const locale: Locale = isLocale(row.owner_locale) ? row.owner_locale : "nb";
  const format = (day: string) => DATE_FORMATS[locale].format(new Date(`${day}T00:00:00Z`));
  const product = row.nickname ?? (locale === "nb" ? row.name_nb : row.name_en);
  const url = `${config.publicUrl}/products/${row.id}`;
  let queued = 0;
  for (const period of reminderPeriodsOf(warranty)) {
    const due = reminderDue(period.end, today, config.reminderThresholdsDays, config.reminderAfterDays);
    for (const [i, threshold] of due.entries()) {
      const after = threshold < 0;
      // Message selectors take no hyphen: registration-bonus is registrationBonus there.
      const kind = period.kind === "registration-bonus" ? "registrationBonus" : period.kind;
      const values = after
        ? (() => {
            const { next, until } = afterEnd(warranty, period);
            return {
              name: row.owner_name,
              kind,
              product,
              date: format(period.end),
              next,
              until: until ? format(until) : "",
              url,
            };
          })()
        : {
            name: row.owner_name,
            kind,
            product,
            date: format(period.end),
            days: Math.max(0, Math.round((Date.parse(period.end) - Date.parse(today)) / 86_400_000)),
            url,
          };
      const sent = await enqueueMail(
        { db: trx },
        {
          to: row.owner_email,
          locale,
          template: after ? "warranty-ended" : "warranty-reminder",
          at: now,
          values,
          dedupeKey: `reminder:${row.id}:${period.key}:${period.end}:${after ? `after${-threshold}` : threshold}`,
          suppressed: i > 0,
        },
      );
      if (sent && i === 0) queued++;
    }
  }
  return queued;
}
