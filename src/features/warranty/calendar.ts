import { randomBytes } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatMessage, isLocale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import { notFound } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { type CalendarEvent, toIcs } from "./ics.ts";
import {
  deleteCalendarFeed,
  findCalendarFeed,
  findCalendarToken,
  insertCalendarToken,
  listOwnerProducts,
  saveCalendarToken,
} from "./queries.ts";
import type { CalendarLink } from "./schemas.ts";
import { warrantiesOf } from "./service.ts";

/*
 * The owner's private calendar feed (B5): a link made on first use, a new link that stops the
 * old one, no link; and the feed itself, which calendar apps read with the token alone.
 */

function newToken(): string {
  return randomBytes(24).toString("base64url");
}

function linkOf(config: Config, token: string): CalendarLink {
  return { url: `${config.publicUrl}/calendar/${token}.ics` };
}

/** The owner's link; the first call makes it, and two first calls at once get the same one. */
export async function calendarLink(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
): Promise<CalendarLink> {
  const existing = await findCalendarToken(database.db, actor.userId);
  if (existing) return linkOf(config, existing);
  await insertCalendarToken(database.db, actor.userId, newToken(), clock.now());
  return linkOf(config, (await findCalendarToken(database.db, actor.userId)) as string);
}

/** A new link for the owner; the old one stops working at once. */
export async function replaceCalendarLink(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
): Promise<CalendarLink> {
  const token = newToken();
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await saveCalendarToken(trx, actor.userId, token, at);
    await audit(trx, {
      actor,
      action: "calendar.rotated",
      ownerId: actor.userId,
      subjectType: "calendar",
      subjectId: null,
      at,
    });
  });
  return linkOf(config, token);
}

export async function turnOffCalendar(database: Database, actor: Actor): Promise<void> {
  await deleteCalendarFeed(database.db, actor.userId);
}

/**
 * The feed a token opens, as RFC 5545 text: the end of every coverage (base, registration bonus,
 * extended, repair) and of the statutory period of each registered product, in the owner's language.
 */
export async function calendarFeed(
  database: Database,
  config: Config,
  clock: Clock,
  token: string,
): Promise<string> {
  const feed = await findCalendarFeed(database.db, token);
  if (!feed) throw notFound("calendar");
  const locale = isLocale(feed.locale) ? feed.locale : "nb";
  const now = clock.now();
  const products = await listOwnerProducts(database.db, feed.ownerId);
  const warranties = await warrantiesOf(database.db, config, products, now);
  const events = products.flatMap((product): CalendarEvent[] => {
    const warranty = warranties.get(product.id);
    const name = product.nickname ?? (locale === "nb" ? product.name_nb : product.name_en);
    const url = `${config.publicUrl}/products/${product.id}`;
    const periods = [
      ...(warranty?.coverages ?? []).map((c) => ({
        uid: c.key.replace(/[^A-Za-z0-9-]/g, "-"),
        end: c.end,
        key: `calendar.event.${c.kind}` as const,
      })),
      ...(warranty?.statutory
        ? [{ uid: "statutory", end: warranty.statutory.end, key: "calendar.event.statutory" as const }]
        : []),
    ];
    return periods.map(
      (period): CalendarEvent => ({
        uid: `${product.id}-${period.uid}@owner-portal`,
        date: period.end,
        summary: formatMessage(locale, period.key, { product: name }),
        url,
      }),
    );
  });
  return toIcs(formatMessage(locale, "app.name"), events, now);
}
