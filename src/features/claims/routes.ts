import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { requireActor } from "../../server/actor.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { sendStoredFile } from "../../server/stored-file.ts";
import type { ClaimsContext } from "./context.ts";
import { chosenFile, PROOF_FORM_CODES, proofTooLarge } from "./proof.ts";
import { claimsOfRegistration, readClaim, readClaimFile, reviewQueue } from "./read.ts";
import {
  claimDecisionSchema,
  claimFileParams,
  claimFormSchema,
  claimIdParams,
  claimListSchema,
  claimReplyMessageSchema,
  claimSchema,
  reviewQueueFilterSchema,
  reviewQueueSchema,
} from "./schemas.ts";
import { decideClaim, replyToClaim, submitClaim } from "./service.ts";

/**
 * What every claims route can answer: who is calling, and a path or query that does not parse.
 * The lists document the codes; tests fail on an answer whose code its route does not list.
 */
const CALLER = [
  "auth.required",
  "auth.forbidden",
  "auth.client_not_allowed",
  "request.invalid",
  "request.nul_character",
] as const satisfies readonly ErrorCode[];
/** A cookie-authenticated write also needs its CSRF token. */
const WRITE = [...CALLER, "auth.csrf"] as const;
const invalidFields = (error: z.ZodError, prefix: string) =>
  new Problem("request.invalid", "The request has fields that are missing or invalid.", {
    fields: error.issues.map((i) => ({ path: [prefix, ...i.path].join("."), message: i.message })),
  });

export const claimRoutes: FastifyPluginAsyncZod<ClaimsContext> = async (app, ctx) => {
  app.post(
    "/registrations/:id/claims",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Submit a warranty claim: purchase date, seller and a proof (multipart/form-data)",
        description:
          "Fields: `purchaseDate` (YYYY-MM-DD), `seller`, and one file `proof`: PDF, JPEG, PNG, HEIC or WebP, at most 10 MB, " +
          "its type judged from its content. Image metadata is removed before the file is stored.",
        params: claimIdParams,
        consumes: ["multipart/form-data"],
        response: {
          201: claimSchema,
          ...problemResponses(
            ...WRITE,
            ...PROOF_FORM_CODES,
            "claim.file_missing",
            "registration.not_found",
            "claim.open_exists",
            "registration.purchase_date_future",
            "registration.purchase_date_before_manufacture",
          ),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { fields, file: sent } = await readMultipartForm(request, proofTooLarge);
      const form = claimFormSchema.safeParse(fields);
      if (!form.success) throw invalidFields(form.error, "body");
      const file = chosenFile(sent);
      if (!file) throw new Problem("claim.file_missing", "Attach a proof of purchase.");
      const claim = await submitClaim(ctx, actor, request.params.id, { ...form.data, file });
      return reply.status(201).send(claim);
    },
  );

  app.get(
    "/registrations/:id/claims",
    {
      schema: {
        tags: ["Warranty"],
        summary: "The warranty claims of a product",
        params: claimIdParams,
        response: {
          200: claimListSchema,
          ...problemResponses(...CALLER, "access.reason_required", "registration.not_found"),
        },
      },
    },
    async (request) => ({
      claims: await claimsOfRegistration(ctx, requireActor(request), request.params.id),
    }),
  );

  app.get(
    "/claims/:id",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A warranty claim with its files and history",
        params: claimIdParams,
        response: {
          200: claimSchema,
          ...problemResponses(...CALLER, "access.reason_required", "claim.not_found"),
        },
      },
    },
    async (request) => readClaim(ctx, requireActor(request), request.params.id),
  );

  app.post(
    "/claims/:id/reply",
    {
      schema: {
        tags: ["Warranty"],
        summary:
          "Answer a request for more information (multipart/form-data: `message`, optional file `proof`)",
        params: claimIdParams,
        consumes: ["multipart/form-data"],
        response: {
          200: claimSchema,
          ...problemResponses(
            ...WRITE,
            ...PROOF_FORM_CODES,
            "claim.not_found",
            "claim.not_waiting",
            "claim.decided",
            "claim.changed",
          ),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { fields, file } = await readMultipartForm(request, proofTooLarge);
      const message = claimReplyMessageSchema.safeParse(fields.message);
      if (!message.success)
        throw new Problem("request.invalid", "Write a message.", {
          fields: [{ path: "body.message", message: "required" }],
        });
      return replyToClaim(ctx, actor, request.params.id, { message: message.data, file: chosenFile(file) });
    },
  );

  app.get(
    "/claims/:id/files/:fileId",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A proof file (the owner and staff only)",
        params: claimFileParams,
        response: { ...problemResponses(...CALLER, "access.reason_required", "file.not_found") },
      },
    },
    async (request, reply) => {
      const file = await readClaimFile(ctx, requireActor(request), request.params.id, request.params.fileId);
      return sendStoredFile(reply, file);
    },
  );

  app.get(
    "/review/claims",
    {
      schema: {
        tags: ["Warranty review"],
        summary: "The reviewers' queue: open claims, oldest first",
        querystring: reviewQueueFilterSchema,
        response: { 200: reviewQueueSchema, ...problemResponses(...CALLER) },
      },
    },
    async (request) => ({ claims: await reviewQueue(ctx, requireActor(request), request.query) }),
  );

  app.post(
    "/review/claims/:id/decision",
    {
      schema: {
        tags: ["Warranty review"],
        summary:
          "Decide a claim: in review, more information needed, approved (confirms the purchase date) or rejected",
        params: claimIdParams,
        body: claimDecisionSchema,
        response: {
          200: claimSchema,
          ...problemResponses(
            ...WRITE,
            "request.malformed_json",
            "request.too_large",
            "request.media_type",
            "claim.not_found",
            "claim.decided",
            "claim.changed",
            "claim.reason_required",
            "registration.purchase_date_future",
            "registration.purchase_date_before_manufacture",
          ),
        },
      },
    },
    async (request) => decideClaim(ctx, requireActor(request), request.params.id, request.body),
  );
};
