import { StrictMode, Suspense, startTransition, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes, useLocation } from "react-router";
import type { SessionInfo } from "../features/accounts/schemas.ts";
import { Layout } from "./components/layout.tsx";
import { PageLoadBoundary } from "./components/page-load-boundary.tsx";
import { RequireAuth } from "./components/require-auth.tsx";
import { I18nProvider, initialLocale, useI18n } from "./i18n.tsx";
import { chooseLocale, loadPageMessages, openMessages } from "./locale-messages.ts";
import { prefetch } from "./prefetch.ts";
import { PUBLIC_CONFIG, PublicConfigProvider } from "./public-config.tsx";
import { PAGE_ROUTES, preloadPage, RoutePage } from "./routes.tsx";
import { fetchSession, SessionProvider } from "./session.tsx";
import "./styles.css";

/** What a page shows while its code arrives: the same words as while the session is checked. */
function PageLoading() {
  const { t } = useI18n();
  return <p aria-live="polite">{t("common.loading")}</p>;
}

/** How long after the first page shows the rest of the catalogs is fetched, when no page asked for it. */
const REST_OF_CATALOGS_MS = 2000;

function App() {
  const location = useLocation();
  // The other pages' messages and every error sentence, once the first page has shown and settled.
  useEffect(() => {
    const timer = setTimeout(() => void loadPageMessages().catch(() => {}), REST_OF_CATALOGS_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Layout>
      <PageLoadBoundary pathname={location.pathname}>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            {PAGE_ROUTES.map(({ path, page, signedIn }) => (
              <Route
                key={path}
                path={path}
                element={
                  signedIn ? (
                    <RequireAuth>
                      <RoutePage key={path} page={page} />
                    </RequireAuth>
                  ) : (
                    <RoutePage key={path} page={page} />
                  )
                }
              />
            ))}
          </Routes>
        </Suspense>
      </PageLoadBoundary>
    </Layout>
  );
}

/**
 * The first render is a transition: React builds the page in slices of a few milliseconds instead
 * of one long task, so a slow phone stays responsive (Lighthouse counts long tasks as blocking).
 */
function render(root: HTMLElement, session: SessionInfo | null) {
  const app = createRoot(root);
  startTransition(() =>
    app.render(
      <StrictMode>
        <BrowserRouter>
          <I18nProvider>
            <PublicConfigProvider>
              <SessionProvider initial={session}>
                <App />
              </SessionProvider>
            </PublicConfigProvider>
          </I18nProvider>
        </BrowserRouter>
      </StrictMode>,
    ),
  );
}

/**
 * Opening the app on a slow phone: index.html preloads the session and the default language's
 * first messages while this script travels, and the pages the app opens on are part of it. Here
 * the page's first reads start as soon as the session is known, and the app renders once the
 * session, the reader's language (the signed-in person's), the page's code and, for at most a
 * second, the page's first reads are here: the first paint shows the page whole.
 */
async function open(root: HTMLElement) {
  const session = fetchSession();
  const messages = openMessages(initialLocale());
  const page = preloadPage(window.location.pathname, session);
  prefetch(PUBLIC_CONFIG);
  const info = await session.catch(() => null);
  await messages;
  if (info?.user && info.user.locale !== initialLocale())
    await chooseLocale(info.user.locale).catch(() => {});
  await page;
  render(root, info);
}

const root = document.getElementById("root");
if (root) void open(root);
