import { useEffect, useState } from "react";
import { useParams } from "react-router";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

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
  const { t, locale } = useI18n();
  const [doc, setDoc] = useState<DocumentView | undefined>(undefined);
  const [loadFailure, setLoadFailure] = useState<{ failure: unknown } | null>(null);
  const loadError = loadFailure && problemMessage(t, locale, loadFailure.failure);
  usePageTitle(doc?.title ?? loadError ?? t("common.loading"));
  useEffect(() => {
    setDoc(undefined);
    setLoadFailure(null);
    api<DocumentView>("GET", `/api/v1/documents/${encodeURIComponent(id ?? "")}`).then(setDoc, (failure) =>
      setLoadFailure({ failure }),
    );
  }, [id]);
  // A 404 says the document is not found; any other failure says what happened instead.
  if (loadError) {
    return (
      <section>
        <h1>{loadError}</h1>
      </section>
    );
  }
  if (doc === undefined) return <p>{t("common.loading")}</p>;
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
