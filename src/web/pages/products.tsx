import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import type { z } from "zod";
import type { myProductsSchema, RegistrationView } from "../../features/registration/schemas.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { WarrantyBadges } from "../components/warranty-badge.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

type MyProducts = z.infer<typeof myProductsSchema>;

export function ProductsPage() {
  const { t, locale } = useI18n();
  const location = useLocation();
  const [data, setData] = useState<MyProducts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notice = (location.state as { notice?: string } | null)?.notice;
  usePageTitle(t("products.title"));
  const navigate = useNavigate();

  async function registerDiscovered(id: string) {
    try {
      const created = await api<RegistrationView>("POST", `/api/v1/discovered/${id}/register`);
      navigate(`/products/${created.id}`, {
        state: { notice: t("register.done", { name: created.model.names[locale] }) },
      });
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  useEffect(() => {
    api<MyProducts>("GET", "/api/v1/registrations").then(setData, (e) =>
      setError(problemMessage(t, locale, e)),
    );
  }, [t, locale]);

  return (
    <section>
      <div className="title-row">
        <h1>{t("products.title")}</h1>
        <div className="row">
          <Link className="button" to="/products/register">
            {t("products.register")}
          </Link>
          <Link className="button secondary" to="/products/scan">
            {t("products.scan")}
          </Link>
        </div>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!data && !error && <p>{t("common.loading")}</p>}
      {data && data.unregistered.length > 0 && (
        <section aria-labelledby="unregistered-title" className="unregistered">
          <h2 id="unregistered-title">{t("products.unregisteredTitle")}</h2>
          <p>{t("products.unregisteredLead")}</p>
          <ul className="product-list">
            {data.unregistered.map((d) => (
              <li key={d.id} className="product-card">
                {d.model?.imageUrl && <img src={d.model.imageUrl} alt="" width="64" height="64" />}
                <div>
                  <h3>{d.model?.names[locale] ?? d.displayName}</h3>
                  {d.serialMasked && (
                    <p className="muted">
                      {t("products.serial")}: {d.serialMasked}
                    </p>
                  )}
                  {d.offered ? (
                    <button type="button" className="button" onClick={() => void registerDiscovered(d.id)}>
                      {t("register.submit")}
                    </button>
                  ) : (
                    <p>
                      {t("error.discovered.not_offered")}{" "}
                      <Link to="/products/register">{t("products.register")}</Link>
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && (
        <section aria-labelledby="registered-title">
          <h2 id="registered-title">{t("products.registeredTitle")}</h2>
          {data.registrations.length === 0 ? (
            <p>{t("products.empty")}</p>
          ) : (
            <ul className="product-list">
              {data.registrations.map((r) => {
                const name = r.nickname ?? r.model.names[locale];
                return (
                  <li key={r.id} className="product-card">
                    {r.model.imageUrl && <img src={r.model.imageUrl} alt="" width="64" height="64" />}
                    <div>
                      <h3>
                        <Link to={`/products/${r.id}`}>{name}</Link>
                      </h3>
                      <p className="muted">
                        {r.nickname ? `${r.model.names[locale]} · ` : ""}
                        {r.categoryNames[locale]} · {r.model.code}
                      </p>
                      <p className="muted">
                        {t("products.serial")}: <span className="mono">{r.identifier.serialMasked}</span>
                      </p>
                      <WarrantyBadges warranty={r.warranty} />
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
      <p>
        <Link to="/transfers">{t("products.transfers")}</Link>
      </p>
    </section>
  );
}
