import { bannerPng } from "../src/features/content/demo-image.ts";
import type { ContentDraft } from "../src/features/content/schemas.ts";
import { multipart } from "./harness.ts";
import type { World } from "./role-matrix-world.ts";

/** What the content tests and the role matrix send, as the editors' page sends it. For tests only. */

export const CONTENT_DRAFT: ContentDraft = {
  kind: "announcement",
  title: { nb: "Nyhet", en: "News" },
  body: { nb: "Noe nytt.", en: "Something new." },
  link: null,
  image: null,
  startsAt: "2026-01-01T00:00:00.000Z",
  // A schedule runs at most two years.
  endsAt: "2027-01-01T00:00:00.000Z",
  audience: { kind: "everyone" },
};

export const FAQ_DRAFT = {
  categoryCode: null,
  question: { nb: "Spørsmål?", en: "Question?" },
  answer: { nb: "Svar.", en: "Answer." },
};

/** A multipart body with one real PNG under `image`. */
export function imageUpload() {
  const body = multipart(
    {},
    { name: "banner.png", field: "image", bytes: bannerPng(4, 2, [11, 79, 108]), type: "image/png" },
  );
  return { headers: body.headers, payload: body.payload };
}

async function asEditor(
  world: World,
  method: "POST",
  url: string,
  payload: object | Buffer | undefined,
  headers = {},
  status = 201,
) {
  const res = await world.t.app.inject({
    method,
    url,
    headers: { ...world.people.editor.headers, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  if (res.statusCode !== status) throw new Error(`${url} failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** A draft announcement the world's editor wrote. */
export const editorsItem = (world: World) => asEditor(world, "POST", "/api/v1/editor/content", CONTENT_DRAFT);

/** A FAQ entry the world's editor wrote. */
export const editorsFaq = (world: World) => asEditor(world, "POST", "/api/v1/editor/faq", FAQ_DRAFT);

/** An image the world's editor uploaded. */
export function editorsImage(world: World) {
  const { headers, payload } = imageUpload();
  return asEditor(world, "POST", "/api/v1/editor/images", payload, headers);
}

/** An image the world's editor uploaded and showed on a published announcement: anyone may see it. */
export async function publishedImage(world: World) {
  const image = await editorsImage(world);
  const item = await asEditor(world, "POST", "/api/v1/editor/content", {
    ...CONTENT_DRAFT,
    image: { id: image, alt: { nb: "Et banner", en: "A banner" } },
  });
  await asEditor(world, "POST", `/api/v1/editor/content/${item}/publish`, undefined, {}, 200);
  return image;
}
