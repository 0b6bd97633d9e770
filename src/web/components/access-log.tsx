import { useEffect, useState } from "react";
import type { AccessEntry, AccessLogPage } from "../../features/access-log/schemas.ts";
import { api } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { Alert } from "./form.tsx";

/** "Who has looked at my information": every staff look at the owner's records, newest first. */
export function AccessLog() {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<AccessEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);

  function load(cursor: string | null) {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    api<AccessLogPage>("GET", `/api/v1/me/access-log${query}`).then(
      (page) => {
        setEntries((shown) => [...(cursor ? (shown ?? []) : []), ...page.entries]);
        setNext(page.next);
      },
      (e) => setFailure({ failure: e }),
    );
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, once.
  useEffect(() => load(null), []);

  const when = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return (
    <section className="stack" aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t("accessLog.title")}</h2>
      <p>{t("accessLog.lead")}</p>
      {failure ? <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert> : null}
      {entries === null ? null : entries.length === 0 ? (
        <p>{t("accessLog.empty")}</p>
      ) : (
        <ul className="stack access-log">
          {entries.map((e) => (
            <li key={`${e.at}-${e.staff.number}-${e.what}`} className="card">
              <p>
                <strong>{t(`accessLog.who.${e.staff.role}`, { number: e.staff.number })}</strong>{" "}
                <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
              </p>
              <p>
                {t("accessLog.whatHeading")}: {t(`accessLog.what.${e.what}`)}. {t("accessLog.whyHeading")}:{" "}
                {t(`accessLog.why.${e.reason}`)}
                {e.note ? `: ${e.note}` : ""}.
              </p>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <button type="button" className="button secondary" onClick={() => load(next)}>
          {t("accessLog.more")}
        </button>
      ) : null}
    </section>
  );
}
