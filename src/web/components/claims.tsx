import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { Claim } from "../../features/claims/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { Alert, Field } from "./form.tsx";

const ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.heic,.heif,.webp,application/pdf,image/jpeg,image/png,image/heic,image/webp";

/** The owner's warranty claims of one product (R12): submit, follow, answer questions. */
export function Claims({ registrationId, onDecided }: { registrationId: string; onDecided(): void }) {
  const { t, locale } = useI18n();
  const [claims, setClaims] = useState<Claim[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<{ failure: unknown } | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await api<{ claims: Claim[] }>("GET", `/api/v1/registrations/${registrationId}/claims`);
    setClaims(result.claims);
    setLoadFailure(null);
  }, [registrationId]);
  useEffect(() => {
    // Claims that could not be loaded are not "no claims": say why, and offer no new claim meanwhile.
    void load().catch((failure: unknown) => setLoadFailure({ failure }));
  }, [load]);

  const problem = (e: unknown) => setMessage({ kind: "error", text: problemMessage(t, locale, e) });

  async function send(event: FormEvent<HTMLFormElement>, path: string, done: string) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setMessage(null);
    try {
      await api("POST", path, new FormData(form));
      form.reset();
      setMessage({ kind: "success", text: done });
      await load();
      onDecided();
    } catch (e) {
      problem(e);
    } finally {
      setBusy(false);
    }
  }

  // A new claim makes sense while none is being decided and none has confirmed the date yet.
  const open = claims?.find((c) => ["submitted", "in-review", "more-info", "approved"].includes(c.status));
  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">{t("claim.title")}</h2>
      {loadFailure && <Alert kind="error">{problemMessage(t, locale, loadFailure.failure)}</Alert>}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {claims?.map((claim) => (
        <article key={claim.id} className="card claim">
          <p>
            <span className={`badge claim-${claim.status}`}>
              {t(`claim.status.${claim.status}` as MessageKey)}
            </span>{" "}
            {t("claim.summary", { date: formatDate(locale, claim.purchaseDate), seller: claim.seller })}
          </p>
          <ol className="events">
            {claim.events.map((e) => (
              <li key={`${e.at}-${e.kind}`}>
                <time dateTime={e.at}>{formatDate(locale, e.at)}</time>{" "}
                {t(`claim.event.${e.kind}` as MessageKey)}
                {e.message && <blockquote>{e.message}</blockquote>}
              </li>
            ))}
          </ol>
          {claim.status === "more-info" && (
            <form
              className="stack"
              onSubmit={(e) => void send(e, `/api/v1/claims/${claim.id}/reply`, t("claim.submitted"))}
            >
              <h3>{t("claim.reply")}</h3>
              <div className="field">
                <label htmlFor={`reply-${claim.id}`}>{t("claim.replyMessage")}</label>
                <textarea id={`reply-${claim.id}`} name="message" rows={3} required maxLength={2000} />
              </div>
              <Field label={t("claim.replyFile")} name="proof" type="file" accept={ACCEPT} />
              <button type="submit" className="button" disabled={busy}>
                {t("claim.replySend")}
              </button>
            </form>
          )}
        </article>
      ))}
      {claims && !open && (
        <form
          className="stack card"
          onSubmit={(e) =>
            void send(e, `/api/v1/registrations/${registrationId}/claims`, t("claim.submitted"))
          }
        >
          <p>{t("claim.lead")}</p>
          <Field
            label={t("claim.purchaseDate")}
            name="purchaseDate"
            type="date"
            required
            max={new Date().toISOString().slice(0, 10)}
          />
          <Field label={t("claim.seller")} name="seller" required maxLength={200} />
          <Field
            label={t("claim.proof")}
            hint={t("claim.proofHint")}
            name="proof"
            type="file"
            accept={ACCEPT}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t("claim.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
