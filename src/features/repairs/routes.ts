import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../server/actor.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { readMultipartForm, type Upload } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import type { RepairsContext } from "./context.ts";
import { centresForRepair, handOverRepair } from "./hand-over.ts";
import { importServiceNetwork, type Partner, partnerOfKey } from "./network.ts";
import { acceptJob, partnerJob, partnerJobPhoto, partnerJobs, postJobEvent, rejectJob } from "./partner.ts";
import { addRepairPhoto, mayAddPhoto, photoTooLarge, readRepairPhoto } from "./photos.ts";
import {
  myRepairs,
  readRegistrationOwner,
  readRepair,
  repairsOfRegistration,
  staffRepairs,
  trackedRepair,
} from "./read.ts";
import {
  acceptSchema,
  centreChoiceListSchema,
  handOverSchema,
  jobNumberParams,
  partnerEventResultSchema,
  partnerEventSchema,
  partnerJobFilterSchema,
  partnerJobListSchema,
  partnerJobSchema,
  productRepairsSchema,
  quoteAnswerSchema,
  registrationIdParams,
  rejectSchema,
  repairIdParams,
  repairListSchema,
  repairOptionsQuery,
  repairOptionsSchema,
  repairPhotoParams,
  repairRequestSchema,
  repairSchema,
  serviceNetworkResultSchema,
  serviceNetworkSchema,
  staffRepairFilterSchema,
  staffRepairListSchema,
  trackedRepairSchema,
  trackingLinkSchema,
  trackingParams,
  verdictOverrideSchema,
} from "./schemas.ts";
import {
  answerQuote,
  cancelRepair,
  createTrackingLink,
  overrideVerdict,
  repairOptions,
  requestRepair,
  revokeTrackingLink,
} from "./service.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The service partner whose key a partner route was called with. */
    partner: Partner | null;
  }
}

const CALLER = [
  "auth.required",
  "auth.forbidden",
  "auth.client_not_allowed",
  "request.invalid",
  "request.nul_character",
] as const satisfies readonly ErrorCode[];
const WRITE = [
  ...CALLER,
  "auth.csrf",
  "request.malformed_json",
  "request.too_large",
  "request.media_type",
] as const;
const PARTNER = [
  "partner.key_required",
  "partner.key_invalid",
  "request.invalid",
  "repair.not_found",
  "repair.not_yours",
] as const;
const PARTNER_WRITE = [
  ...PARTNER,
  "request.malformed_json",
  "request.too_large",
  "request.media_type",
] as const;
const PHOTO_FORM = [
  "request.malformed_multipart",
  "request.stream_broken",
  "request.too_many_parts",
  "request.too_large",
  "request.media_type",
  "repair.photo_missing",
  "repair.photo_too_large",
  "repair.too_many_pixels",
  "repair.photo_type",
] as const satisfies readonly ErrorCode[];

/** A photo goes back as it was stored, never able to run anything in the portal's origin. */
function sendPhoto(reply: FastifyReply, photo: { mediaType: string; bytes: Uint8Array }) {
  return reply
    .type(photo.mediaType)
    .header("cache-control", "private, no-store")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("content-disposition", "inline")
    .send(Buffer.from(photo.bytes));
}

const chosen = (file: Upload | null): Upload | null =>
  file && (file.name !== "" || file.bytes.length > 0) ? file : null;

