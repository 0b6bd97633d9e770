import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  blankLanguages,
  type InBoth,
  isAllowedLink,
  isScheduleInOrder,
  isScheduleInRange,
  MAX_CONTENT_IMAGE_BYTES,
  readContentImage,
} from "../../domain/content.ts";
import type { Actor } from "../../server/actor.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { authorize, can } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { findCategory, findModelRow } from "../catalogue/queries.ts";
import { withPendingFile } from "../claims/pending-files.ts";
import type { FileStorage } from "../claims/storage.ts";
import { findProfile } from "../profile/queries.ts";
import {
  type AudienceFacts,
  type ContentItemRow,
  currentContentItems,
  deleteFaqEntry,
  type FaqRow,
  faqEntriesFor,
  findContentImage,
  findContentItem,
  findFaqEntry,
  insertContentImage,
  insertContentItem,
  insertFaqEntry,
  listContentItems,
  listFaqEntries,
  publishContentItem,
  shownOnAPublishedItem,
  updateContentItem,
  updateFaqEntry,
} from "./queries.ts";
import type {
  Audience,
  ContentDraft,
  ContentItem,
  FaqDraft,
  FaqEntry,
  OwnerContent,
  ShownContent,
} from "./schemas.ts";

/** What the content services work with: the database, the time and the file store for images. */
export interface ContentContext {
  database: Database;
  clock: Clock;
  storage: FileStorage;
}

/** At most this many announcements on My Page, newest first among those that apply. */
export const MAX_SHOWN_ANNOUNCEMENTS = 3;

export const contentImageUrl = (id: string) => `/api/v1/content/images/${id}`;
const imageKey = (id: string) => `content/${id}`;

const both = (nb: string | null, en: string | null) => ({ nb: nb ?? "", en: en ?? "" });

function audienceOf(row: ContentItemRow): Audience {
  switch (row.audience) {
    case "category":
    case "model":
      return { kind: row.audience, code: row.audience_value ?? "" };
    case "country":
      return { kind: "country", country: (row.audience_value ?? "NO") as "NO" };
    case "no-product":
      return { kind: "no-product" };
    default:
      return { kind: "everyone" };
  }
}

function shown(row: ContentItemRow): ShownContent {
  return {
    id: row.id,
    kind: row.kind as ShownContent["kind"],
    title: both(row.title_nb, row.title_en),
    body: both(row.body_nb, row.body_en),
    link: row.link_url ? { url: row.link_url, label: both(row.link_label_nb, row.link_label_en) } : null,
    image: row.image_id
      ? { url: contentImageUrl(row.image_id), alt: both(row.image_alt_nb, row.image_alt_en) }
      : null,
  };
}

function presentItem(row: ContentItemRow): ContentItem {
  const view = shown(row);
  return {
    ...view,
    status: row.status as ContentItem["status"],
    image: row.image_id
      ? { id: row.image_id, url: contentImageUrl(row.image_id), alt: view.image?.alt ?? both("", "") }
      : null,
    startsAt: toInstant(row.starts_at),
    endsAt: toInstant(row.ends_at),
    audience: audienceOf(row),
    publishedAt: row.published_at ? toInstant(row.published_at) : null,
    createdAt: toInstant(row.created_at),
    updatedAt: toInstant(row.updated_at),
  };
}

const textMissing = (languages: string[]) =>
  new Problem(
    "content.text_missing",
    `Write the text in both languages: ${languages.join(", ")} is missing.`,
    {
      languages,
    },
  );

/** A body, a link label or a picture's text: blank in both languages, or written in both. */
function pairMissing(text: InBoth): string[] {
  const blank = blankLanguages(text);
  return blank.length === 1 ? blank : [];
}

