import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import { problemResponses } from "../../server/openapi.ts";
import { notFound } from "../../server/problem.ts";
import { findCategory, listCategories } from "./queries.ts";
import {
  catalogueImportResultSchema,
  catalogueSchema,
  categorySchema,
  documentSchema,
  modelPageSchema,
} from "./schemas.ts";
import { importCatalogue, modelPage, readDocument } from "./service.ts";

/** The public catalogue (no sign-in needed) and the catalogue import for the manufacturer's systems. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/categories",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "Product types with their registration rules and serial-number guides",
        response: { 200: z.object({ categories: z.array(categorySchema) }) },
      },
    },
    async () => ({ categories: await listCategories(database.db) }),
  );

  app.get(
    "/categories/:code",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "One product type",
        params: z.object({ code: z.string().max(64) }),
        response: { 200: categorySchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const category = await findCategory(database.db, request.params.code);
      if (!category) throw notFound("category");
      return category;
    },
  );

  app.get(
    "/models/:code",
    {
      config: { access: "public" },
      schema: {
        tags: ["Catalogue"],
        summary: "A model's page: facts, manuals, FAQ and how-tos, accessories and successors",
        params: z.object({ code: z.string().max(64) }),
        response: { 200: modelPageSchema, ...problemResponses(404) },
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
        response: { 200: documentSchema, ...problemResponses(404) },
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
        response: { 200: catalogueImportResultSchema, ...problemResponses(400, 401, 422) },
      },
    },
    async (request) => {
      return importCatalogue(database, request.body);
    },
  );
};
