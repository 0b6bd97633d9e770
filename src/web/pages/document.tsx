import { useEffect, useState } from "react";
import { useParams } from "react-router";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";

interface DocumentView {
  id: string;
  kind: string;
  locale: "nb" | "en";
  title: string;
  body: string | null;
  externalUrl: string | null;
}

/** A manual, FAQ, how-to or firmware note from the catalogue, shown as plain paragraphs. */
export function DocumentPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const [doc, setDoc] = useState<DocumentView | null | undefined>(undefined);
  usePageTitle(doc?.title ?? t("common.loading"));
  useEffect(() => {
    api<DocumentView>("GET", `/api/v1/documents/${encodeURIComponent(id ?? "")}`).then(setDoc, () =>
      setDoc(null),
    );
  }, [id]);
  if (doc === undefined) return <p>{t("common.loading")}</p>;
  if (doc === null) {
    return (
      <section>
        <h1>{t("document.notFound")}</h1>
      </section>
    );
  }
  return (
    <article className="document" lang={doc.locale}>
      <p className="muted">{t(`document.kind.${doc.kind}` as MessageKey)}</p>
      <h1>{doc.title}</h1>
      {doc.body?.split(/\n\n+/).map((paragraph) => (
        <p key={paragraph} className="paragraph">
          {paragraph}
        </p>
      ))}
      {doc.externalUrl && <a href={doc.externalUrl}>{doc.externalUrl}</a>}
    </article>
  );
}
