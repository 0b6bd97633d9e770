import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { CustomerSearchResult } from "../../features/customer-service/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/**
 * Customer service's one search box: an agent with an owner on the phone types whatever the owner
 * gives (e-mail, phone, name, the serial or IMEI on the label, a claim or repair number) and acts
 * from what it finds: a repair request for a registered product, the repair under way.
 */
export function CustomerSearchBox() {
  const { t, locale } = useI18n();
  const [found, setFound] = useState<CustomerSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    if (!q) return;
    setError(null);
    try {
      setFound(await api<CustomerSearchResult>("GET", `/api/v1/staff/search?${new URLSearchParams({ q })}`));
    } catch (e) {
      setFound(null);
      setError(problemMessage(t, locale, e));
    }
  }

  const nothing =
    found &&
    found.customers.length + found.products.length + found.claims.length + found.repairs.length === 0;

  return (
    <section className="card stack" aria-labelledby="customer-search">
      <h2 id="customer-search">{t("customerSearch.title")}</h2>
      <p className="muted">{t("customerSearch.lead")}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <form className="row filters" onSubmit={(e) => void search(e)}>
        <Field
          label={t("customerSearch.term")}
          name="q"
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button secondary">
          {t("customerSearch.search")}
        </button>
      </form>
      {nothing && <p role="status">{t("customerSearch.nothing")}</p>}
      {found && !nothing && (
        <div className="stack" aria-live="polite">
          {found.products.length > 0 && (
            <>
              <h3>{t("customerSearch.products")}</h3>
              <ul className="plain stack">
                {found.products.map((p) => (
                  <li key={p.registrationId}>
                    <p>
                      <strong>{p.productNames[locale]}</strong> · <span className="mono">{p.unitSerial}</span>
                    </p>
                    {p.match === "look-alike" && <p className="muted">{t("staffRepairs.lookAlike")}</p>}
                    <p className="muted">
                      {t("staffRepairs.registeredTo", {
                        owner: p.ownerName,
                        email: p.ownerEmail,
                        date: formatDate(locale, p.registeredAt),
                      })}
                    </p>
                    <p>
                      <Link to={`/staff/customers/${p.ownerId}`}>
                        {t("customer.openCustomer")}: {p.ownerName}
                      </Link>
                    </p>
                    {p.openRepairId ? (
                      <Link to={`/repairs/${p.openRepairId}`}>{t("staffRepairs.openRepair")}</Link>
                    ) : (
                      <Link className="button" to={`/products/${p.registrationId}/repair`}>
                        {t("staffRepairs.openRequest", { owner: p.ownerName })}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {found.customers.length > 0 && (
            <>
              <h3>{t("customerSearch.customers")}</h3>
              <ul className="plain stack">
                {found.customers.map((c) => (
                  <li key={c.id}>
                    <p>
                      <strong>{c.name}</strong> · {c.email}
                      {c.phone && <> · {c.phone}</>}
                    </p>
                    <Link to={`/staff/customers/${c.id}`}>{t("customer.openCustomer")}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {found.claims.length > 0 && (
            <>
              <h3>{t("customerSearch.claims")}</h3>
              <ul className="plain stack">
                {found.claims.map((c) => (
                  <li key={c.id}>
                    <p>
                      <strong>{c.productNames?.[locale] ?? t("customerSearch.unknownProduct")}</strong> ·{" "}
                      {t("customerSearch.claimOf", {
                        owner: c.ownerName,
                        date: formatDate(locale, c.createdAt),
                      })}
                    </p>
                    <Link to={`/review/claims/${c.id}`}>{t("customerSearch.openClaim")}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {found.repairs.length > 0 && (
            <>
              <h3>{t("customerSearch.repairs")}</h3>
              <ul className="plain stack">
                {found.repairs.map((r) => (
                  <li key={r.id}>
                    <p>
                      <strong>{r.productNames[locale]}</strong> ·{" "}
                      <span className="mono">{r.requestNumber}</span>
                      {r.jobNumber && (
                        <>
                          {" "}
                          · <span className="mono">{r.jobNumber}</span>
                        </>
                      )}{" "}
                      · {r.ownerName}
                    </p>
                    <Link to={`/repairs/${r.id}`}>{t("customerSearch.openRepair")}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
