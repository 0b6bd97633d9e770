import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../server/actor.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { sendStoredFile } from "../../server/stored-file.ts";
import { chosenFile, PROOF_FORM_CODES, proofTooLarge } from "../claims/proof.ts";
import { IDENTIFICATION_CODES } from "../registration/schemas.ts";
import {
  myTransfersSchema,
  staffTransferListSchema,
  transferAnswerSchema,
  transferDecisionSchema,
  transferFormSchema,
  transferIdParams,
  transferSchema,
} from "./schemas.ts";
import {
  answerTransfer,
  decideTransfer,
  myTransfers,
  readTransfer,
  readTransferProof,
  requestTransfer,
  staffTransfers,
  type TransfersContext,
} from "./service.ts";

/** Ownership transfer (B8): the one who asks, the owner who answers, customer service who decides. */
export const transferRoutes: FastifyPluginAsyncZod<TransfersContext> = async (app, ctx) => {
  app.post(
    "/transfer-requests",
    {
      // Each answer says whether a serial is registered to someone: limited like every look-up.
      config: { limit: "lookup" },
      schema: {
        tags: ["Transfers"],
        summary: "Ask for a product registered to another account, with a proof (multipart/form-data)",
        description:
          "Fields: `identifier` (the serial or IMEI), optional `note` (at most 1000 characters), and one file `proof`: " +
          "a receipt or a photo of the rating plate (PDF, JPEG, PNG, HEIC or WebP, at most 10 MB). The owner is asked " +
          "to answer within 14 days; the answer never names them. Asking again returns the pending request (200).",
        consumes: ["multipart/form-data"],
        response: {
          200: transferSchema,
          201: transferSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            ...PROOF_FORM_CODES,
            ...IDENTIFICATION_CODES,
            "transfer.proof_missing",
            "transfer.not_needed",
            "registration.already_yours",
          ),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { fields, file } = await readMultipartForm(request, proofTooLarge);
      const form = transferFormSchema.safeParse(fields);
      if (!form.success)
        throw new Problem("request.invalid", "The request has fields that are missing or invalid.", {
          fields: form.error.issues.map((i) => ({ path: ["body", ...i.path].join("."), message: i.message })),
        });
      const proof = chosenFile(file);
      if (!proof)
        throw new Problem("transfer.proof_missing", "Attach a receipt or a photo of the rating plate.");
      const { transfer, created } = await requestTransfer(ctx, actor, { ...form.data, file: proof });
      return reply.status(created ? 201 : 200).send(transfer);
    },
  );

  app.get(
    "/transfer-requests",
    {
      schema: {
        tags: ["Transfers"],
        summary: "The transfer requests you sent, and those you are asked to answer",
        response: { 200: myTransfersSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => myTransfers(ctx, requireActor(request)),
  );

  app.get(
    "/transfer-requests/:id",
    {
      schema: {
        tags: ["Transfers"],
        summary: "One transfer request (the one who asked, the owner asked, and staff)",
        params: transferIdParams,
        response: {
          200: transferSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "access.reason_required",
            "transfer.not_found",
          ),
        },
      },
    },
    async (request) => readTransfer(ctx, requireActor(request), request.params.id),
  );

  app.get(
    "/transfer-requests/:id/proof",
    {
      schema: {
        tags: ["Transfers"],
        summary: "The proof sent with a transfer request (the one who sent it and staff only)",
        params: transferIdParams,
        response: {
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "access.reason_required",
            "transfer.not_found",
            "file.not_found",
          ),
        },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await readTransferProof(ctx, requireActor(request), request.params.id)),
  );

  app.post(
    "/transfer-requests/:id/answer",
    {
      schema: {
        tags: ["Transfers"],
        summary: "The owner accepts (the product moves at once) or declines (customer service decides)",
        params: transferIdParams,
        body: transferAnswerSchema,
        response: {
          200: transferSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "transfer.not_found",
            "transfer.not_waiting",
            "transfer.unit_moved",
          ),
        },
      },
    },
    async (request) => answerTransfer(ctx, requireActor(request), request.params.id, request.body.decision),
  );

  app.get(
    "/staff/transfers",
    {
      schema: {
        tags: ["Transfers"],
        summary: "Customer service's queue: requests declined or not answered in time, oldest first",
        response: { 200: staffTransferListSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => ({ transfers: await staffTransfers(ctx, requireActor(request)) }),
  );

  app.post(
    "/staff/transfers/:id/decision",
    {
      schema: {
        tags: ["Transfers"],
        summary: "Decide a transfer request with the proof: transfer the product or refuse, with a reason",
        params: transferIdParams,
        body: transferDecisionSchema,
        response: {
          200: transferSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "access.reason_required",
            "transfer.not_found",
            "transfer.decided",
            "transfer.unit_moved",
          ),
        },
      },
    },
    async (request) => decideTransfer(ctx, requireActor(request), request.params.id, request.body),
  );
};
