import { useEffect, useState } from "react";
import type { Category } from "../../features/catalogue/schemas.ts";
import type { ContentItem, FaqEntry, ShownContent } from "../../features/content/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Announcements } from "../components/announcements.tsx";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { TopMessage } from "../components/top-message.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { ContentForm } from "./content-form.tsx";
import { FaqEditor } from "./faq-editor.tsx";

type Preview = { id: string; shown: ShownContent; state: "live" | "draft" | "scheduled" | "ended" };

/**
 * The editors' page: announcements and the top message (write a draft, preview it as My Page
 * shows it, publish or take back), and the FAQ.
 */
export function EditorPage() {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<ContentItem[] | null>(null);
  const [faq, setFaq] = useState<FaqEntry[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [editing, setEditing] = useState<ContentItem | "new" | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  usePageTitle(t("editor.title"));

  const fail = (error: unknown) => setNotice({ kind: "error", text: problemMessage(t, locale, error) });
  const load = () =>
    Promise.all([
      api<{ items: ContentItem[] }>("GET", "/api/v1/editor/content"),
      api<{ entries: FaqEntry[] }>("GET", "/api/v1/faq"),
    ]).then(([c, f]) => {
      setItems(c.items);
      setFaq(f.entries);
    }, fail);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists, once.
  useEffect(() => {
    void load();
    api<{ categories: Category[] }>("GET", "/api/v1/categories").then(
      (r) => setCategories(r.categories),
      fail,
    );
  }, []);

  const showPreview = async (item: ContentItem) => {
    try {
      const p = await api<Omit<Preview, "id">>("GET", `/api/v1/editor/content/${item.id}/preview`);
      setPreview({ id: item.id, ...p });
    } catch (error) {
      fail(error);
    }
  };
  const publish = async (item: ContentItem, on: boolean) => {
    try {
      await api("POST", `/api/v1/editor/content/${item.id}/${on ? "publish" : "unpublish"}`);
      setNotice({ kind: "success", text: t(on ? "editor.published" : "editor.unpublished") });
      setPreview(null);
      await load();
    } catch (error) {
      fail(error);
    }
  };
  const audience = (a: ContentItem["audience"]) =>
    a.kind === "category"
      ? t("editor.for.category", { name: categories.find((c) => c.code === a.code)?.names[locale] ?? a.code })
      : a.kind === "model"
        ? t("editor.for.model", { code: a.code })
        : a.kind === "country"
          ? t("editor.for.country", { country: t(`country.${a.country}` as MessageKey) })
          : t(a.kind === "everyone" ? "editor.for.everyone" : "editor.for.noProduct");

  return (
    <section className="stack editor">
      <h1>{t("editor.title")}</h1>
      <p className="lead">{t("editor.lead")}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      {editing ? (
        <ContentForm
          item={editing === "new" ? null : editing}
          categories={categories}
          onSaved={(item) => {
            setEditing(null);
            setNotice({ kind: "success", text: t("editor.saved") });
            void load().then(() => showPreview(item));
          }}
          onError={fail}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setEditing("new")}>
            {t("editor.new")}
          </button>
        </p>
      )}
      {preview && (
        <section className="card stack editor-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("editor.preview")}</h2>
          <p className="muted">{t(`editor.state.${preview.state}`)}</p>
          {preview.shown.kind === "top-message" ? (
            <TopMessage message={preview.shown} />
          ) : (
            <Announcements items={[preview.shown]} />
          )}
        </section>
      )}
      <section className="stack" aria-labelledby="items-title">
        <h2 id="items-title">{t("editor.items")}</h2>
        {items && items.length === 0 && <p>{t("editor.none")}</p>}
        <ul className="plain editor-list">
          {items?.map((item) => (
            <li key={item.id} className="card">
              <p className="muted">
                {t(item.kind === "top-message" ? "editor.kind.topMessage" : "editor.kind.announcement")} ·{" "}
                {t(item.status === "published" ? "editor.status.published" : "editor.status.draft")}
              </p>
              <p>
                <strong>{item.title[locale]}</strong>
              </p>
              <p className="muted">
                {t("editor.window", {
                  from: formatDate(locale, item.startsAt),
                  to: formatDate(locale, item.endsAt),
                })}{" "}
                · {audience(item.audience)}
              </p>
              <div className="editor-actions">
                <button type="button" className="button secondary" onClick={() => setEditing(item)}>
                  {t("editor.editItem", { title: item.title[locale] })}
                </button>
                <button type="button" className="button secondary" onClick={() => void showPreview(item)}>
                  {t("editor.previewItem", { title: item.title[locale] })}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void publish(item, item.status !== "published")}
                >
                  {t(item.status === "published" ? "editor.unpublishItem" : "editor.publishItem", {
                    title: item.title[locale],
                  })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <FaqEditor
        entries={faq}
        categories={categories}
        onChanged={(text) => {
          setNotice({ kind: "success", text });
          void load();
        }}
        onError={fail}
      />
    </section>
  );
}
