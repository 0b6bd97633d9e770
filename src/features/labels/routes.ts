import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import { requireActor } from "../../server/actor.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { modelSummarySchema } from "../catalogue/schemas.ts";
import { registrationSchema } from "../registration/schemas.ts";
import { APP_CONSENT_VERSION } from "../registration/service.ts";
import { startDecodePool } from "./decode-pool.ts";
import { decodeLabelPhoto, interpretLabel, registerFromLabel } from "./service.ts";

const meaningSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("registration"),
    identifier: z.string(),
    model: modelSummarySchema.nullable(),
    categoryCode: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("use-serial"),
    categoryCode: z.string(),
    model: modelSummarySchema.nullable(),
    reason: z.literal("qr_not_allowed"),
  }),
  z.object({ kind: z.literal("pairing"), platform: z.string() }),
  z.object({ kind: z.literal("product-code"), model: modelSummarySchema.nullable() }),
  z.object({ kind: z.literal("unknown"), reason: z.string() }),
]);
const codeSchema = z.object({ format: z.string(), text: z.string(), meaning: meaningSchema });
const payloadSchema = z.strictObject({
  payload: z
    .string()
    .max(512)
    .meta({ example: "https://id.example.com/01/07090010900219/21/RF195HAT3000081" }),
  format: z.string().max(40).meta({
    description: "The symbology as the scanner names it: QRCode, Code128, Code39, EAN13, DataMatrix …",
    example: "QRCode",
  }),
});

/**
 * Labels (B2, R5, R7): decode a photo, interpret a scanned payload, register from it; the app's
 * consent. Photos are decoded in a pool of worker threads (LABEL_DECODE_*), closed with the app.
 */
export const labelRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
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
          ...problemResponses(400, 401, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const { file } = await readMultipartForm(
        request,
        () => new Problem("label.file_too_large", "The photo is larger than 10 MB."),
      );
      const photo = file?.bytes;
      if (!photo) throw new Problem("label.photo_missing", "Attach a photo of the label.");
      try {
        return await decodeLabelPhoto(database, config, decoder, photo);
      } catch (error) {
        if (error instanceof Problem && typeof error.extra.retryAfter === "number")
          reply.header("retry-after", String(error.extra.retryAfter));
        throw error;
      }
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
        response: { 200: codeSchema, ...problemResponses(400, 401) },
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
        response: { 201: registrationSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerFromLabel(database, config, requireActor(request), request.body)),
  );

  app.get(
    "/app/consent",
    {
      schema: {
        tags: ["Members app"],
        summary: "Whether the owner has confirmed registering only their own devices",
        response: {
          200: z.object({
            currentVersion: z.string(),
            confirmed: z.object({ textVersion: z.string(), at: z.string() }).nullable(),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await database.db
        .selectFrom("app_consent")
        .selectAll()
        .where("owner_id", "=", actor.userId)
        .executeTakeFirst();
      return {
        currentVersion: APP_CONSENT_VERSION,
        confirmed: row ? { textVersion: row.text_version, at: toInstant(row.confirmed_at) } : null,
      };
    },
  );

  app.post(
    "/app/consent",
    {
      schema: {
        tags: ["Members app"],
        summary: "Confirm: I register only my own devices",
        body: z.strictObject({
          textVersion: z
            .literal(APP_CONSENT_VERSION)
            .meta({ description: "The version of the text the owner was shown." }),
        }),
        response: {
          200: z.object({ textVersion: z.string(), at: z.string() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const at = new Date().toISOString();
      await database.db
        .insertInto("app_consent")
        .values({ owner_id: actor.userId, text_version: request.body.textVersion, confirmed_at: at })
        .onConflict((oc) =>
          oc.column("owner_id").doUpdateSet({ text_version: request.body.textVersion, confirmed_at: at }),
        )
        .execute();
      await audit(database.db, {
        actor,
        action: "app.consent",
        ownerId: actor.userId,
        subjectType: "consent",
        subjectId: null,
        detail: { textVersion: request.body.textVersion },
      });
      return { textVersion: request.body.textVersion, at };
    },
  );
};
