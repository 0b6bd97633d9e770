import { lazy, Suspense, useEffect, useState } from "react";
import { Link } from "react-router";
import type { MyPage } from "../../features/my-page/schemas.ts";
import type { Points } from "../../features/rewards/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { OwnerAlerts } from "../components/alerts.tsx";
import { Announcements } from "../components/announcements.tsx";
import { Faq } from "../components/faq.tsx";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { ProductTile } from "../components/product-tile.tsx";
import { RewardsCard } from "../components/rewards-card.tsx";
import { TopMessage } from "../components/top-message.tsx";
import { useI18n } from "../i18n.tsx";
import { loadPageMessages } from "../locale-messages.ts";
import { arrived, readOnce } from "../prefetch.ts";
import { useSession } from "../session.tsx";

// Below the alerts and the products, and only with the owner's consent: not in the first script.
const RecommendationCards = lazy(() =>
  Promise.all([import("../components/recommendations.tsx"), loadPageMessages()]).then(([m]) => ({
    default: m.RecommendationCards,
  })),
);

export function DashboardPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  // Started early when the app opens on My Page (routes.tsx): then it is usually here already.
  const [early] = useState(() => arrived<MyPage>("/api/v1/my-page"));
  const [count, setCount] = useState<number | null>(early?.productCount ?? null);
  const [points, setPoints] = useState<Points | null>(early?.points ?? null);
  const [repairs, setRepairs] = useState<MyPage["repairs"]>(early?.repairs ?? []);
  const [mine, setMine] = useState<Pick<MyPage, "alerts" | "products" | "recommendations"> | null>(
    early ?? null,
  );
  const [content, setContent] = useState<MyPage["content"] | null>(early?.content ?? null);
  usePageTitle(t("dashboard.title"));
  useEffect(() => {
    if (early) return;
    // One request for the whole page: it costs the same however many products the owner has.
    readOnce<MyPage>("/api/v1/my-page").then(
      (summary) => {
        setCount(summary.productCount);
        setPoints(summary.points);
        setRepairs(summary.repairs);
        setMine(summary);
        setContent(summary.content);
      },
      () => {},
    );
  }, [early]);
  if (!user) return null;
  return (
    <section>
      <h1>{t("dashboard.welcome", { name: user.name })}</h1>
      {!user.emailVerified && <Alert kind="info">{t("dashboard.unverified")}</Alert>}
      {content?.topMessage && <TopMessage message={content.topMessage} />}
      {content && content.announcements.length > 0 && <Announcements items={content.announcements} />}
      {mine && <OwnerAlerts alerts={mine.alerts} />}
      {mine && (
        <section aria-labelledby="tiles-title">
          <h2 id="tiles-title">{t("tile.title")}</h2>
          {mine.products.length === 0 ? (
            <p>{t("tile.none")}</p>
          ) : (
            <ul className="product-tiles plain">
              {mine.products.map((p) => (
                <ProductTile key={p.id} product={p} />
              ))}
            </ul>
          )}
          <p className="row">
            {count !== null && count > 0 && <Link to="/products">{t("tile.all", { count })}</Link>}
            <Link to="/products/register">{t("products.register")}</Link>
          </p>
        </section>
      )}
      {mine && mine.recommendations.items.length > 0 && (
        <section aria-labelledby="recommend-title">
          <h2 id="recommend-title">{t("recommend.title")}</h2>
          <p className="muted">{t("recommend.lead")}</p>
          <Suspense fallback={null}>
            <RecommendationCards items={mine.recommendations.items} />
          </Suspense>
        </section>
      )}
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
          <h2>{t("dashboard.privacyTitle")}</h2>
          <p>{t("dashboard.privacyText")}</p>
          <p>
            <Link to="/privacy">{t("footer.privacy")}</Link>
          </p>
        </article>
        <RewardsCard points={points} />
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
      {content && content.faq.length > 0 && <Faq entries={content.faq} />}
    </section>
  );
}
