import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** Demo mode: the mails the portal kept instead of sending. Links in them are clickable. */
export function DevMailPage() {
  const { t, locale } = useI18n();
  const [mails, setMails] = useState<DevMail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t("devMail.title"));
  useEffect(() => {
    api<{ mails: DevMail[] }>("GET", "/api/v1/dev/mail").then(
      (r) => setMails(r.mails),
      (e) => setError(problemMessage(t, locale, e)),
    );
  }, [t, locale]);
  return (
    <section>
      <h1>{t("devMail.title")}</h1>
      <p className="lead">{t("devMail.lead")}</p>
      {error && <p role="alert">{error}</p>}
      {mails?.length === 0 && <p>{t("devMail.empty")}</p>}
      {mails?.map((mail) => (
        <article key={mail.id} className="card mail">
          <h2>{mail.subject}</h2>
          <p className="muted">
            {t("devMail.to", { to: mail.to })} ·{" "}
            <time dateTime={mail.createdAt}>{new Date(mail.createdAt).toLocaleString()}</time>
          </p>
          <div className="mail-body">
            {mail.text.split(/(https?:\/\/\S+)/).map((part, i) =>
              /^https?:\/\//.test(part) ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
                <a key={i} href={part}>
                  {part}
                </a>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
                <span key={i}>{part}</span>
              ),
            )}
          </div>
        </article>
      ))}
    </section>
  );
}
