import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { changeRegistration, removeProduct } from "./change.ts";
import { registerDiscovered, reportScan } from "./discovered.ts";
import { myProducts, productPage } from "./read.ts";
import { checkIdentifier, register } from "./register.ts";
import {
  discoveredReportResultSchema,
  discoveredReportSchema,
  IDENTIFICATION_CODES,
  identifierCheckBodySchema,
  identifierCheckSchema,
  myProductsSchema,
  productPageSchema,
  REGISTERING_CODES,
  registrationBodySchema,
  registrationPatchSchema,
  registrationSchema,
} from "./schemas.ts";

const idParams = z.object({ id: z.uuid() });

// Each route lists the codes its own rules answer with; the codes its access, clients, limit and
// schemas imply (401, 403 for another client or a missing CSRF token, 429, 400) are added to it
// when it is registered (`documentImpliedCodes`).

export const registrationRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
}> = async (app, { database, config, clock }) => {
  app.post(
    "/identifiers/check",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Registration"],
        summary: "Interpret a serial number or IMEI without registering",
        description:
          "For guiding the owner while typing: the kind of identifier, the model when known, every problem with its code " +
          "and, for a serial that is not found, the units that differ only by look-alike characters.",
        body: identifierCheckBodySchema,
        response: {
          200: identifierCheckSchema,
          ...problemResponses("auth.required", "request.malformed_json"),
        },
      },
    },
    async (request) => {
      const { identifier, productType } = request.body;
      return checkIdentifier(database, requireActor(request), identifier, productType);
    },
  );

  app.post(
    "/registrations",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Registration"],
        summary: "Register a product by serial number or IMEI",
        description:
          "Answers 201 with the registration, or a problem with its `code`: `identifier.not_found` comes with " +
          "`suggestions`, `registration.already_yours` with `registrationId`, and `registration.taken` never says by whom.",
        body: registrationBodySchema,
        response: {
          201: registrationSchema,
          ...problemResponses(
            "auth.required",
            "request.malformed_json",
            ...IDENTIFICATION_CODES,
            ...REGISTERING_CODES,
          ),
        },
      },
    },
    async (request, reply) => {
      const view = await register(database, config, clock, requireActor(request), request.body);
      return reply.status(201).send(view);
    },
  );

  app.get(
    "/registrations",
    {
      schema: {
        tags: ["Registration"],
        summary:
          "My products: registered, and unregistered ones found by the smart-home app, a TV or a Wi-Fi scan",
        response: { 200: myProductsSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => myProducts(database, config, clock, requireActor(request)),
  );

  app.get(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "A registered product's page: facts, warranty, manuals and how-tos",
        params: idParams,
        response: {
          200: productPageSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "access.reason_required",
            "registration.not_found",
          ),
        },
      },
    },
    async (request) => productPage(database, config, clock, requireActor(request), request.params.id),
  );

  app.patch(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "Rename a product or correct its purchase facts",
        params: idParams,
        body: registrationPatchSchema,
        response: {
          200: registrationSchema,
          ...problemResponses(
            "auth.required",
            "request.malformed_json",
            "auth.forbidden",
            "registration.not_found",
            "registration.purchase_date_future",
            "registration.purchase_date_before_manufacture",
          ),
        },
      },
    },
    async (request) =>
      changeRegistration(database, config, clock, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "Remove a product from My products (releases it for a new owner)",
        params: idParams,
        response: {
          204: z.null(),
          ...problemResponses("auth.required", "auth.forbidden", "registration.not_found"),
        },
      },
    },
    async (request, reply) => {
      await removeProduct(database, config, clock, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/discovered",
    {
      // The Wi-Fi scanner's token reaches this route and no other.
      config: { limit: "lookup", clients: ["web", "app", "scanner"] },
      schema: {
        tags: ["Members app"],
        summary:
          "Report devices found by a Wi-Fi scan (UPnP descriptions); they appear under Unregistered products",
        body: discoveredReportSchema,
        response: {
          200: discoveredReportResultSchema,
          ...problemResponses("auth.required", "request.malformed_json"),
        },
      },
    },
    async (request) => reportScan(database, config, clock, requireActor(request), request.body),
  );

  app.post(
    "/discovered/:id/register",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Registration"],
        summary:
          "Register a product found by the smart-home app, a TV or a Wi-Fi scan (from Unregistered products)",
        params: idParams,
        response: {
          201: registrationSchema,
          ...problemResponses(
            "auth.required",
            ...IDENTIFICATION_CODES,
            ...REGISTERING_CODES,
            "discovered_device.not_found",
            "discovered.not_offered",
          ),
        },
      },
    },
    async (request, reply) => {
      const view = await registerDiscovered(
        database,
        config,
        clock,
        requireActor(request),
        request.params.id,
      );
      return reply.status(201).send(view);
    },
  );
};