export const repairRoutes: FastifyPluginAsyncZod<RepairsContext> = async (app, ctx) => {
  // ---------------------------------------------------------------- the owner (and agents for them)
  app.get(
    "/registrations/:id/repair-options",
    {
      schema: {
        tags: ["Repairs"],
        summary:
          "What a repair request for this product offers: faults, conditions, channels at a postcode, the provisional verdict",
        params: registrationIdParams,
        querystring: repairOptionsQuery,
        response: {
          200: repairOptionsSchema,
          ...problemResponses(
            ...CALLER,
            "access.reason_required",
            "registration.not_found",
            "repair.not_repairable_here",
          ),
        },
      },
    },
    async (request) => repairOptions(ctx, requireActor(request), request.params.id, request.query.postcode),
  );

  app.post(
    "/registrations/:id/repairs",
    {
      schema: {
        tags: ["Repairs"],
        summary: "Ask for a repair of a registered product (the owner, or an agent for them)",
        params: registrationIdParams,
        body: repairRequestSchema,
        response: {
          201: repairSchema,
          ...problemResponses(
            ...WRITE,
            "registration.not_found",
            "repair.not_repairable_here",
            "repair.fault_unknown",
            "repair.channel_unavailable",
            "repair.time_window_required",
            "repair.conditions_unconfirmed",
            "repair.fault_date_future",
            "repair.open_exists",
            "repair.changed",
          ),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestRepair(ctx, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    "/registrations/:id/repairs",
    {
      schema: {
        tags: ["Repairs"],
        summary: "The repairs of a product, newest first",
        params: registrationIdParams,
        response: {
          200: productRepairsSchema,
          ...problemResponses(...CALLER, "access.reason_required", "registration.not_found"),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { ownerId, unitSerial } = await readRegistrationOwner(ctx, actor, request.params.id);
      return repairsOfRegistration(ctx, ownerId, { id: request.params.id, unitSerial });
    },
  );

  app.get(
    "/repairs",
    {
      schema: {
        tags: ["Repairs"],
        summary: "My repairs, newest first",
        response: { 200: repairListSchema, ...problemResponses(...CALLER) },
      },
    },
    async (request) => ({ repairs: await myRepairs(ctx, requireActor(request)) }),
  );

  app.get(
    "/repairs/:id",
    {
      schema: {
        tags: ["Repairs"],
        summary: "A repair with its status, what is asked of the owner, and its history",
        params: repairIdParams,
        response: {
          200: repairSchema,
          ...problemResponses(...CALLER, "access.reason_required", "repair.not_found"),
        },
      },
    },
    async (request) => readRepair(ctx, requireActor(request), request.params.id),
  );

  app.post(
    "/repairs/:id/quote",
    {
      schema: {
        tags: ["Repairs"],
        summary:
          "Approve or decline the quote (declined: the product comes back unrepaired, the diagnosis fee stated)",
        params: repairIdParams,
        body: quoteAnswerSchema,
        response: {
          200: repairSchema,
          ...problemResponses(...WRITE, "repair.not_found", "repair.status_not_allowed", "repair.changed"),
        },
      },
    },
    async (request) => answerQuote(ctx, requireActor(request), request.params.id, request.body.decision),
  );

  app.post(
    "/repairs/:id/cancel",
    {
      schema: {
        tags: ["Repairs"],
        summary: "Cancel a repair before the service centre has the product",
        params: repairIdParams,
        response: {
          200: repairSchema,
          ...problemResponses(
            ...CALLER,
            "auth.csrf",
            "repair.not_found",
            "repair.status_not_allowed",
            "repair.changed",
          ),
        },
      },
    },
    async (request) => cancelRepair(ctx, requireActor(request), request.params.id),
  );

  app.post(
    "/repairs/:id/photos",
    {
      schema: {
        tags: ["Repairs"],
        summary: "Add a photo of the fault (multipart/form-data, one file `photo`; at most five per repair)",
        params: repairIdParams,
        consumes: ["multipart/form-data"],
        response: {
          201: repairSchema,
          ...problemResponses(
            ...CALLER,
            "auth.csrf",
            ...PHOTO_FORM,
            "repair.not_found",
            "repair.status_not_allowed",
            "repair.too_many_photos",
          ),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Who may add a photo is known before the upload is read.
      await mayAddPhoto(ctx, actor, request.params.id);
      const { file } = await readMultipartForm(request, photoTooLarge);
      const photo = chosen(file);
      if (!photo) throw new Problem("repair.photo_missing", "Attach a photo.");
      return reply.status(201).send(await addRepairPhoto(ctx, actor, request.params.id, photo));
    },
  );

  app.get(
    "/repairs/:id/photos/:photoId",
    {
      schema: {
        tags: ["Repairs"],
        summary: "A photo of the fault (the owner and staff)",
        params: repairPhotoParams,
        response: {
          ...problemResponses(...CALLER, "access.reason_required", "repair.not_found", "photo.not_found"),
        },
      },
    },
    async (request, reply) =>
      sendPhoto(
        reply,
        await readRepairPhoto(ctx, requireActor(request), request.params.id, request.params.photoId),
      ),
  );

  app.post(
    "/repairs/:id/tracking-link",
    {
      schema: {
        tags: ["Repairs"],
        summary:
          "A new tracking link that needs no sign-in (the old one stops working); the token is shown once",
        params: repairIdParams,
        response: {
          201: trackingLinkSchema,
          ...problemResponses(...CALLER, "auth.csrf", "repair.not_found"),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTrackingLink(ctx, requireActor(request), request.params.id)),
  );

  app.delete(
    "/repairs/:id/tracking-link",
    {
      schema: {
        tags: ["Repairs"],
        summary: "Revoke the tracking link",
        params: repairIdParams,
        response: { 204: z.null(), ...problemResponses(...CALLER, "auth.csrf", "repair.not_found") },
      },
    },
    async (request, reply) => {
      await revokeTrackingLink(ctx, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/track/:token",
    {
      config: { access: "public", limit: "lookup" },
      schema: {
        tags: ["Repairs"],
        summary: "A repair through its tracking link: status, dates and the product, nothing personal",
        params: trackingParams,
        response: { 200: trackedRepairSchema, ...problemResponses("request.invalid", "repair.not_found") },
      },
    },
    async (request) => trackedRepair(ctx, request.params.token),
  );

  // ---------------------------------------------------------------- staff

  app.get(
    "/staff/repairs",
    {
      schema: {
        tags: ["Repairs (staff)"],
        summary: "Every repair, newest first: by status or by request or job number",
        querystring: staffRepairFilterSchema,
        response: { 200: staffRepairListSchema, ...problemResponses(...CALLER) },
      },
    },
    async (request) => ({ repairs: await staffRepairs(ctx, requireActor(request), request.query) }),
  );

  app.post(
    "/staff/repairs/:id/verdict",
    {
      schema: {
        tags: ["Repairs (staff)"],
        summary: "Override the provisional warranty verdict, with a reason (audited)",
        params: repairIdParams,
        body: verdictOverrideSchema,
        response: { 200: repairSchema, ...problemResponses(...WRITE, "repair.not_found", "repair.changed") },
      },
    },
    async (request) => overrideVerdict(ctx, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/staff/repairs/:id/centres",
    {
      schema: {
        tags: ["Repairs (staff)"],
        summary: "The centres a repair waiting with customer service can be handed to",
        params: repairIdParams,
        response: {
          200: centreChoiceListSchema,
          ...problemResponses(...CALLER, "access.reason_required", "repair.not_found"),
        },
      },
    },
    async (request) => ({ centres: await centresForRepair(ctx, requireActor(request), request.params.id) }),
  );

  app.post(
    "/staff/repairs/:id/hand-over",
    {
      schema: {
        tags: ["Repairs (staff)"],
        summary: "Hand a repair waiting with customer service to a centre (the owner is mailed)",
        params: repairIdParams,
        body: handOverSchema,
        response: {
          200: repairSchema,
          ...problemResponses(
            ...WRITE,
            "repair.not_found",
            "repair.status_not_allowed",
            "repair.centre_unsuitable",
            "repair.changed",
          ),
        },
      },
    },
    async (request) => handOverRepair(ctx, requireActor(request), request.params.id, request.body),
  );

  // ---------------------------------------------------------------- the operator

  app.put(
    "/service/service-network",
    {
      config: { access: "service" },
      schema: {
        tags: ["Service"],
        summary:
          "Replace the service network: partners, centres, the categories and postcodes each serves, and each category's repair settings",
        security: [{ serviceKey: [] }],
        body: serviceNetworkSchema,
        response: {
          200: serviceNetworkResultSchema,
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.too_large",
            "request.media_type",
            "service_network.invalid",
          ),
        },
      },
    },
    async (request) => importServiceNetwork(ctx.database, ctx.clock, request.body),
  );
};

/**
 * The service partners' API: every route takes the partner's key in `x-partner-key`, checked
 * before the body is read, and sees only the jobs of that partner's centres. Registered in a
 * scope of its own, so its key check runs on these routes alone.
 */
export const partnerRoutes: FastifyPluginAsyncZod<RepairsContext> = async (partnerApi, ctx) => {
  {
    partnerApi.decorateRequest("partner", null);
    partnerApi.addHook("onRequest", async (request) => {
      request.partner = await partnerOfKey(ctx.database, request.headers["x-partner-key"]);
    });
    const partnerOf = (request: { partner: Partner | null }): Partner => {
      if (!request.partner)
        throw new Problem("partner.key_required", "Send your partner key in the x-partner-key header.");
      return request.partner;
    };
    const config = { access: "partner" as const };
    const security = [{ partnerKey: [] }];

    partnerApi.get(
      "/partner/jobs",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary: "The jobs of your centres, newest first (`status=requested` for the new ones)",
          security,
          querystring: partnerJobFilterSchema,
          response: {
            200: partnerJobListSchema,
            ...problemResponses("partner.key_required", "partner.key_invalid", "request.invalid"),
          },
        },
      },
      async (request) => ({ jobs: await partnerJobs(ctx, partnerOf(request), request.query.status) }),
    );

    partnerApi.get(
      "/partner/jobs/:number",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary: "A job by its request (RQ-…) or job (RJ-…) number",
          security,
          params: jobNumberParams,
          response: { 200: partnerJobSchema, ...problemResponses(...PARTNER) },
        },
      },
      async (request) => partnerJob(ctx, partnerOf(request), request.params.number),
    );

    partnerApi.get(
      "/partner/jobs/:number/photos/:photoId",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary: "A photo of the fault the owner sent",
          security,
          params: jobNumberParams.extend({ photoId: z.uuid() }),
          response: { ...problemResponses(...PARTNER, "photo.not_found") },
        },
      },
      async (request, reply) =>
        sendPhoto(
          reply,
          await partnerJobPhoto(ctx, partnerOf(request), request.params.number, request.params.photoId),
        ),
    );

    partnerApi.post(
      "/partner/jobs/:number/accept",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary:
            "Accept a job: it gets a job number, and you get the owner's contact. Accepting again answers the same",
          security,
          params: jobNumberParams,
          body: acceptSchema.optional(),
          response: {
            200: partnerJobSchema,
            ...problemResponses(...PARTNER_WRITE, "repair.status_not_allowed", "repair.changed"),
          },
        },
      },
      async (request) => acceptJob(ctx, partnerOf(request), request.params.number),
    );

    partnerApi.post(
      "/partner/jobs/:number/reject",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary: "Turn a job down with a reason: it goes to the next centre, or to customer service",
          security,
          params: jobNumberParams,
          body: rejectSchema,
          response: {
            200: z.object({ status: z.string() }),
            ...problemResponses(...PARTNER_WRITE, "repair.status_not_allowed", "repair.changed"),
          },
        },
      },
      async (request) => rejectJob(ctx, partnerOf(request), request.params.number, request.body.reason),
    );

    partnerApi.post(
      "/partner/jobs/:number/events",
      {
        config,
        schema: {
          tags: ["Service partners"],
          summary:
            "Report on a job: a status, a delay, the quote, parts, the diagnosis, serials, the outcome",
          description:
            "Idempotent by your `eventId`: sent again, the event gets its first answer and changes nothing. An event that " +
            "happened (`occurredAt`) before the job's current status is recorded but does not move the status back " +
            "(`applied: false`). A status that cannot follow the current one is refused with 409 and the statuses that can.",
          security,
          params: jobNumberParams,
          body: partnerEventSchema,
          response: {
            200: partnerEventResultSchema,
            ...problemResponses(
              ...PARTNER_WRITE,
              "repair.status_not_allowed",
              "repair.changed",
              "repair.quote_required",
              "repair.replacement_serial_required",
              "repair.replacement_taken",
              "repair.event_empty",
              "repair.event_in_future",
              "repair.quote_without_status",
              "registration.not_found",
            ),
          },
        },
      },
      async (request) => postJobEvent(ctx, partnerOf(request), request.params.number, request.body),
    );
  }
};
