import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { productSearchQuery, staffProductListSchema } from "./schemas.ts";
import { findProductsForStaff } from "./service.ts";

/** What customer service looks up to act for an owner on the phone. */
export const customerServiceRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
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
      products: await findProductsForStaff(database.db, requireActor(request), request.query.identifier),
    }),
  );
};
