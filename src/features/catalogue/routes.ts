import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { problemResponses } from "../../server/openapi.ts";
import {
  catalogueImportResultSchema,
  catalogueSchema,
  categoryListSchema,
  categorySchema,
  documentSchema,
  modelPageSchema,
} from "./schemas.ts";
import { importCatalogue, modelPage, readCategories, readCategory, readDocument } from "./service.ts";

/** A path parameter over 64 characters, or holding a NUL, is refused before any look-up. */
const BAD_PARAMS = ["request.invalid", "request.nul_character"] as const;

/** The public catalogue (no sign-in needed) and the catalogue import for the manufacturer's systems. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.get(
    "/categories",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "Product types with their registration rules and serial-number guides",
        response: { 200: categoryListSchema },
      },
    },
    async () => readCategories(database),
  );

  app.get(
    "/categories/:code",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "One product type",
        params: z.object({ code: z.string().max(64) }),
        response: { 200: categorySchema, ...problemResponses(...BAD_PARAMS, "category.not_found") },
      },
    },
    async (request) => readCategory(database, request.params.code),
  );

  app.get(
    "/models/:code",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "A model's page: facts, manuals, FAQ and how-tos, accessories and successors",
        params: z.object({ code: z.string().max(64) }),
        response: {
          200: modelPageSchema,
          ...problemResponses(...BAD_PARAMS, "model.not_found", "category.not_found"),
        },
      },
    },
    async (request) => modelPage(database, request.params.code),
  );

  app.get(
    "/documents/:id",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "A manual, FAQ, how-to or firmware note",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: documentSchema, ...problemResponses(...BAD_PARAMS, "document.not_found") },
      },
    },
    async (request) => readDocument(database, request.params.id),
  );

  app.put(
    "/service/catalogue",
    {
      config: { access: "service" },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Import the catalogue (categories, models, documents); idempotent",
        description:
          "Authenticate with the `x-service-key` header. The whole file is applied in one transaction, or nothing is.",
        security: [{ serviceKey: [] }],
        body: catalogueSchema,
        response: {
          200: catalogueImportResultSchema,
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "service.key_required",
            "service.key_invalid",
            "request.too_large",
            "request.media_type",
            "catalogue.invalid",
          ),
        },
      },
    },
    async (request) => importCatalogue(database, request.body, clock),
  );
};
