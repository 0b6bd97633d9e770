import type { ReactNode } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { LOCALES, type Locale } from "../../messages/locales.ts";
import { api } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { usePublicConfig } from "../public-config.tsx";
import { useSession } from "../session.tsx";

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const publicConfig = usePublicConfig();

  async function changeLocale(next: Locale) {
    setLocale(next);
    if (user) await api("PATCH", "/api/v1/me", { locale: next }).catch(() => {});
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t("app.name")}</span>
          </Link>
          <div className="header-tools">
            <div className="language">
              <label htmlFor="language-switch" className="visually-hidden">
                {t("nav.language")}
              </label>
              <select
                id="language-switch"
                value={locale}
                onChange={(e) => void changeLocale(e.target.value as Locale)}
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {l === "nb" ? "Norsk" : "English"}
                  </option>
                ))}
              </select>
            </div>
            {user ? (
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  await signOut();
                  navigate("/signin");
                }}
              >
                {t("nav.signOut")}
              </button>
            ) : (
              <Link to="/signin">{t("nav.signIn")}</Link>
            )}
          </div>
        </div>
        <nav aria-label={t("nav.main")} className="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.myPage")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/products">{t("nav.myProducts")}</NavLink>
            </li>
            <li>
              <NavLink to="/support">{t("nav.support")}</NavLink>
            </li>
            <li>
              <NavLink to="/me">{t("nav.myInformation")}</NavLink>
            </li>
            {(user?.role === "agent" || user?.role === "reviewer" || user?.role === "admin") && (
              <li>
                <NavLink to="/staff/repairs">{t("nav.staffRepairs")}</NavLink>
              </li>
            )}
            {(user?.role === "agent" || user?.role === "admin") && (
              <li>
                <NavLink to="/staff/transfers">{t("nav.staffTransfers")}</NavLink>
              </li>
            )}
            {(user?.role === "reviewer" || user?.role === "admin") && (
              <li>
                <NavLink to="/review">{t("nav.review")}</NavLink>
              </li>
            )}
            {user?.role === "admin" && (
              <li>
                <NavLink to="/admin/staff">{t("nav.staff")}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.rights")}</p>
        <ul>
          <li>
            <PolicyLink href={publicConfig.privacyPolicyUrl}>{t("footer.privacy")}</PolicyLink>
          </li>
          {publicConfig.accountPrivacyPolicyUrl && (
            <li>
              <a href={publicConfig.accountPrivacyPolicyUrl}>{t("footer.accountPrivacy")}</a>
            </li>
          )}
          <li>
            <PolicyLink href={publicConfig.termsUrl}>{t("footer.terms")}</PolicyLink>
          </li>
          <li>
            <a href="/api/docs">{t("footer.apiDocs")}</a>
          </li>
        </ul>
      </footer>
    </>
  );
}

/** A policy link: a page of the portal opens in the app, an operator's address as a plain link. */
function PolicyLink({ href, children }: { href: string; children: ReactNode }) {
  return href.startsWith("/") ? <Link to={href}>{children}</Link> : <a href={href}>{children}</a>;
}
