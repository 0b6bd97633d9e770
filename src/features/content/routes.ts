import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_CONTENT_IMAGE_BYTES } from "../../domain/content.ts";
import { requireActor } from "../../server/actor.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { readMultipartForm } from "../../server/multipart-form.ts";
import { problemResponses } from "../../server/openapi.ts";
import { authorize } from "../../server/policy.ts";
import { sendStoredFile } from "../../server/stored-file.ts";
import { chosenFile } from "../claims/proof.ts";
import {
  contentDraftSchema,
  contentIdParams,
  contentImageParams,
  contentImageSchema,
  contentItemSchema,
  contentListSchema,
  contentPreviewSchema,
  faqDraftSchema,
  faqEntrySchema,
  faqListSchema,
} from "./schemas.ts";
import {
  allFaq,
  type ContentContext,
  createContent,
  createFaq,
  imageTooLarge,
  listContent,
  previewContent,
  readContent,
  readContentImageFile,
  removeFaq,
  setPublished,
  updateContent,
  updateFaq,
  uploadContentImage,
} from "./service.ts";

const WRITE = ["auth.required", "auth.forbidden", "auth.csrf", "request.invalid"] as const;
const DRAFT_CODES = [
  ...WRITE,
  "content.text_missing",
  "content.dates_order",
  "content.date_range",
  "content.link_invalid",
  "content.audience_unknown",
  "content.image_unknown",
] as const satisfies readonly ErrorCode[];
const FAQ_CODES = [...WRITE, "content.text_missing", "faq.category_unknown"] as const;
const IMAGE_FORM_CODES = [
  "request.malformed_multipart",
  "request.stream_broken",
  "request.too_many_parts",
  "request.too_large",
  "request.media_type",
  "content.image_too_large",
  "content.image_type",
  "content.image_missing",
] as const satisfies readonly ErrorCode[];

const TAGS = ["Content"];

/**
 * What staff write for owners (issue 17): announcements and the top message (drafts, a preview,
 * publishing on a schedule to an audience), their images, and the FAQ. Editors and admins only
 * (`content.manage`), except the images and the FAQ, which are public words.
 */
