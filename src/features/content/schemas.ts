import { z } from "zod";
import { COUNTRIES } from "../../domain/country.ts";

/**
 * What staff write for owners: announcements (a carousel of at most three on My Page), the top
 * message (one), and the FAQ. Every text is in nb and en; the service checks that neither is blank.
 */

const inBoth = (max: number) => z.strictObject({ nb: z.string().max(max), en: z.string().max(max) });
const names = z.object({ nb: z.string(), en: z.string() });

export const CONTENT_KINDS = ["announcement", "top-message"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const CONTENT_STATUSES = ["draft", "published"] as const;

/** Who an item is for: everyone, owners of a category or a model, owners in a country, owners with no product yet. */
export const audienceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("everyone") }),
  z.strictObject({ kind: z.literal("category"), code: z.string().trim().min(1).max(64) }),
  z.strictObject({ kind: z.literal("model"), code: z.string().trim().min(1).max(64) }),
  z.strictObject({ kind: z.literal("country"), country: z.enum(COUNTRIES) }),
  z.strictObject({ kind: z.literal("no-product") }),
]);
export type Audience = z.infer<typeof audienceSchema>;

/** A draft as an editor writes it (create and update send the whole of it). */
export const contentDraftSchema = z.strictObject({
  kind: z.enum(CONTENT_KINDS),
  title: inBoth(120),
  /** May be blank in both languages (a short top message), never in one only. */
  body: inBoth(1000),
  link: z.strictObject({ url: z.string().trim().min(1).max(500), label: inBoth(60) }).nullable(),
  /** An image uploaded with `POST /editor/images`, and its text for those who cannot see it. */
  image: z.strictObject({ id: z.uuid(), alt: inBoth(200) }).nullable(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  audience: audienceSchema,
});
export type ContentDraft = z.infer<typeof contentDraftSchema>;

export const contentIdParams = z.object({ id: z.uuid() });
/**
 * A picture's address, as anyone may ask for it: any short id, so that every spelling of a path
 * that names no picture gets the same 404 as an unknown one.
 */
export const contentImageParams = z.object({ id: z.string().max(64) });

/** An item as an owner sees it: both languages, so a change of language needs no new request. */
export const shownContentSchema = z.object({
  id: z.string(),
  kind: z.enum(CONTENT_KINDS),
  title: names,
  body: names,
  link: z.object({ url: z.string(), label: names }).nullable(),
  image: z.object({ url: z.string(), alt: names }).nullable(),
});
export type ShownContent = z.infer<typeof shownContentSchema>;

/** An item as editors see it: what they wrote, its schedule, audience and state. */
export const contentItemSchema = z.object({
  id: z.string(),
  kind: z.enum(CONTENT_KINDS),
  status: z.enum(CONTENT_STATUSES),
  title: names,
  body: names,
  link: z.object({ url: z.string(), label: names }).nullable(),
  image: z.object({ id: z.string(), url: z.string(), alt: names }).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  audience: audienceSchema,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContentItem = z.infer<typeof contentItemSchema>;

export const contentListSchema = z.object({ items: z.array(contentItemSchema) });

/** The preview: the item exactly as My Page would show it, and whether it would show today. */
export const contentPreviewSchema = z.object({
  shown: shownContentSchema,
  /** "live" when published and inside its window now; else why it is not shown. */
  state: z.enum(["live", "draft", "scheduled", "ended"]),
});

export const contentImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  mediaType: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

/** A question and its answer, general (no category) or for owners of one category. */
export const faqDraftSchema = z.strictObject({
  categoryCode: z.string().trim().min(1).max(64).nullable(),
  question: inBoth(200),
  answer: inBoth(2000),
  /** Where it stands in its list; lower first. */
  position: z.number().int().min(0).max(10_000).default(0),
});
export type FaqDraft = z.infer<typeof faqDraftSchema>;

export const faqEntrySchema = z.object({
  id: z.string(),
  categoryCode: z.string().nullable(),
  categoryNames: names.nullable(),
  question: names,
  answer: names,
  position: z.number().int(),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const faqListSchema = z.object({ entries: z.array(faqEntrySchema) });

/** What My Page shows of it: the top message, up to three announcements, the FAQ that fits the owner. */
export const ownerContentSchema = z.object({
  topMessage: shownContentSchema.nullable(),
  announcements: z.array(shownContentSchema).max(3),
  faq: z.array(faqEntrySchema),
});
export type OwnerContent = z.infer<typeof ownerContentSchema>;
