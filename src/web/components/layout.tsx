import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link, NavLink, useLocation, useNavigate, useSearchParams } from "react-router";
import { LOCALES, type Locale } from "../../messages/locales.ts";
import { useI18n } from "../i18n.tsx";
import { usePublicConfig } from "../public-config.tsx";
import { useChooseLanguage, useSession } from "../session.tsx";
import { Alert } from "./form.tsx";

const STAFF = new Set(["agent", "reviewer", "editor", "admin"]);

/**
 * The frame of every page. On a phone the menu folds behind one button, so the header is one row
 * at 320 px; from 48rem the menu, the language and signing in or out sit in the header. After a
 * change of page the new page's heading takes focus, so a screen reader starts there and the next
 * Tab goes on from it.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t, locale } = useI18n();
  const { user, signOut } = useSession();
  const chooseLanguage = useChooseLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const publicConfig = usePublicConfig();
  const [menuOpen, setMenuOpen] = useState(false);
  const opened = useRef(location.pathname);

  useEffect(() => {
    if (opened.current === location.pathname) return;
    opened.current = location.pathname;
    setMenuOpen(false);
    return focusHeadingWhenShown();
  }, [location.pathname]);

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
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true" className="menu-icon" />
            {t("nav.menu")}
          </button>
          <div id="site-menu" className={menuOpen ? "site-menu open" : "site-menu"}>
            <nav aria-label={t("nav.main")} className="main-nav">
              <ul>
                {user ? (
                  <>
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
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/" end>
                        {t("nav.home")}
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/support">{t("nav.support")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/signup">{t("nav.signUp")}</NavLink>
                    </li>
                  </>
                )}
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
                {(user?.role === "editor" || user?.role === "admin") && (
                  <li>
                    <NavLink to="/editor">{t("nav.editor")}</NavLink>
                  </li>
                )}
              </ul>
            </nav>
            <div className="header-tools">
              <div className="language">
                <label htmlFor="language-switch" className="visually-hidden">
                  {t("nav.language")}
                </label>
                <select
                  id="language-switch"
                  value={locale}
                  onChange={(e) => void chooseLanguage(e.target.value as Locale)}
                >
                  {LOCALES.map((l) => (
                    <option key={l} value={l} lang={l}>
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
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <VerificationNotice />
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
          {user && STAFF.has(user.role) && (
            <li>
              <a href="/api/docs">{t("footer.apiDocs")}</a>
            </li>
          )}
        </ul>
      </footer>
    </>
  );
}

/**
 * What the link in the verification mail brings back (`/?verified=1`, with `error` when the link
 * did not work): said once above the page it lands on.
 */
function VerificationNotice() {
  const { t } = useI18n();
  const { user } = useSession();
  const [params] = useSearchParams();
  if (params.get("verified") !== "1") return null;
  if (params.get("error")) return <Alert kind="error">{t("error.auth.invalid_token")}</Alert>;
  if (user) return <Alert kind="success">{t("app.verifiedSignedIn")}</Alert>;
  return (
    <Alert kind="success">
      {t("app.verifiedSignIn")} <Link to="/signin">{t("nav.signIn")}</Link>
    </Alert>
  );
}

/**
 * Moves focus to the page's first heading once it is shown (a page whose code is on its way shows
 * it a moment later), unless the page has put focus somewhere in it already (an error, a field).
 * Returns the clean-up for the effect.
 */
function focusHeadingWhenShown(): () => void {
  const main = document.getElementById("main");
  if (!main) return () => {};
  const focus = (): boolean => {
    const active = document.activeElement;
    if (active && active !== main && main.contains(active)) return true;
    const heading = main.querySelector<HTMLElement>("h1");
    if (!heading) return false;
    if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (focus()) return () => {};
  const observer = new MutationObserver(() => {
    if (focus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 10_000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** A policy link: a page of the portal opens in the app, an operator's address as a plain link. */
function PolicyLink({ href, children }: { href: string; children: ReactNode }) {
  return href.startsWith("/") ? <Link to={href}>{children}</Link> : <a href={href}>{children}</a>;
}
