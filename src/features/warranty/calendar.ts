import { randomBytes } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { formatMessage, isLocale } from "../../messages/catalog.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { notFound } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { listRegistrations } from "../registration/queries.ts";
import { warrantiesOf } from "../registration/service.ts";
import { toIcs } from "./ics.ts";

const feedSchema = z.object({
  url: z.string().meta({ description: "Private: anyone with it can read these dates." }),
});

function feedUrl(config: Config, token: string) {
  return `${config.publicUrl}/calendar/${token}.ics`;
}

async function newToken(database: Database, ownerId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await database.db
    .insertInto("calendar_feed")
    .values({ owner_id: ownerId, token, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("owner_id").doUpdateSet({ token, created_at: new Date().toISOString() }))
    .execute();
  return token;
}

/** The owner's private calendar feed (B5): the link, a new link, no link; and the feed itself. */
export const calendarRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  app.get(
    "/api/v1/me/calendar",
    {
      schema: {
        tags: ["Warranty"],
        summary: "My private calendar feed link (made on first use)",
        response: { 200: feedSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await database.db
        .selectFrom("calendar_feed")
        .select("token")
        .where("owner_id", "=", actor.userId)
        .executeTakeFirst();
      return { url: feedUrl(config, row?.token ?? (await newToken(database, actor.userId))) };
    },
  );

  app.post(
    "/api/v1/me/calendar/rotate",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Replace my calendar link (the old one stops working)",
        response: { 200: feedSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const token = await newToken(database, actor.userId);
      await audit(database.db, {
        actor,
        action: "calendar.rotated",
        ownerId: actor.userId,
        subjectType: "calendar",
        subjectId: null,
      });
      return { url: feedUrl(config, token) };
    },
  );

  app.delete(
    "/api/v1/me/calendar",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Turn my calendar link off",
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await database.db.deleteFrom("calendar_feed").where("owner_id", "=", actor.userId).execute();
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/calendar/:token",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A calendar feed (ICS) of warranty and complaint-period end dates",
        description: "The token in the path is the only credential: calendar apps cannot sign in.",
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}\.ics$/) }),
      },
    },
    async (request, reply) => {
      const token = request.params.token.replace(/\.ics$/, "");
      const feed = await database.db
        .selectFrom("calendar_feed")
        .innerJoin("user", "user.id", "calendar_feed.owner_id")
        .select(["calendar_feed.owner_id", "user.locale"])
        .where("calendar_feed.token", "=", token)
        .executeTakeFirst();
      if (!feed) throw notFound("calendar");
      const locale = isLocale(feed.locale) ? feed.locale : "nb";
      const rows = await listRegistrations(database.db, feed.owner_id);
      const warranties = await warrantiesOf(database, config, rows);
      const events = rows.flatMap((row) => {
        const warranty = warranties.get(row.id);
        const product = row.nickname ?? (locale === "nb" ? row.name_nb : row.name_en);
        const url = `${config.publicUrl}/products/${row.id}`;
        return [
          ...(warranty?.manufacturer
            ? [
                {
                  uid: `${row.id}-manufacturer@owner-portal`,
                  date: warranty.manufacturer.end,
                  summary: formatMessage(locale, "calendar.event.manufacturer", { product }),
                  url,
                },
              ]
            : []),
          ...(warranty?.statutory
            ? [
                {
                  uid: `${row.id}-statutory@owner-portal`,
                  date: warranty.statutory.end,
                  summary: formatMessage(locale, "calendar.event.statutory", { product }),
                  url,
                },
              ]
            : []),
        ];
      });
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=900")
        .send(toIcs(formatMessage(locale, "app.name"), events, new Date()));
    },
  );
};
