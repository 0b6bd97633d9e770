import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { ownerParams } from "../access-log/schemas.ts";
import type { Auth } from "../accounts/auth.ts";
import { correctPurchaseDate } from "../registration/change.ts";
import {
  purchaseDateCorrectionSchema,
  purchaseDateEventSchema,
  registrationSchema,
} from "../registration/schemas.ts";
import { addStaffNote, endCustomerSessions, openCustomerRecord, resendVerificationMail } from "./record.ts";
import {
  customerRecordSchema,
  customerSearchQuery,
  customerSearchResultSchema,
  productSearchQuery,
  sessionsEndedSchema,
  staffNoteBody,
  staffNoteSchema,
  staffProductListSchema,
  verificationMailSchema,
} from "./schemas.ts";
import { findProductsForStaff, searchForStaff } from "./service.ts";

const registrationParams = z.object({ registrationId: z.uuid() });

/** What customer service looks up to act for an owner on the phone, and what it does for them. */
export const customerServiceRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
  auth: Auth;
}> = async (app, { database, config, clock, auth }) => {
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

  app.get(
    "/staff/customers/:ownerId",
    {
      schema: {
        tags: ["Customer service"],
        summary:
          "A customer's whole record: profile, products with every date, claims, repairs, devices, points, consents, activity and staff notes",
        params: ownerParams,
        response: {
          200: customerRecordSchema,
          ...problemResponses("auth.forbidden", "access.reason_required", "customer.not_found"),
        },
      },
    },
    async (request) =>
      openCustomerRecord(database, config, clock, requireActor(request), request.params.ownerId),
  );

  app.post(
    "/staff/customers/:ownerId/notes",
    {
      schema: {
        tags: ["Customer service"],
        summary: "Leave a note on a customer's record for the rest of staff (the customer never sees it)",
        params: ownerParams,
        body: staffNoteBody,
        response: {
          201: staffNoteSchema,
          ...problemResponses("request.invalid", "auth.forbidden", "customer.not_found"),
        },
      },
    },
    async (request, reply) => {
      const note = await addStaffNote(
        database,
        clock,
        requireActor(request),
        request.params.ownerId,
        request.body.text,
      );
      return reply.code(201).send(note);
    },
  );

  app.post(
    "/staff/customers/:ownerId/sessions/end",
    {
      schema: {
        tags: ["Customer service"],
        summary: "Sign the customer out everywhere: browsers, apps, TVs and scanners",
        params: ownerParams,
        response: { 200: sessionsEndedSchema, ...problemResponses("auth.forbidden", "customer.not_found") },
      },
    },
    async (request) => endCustomerSessions(database, clock, requireActor(request), request.params.ownerId),
  );

  app.post(
    "/staff/customers/:ownerId/verification-mail",
    {
      schema: {
        tags: ["Customer service"],
        summary: "Send the customer a new link to confirm their e-mail address",
        params: ownerParams,
        response: {
          200: verificationMailSchema,
          ...problemResponses("auth.forbidden", "customer.not_found", "customer.already_verified"),
        },
      },
    },
    async (request) =>
      resendVerificationMail(database, auth, clock, requireActor(request), request.params.ownerId),
  );

  app.post(
    "/staff/products/:registrationId/purchase-date",
    {
      schema: {
        tags: ["Customer service"],
        summary:
          "Correct the purchase date of a customer's product, with a reason the customer reads in the date's history",
        params: registrationParams,
        body: purchaseDateCorrectionSchema,
        response: {
          200: z.object({
            registration: registrationSchema,
            purchaseDateHistory: z.array(purchaseDateEventSchema),
          }),
          ...problemResponses(
            "request.invalid",
            "auth.forbidden",
            "access.reason_required",
            "registration.not_found",
            "registration.purchase_date_future",
            "registration.purchase_date_before_manufacture",
            "registration.purchase_date_unchanged",
          ),
        },
      },
    },
    async (request) =>
      correctPurchaseDate(
        database,
        config,
        clock,
        requireActor(request),
        request.params.registrationId,
        request.body,
      ),
  );
};
