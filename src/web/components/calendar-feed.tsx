import { useState } from "react";
import { api } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { Alert } from "./form.tsx";

/** The owner's private calendar link (B5): show it, replace it, turn it off. */
export function CalendarFeed() {
  const { t, locale } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function call(method: string, path: string) {
    setMessage(null);
    try {
      if (method === "DELETE") {
        await api(method, path);
        setUrl(null);
        setMessage({ kind: "success", text: t("calendar.revoked") });
      } else {
        setUrl((await api<{ url: string }>(method, path)).url);
      }
    } catch (e) {
      setMessage({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("calendar.title")}</h2>
      <p>{t("calendar.lead")}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {url ? (
        <div className="stack">
          <div className="field">
            <label htmlFor="calendar-url">{t("calendar.url")}</label>
            <input
              id="calendar-url"
              className="mono"
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <div className="row">
            <button
              type="button"
              className="button secondary"
              onClick={() => void call("POST", "/api/v1/me/calendar/rotate")}
              aria-describedby="rotate-hint"
            >
              {t("calendar.rotate")}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => void call("DELETE", "/api/v1/me/calendar")}
            >
              {t("calendar.revoke")}
            </button>
          </div>
          <p id="rotate-hint" className="hint">
            {t("calendar.rotateHint")}
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button secondary"
          onClick={() => void call("GET", "/api/v1/me/calendar")}
        >
          {t("calendar.show")}
        </button>
      )}
    </section>
  );
}
