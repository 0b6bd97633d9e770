import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { upsertDiscovered } from "./discovered.ts";
import {
  identifierCheckBodySchema,
  identifierCheckSchema,
  myProductsSchema,
  productPageSchema,
  registrationBodySchema,
  registrationPatchSchema,
  registrationSchema,
  transferRequestBodySchema,
  transferRequestSchema,
} from "./schemas.ts";
import {
  changeRegistration,
  checkIdentifier,
  myProducts,
  productPage,
  register,
  registerDiscovered,
  removeProduct,
  requestTransfer,
} from "./service.ts";

const idParams = z.object({ id: z.uuid() });

export const registrationRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
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
        response: { 200: identifierCheckSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return checkIdentifier(database, actor, request.body.identifier, request.body.productType);
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
          "Answers 201 with the registration, or a problem whose `code` is one of `identifier.empty`, `identifier.charset`, " +
          "`identifier.check_digit`, `identifier.imeisv`, `identifier.length`, `identifier.no_letter`, `identifier.look_alike`, " +
          "`identifier.kind_mismatch`, `identifier.box_code`, `identifier.not_found` (with `suggestions`), `product.not_registrable`, " +
          "`product_type.unknown`, `registration.purchase_date_future`, `registration.purchase_date_before_manufacture`, " +
          "`registration.already_yours` (with `registrationId`) or `registration.taken`.",
        body: registrationBodySchema,
        response: { 201: registrationSchema, ...problemResponses(400, 401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const view = await register(database, config, actor, request.body);
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
        response: { 200: myProductsSchema, ...problemResponses(401) },
      },
    },
    async (request) => myProducts(database, config, requireActor(request)),
  );

  app.get(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "A registered product's page: facts, warranty, manuals and how-tos",
        params: idParams,
        response: { 200: productPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => productPage(database, config, requireActor(request), request.params.id),
  );

  app.patch(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "Rename a product or correct its purchase facts",
        params: idParams,
        body: registrationPatchSchema,
        response: { 200: registrationSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      changeRegistration(database, config, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/registrations/:id",
    {
      schema: {
        tags: ["Registration"],
        summary: "Remove a product from My products (releases it for a new owner)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeProduct(database, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/discovered",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Members app"],
        summary:
          "Report devices found by a Wi-Fi scan (UPnP descriptions); they appear under Unregistered products",
        body: z.strictObject({
          devices: z
            .array(
              z.strictObject({
                udn: z.string().min(1).max(200),
                manufacturer: z.string().max(200),
                modelName: z.string().max(200),
                modelNumber: z.string().max(200).nullable().optional(),
                serialNumber: z.string().max(200).nullable().optional(),
                friendlyName: z.string().max(200).nullable().optional(),
              }),
            )
            .max(64),
        }),
        response: {
          200: z.object({ devices: z.array(z.object({ udn: z.string(), offered: z.boolean() })) }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const at = new Date().toISOString();
      const devices = [];
      for (const d of request.body.devices) {
        const { offered } = await upsertDiscovered(database.db, {
          ownerId: actor.userId,
          source: "wifi",
          externalId: d.udn,
          serial: d.serialNumber,
          model: d.modelNumber,
          name: d.friendlyName ?? d.modelName,
          ours: d.manufacturer.trim().toLowerCase() === config.brandName.toLowerCase(),
          oem: false,
          at,
        });
        devices.push({ udn: d.udn, offered });
      }
      return { devices };
    },
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
        response: { 201: registrationSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerDiscovered(database, config, requireActor(request), request.params.id)),
  );

  app.post(
    "/transfer-requests",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Registration"],
        summary: "Ask customer service to transfer a product registered to another account",
        body: transferRequestBodySchema,
        response: { 201: transferRequestSchema, ...problemResponses(400, 401, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const created = await requestTransfer(
        database,
        requireActor(request),
        request.body.identifier,
        request.body.note,
      );
      return reply.status(201).send(created);
    },
  );
};
