import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { exportListSchema, exportParams, exportSchema } from "./schemas.ts";
import { type DataExportContext, myExports, openExportFile, requestExport } from "./service.ts";

/** The owner's copies of their data (GDPR art. 15 and 20): ask for one, follow it, download it. */
export const dataExportRoutes: FastifyPluginAsyncZod<DataExportContext> = async (app, ctx) => {
  app.get(
    "/me/exports",
    {
      schema: {
        tags: ["Privacy"],
        summary: "My latest copies of my data, newest first, with their status and progress",
        response: { 200: exportListSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => myExports(ctx, requireActor(request)),
  );

  app.post(
    "/me/exports",
    {
      schema: {
        tags: ["Privacy"],
        summary: "Ask for a copy of all my data (a ZIP, made in the background)",
        description:
          "Answers 202 with the new export. While one is being made, or one made in the last day can still be " +
          "downloaded, answers 200 with that one instead. A mail says when it is ready; it can be downloaded for 7 days.",
        response: { 200: exportSchema, 202: exportSchema, ...problemResponses("auth.required", "auth.csrf") },
      },
    },
    async (request, reply) => {
      const { created, export: shown } = await requestExport(ctx, requireActor(request));
      return reply.status(created ? 202 : 200).send(shown);
    },
  );

  app.get(
    "/me/exports/:id/file",
    {
      schema: {
        tags: ["Privacy"],
        summary: "Download a copy of my data (a ZIP), while it can be downloaded",
        params: exportParams,
        response: { ...problemResponses("auth.required", "export.not_found") },
      },
    },
    async (request, reply) => {
      const file = await openExportFile(ctx, requireActor(request), request.params.id);
      return reply
        .type("application/zip")
        .header("content-length", String(file.size))
        .header("content-disposition", `attachment; filename="${file.name}"`)
        .header("cache-control", "private, no-store")
        .send(file.stream);
    },
  );
};
