import { type FormEvent, useState } from "react";
import type { Category } from "../../features/catalogue/schemas.ts";
import type { ContentDraft, ContentItem } from "../../features/content/schemas.ts";
import { api } from "../api.ts";
import { Field } from "../components/form.tsx";
import { useI18n } from "../i18n.tsx";

const AUDIENCES = ["everyone", "category", "model", "country", "no-product"] as const;
const COUNTRY_CODES = ["NO", "SE", "DK", "FI"] as const;

/** What the form holds: every field as the inputs give it. */
interface FormState {
  kind: ContentDraft["kind"];
  titleNb: string;
  titleEn: string;
  bodyNb: string;
  bodyEn: string;
  linkUrl: string;
  linkNb: string;
  linkEn: string;
  imageId: string;
  altNb: string;
  altEn: string;
  startsAt: string;
  endsAt: string;
  audience: (typeof AUDIENCES)[number];
  audienceValue: string;
}

/** A `datetime-local` value (the reader's own time) for an instant. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function stateOf(item: ContentItem | null, now: Date): FormState {
  const a = item?.audience ?? { kind: "everyone" as const };
  return {
    kind: item?.kind ?? "announcement",
    titleNb: item?.title.nb ?? "",
    titleEn: item?.title.en ?? "",
    bodyNb: item?.body.nb ?? "",
    bodyEn: item?.body.en ?? "",
    linkUrl: item?.link?.url ?? "",
    linkNb: item?.link?.label.nb ?? "",
    linkEn: item?.link?.label.en ?? "",
    imageId: item?.image?.id ?? "",
    altNb: item?.image?.alt.nb ?? "",
    altEn: item?.image?.alt.en ?? "",
    startsAt: localInput(item?.startsAt ?? now.toISOString()),
    endsAt: localInput(item?.endsAt ?? new Date(now.getTime() + 30 * 86_400_000).toISOString()),
    audience: a.kind,
    audienceValue:
      a.kind === "category" || a.kind === "model" ? a.code : a.kind === "country" ? a.country : "",
  };
}

function draftOf(f: FormState): ContentDraft {
  const instant = (value: string) => (value ? new Date(value).toISOString() : "");
  const audience: ContentDraft["audience"] =
    f.audience === "category" || f.audience === "model"
      ? { kind: f.audience, code: f.audienceValue }
      : f.audience === "country"
        ? { kind: "country", country: (f.audienceValue || "NO") as "NO" }
        : { kind: f.audience };
  return {
    kind: f.kind,
    title: { nb: f.titleNb, en: f.titleEn },
    body: { nb: f.bodyNb, en: f.bodyEn },
    link: f.linkUrl.trim() ? { url: f.linkUrl.trim(), label: { nb: f.linkNb, en: f.linkEn } } : null,
    image: f.imageId ? { id: f.imageId, alt: { nb: f.altNb, en: f.altEn } } : null,
    startsAt: instant(f.startsAt),
    endsAt: instant(f.endsAt),
    audience,
  };
}

function TextArea(props: { label: string; value: string; onChange(value: string): void; maxLength: number }) {
  const id = `content-${props.label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** The editor's form for an announcement or the top message: writes a draft, never publishes it. */
export function ContentForm(props: {
  item: ContentItem | null;
  categories: readonly Category[];
  onSaved(item: ContentItem): void;
  onError(error: unknown): void;
  onCancel(): void;
}) {
  const { t, locale } = useI18n();
  const [f, setForm] = useState(() => stateOf(props.item, new Date()));
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }));
  const text = (key: keyof FormState) => ({
    value: f[key],
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }),
  });

  async function upload(file: File | undefined) {
    if (!file) return;
    const body = new FormData();
    body.append("image", file);
    try {
      const image = await api<{ id: string }>("POST", "/api/v1/editor/images", body);
      set({ imageId: image.id });
    } catch (error) {
      props.onError(error);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const draft = draftOf(f);
      props.onSaved(
        props.item
          ? await api<ContentItem>("PUT", `/api/v1/editor/content/${props.item.id}`, draft)
          : await api<ContentItem>("POST", "/api/v1/editor/content", draft),
      );
    } catch (error) {
      props.onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={save} aria-labelledby="content-form-title">
      <h2 id="content-form-title">{props.item ? t("editor.edit") : t("editor.new")}</h2>
      <div className="field">
        <label htmlFor="content-kind">{t("editor.kind")}</label>
        <select
          id="content-kind"
          value={f.kind}
          onChange={(e) => set({ kind: e.target.value as FormState["kind"] })}
        >
          <option value="announcement">{t("editor.kind.announcement")}</option>
          <option value="top-message">{t("editor.kind.topMessage")}</option>
        </select>
      </div>
      <Field label={t("editor.titleNb")} maxLength={120} {...text("titleNb")} />
      <Field label={t("editor.titleEn")} maxLength={120} {...text("titleEn")} />
      <TextArea
        label={t("editor.bodyNb")}
        maxLength={1000}
        value={f.bodyNb}
        onChange={(v) => set({ bodyNb: v })}
      />
      <TextArea
        label={t("editor.bodyEn")}
        maxLength={1000}
        value={f.bodyEn}
        onChange={(v) => set({ bodyEn: v })}
      />
      <Field label={t("editor.linkUrl")} hint={t("editor.linkHint")} maxLength={500} {...text("linkUrl")} />
      <Field label={t("editor.linkNb")} maxLength={60} {...text("linkNb")} />
      <Field label={t("editor.linkEn")} maxLength={60} {...text("linkEn")} />
      <Field
        label={t("editor.image")}
        hint={f.imageId ? t("editor.imageChosen") : t("editor.imageHint")}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => void upload(e.target.files?.[0])}
      />
      {f.imageId && (
        <>
          <img className="editor-image" src={`/api/v1/content/images/${f.imageId}`} alt="" />
          <Field label={t("editor.altNb")} maxLength={200} {...text("altNb")} />
          <Field label={t("editor.altEn")} maxLength={200} {...text("altEn")} />
          <button type="button" className="link-button" onClick={() => set({ imageId: "" })}>
            {t("editor.imageRemove")}
          </button>
        </>
      )}
      <Field label={t("editor.startsAt")} type="datetime-local" required {...text("startsAt")} />
      <Field label={t("editor.endsAt")} type="datetime-local" required {...text("endsAt")} />
      <div className="field">
        <label htmlFor="content-audience">{t("editor.audience")}</label>
        <select
          id="content-audience"
          value={f.audience}
          onChange={(e) => set({ audience: e.target.value as FormState["audience"], audienceValue: "" })}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`editor.audience.${a === "no-product" ? "noProduct" : a}`)}
            </option>
          ))}
        </select>
      </div>
      {f.audience === "category" && (
        <div className="field">
          <label htmlFor="content-category">{t("editor.category")}</label>
          <select id="content-category" required {...text("audienceValue")}>
            <option value="">{t("editor.choose")}</option>
            {props.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.names[locale]}
              </option>
            ))}
          </select>
        </div>
      )}
      {f.audience === "model" && (
        <Field
          label={t("editor.model")}
          hint={t("editor.modelHint")}
          required
          maxLength={64}
          {...text("audienceValue")}
        />
      )}
      {f.audience === "country" && (
        <div className="field">
          <label htmlFor="content-country">{t("editor.country")}</label>
          <select id="content-country" {...text("audienceValue")}>
            {COUNTRY_CODES.map((c) => (
              <option key={c} value={c}>
                {t(`country.${c}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="editor-actions">
        <button type="submit" className="button" disabled={busy}>
          {t("editor.saveDraft")}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
