import { type FormEvent, useState } from "react";
import type { Category } from "../../features/catalogue/schemas.ts";
import type { FaqDraft, FaqEntry } from "../../features/content/schemas.ts";
import { api } from "../api.ts";
import { Field } from "../components/form.tsx";
import { useI18n } from "../i18n.tsx";

const empty = { categoryCode: "", questionNb: "", questionEn: "", answerNb: "", answerEn: "", position: "0" };
type FaqForm = typeof empty;

const formOf = (e: FaqEntry): FaqForm => ({
  categoryCode: e.categoryCode ?? "",
  questionNb: e.question.nb,
  questionEn: e.question.en,
  answerNb: e.answer.nb,
  answerEn: e.answer.en,
  position: String(e.position),
});

/** The FAQ as editors keep it: every entry, a form to add or change one, and removal. */
export function FaqEditor(props: {
  entries: readonly FaqEntry[];
  categories: readonly Category[];
  onChanged(message: string): void;
  onError(error: unknown): void;
}) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [f, setForm] = useState<FaqForm>(empty);
  const text = (key: keyof FaqForm) => ({
    value: f[key],
    onChange: (e: { target: { value: string } }) => setForm((c) => ({ ...c, [key]: e.target.value })),
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    const draft: FaqDraft = {
      categoryCode: f.categoryCode || null,
      question: { nb: f.questionNb, en: f.questionEn },
      answer: { nb: f.answerNb, en: f.answerEn },
      position: Number.parseInt(f.position, 10) || 0,
    };
    try {
      if (editing) await api("PUT", `/api/v1/editor/faq/${editing}`, draft);
      else await api("POST", "/api/v1/editor/faq", draft);
      setEditing(null);
      setForm(empty);
      props.onChanged(t("editor.faqSaved"));
    } catch (error) {
      props.onError(error);
    }
  }

  async function remove(entry: FaqEntry) {
    try {
      await api("DELETE", `/api/v1/editor/faq/${entry.id}`);
      props.onChanged(t("editor.faqRemoved"));
    } catch (error) {
      props.onError(error);
    }
  }

  return (
    <section className="stack" aria-labelledby="faq-editor-title">
      <h2 id="faq-editor-title">{t("editor.faqTitle")}</h2>
      {props.entries.length === 0 && <p>{t("editor.faqNone")}</p>}
      <ul className="plain editor-list">
        {props.entries.map((entry) => (
          <li key={entry.id} className="card">
            <p className="muted">{entry.categoryNames?.[locale] ?? t("content.faqGeneral")}</p>
            <p>
              <strong>{entry.question[locale]}</strong>
            </p>
            <div className="editor-actions">
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setEditing(entry.id);
                  setForm(formOf(entry));
                }}
              >
                {t("editor.editFaq", { question: entry.question[locale] })}
              </button>
              <button type="button" className="button danger" onClick={() => void remove(entry)}>
                {t("editor.removeFaq", { question: entry.question[locale] })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form className="card stack" onSubmit={save} aria-labelledby="faq-form-title">
        <h3 id="faq-form-title">{editing ? t("editor.faqEdit") : t("editor.faqNew")}</h3>
        <div className="field">
          <label htmlFor="faq-category">{t("editor.faqCategory")}</label>
          <select id="faq-category" {...text("categoryCode")}>
            <option value="">{t("content.faqGeneral")}</option>
            {props.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.names[locale]}
              </option>
            ))}
          </select>
        </div>
        <Field label={t("editor.questionNb")} maxLength={200} {...text("questionNb")} />
        <Field label={t("editor.questionEn")} maxLength={200} {...text("questionEn")} />
        <div className="field">
          <label htmlFor="faq-answer-nb">{t("editor.answerNb")}</label>
          <textarea id="faq-answer-nb" rows={3} maxLength={2000} {...text("answerNb")} />
        </div>
        <div className="field">
          <label htmlFor="faq-answer-en">{t("editor.answerEn")}</label>
          <textarea id="faq-answer-en" rows={3} maxLength={2000} {...text("answerEn")} />
        </div>
        <Field label={t("editor.position")} type="number" min={0} max={10000} {...text("position")} />
        <div className="editor-actions">
          <button type="submit" className="button">
            {t("editor.faqSave")}
          </button>
          {editing && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setEditing(null);
                setForm(empty);
              }}
            >
              {t("common.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
