import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import {
  customerSearchQuery,
  customerSearchResultSchema,
  productSearchQuery,
  staffProductListSchema,
} from "./schemas.ts";
import { findProductsForStaff, searchForStaff } from "./service.ts";

/** What customer service looks up to act for an owner on the phone. */
export const customerServiceRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.get(
    "/staff/products",
    {
      // Each answer names an owner: a session that asks for one after another is limited.
      config: { limit: "lookup" },
      schema: {
        tags: ["Customer service"],
        summary: "Registered products by the serial number or IMEI an owner reads out (look-alikes folded)",
        querystring: productSearchQuery,
        response: { 200: staffProductListSchema, ...problemResponses("auth.forbidden") },
      },
    },
    async (request) => ({
      products: await findProductsForStaff(
        database.db,
        clock,
        requireActor(request),
        request.query.identifier,
      ),
    }),
  );

  app.get(
    "/staff/search",
    {
      // Each answer names owners: limited like every look-up that reveals who holds what.
      config: { limit: "lookup" },
      schema: {
        tags: ["Customer service"],
        summary:
          "Customers, products, claims and repairs by one term: e-mail, phone, name, serial or IMEI (look-alikes folded), claim or repair number",
        querystring: customerSearchQuery,
        response: { 200: customerSearchResultSchema, ...problemResponses("auth.forbidden") },
      },
    },
    async (request) => searchForStaff(database, clock, requireActor(request), request.query.q),
  );
};
