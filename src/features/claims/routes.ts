import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";
import { requireActor } from "../../server/actor.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import {
  claimsOfRegistration,
  decideClaim,
  readClaim,
  readClaimFile,
  replyToClaim,
  reviewQueue,
  submitClaim,
} from "./service.ts";
import type { FileStorage } from "./storage.ts";

const date = z.string().refine(isValidCalendarDate, "a date as YYYY-MM-DD");
const STATUSES = ["submitted", "in-review", "more-info", "approved", "rejected"] as const;

export const claimSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: z.enum(STATUSES),
  purchaseDate: z.string(),
  seller: z.string(),
  serial: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  files: z.array(
    z.object({
      id: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      name: z.string(),
      url: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      kind: z.string(),
      by: z.enum(["owner", "staff"]),
      message: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type Claim = z.infer<typeof claimSchema>;

export const queueItemSchema = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  createdAt: z.string(),
  ageDays: z.number().int(),
  purchaseDate: z.string(),
  seller: z.string(),
  serial: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  ownerName: z.string(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

const fileTooLarge = () => new Problem("claim.file_too_large", "The file is larger than 10 MB.");

const ids = z.object({ id: z.uuid() });

export const claimRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  storage: FileStorage;
}> = async (app, { database, config, storage }) => {
  app.post(
    "/registrations/:id/claims",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Submit a warranty claim: purchase date, seller and a proof (multipart/form-data)",
        description:
          "Fields: `purchaseDate` (YYYY-MM-DD), `seller`, and one file `proof`: PDF, JPEG, PNG, HEIC or WebP, at most 10 MB, " +
          "its type judged from its content. Image metadata is removed before the file is stored.",
        params: ids,
        consumes: ["multipart/form-data"],
        response: { 201: claimSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { fields, file } = await readMultipartForm(request, fileTooLarge);
      const parsed = z
        .strictObject({ purchaseDate: date, seller: z.string().trim().min(1).max(200) })
        .safeParse(fields);
      if (!parsed.success) {
        throw new Problem("request.invalid", "The request has fields that are missing or invalid.", {
          fields: parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message })),
        });
      }
      if (!file) throw new Problem("claim.file_missing", "Attach a proof of purchase.");
      const claim = await submitClaim(database, config, storage, actor, request.params.id, {
        ...parsed.data,
        file,
      });
      return reply.status(201).send(claim);
    },
  );

  app.get(
    "/registrations/:id/claims",
    {
      schema: {
        tags: ["Warranty"],
        summary: "The warranty claims of a product",
        params: ids,
        response: { 200: z.object({ claims: z.array(claimSchema) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      claims: await claimsOfRegistration(database, requireActor(request), request.params.id),
    }),
  );

  app.get(
    "/claims/:id",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A warranty claim with its files and history",
        params: ids,
        response: { 200: claimSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => readClaim(database, requireActor(request), request.params.id),
  );

  app.post(
    "/claims/:id/reply",
    {
      schema: {
        tags: ["Warranty"],
        summary:
          "Answer a request for more information (multipart/form-data: `message`, optional file `proof`)",
        params: ids,
        consumes: ["multipart/form-data"],
        response: { 200: claimSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { fields, file } = await readMultipartForm(request, fileTooLarge);
      const message = z.string().trim().min(1).max(2000).safeParse(fields.message);
      if (!message.success)
        throw new Problem("request.invalid", "Write a message.", {
          fields: [{ path: "body.message", message: "required" }],
        });
      return replyToClaim(database, config, storage, actor, request.params.id, {
        message: message.data,
        file,
      });
    },
  );

  app.get(
    "/claims/:id/files/:fileId",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A proof file (the owner and staff only)",
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await readClaimFile(
        database,
        storage,
        requireActor(request),
        request.params.id,
        request.params.fileId,
      );
      return (
        reply
          .type(file.mediaType)
          .header("content-disposition", `inline; filename="${encodeURIComponent(file.name)}"`)
          .header("cache-control", "private, no-store")
          // Shown inside our own review page only, and never able to run anything.
          .header(
            "content-security-policy",
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'",
          )
          .header("x-frame-options", "SAMEORIGIN")
          .send(Buffer.from(file.bytes))
      );
    },
  );

  app.get(
    "/review/claims",
    {
      schema: {
        tags: ["Warranty review"],
        summary: "The reviewers' queue: open claims, oldest first",
        querystring: z.object({
          status: z.enum(STATUSES).optional(),
          minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
        }),
        response: { 200: z.object({ claims: z.array(queueItemSchema) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ claims: await reviewQueue(database, requireActor(request), request.query) }),
  );

  app.post(
    "/review/claims/:id/decision",
    {
      schema: {
        tags: ["Warranty review"],
        summary:
          "Decide a claim: in review, more information needed, approved (confirms the purchase date) or rejected",
        params: ids,
        body: z.strictObject({
          decision: z.enum(["in-review", "more-info", "approved", "rejected"]),
          reason: z.string().trim().max(2000).optional(),
          purchaseDate: date.optional(),
        }),
        response: { 200: claimSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => decideClaim(database, config, requireActor(request), request.params.id, request.body),
  );
};
