import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { StaffProduct } from "../../features/customer-service/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/**
 * An agent with an owner on the phone finds the product by the serial or IMEI the owner reads out
 * and opens the repair request for them.
 */
export function OpenRepairForOwner() {
  const { t, locale } = useI18n();
  const [products, setProducts] = useState<StaffProduct[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const identifier = String(new FormData(event.currentTarget).get("identifier") ?? "").trim();
    if (!identifier) return;
    setError(null);
    try {
      const found = await api<{ products: StaffProduct[] }>(
        "GET",
        `/api/v1/staff/products?${new URLSearchParams({ identifier })}`,
      );
      setProducts(found.products);
    } catch (e) {
      setProducts(null);
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <section className="card stack" aria-labelledby="open-for-owner">
      <h2 id="open-for-owner">{t("staffRepairs.openTitle")}</h2>
      <p className="muted">{t("staffRepairs.openLead")}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <form className="row filters" onSubmit={(e) => void find(e)}>
        <Field
          label={t("staffRepairs.identifier")}
          name="identifier"
          required
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button secondary">
          {t("staffRepairs.find")}
        </button>
      </form>
      {products?.length === 0 && <p role="status">{t("staffRepairs.noProduct")}</p>}
      {products && products.length > 0 && (
        <ul className="plain stack" aria-live="polite">
          {products.map((p) => (
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
      )}
    </section>
  );
}