/** Checks a draft against the rules and the catalogue, and gives the columns it is stored as. */
async function draftColumns(database: Database, draft: ContentDraft) {
  const missing = new Set([
    ...blankLanguages(draft.title),
    ...pairMissing(draft.body),
    ...(draft.link ? blankLanguages(draft.link.label) : []),
    ...(draft.image ? blankLanguages(draft.image.alt) : []),
  ]);
  if (missing.size > 0) throw textMissing([...missing]);
  const schedule = { startsAt: draft.startsAt, endsAt: draft.endsAt };
  if (!isScheduleInOrder(draft.startsAt, draft.endsAt))
    throw new Problem("content.dates_order", "The end of the schedule must come after its start.", schedule);
  // Both databases store and sort every instant of these years alike (no year 0 or 10000).
  if (!isScheduleInRange(draft.startsAt, draft.endsAt))
    throw new Problem(
      "content.date_range",
      "The schedule must fall between the years 2000 and 2100, and end at most two years after its start.",
      schedule,
    );
  if (draft.link && !isAllowedLink(draft.link.url))
    throw new Problem("content.link_invalid", "A link is a page of the portal (/…) or an https address.");
  const audience = draft.audience;
  if (audience.kind === "category" && !(await findCategory(database.db, audience.code)))
    throw new Problem("content.audience_unknown", `There is no category ${audience.code}.`);
  if (audience.kind === "model" && !(await findModelRow(database.db, audience.code)))
    throw new Problem("content.audience_unknown", `There is no model ${audience.code}.`);
  if (draft.image && !(await findContentImage(database.db, draft.image.id)))
    throw new Problem("content.image_unknown", "Upload the image first: there is none with that id.");
  return {
    kind: draft.kind,
    title_nb: draft.title.nb.trim(),
    title_en: draft.title.en.trim(),
    body_nb: draft.body.nb.trim(),
    body_en: draft.body.en.trim(),
    link_url: draft.link?.url ?? null,
    link_label_nb: draft.link?.label.nb.trim() ?? null,
    link_label_en: draft.link?.label.en.trim() ?? null,
    image_id: draft.image?.id ?? null,
    image_alt_nb: draft.image?.alt.nb.trim() ?? null,
    image_alt_en: draft.image?.alt.en.trim() ?? null,
    audience: audience.kind,
    audience_value:
      audience.kind === "category" || audience.kind === "model"
        ? audience.code
        : audience.kind === "country"
          ? audience.country
          : null,
    starts_at: new Date(draft.startsAt).toISOString(),
    ends_at: new Date(draft.endsAt).toISOString(),
  };
}

async function itemOrThrow(database: Database, id: string): Promise<ContentItemRow> {
  const row = await findContentItem(database.db, id);
  if (!row) throw notFound("content");
  return row;
}

/** A new draft: nobody sees it before it is published. */
export async function createContent(
  ctx: ContentContext,
  actor: Actor,
  draft: ContentDraft,
): Promise<ContentItem> {
  authorize(actor, { kind: "content.manage" });
  const columns = await draftColumns(ctx.database, draft);
  const at = ctx.clock.now().toISOString();
  const id = newRowId();
  await insertContentItem(ctx.database.db, {
    id,
    ...columns,
    status: "draft",
    published_at: null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  });
  return presentItem(await itemOrThrow(ctx.database, id));
}

/** Replaces what an item says, its schedule and audience; a published item shows the change at once. */
export async function updateContent(
  ctx: ContentContext,
  actor: Actor,
  id: string,
  draft: ContentDraft,
): Promise<ContentItem> {
  authorize(actor, { kind: "content.manage" });
  await itemOrThrow(ctx.database, id);
  const columns = await draftColumns(ctx.database, draft);
  if (
    !(await updateContentItem(ctx.database.db, id, { ...columns, updated_at: ctx.clock.now().toISOString() }))
  )
    throw notFound("content");
  return presentItem(await itemOrThrow(ctx.database, id));
}

export async function readContent(ctx: ContentContext, actor: Actor, id: string): Promise<ContentItem> {
  authorize(actor, { kind: "content.manage" });
  return presentItem(await itemOrThrow(ctx.database, id));
}

export async function listContent(ctx: ContentContext, actor: Actor): Promise<{ items: ContentItem[] }> {
  authorize(actor, { kind: "content.manage" });
  return { items: (await listContentItems(ctx.database.db)).map(presentItem) };
}