export const contentRoutes: FastifyPluginAsyncZod<ContentContext> = async (app, ctx) => {
  app.get(
    "/editor/content",
    {
      schema: {
        tags: TAGS,
        summary: "Announcements and top messages, newest first (editors)",
        response: { 200: contentListSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => listContent(ctx, requireActor(request)),
  );

  app.post(
    "/editor/content",
    {
      schema: {
        tags: TAGS,
        summary: "Write a draft announcement or top message, in nb and en (editors)",
        description:
          "Nothing is shown before it is published. Title in both languages; the body, the link's label and the " +
          "image's text in both or (the body) in neither. The schedule's end must come after its start.",
        body: contentDraftSchema,
        response: { 201: contentItemSchema, ...problemResponses(...DRAFT_CODES) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createContent(ctx, requireActor(request), request.body)),
  );

  app.get(
    "/editor/content/:id",
    {
      schema: {
        tags: TAGS,
        summary: "One announcement or top message (editors)",
        params: contentIdParams,
        response: {
          200: contentItemSchema,
          ...problemResponses("auth.required", "auth.forbidden", "request.invalid", "content.not_found"),
        },
      },
    },
    async (request) => readContent(ctx, requireActor(request), request.params.id),
  );

  app.put(
    "/editor/content/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Change an announcement or top message (a published one shows the change at once)",
        params: contentIdParams,
        body: contentDraftSchema,
        response: { 200: contentItemSchema, ...problemResponses(...DRAFT_CODES, "content.not_found") },
      },
    },
    async (request) => updateContent(ctx, requireActor(request), request.params.id, request.body),
  );

  app.get(
    "/editor/content/:id/preview",
    {
      schema: {
        tags: TAGS,
        summary: "The item exactly as My Page would show it, and whether it shows now",
        params: contentIdParams,
        response: {
          200: contentPreviewSchema,
          ...problemResponses("auth.required", "auth.forbidden", "request.invalid", "content.not_found"),
        },
      },
    },
    async (request) => previewContent(ctx, requireActor(request), request.params.id),
  );

  for (const [action, published] of [
    ["publish", true],
    ["unpublish", false],
  ] as const) {
    app.post(
      `/editor/content/:id/${action}`,
      {
        schema: {
          tags: TAGS,
          summary: published
            ? "Publish: shown to its audience inside its schedule"
            : "Take back to a draft: shown to nobody",
          params: contentIdParams,
          response: {
            200: contentItemSchema,
            ...problemResponses(
              "auth.required",
              "auth.forbidden",
              "auth.csrf",
              "request.invalid",
              "content.not_found",
            ),
          },
        },
      },
      async (request) => setPublished(ctx, requireActor(request), request.params.id, published),
    );
  }

  app.post(
    "/editor/images",
    {
      schema: {
        tags: TAGS,
        summary: "Upload an image for an announcement (multipart/form-data, one file `image`)",
        description:
          "A PNG, JPEG or WebP picture, judged by its content, at most 5 MB; stored without its metadata.",
        consumes: ["multipart/form-data"],
        response: {
          201: contentImageSchema,
          ...problemResponses("auth.required", "auth.forbidden", "auth.csrf", ...IMAGE_FORM_CODES),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Refused before a byte of the file is read.
      authorize(actor, { kind: "content.manage" });
      // Reading stops at the image's limit, not the 10 MB a proof may have.
      const { file } = await readMultipartForm(request, imageTooLarge, {
        maxFileBytes: MAX_CONTENT_IMAGE_BYTES,
      });
      return reply.status(201).send(await uploadContentImage(ctx, actor, chosenFile(file)));
    },
  );

  app.get(
    "/content/images/:id",
    {
      config: { access: "public" },
      schema: {
        tags: TAGS,
        summary: "An announcement's image",
        description:
          "Anyone's once a published item shows it, and then cached for a year (an id's bytes never change); " +
          "until then editors' only, and anyone else gets the 404 of an unknown id.",
        params: contentImageParams,
        response: { ...problemResponses("request.invalid", "content_image.not_found") },
      },
    },
    async (request, reply) => {
      const image = await readContentImageFile(ctx, request.actor ?? null, request.params.id);
      // A published item's image never changes for its id; one not yet published is for editors only.
      return sendStoredFile(reply, image, {
        ...(image.shared ? { cacheControl: "public, max-age=31536000, immutable" } : {}),
      });
    },
  );

  app.get(
    "/faq",
    {
      config: { access: "public" },
      schema: {
        tags: TAGS,
        summary: "The FAQ: general questions first, then per product category",
        response: { 200: faqListSchema },
      },
    },
    async () => allFaq(ctx.database),
  );

  app.post(
    "/editor/faq",
    {
      schema: {
        tags: TAGS,
        summary: "Add a question and its answer, general or for a category, in nb and en (editors)",
        body: faqDraftSchema,
        response: { 201: faqEntrySchema, ...problemResponses(...FAQ_CODES) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFaq(ctx, requireActor(request), request.body)),
  );

  app.put(
    "/editor/faq/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Change a question and its answer (editors)",
        params: contentIdParams,
        body: faqDraftSchema,
        response: { 200: faqEntrySchema, ...problemResponses(...FAQ_CODES, "faq.not_found") },
      },
    },
    async (request) => updateFaq(ctx, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/editor/faq/:id",
    {
      schema: {
        tags: TAGS,
        summary: "Remove a question (editors)",
        params: contentIdParams,
        response: {
          204: z.null(),
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "faq.not_found",
          ),
        },
      },
    },
    async (request, reply) => {
      await removeFaq(ctx, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
