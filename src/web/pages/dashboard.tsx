import { Link } from "react-router";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

export function DashboardPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t("dashboard.title"));
  if (!user) return null;
  return (
    <section>
      <h1>{t("dashboard.welcome", { name: user.name })}</h1>
      {!user.emailVerified && <Alert kind="info">{t("dashboard.unverified")}</Alert>}
      <div className="cards">
        <article className="card">
          <h2>{t("dashboard.productsCard")}</h2>
          <Link to="/products">{t("dashboard.openProducts")}</Link>
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