/** The item exactly as My Page would show it, and whether it is shown now. */
export async function previewContent(ctx: ContentContext, actor: Actor, id: string) {
  authorize(actor, { kind: "content.manage" });
  const row = await itemOrThrow(ctx.database, id);
  const now = ctx.clock.now().getTime();
  const state =
    row.status !== "published"
      ? "draft"
      : now < new Date(toInstant(row.starts_at)).getTime()
        ? "scheduled"
        : now >= new Date(toInstant(row.ends_at)).getTime()
          ? "ended"
          : "live";
  return { shown: shown(row), state } as const;
}

/** Publishes (shown to its audience inside its window) or takes back to a draft. */
export async function setPublished(
  ctx: ContentContext,
  actor: Actor,
  id: string,
  published: boolean,
): Promise<ContentItem> {
  authorize(actor, { kind: "content.manage" });
  const at = ctx.clock.now().toISOString();
  // Publishing an item already published changes nothing: it keeps the time it was first published.
  const changed = published
    ? await publishContentItem(ctx.database.db, id, at)
    : await updateContentItem(ctx.database.db, id, { status: "draft", published_at: null, updated_at: at });
  if (!changed && !published) throw notFound("content");
  return presentItem(await itemOrThrow(ctx.database, id));
}

export const imageTooLarge = () =>
  new Problem(
    "content.image_too_large",
    `The image is larger than ${MAX_CONTENT_IMAGE_BYTES / 1024 / 1024} MB.`,
  );

/**
 * Stores an editor's picture once its content says it is a PNG, JPEG or WebP (never its name or
 * claimed type), without its metadata. Written pending and kept when its row commits.
 */
export async function uploadContentImage(ctx: ContentContext, actor: Actor, upload: Upload | null) {
  authorize(actor, { kind: "content.manage" });
  if (!upload || upload.bytes.length === 0) throw new Problem("content.image_missing", "Attach an image.");
  if (upload.bytes.length > MAX_CONTENT_IMAGE_BYTES) throw imageTooLarge();
  const image = readContentImage(upload.bytes);
  if (!image)
    throw new Problem(
      "content.image_type",
      "The file is not a PNG, JPEG or WebP picture (judged by its content).",
    );
  const at = ctx.clock.now().toISOString();
  return withPendingFile(
    ctx.storage,
    imageKey,
    { type: image.type, bytes: image.bytes, name: "image" },
    async (file) => {
      if (!file) throw new Problem("content.image_missing", "Attach an image.");
      await insertContentImage(ctx.database.db, {
        id: file.id,
        storage_key: file.storageKey,
        media_type: image.type,
        size: image.bytes.length,
        width: image.size?.width ?? null,
        height: image.size?.height ?? null,
        created_by: actor.userId,
        created_at: at,
      });
      return {
        id: file.id,
        url: contentImageUrl(file.id),
        mediaType: image.type,
        width: image.size?.width ?? null,
        height: image.size?.height ?? null,
      };
    },
  );
}

/**
 * An image: for anyone once a published item shows it (announcements are public words, and their
 * pictures with them), and then `shared`: its bytes never change for its id, so it may be cached.
 * An image no published item shows is for editors only; anyone else gets the 404 of an unknown id.
 */
export async function readContentImageFile(ctx: ContentContext, actor: Actor | null, id: string) {
  const row = await findContentImage(ctx.database.db, id);
  const shared = row ? await shownOnAPublishedItem(ctx.database.db, id) : false;
  if (!row || !(shared || (actor && can(actor, { kind: "content.manage" })))) throw notFound("content_image");
  const bytes = await ctx.storage.get(row.storage_key);
  if (!bytes) throw notFound("content_image");
  return { bytes, mediaType: row.media_type, name: `image-${id}`, shared };
}

function presentFaq(row: FaqRow): FaqEntry {
  return {
    id: row.id,
    categoryCode: row.category_code,
    categoryNames:
      row.category_code && row.category_name_nb !== null
        ? { nb: row.category_name_nb, en: row.category_name_en ?? row.category_name_nb }
        : null,
    question: both(row.question_nb, row.question_en),
    answer: both(row.answer_nb, row.answer_en),
    position: row.position,
  };
}

