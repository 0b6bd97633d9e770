import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { MyPage } from "../../features/my-page/schemas.ts";
import type { Points } from "../../features/rewards/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { arrived, readOnce } from "../prefetch.ts";
import { useSession } from "../session.tsx";

export function DashboardPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  // Started early when the app opens on My Page (routes.tsx): then it is usually here already.
  const [early] = useState(() => arrived<MyPage>("/api/v1/my-page"));
  const [count, setCount] = useState<number | null>(early?.productCount ?? null);
  const [points, setPoints] = useState<Points | null>(early?.points ?? null);
  const [repairs, setRepairs] = useState<MyPage["repairs"]>(early?.repairs ?? []);
  usePageTitle(t("dashboard.title"));
  useEffect(() => {
    if (early) return;
    // One request for the whole page: it costs the same however many products the owner has.
    readOnce<MyPage>("/api/v1/my-page").then(
      (summary) => {
        setCount(summary.productCount);
        setPoints(summary.points);
        setRepairs(summary.repairs);
      },
      () => {},
    );
  }, [early]);
  if (!user) return null;
  return (
    <section>
      <h1>{t("dashboard.welcome", { name: user.name })}</h1>
      {!user.emailVerified && <Alert kind="info">{t("dashboard.unverified")}</Alert>}
      <div className="cards">
        {repairs.length > 0 && (
          <article className="card">
            <h2>{t("dashboard.repairsCard")}</h2>
            <ul className="plain">
              {repairs.map((r) => (
                <li key={r.id}>
                  <Link to={`/repairs/${r.id}`}>
                    {t("dashboard.repairLine", {
                      product: r.productNames[locale],
                      status: t(`repairStatus.${r.status}` as MessageKey),
                    })}
                  </Link>
                  {r.ownerTask && <p className="muted">{t(`repairTask.${r.ownerTask}` as MessageKey)}</p>}
                </li>
              ))}
            </ul>
          </article>
        )}
        <article className="card">
          <h2>{t("dashboard.productsCard")}</h2>
          {count !== null && <p>{t("dashboard.productsCount", { count })}</p>}
          <p>
            <Link to="/products">{t("dashboard.openProducts")}</Link>
          </p>
          <p>
            <Link to="/products/register">{t("products.register")}</Link>
          </p>
        </article>
        <article className="card">
          <h2>{t("dashboard.privacyTitle")}</h2>
          <p>{t("dashboard.privacyText")}</p>
          <p>
            <Link to="/privacy">{t("footer.privacy")}</Link>
          </p>
        </article>
        <article className="card rewards">
          <h2>{t("rewards.title")}</h2>
          {points && <p className="balance">{t("rewards.balance", { points: points.balance })}</p>}
          <p>{t("rewards.lead")}</p>
          {points && points.movements.length === 0 && <p>{t("rewards.none")}</p>}
          {points && points.movements.length > 0 && (
            <ul className="movements">
              {points.movements.map((m) => (
                <li key={m.id}>
                  <span>
                    {t("rewards.movement.first-registration", { name: m.productNames?.[locale] ?? "" })}
                  </span>{" "}
                  <strong>+{m.points}</strong>{" "}
                  <span className="muted">{formatDate(locale, m.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </article>
        <article className="card">
          <h2>{t("dashboard.infoCard")}</h2>
          <p>{t("dashboard.infoText")}</p>
          <Link to="/me">{t("dashboard.openInfo")}</Link>
        </article>
        <article className="card">
          <h2>{t("dashboard.supportCard")}</h2>
          <p>{t("dashboard.supportText")}</p>
          <Link to="/support">{t("dashboard.openSupport")}</Link>
        </article>
      </div>
    </section>
  );
}
