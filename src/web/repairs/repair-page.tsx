import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import type { Repair } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { ReasonForm, reasonRequiredFor } from "../customer-service/reason-form.tsx";
import { formatDate, formatMoney } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { RepairHistory, RepairStatus } from "./repair-history.tsx";

const PHOTO_TYPES = ".jpg,.jpeg,.png,.heic,.heif,.webp,image/jpeg,image/png,image/heic,image/webp";
const BEFORE_RECEIPT = [
  "requested",
  "with-customer-service",
  "accepted",
  "pickup-booked",
  "awaiting-product",
];

/** One repair as its owner follows it: where it stands, what is asked, the quote, photos, the tracking link. */
export function RepairPage() {
  const { id = "" } = useParams();
  const { t, locale } = useI18n();
  const location = useLocation();
  const arrivedWith = location.state as { notice?: string; kind?: "error" } | null;
  const [repair, setRepair] = useState<Repair | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(
    arrivedWith?.notice ? { kind: arrivedWith.kind ?? "success", text: arrivedWith.notice } : null,
  );
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(repair ? t("repair.title", { number: repair.requestNumber }) : t("common.loading"));

  const load = useCallback(
    () =>
      api<Repair>("GET", `/api/v1/repairs/${encodeURIComponent(id)}`).then(setRepair, (e) =>
        setFailure({ failure: e }),
      ),
    [id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const reasonOwner = failure ? reasonRequiredFor(failure.failure) : null;
  if (reasonOwner)
    return (
      <ReasonForm
        ownerId={reasonOwner}
        onGiven={() => {
          setFailure(null);
          void load();
        }}
      />
    );
  if (failure) return <h1>{problemMessage(t, locale, failure.failure)}</h1>;
  if (!repair) return <p>{t("common.loading")}</p>;
  const current = repair;

  async function act(work: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      if (done) setMessage({ kind: "success", text: done });
      await load();
    } catch (e) {
      setMessage({ kind: "error", text: problemMessage(t, locale, e) });
    } finally {
      setBusy(false);
    }
  }

  const answer = (decision: "approve" | "decline") => {
    if (decision === "decline" && !window.confirm(t("repair.quoteDeclineConfirm"))) return;
    void act(() => api("POST", `/api/v1/repairs/${current.id}/quote`, { decision }));
  };
  const cancel = () => {
    if (!window.confirm(t("repair.cancelConfirm"))) return;
    void act(() => api("POST", `/api/v1/repairs/${current.id}/cancel`));
  };
  const makeLink = () =>
    void act(async () => {
      const made = await api<{ url: string }>("POST", `/api/v1/repairs/${current.id}/tracking-link`);
      setLink(made.url);
    });
  const revokeLink = () =>
    void act(async () => {
      await api("DELETE", `/api/v1/repairs/${current.id}/tracking-link`);
      setLink(null);
    }, t("repair.trackingRevoked"));
  const addPhoto = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void act(async () => {
      await api("POST", `/api/v1/repairs/${current.id}/photos`, new FormData(form));
      form.reset();
    }, t("repair.photoAdded"));
  };

  const ended = repair.status === "closed" || repair.status === "cancelled";
  return (
    <article className="repair-page">
      <p>
        <Link to={`/products/${repair.registrationId}`}>{t("repair.back")}</Link>
      </p>
      <h1>{t("repair.title", { number: repair.requestNumber })}</h1>
      <p className="muted">{repair.productNames[locale]}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <RepairStatus repair={repair} />

      {repair.status === "quote-pending" && repair.quote && (
        <section className="card" aria-labelledby="quote-title">
          <h2 id="quote-title">{t("repair.quoteTitle")}</h2>
          <p>{repair.quote.description}</p>
          <p>
            <strong>
              {t("repair.quoteAmount", {
                amount: formatMoney(locale, repair.quote.amount, repair.quote.currency),
              })}
            </strong>
          </p>
          <p>
            {t("repair.quoteFee", {
              fee: formatMoney(locale, repair.quote.diagnosisFee, repair.quote.currency),
            })}
          </p>
          <div className="row">
            <button type="button" className="button" disabled={busy} onClick={() => answer("approve")}>
              {t("repair.quoteApprove")}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => answer("decline")}
            >
              {t("repair.quoteDecline")}
            </button>
          </div>
        </section>
      )}

      <section>
        <dl className="facts">
          <dt>{t("repair.requestNumber")}</dt>
          <dd className="mono">{repair.requestNumber}</dd>
          {repair.jobNumber && (
            <>
              <dt>{t("repair.jobNumber")}</dt>
              <dd className="mono">{repair.jobNumber}</dd>
            </>
          )}
          <dt>{t("repair.fault")}</dt>
          <dd>
            {repair.fault[locale]}: {repair.fault.text}
          </dd>
          <dt>{t("repair.channel")}</dt>
          <dd>
            {t(`repair.channel.${repair.channel}` as MessageKey)}
            {repair.timeWindow && ` · ${t(`repair.timeWindow.${repair.timeWindow}` as MessageKey)}`}
          </dd>
          <dt>{t("repair.centre")}</dt>
          <dd>
            {repair.centre
              ? `${repair.centre.name}, ${repair.centre.addressLine}, ${repair.centre.postalCode} ${repair.centre.city}${repair.centre.phone ? ` · ${repair.centre.phone}` : ""}`
              : t("repair.noCentre")}
          </dd>
          <dt>{t("repair.verdictLabel")}</dt>
          <dd>
            {t(`repair.verdict.${repair.verdict}` as MessageKey)}
            <br />
            <span className="muted">
              {t(repair.verdictOverridden ? "repair.verdictOverridden" : "repair.verdictProvisional")}
            </span>
          </dd>
          <dt>{t("repair.contactLabel")}</dt>
          <dd>
            {repair.contact.phone} · {repair.contact.addressLine}, {repair.contact.postalCode}{" "}
            {repair.contact.city}
          </dd>
        </dl>
        {repair.parts.length > 0 && (
          <>
            <h2>{t("repair.parts")}</h2>
            <ul>
              {repair.parts.map((p) => (
                <li key={p.name}>
                  {p.expectedOn
                    ? t("repair.partExpected", { name: p.name, date: formatDate(locale, p.expectedOn) })
                    : t("repair.partNoDate", { name: p.name })}
                </li>
              ))}
            </ul>
          </>
        )}
        {repair.diagnosis && (
          <>
            <h2>{t("repair.diagnosis")}</h2>
            <p>{repair.diagnosis}</p>
          </>
        )}
        {repair.replacementSerial && <p>{t("repair.replacement", { serial: repair.replacementSerial })}</p>}
        {repair.collectionPlace && repair.status === "ready-for-collection" && (
          <p>{t("repair.collection", { place: repair.collectionPlace })}</p>
        )}
        {repair.returnTracking && <p>{t("repair.returnTracking", { tracking: repair.returnTracking })}</p>}
        {repair.repairWarrantyEnd && (
          <p className="alert alert-success">
            {t("repair.warranty", { end: formatDate(locale, repair.repairWarrantyEnd) })}
          </p>
        )}
      </section>

      <section aria-labelledby="photos-title">
        <h2 id="photos-title">{t("repair.photos")}</h2>
        {repair.photos.length > 0 && (
          <ul className="photos">
            {repair.photos.map((p, i) => (
              <li key={p.id}>
                <img src={p.url} alt={t("repair.photoAlt", { index: i + 1 })} width="120" height="90" />
              </li>
            ))}
          </ul>
        )}
        {!ended && repair.photos.length < 5 && (
          <form className="row" onSubmit={addPhoto}>
            <Field label={t("repair.addPhoto")} name="photo" type="file" accept={PHOTO_TYPES} required />
            <button type="submit" className="button secondary" disabled={busy}>
              {t("repair.addPhotoButton")}
            </button>
          </form>
        )}
      </section>

      {!ended && (
        <section aria-labelledby="tracking-title">
          <h2 id="tracking-title">{t("repair.trackingTitle")}</h2>
          <p>{t("repair.trackingLead")}</p>
          {link && (
            <p>
              {t("repair.trackingShown")} <a href={link}>{link}</a>
            </p>
          )}
          {repair.trackingLink && !link && <p>{t("repair.trackingActive")}</p>}
          <div className="row">
            <button type="button" className="button secondary" disabled={busy} onClick={makeLink}>
              {repair.trackingLink ? t("repair.trackingNew") : t("repair.trackingCreate")}
            </button>
            {repair.trackingLink && (
              <button type="button" className="button secondary" disabled={busy} onClick={revokeLink}>
                {t("repair.trackingRevoke")}
              </button>
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("repair.history")}</h2>
        <RepairHistory events={repair.events} />
      </section>

      {BEFORE_RECEIPT.includes(repair.status) && (
        <section>
          <button type="button" className="button danger" disabled={busy} onClick={cancel}>
            {t("repair.cancel")}
          </button>
        </section>
      )}
    </article>
  );
}
