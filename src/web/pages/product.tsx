import { type FormEvent, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import type { productPageSchema } from "../../features/registration/schemas.ts";
import type { EarlierRepair, RepairSummary } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Claims } from "../components/claims.tsx";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { PurchaseDateHistory } from "../components/purchase-date-history.tsx";
import { RecommendationCards } from "../components/recommendations.tsx";
import { WarrantyBadges } from "../components/warranty-badge.tsx";
import { WarrantySection } from "../components/warranty-section.tsx";
import { ReasonForm, reasonRequiredFor } from "../customer-service/reason-form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { ProductRepairs } from "../repairs/product-repairs.tsx";
import { useSession } from "../session.tsx";

type ProductPage = z.infer<typeof productPageSchema>;

export function ProductPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // Staff read an owner's product here; the owner alone changes or removes it.
  const ownsIt = useSession().user?.role === "customer";
  const [page, setPage] = useState<ProductPage | undefined>(undefined);
  // Why the page could not be loaded: kept as the failure, so a change of language rewords it.
  const [loadFailure, setLoadFailure] = useState<{ failure: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [repairs, setRepairs] = useState<RepairSummary[]>([]);
  // The unit's repairs from before it was this owner's: its history stays with it.
  const [earlier, setEarlier] = useState<EarlierRepair[]>([]);
  // Loaded again once staff say why they open a customer's records.
  const [opened, setOpened] = useState(0);
  const notice = (location.state as { notice?: string } | null)?.notice;
  const name = page ? (page.nickname ?? page.model.names[locale]) : "";
  const loadError = loadFailure && problemMessage(t, locale, loadFailure.failure);

  /** The owner turns suggestions on or off from here, as they could on the privacy page; the page follows at once. */
  async function answerSuggestions(given: boolean) {
    setError(null);
    try {
      await api("PUT", "/api/v1/me/consents/recommendations", {
        given,
        textVersion: TEXT_VERSIONS.recommendations,
      });
      setPage(await api<ProductPage>("GET", `/api/v1/registrations/${encodeURIComponent(id ?? "")}`));
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }
  usePageTitle(page ? name : (loadError ?? t("common.loading")));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `opened` loads the page again after a reason.
  useEffect(() => {
    setPage(undefined);
    setLoadFailure(null);
    api<ProductPage>("GET", `/api/v1/registrations/${encodeURIComponent(id ?? "")}`).then(
      setPage,
      (failure) => setLoadFailure({ failure }),
    );
    api<{ repairs: RepairSummary[]; earlier: EarlierRepair[] }>(
      "GET",
      `/api/v1/registrations/${encodeURIComponent(id ?? "")}/repairs`,
    ).then(
      (r) => {
        setRepairs(r.repairs);
        setEarlier(r.earlier);
      },
      () => {
        setRepairs([]);
        setEarlier([]);
      },
    );
  }, [id, opened]);

  const reasonOwner = loadFailure ? reasonRequiredFor(loadFailure.failure) : null;
  if (reasonOwner) {
    return (
      <ReasonForm
        ownerId={reasonOwner}
        onGiven={() => {
          setLoadFailure(null);
          setOpened((n) => n + 1);
        }}
      />
    );
  }
  // A 404 says the product is not among the owner's; any other failure says what happened instead.
  if (loadError) {
    return (
      <section>
        <h1>{loadError}</h1>
        <Link to="/products">{t("product.back")}</Link>
      </section>
    );
  }
  if (page === undefined) return <p>{t("common.loading")}</p>;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const purchaseDate = String(form.get("purchaseDate") ?? "");
    try {
      await api("PATCH", `/api/v1/registrations/${page?.id}`, {
        nickname: String(form.get("nickname") ?? ""),
        purchasePlace: String(form.get("purchasePlace") ?? ""),
        purchaseDate: purchaseDate === "" ? null : purchaseDate,
      });
      setPage(await api<ProductPage>("GET", `/api/v1/registrations/${page?.id}`));
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  async function remove() {
    if (!page || !window.confirm(t("product.removeConfirm", { name }))) return;
    try {
      await api("DELETE", `/api/v1/registrations/${page.id}`);
      navigate("/products", { state: { notice: t("product.removed", { name }) } });
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  const s = page.warranty.statutory;
  const docs = page.documents.filter((d) => d.locale === locale);
  const shownDocs = docs.length > 0 ? docs : page.documents;

  return (
    <article className="product-page">
      <p>
        <Link to="/products">{t("product.back")}</Link>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <div className="product-head">
        {page.model.imageUrl && <img src={page.model.imageUrl} alt="" width="96" height="96" />}
        <div>
          <h1>{name}</h1>
          <p className="muted">
            {page.model.names[locale]} · {page.categoryNames[locale]}
          </p>
          <WarrantyBadges warranty={page.warranty} />
        </div>
      </div>

      <section className="card">
        <h2>{t("product.getSupport")}</h2>
        <p>{t("product.getSupportText")}</p>
        <div className="row">
          <Link className="button" to={`/products/${page.id}/repair`}>
            {t("product.getRepair")}
          </Link>
          <Link to={`/support?product=${page.id}`}>{t("nav.support")}</Link>
        </div>
      </section>

      <section>
        <h2>{t("product.facts")}</h2>
        <dl className="facts">
          <dt>{t("products.model")}</dt>
          <dd>{page.model.code}</dd>
          <dt>{t("products.serial")}</dt>
          <dd className="mono">{page.identifier.serial}</dd>
          {page.identifier.imei && (
            <>
              <dt>{t("products.imei")}</dt>
              <dd className="mono">{page.identifier.imei}</dd>
            </>
          )}
          <dt>{t("product.modelYear")}</dt>
          <dd>{page.modelYear}</dd>
          <dt>{t("product.manufactured")}</dt>
          <dd>{page.manufacturedOn ? formatDate(locale, page.manufacturedOn) : t("product.unknown")}</dd>
          <dt>{t("product.purchaseDate")}</dt>
          <dd>
            {page.warranty.start?.basis === "confirmed"
              ? `${formatDate(locale, page.warranty.start.date)} (${t("basis.confirmed")})`
              : page.purchaseDate
                ? formatDate(locale, page.purchaseDate)
                : t("product.unknown")}
          </dd>
          <dt>{t("product.purchasePlace")}</dt>
          <dd>{page.purchasePlace ?? t("product.unknown")}</dd>
          <dt>{t("product.registered")}</dt>
          <dd>{formatDate(locale, page.registeredAt)}</dd>
          <dt>{t("product.channel")}</dt>
          <dd>{t(`channel.${page.channel}` as MessageKey)}</dd>
        </dl>
        <PurchaseDateHistory history={page.purchaseDateHistory} voice={ownsIt ? "owner" : "staff"} />
        {page.purchaseDateHistory.at(-1)?.source === "customer-service" && s?.basis === "stated" && (
          <p>{t("dateHistory.correctedNote")}</p>
        )}
        {!ownsIt ? null : editing ? (
          <form onSubmit={save} className="stack card">
            <Field
              label={t("product.nickname")}
              name="nickname"
              defaultValue={page.nickname ?? ""}
              maxLength={80}
            />
            <Field
              label={t("product.purchaseDate")}
              name="purchaseDate"
              type="date"
              defaultValue={page.purchaseDate ?? ""}
            />
            <Field
              label={t("product.purchasePlace")}
              name="purchasePlace"
              defaultValue={page.purchasePlace ?? ""}
              maxLength={200}
            />
            <div className="row">
              <button type="submit" className="button">
                {t("common.save")}
              </button>
              <button type="button" className="button secondary" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button secondary" onClick={() => setEditing(true)}>
            {t("product.edit")}
          </button>
        )}
      </section>

      <WarrantySection
        warranty={page.warranty}
        manufacturedOn={page.manufacturedOn}
        repairPath={ownsIt ? `/products/${page.id}/repair` : null}
      />

      <ProductRepairs repairs={repairs} earlier={earlier} />

      <Claims
        registrationId={page.id}
        onDecided={() => void api<ProductPage>("GET", `/api/v1/registrations/${page.id}`).then(setPage)}
      />

      <section>
        <h2>{t("product.documentsTitle")}</h2>
        {shownDocs.length === 0 ? (
          <p>{t("product.noDocuments")}</p>
        ) : (
          <ul className="documents">
            {shownDocs.map((d) => (
              <li key={d.id}>
                <Link to={d.url}>{d.title}</Link>{" "}
                <span className="muted">· {t(`document.kind.${d.kind}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        )}
        {page.recommendations === "off" && ownsIt && (
          <div className="stack">
            <p>{t("product.recommendationsOff")}</p>
            <p>
              <button type="button" className="button secondary" onClick={() => void answerSuggestions(true)}>
                {t("product.recommendationsTurnOn")}
              </button>
            </p>
          </div>
        )}
        {page.recommended.length > 0 && (
          <>
            <h3>{t("recommend.title")}</h3>
            <RecommendationCards items={page.recommended} />
          </>
        )}
        {page.recommendations === "on" && ownsIt && (
          <p>
            <button type="button" className="button secondary" onClick={() => void answerSuggestions(false)}>
              {t("recommend.turnOff")}
            </button>
          </p>
        )}
      </section>

      {ownsIt && (
        <section>
          <button type="button" className="button danger" onClick={() => void remove()}>
            {t("product.remove")}
          </button>
        </section>
      )}
    </article>
  );
}
