import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { IDENTIFICATION_CODES, REGISTERING_CODES, registrationSchema } from "../registration/schemas.ts";
import { giveAppConsent, readAppConsent } from "../registration/service.ts";
import { startDecodePool } from "./decode-pool.ts";
import {
  appConsentBody,
  appConsentSchema,
  codeSchema,
  confirmedConsentSchema,
  payloadSchema,
} from "./schemas.ts";
import { decodeLabelPhoto, interpretLabel, registerFromLabel } from "./service.ts";

/**
 * Labels (B2, R5, R7): decode a photo, interpret a scanned payload, register from it; the app's
 * consent. Photos are decoded in a pool of worker threads (LABEL_DECODE_*), closed with the app.
 */
export const labelRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
}> = async (app, { database, config, clock }) => {
  const decoder = startDecodePool(config.labelDecoding);
  app.addHook("onClose", () => decoder.close());

  app.post(
    "/labels/decode",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Labels"],
        summary: "Decode a photo of a label (multipart/form-data, field `photo`, PNG or JPEG)",
        description:
          "Returns every QR code and barcode found, with its format and what it means for registration. Nothing is registered. " +
          "Problems: `label.not_an_image`, `label.too_many_pixels`, `label.unreadable`, `label.decode_timeout` (422: the photo " +
          "took too long to read), `label.busy` (503 with `Retry-After`: every decoder is busy).",
        consumes: ["multipart/form-data"],
        response: {
          200: z.object({ codes: z.array(codeSchema) }),
          ...problemResponses(
            "label.photo_missing",
            "request.malformed_multipart",
            "request.media_type",
            "auth.required",
            "auth.csrf",
            "auth.client_not_allowed",
            "label.file_too_large",
            "label.too_many_pixels",
            "request.too_many_parts",
            "label.not_an_image",
            "label.unreadable",
            "label.decode_timeout",
            "request.rate_limited",
            "label.busy",
          ),
        },
      },
    },
    async (request) => {
      requireActor(request);
      const { file } = await readMultipartForm(
        request,
        () => new Problem("label.file_too_large", "The photo is larger than 10 MB."),
      );
      const photo = file?.bytes;
      if (!photo) throw new Problem("label.photo_missing", "Attach a photo of the label.");
      return decodeLabelPhoto(database, config, decoder, photo);
    },
  );

  app.post(
    "/labels/interpret",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Labels"],
        summary: "What a scanned payload means (decoded by the browser or the app)",
        body: payloadSchema,
        response: {
          200: codeSchema,
          ...problemResponses(
            "request.invalid",
            "auth.required",
            "auth.csrf",
            "auth.client_not_allowed",
            "request.rate_limited",
          ),
        },
      },
    },
    async (request) => {
      requireActor(request);
      return {
        ...request.body,
        text: request.body.payload,
        meaning: await interpretLabel(database, request.body.payload, request.body.format),
      };
    },
  );

  app.post(
    "/labels/register",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["Labels"],
        summary: "Register the product a scanned label names",
        description:
          "Channel `web-qr` from the browser, `app-qr` or `app-barcode` from the app (bearer token; the app's consent is needed first). " +
          "Problems: `label.pairing_code`, `label.qr_not_allowed` (use the serial or IMEI), `label.unknown`, `identifier.box_code`, " +
          "and every code of `POST /api/v1/registrations`.",
        body: payloadSchema,
        response: {
          201: registrationSchema,
          ...problemResponses(
            "label.pairing_code",
            "label.qr_not_allowed",
            "label.unknown",
            ...IDENTIFICATION_CODES,
            ...REGISTERING_CODES,
          ),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerFromLabel(database, config, clock, requireActor(request), request.body)),
  );

  app.get(
    "/app/consent",
    {
      schema: {
        tags: ["Members app"],
        summary: "Whether the owner has confirmed registering only their own devices",
        response: {
          200: appConsentSchema,
          ...problemResponses("auth.required", "auth.client_not_allowed"),
        },
      },
    },
    async (request) => readAppConsent(database, requireActor(request)),
  );

  app.post(
    "/app/consent",
    {
      schema: {
        tags: ["Members app"],
        summary: "Confirm: I register only my own devices",
        body: appConsentBody,
        response: {
          200: confirmedConsentSchema,
          ...problemResponses("request.invalid", "auth.required", "auth.csrf", "auth.client_not_allowed"),
        },
      },
    },
    async (request) => giveAppConsent(database, clock, requireActor(request)),
  );
};