/** General questions first, then by category, each list in its editors' order: the same on both databases. */
function inFaqOrder(entries: FaqEntry[]): FaqEntry[] {
  const key = (e: FaqEntry) =>
    [e.categoryCode === null ? 0 : 1, e.categoryCode ?? "", e.position, e.id] as const;
  return entries.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
    return 0;
  });
}

async function faqColumns(database: Database, draft: FaqDraft) {
  const missing = [...new Set([...blankLanguages(draft.question), ...blankLanguages(draft.answer)])];
  if (missing.length > 0) throw textMissing(missing);
  if (draft.categoryCode !== null && !(await findCategory(database.db, draft.categoryCode)))
    throw new Problem("faq.category_unknown", `There is no category ${draft.categoryCode}.`);
  return {
    category_code: draft.categoryCode,
    question_nb: draft.question.nb.trim(),
    question_en: draft.question.en.trim(),
    answer_nb: draft.answer.nb.trim(),
    answer_en: draft.answer.en.trim(),
    position: draft.position,
  };
}

async function faqOrThrow(database: Database, id: string): Promise<FaqEntry> {
  const row = await findFaqEntry(database.db, id);
  if (!row) throw notFound("faq");
  return presentFaq(row);
}

/** Every FAQ entry, general first and then by category: for editors, and for the support page. */
export async function allFaq(database: Database): Promise<{ entries: FaqEntry[] }> {
  return { entries: inFaqOrder((await listFaqEntries(database.db)).map(presentFaq)) };
}

export async function createFaq(ctx: ContentContext, actor: Actor, draft: FaqDraft): Promise<FaqEntry> {
  authorize(actor, { kind: "content.manage" });
  const columns = await faqColumns(ctx.database, draft);
  const at = ctx.clock.now().toISOString();
  const id = newRowId();
  await insertFaqEntry(ctx.database.db, { id, ...columns, created_at: at, updated_at: at });
  return faqOrThrow(ctx.database, id);
}

export async function updateFaq(
  ctx: ContentContext,
  actor: Actor,
  id: string,
  draft: FaqDraft,
): Promise<FaqEntry> {
  authorize(actor, { kind: "content.manage" });
  await faqOrThrow(ctx.database, id);
  const columns = await faqColumns(ctx.database, draft);
  if (!(await updateFaqEntry(ctx.database.db, id, { ...columns, updated_at: ctx.clock.now().toISOString() })))
    throw notFound("faq");
  return faqOrThrow(ctx.database, id);
}

export async function removeFaq(ctx: ContentContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, { kind: "content.manage" });
  if (!(await deleteFaqEntry(ctx.database.db, id))) throw notFound("faq");
}

/** What My Page knows of an owner already: who they are, and the models and categories of their products. */
export interface OwnerFacts {
  ownerId: string;
  categories: readonly string[];
  models: readonly string[];
}

/**
 * What My Page shows an owner of what staff wrote, at `now`: the newest top message that applies,
 * the newest announcements that apply (at most three), and the FAQ of general questions and the
 * categories they own. Each read is bounded: the items by the window index, the FAQ by its size.
 *
 * @example await contentFor(database, { ownerId, categories: ["phone"], models: ["NX-P24-128"] }, clock.now());
 */
export async function contentFor(database: Database, owner: OwnerFacts, now: Date): Promise<OwnerContent> {
  const at = now.toISOString();
  // The country of the owner's address, by their id; the rest My Page read on their own indexes.
  const profile = await findProfile(database.db, owner.ownerId);
  const facts: AudienceFacts = {
    categories: [...new Set(owner.categories)],
    models: [...new Set(owner.models)],
    country: profile?.country ?? "NO",
    ownsProducts: owner.models.length > 0,
  };
  const [top, announcements, faq] = await Promise.all([
    currentContentItems(database.db, "top-message", at, facts, 1),
    currentContentItems(database.db, "announcement", at, facts, MAX_SHOWN_ANNOUNCEMENTS),
    faqEntriesFor(database.db, facts.categories),
  ]);
  return {
    topMessage: top[0] ? shown(top[0]) : null,
    announcements: announcements.map(shown),
    faq: inFaqOrder(faq.map(presentFaq)),
  };
}
