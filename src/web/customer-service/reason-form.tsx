import { type FormEvent, useState } from "react";
import { GIVEN_REASONS, NOTE_MAX } from "../../domain/access-reason.ts";
import { ApiError, api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/** The customer whose records a page was refused for want of a reason, if that is why it was. */
export function reasonRequiredFor(failure: unknown): string | null {
  if (!(failure instanceof ApiError) || failure.code !== "access.reason_required") return null;
  return typeof failure.body.ownerId === "string" ? failure.body.ownerId : null;
}

/**
 * Asks staff why they open a customer's records outside an open case, then opens them
 * (`onGiven` loads the page again). The owner sees the reason in their access log.
 */
export function ReasonForm({ ownerId, onGiven }: { ownerId: string; onGiven: () => void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get("note") ?? "").trim();
    setBusy(true);
    try {
      await api("POST", `/api/v1/staff/customers/${encodeURIComponent(ownerId)}/access-reason`, {
        reason: String(form.get("reason") ?? ""),
        ...(note ? { note } : {}),
      });
      onGiven();
    } catch (e) {
      setError(problemMessage(t, locale, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stack">
      <h1>{t("accessReason.title")}</h1>
      <p>{t("accessReason.lead")}</p>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <fieldset className="stack">
          <legend>{t("accessReason.reason")}</legend>
          {GIVEN_REASONS.map((reason, i) => (
            <label key={reason} className="choice">
              <input type="radio" name="reason" value={reason} required defaultChecked={i === 0} />{" "}
              {t(`accessReason.${reason}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="reason-note">{t("accessReason.note")}</label>
          <p id="reason-note-hint" className="hint">
            {t("accessReason.noteHint")}
          </p>
          <textarea
            id="reason-note"
            name="note"
            rows={3}
            maxLength={NOTE_MAX}
            aria-describedby="reason-note-hint"
          />
        </div>
        <button type="submit" disabled={busy}>
          {t("accessReason.open")}
        </button>
      </form>
    </section>
  );
}
