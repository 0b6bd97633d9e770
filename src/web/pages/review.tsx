import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { Claim, QueueItem } from "../../features/claims/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { ReasonForm, reasonRequiredFor } from "../customer-service/reason-form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

const STATUSES = ["submitted", "in-review", "more-info", "approved", "rejected"] as const;

/** The reviewers' queue with filters by status and age. */
export function ReviewQueuePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [claims, setClaims] = useState<QueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t("review.title"));
  useEffect(() => {
    const query = new URLSearchParams();
    if (params.get("status")) query.set("status", params.get("status") as string);
    if (params.get("minAgeDays")) query.set("minAgeDays", params.get("minAgeDays") as string);
    api<{ claims: QueueItem[] }>("GET", `/api/v1/review/claims?${query}`).then(
      (r) => setClaims(r.claims),
      (e) => setError(problemMessage(t, locale, e)),
    );
  }, [params, t, locale]);

  return (
    <section>
      <h1>{t("review.title")}</h1>
      {error && <Alert kind="error">{error}</Alert>}
      <form
        className="row filters"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const key of ["status", "minAgeDays"]) if (form.get(key)) next.set(key, String(form.get(key)));
          setParams(next);
        }}
      >
        <div className="field">
          <label htmlFor="status">{t("review.filterStatus")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("review.filterAll")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`claim.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t("review.filterAge")}
          name="minAgeDays"
          type="number"
          min={0}
          defaultValue={params.get("minAgeDays") ?? ""}
        />
        <button type="submit" className="button secondary">
          {t("review.filter")}
        </button>
      </form>
      {claims?.length === 0 && <p>{t("review.empty")}</p>}
      {claims && claims.length > 0 && (
        <ul className="product-list">
          {claims.map((c) => (
            <li key={c.id} className="product-card">
              <div>
                <h2 className="h3">
                  <Link to={`/review/claims/${c.id}`}>{c.productNames[locale]}</Link>
                </h2>
                <p className="muted">
                  {t(`claim.status.${c.status}` as MessageKey)} · {t("review.age", { days: c.ageDays })} ·{" "}
                  {c.ownerName} · <span className="mono">{c.serial}</span>
                </p>
                <p>{t("claim.summary", { date: formatDate(locale, c.purchaseDate), seller: c.seller })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One claim for a reviewer: the proof shown inline, and the decision with its reason. */
export function ReviewClaimPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const [claim, setClaim] = useState<Claim | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  // Why the claim could not be loaded: a claim decided long ago asks for a reason first.
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  usePageTitle(t("review.title"));
  const load = useCallback(() => api<Claim>("GET", `/api/v1/claims/${id}`).then(setClaim), [id]);
  useEffect(() => {
    load().catch((e) => setFailure({ failure: e }));
  }, [load]);

  async function decide(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = { decision: String(form.get("decision")) };
    const reason = String(form.get("reason") ?? "").trim();
    if (reason) body.reason = reason;
    if (body.decision === "approved" && form.get("purchaseDate"))
      body.purchaseDate = String(form.get("purchaseDate"));
    try {
      setClaim(await api<Claim>("POST", `/api/v1/review/claims/${id}/decision`, body));
      setMessage({ kind: "success", text: t("review.saved") });
    } catch (e) {
      setMessage({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  const reasonOwner = failure ? reasonRequiredFor(failure.failure) : null;
  if (reasonOwner)
    return (
      <ReasonForm
        ownerId={reasonOwner}
        onGiven={() => {
          setFailure(null);
          load().catch((e) => setFailure({ failure: e }));
        }}
      />
    );
  if (failure) return <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>;
  if (!claim) return <p>{t("common.loading")}</p>;
  const open = ["submitted", "in-review", "more-info"].includes(claim.status);
  return (
    <article>
      <p>
        <Link to="/review">{t("review.back")}</Link>
      </p>
      <h1>
        {t("review.claimTitle", {
          product: claim.seller ? `${formatDate(locale, claim.purchaseDate)}, ${claim.seller}` : "",
        })}
      </h1>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <p>
        <span className={`badge claim-${claim.status}`}>
          {t(`claim.status.${claim.status}` as MessageKey)}
        </span>
      </p>
      <h2>{t("review.proof")}</h2>
      {claim.files.map((f) => (
        <figure key={f.id} className="proof">
          {f.mediaType.startsWith("image/") && f.mediaType !== "image/heic" ? (
            <img src={f.url} alt={f.name} />
          ) : (
            <iframe src={f.url} title={f.name} sandbox="" />
          )}
          <figcaption>
            <a href={f.url} target="_blank" rel="noreferrer">
              {t("review.openFile")}: {f.name}
            </a>
          </figcaption>
        </figure>
      ))}
      <ol className="events">
        {claim.events.map((e) => (
          <li key={`${e.at}-${e.kind}`}>
            <time dateTime={e.at}>{formatDate(locale, e.at)}</time> {t(`claim.event.${e.kind}` as MessageKey)}
            {e.message && <blockquote>{e.message}</blockquote>}
          </li>
        ))}
      </ol>
      {open && (
        <form className="stack card" onSubmit={(e) => void decide(e)}>
          <fieldset>
            <legend>{t("review.decision")}</legend>
            {(["in-review", "more-info", "approved", "rejected"] as const).map((d) => (
              <label key={d} className="choice">
                <input type="radio" name="decision" value={d} required /> {t(`review.decision.${d}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t("review.reason")}</label>
            <textarea id="reason" name="reason" rows={3} maxLength={2000} />
          </div>
          <Field
            label={t("review.confirmedDate")}
            name="purchaseDate"
            type="date"
            defaultValue={claim.purchaseDate}
          />
          <button type="submit" className="button">
            {t("review.save")}
          </button>
        </form>
      )}
    </article>
  );
}
