import { type ComponentType, lazy, useState } from "react";
import { matchRoutes } from "react-router";
import type { SessionInfo } from "../features/accounts/schemas.ts";
import { RequireAuth } from "./components/require-auth.tsx";
import { loadPageMessages } from "./locale-messages.ts";
import { DashboardPage } from "./pages/dashboard.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { SignInPage } from "./pages/sign-in.tsx";
import { prefetch } from "./prefetch.ts";
import { useSession } from "./session.tsx";

/**
 * One page of the app. The pages the app opens on are in its first script; every other is a chunk
 * of its own, loaded on first use, so sign-in and My Page do not carry the register form, the
 * scanner or the reviewer's screens. `preload` starts the download without rendering, so the page
 * of the address the app opens at loads while the session is checked instead of after it.
 */
export interface LazyPage {
  /** The page's component as things stand: the page itself once its code is here, else a lazy one. */
  current(): ComponentType;
  preload(): Promise<unknown>;
}

function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyPage {
  let loading: Promise<M> | null = null;
  let loaded: ComponentType | null = null;
  const preload = () => {
    loading ??= load().then((module) => {
      loaded = pick(module);
      return module;
    });
    return loading;
  };
  const suspending = (): ComponentType =>
    lazy(() =>
      preload().then(
        (module) => ({ default: pick(module) }),
        (error: unknown) => {
          // React keeps a lazy component's failure: the next visit gets a new one, and a new download.
          loading = null;
          Suspending = suspending();
          throw error;
        },
      ),
    );
  let Suspending = suspending();
  return { current: () => loaded ?? Suspending, preload };
}

/**
 * The page of a route. One whose code is here already (preloaded while the session was checked)
 * renders at once; only one still on its way suspends. Chosen once per visit, so a page never
 * remounts by itself when its code arrives; main.tsx keys it by route, so another route's page is
 * a visit of its own.
 */
export function RoutePage({ page }: { page: LazyPage }) {
  const [Component] = useState(page.current);
  return <Component />;
}

/** A page whose words are in the catalogs' pages part, fetched with it (in the same round trip). */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyPage {
  return lazyPage(() => Promise.all([load(), loadPageMessages()]).then(([module]) => module), pick);
}

/**
 * One of the pages the app opens on (sign-in, My Page, an unknown address): part of the app's
 * first script and worded by the catalogs' first part, so opening on it waits for no other code.
 */
function firstPage(Component: ComponentType): LazyPage {
  return { current: () => Component, preload: () => Promise.resolve() };
}

export interface PageRoute {
  path: string;
  page: LazyPage;
  /** Only for signed-in people: everyone else is sent to sign-in and brought back. */
  signedIn: boolean;
  /** The GETs the page makes first (with `readOnce`), started once the session says who is signed in. */
  reads?: readonly string[];
  /** What a visitor gets at this address instead (the landing page at `/`), loaded only for one. */
  visitorPage?: LazyPage;
}

const signedIn = (path: string, lazyPage: LazyPage, reads?: readonly string[]): PageRoute => ({
  path,
  page: lazyPage,
  signedIn: true,
  ...(reads ? { reads } : {}),
});
const open = (path: string, lazyPage: LazyPage): PageRoute => ({ path, page: lazyPage, signedIn: false });

const review = () => import("./pages/review.tsx");
const repairs = () => import("./repairs/repair-page.tsx");
const password = () => import("./pages/password.tsx");
const guides = () => import("./pages/guides.tsx");
const transfers = () => import("./transfers/transfers-page.tsx");
const policies = () => import("./pages/privacy.tsx");

/** The landing page: a chunk of its own, so sign-in and My Page do not carry it. */
const landing = page(
  () => import("./pages/landing.tsx"),
  (m) => m.LandingPage,
);

/** `/`: My Page for someone signed in, the landing page for a visitor. */
function FrontDoorPage() {
  const { user, loading, failure } = useSession();
  if (!user && !loading && !failure) return <RoutePage page={landing} />;
  return (
    <RequireAuth>
      <DashboardPage />
    </RequireAuth>
  );
}

/** Every page of the app by its address; `*` is the page for an address that has none. */
export const PAGE_ROUTES: readonly PageRoute[] = [
  {
    path: "/",
    page: firstPage(FrontDoorPage),
    signedIn: false,
    reads: ["/api/v1/my-page"],
    visitorPage: landing,
  },
  signedIn(
    "/products",
    page(
      () => import("./pages/products.tsx"),
      (m) => m.ProductsPage,
    ),
  ),
  signedIn(
    "/products/register",
    page(
      () => import("./pages/register.tsx"),
      (m) => m.RegisterPage,
    ),
  ),
  signedIn(
    "/products/scan",
    page(
      () => import("./pages/scan.tsx"),
      (m) => m.ScanPage,
    ),
  ),
  signedIn(
    "/products/:id",
    page(
      () => import("./pages/product.tsx"),
      (m) => m.ProductPage,
    ),
  ),
  signedIn(
    "/products/:id/repair",
    page(
      () => import("./repairs/request-page.tsx"),
      (m) => m.RepairRequestPage,
    ),
  ),
  signedIn(
    "/repairs/:id",
    page(repairs, (m) => m.RepairPage),
  ),
  signedIn(
    "/staff/repairs",
    page(
      () => import("./repairs/staff-page.tsx"),
      (m) => m.StaffRepairsPage,
    ),
  ),
  signedIn(
    "/transfers",
    page(transfers, (m) => m.TransfersPage),
  ),
  signedIn(
    "/staff/transfers",
    page(
      () => import("./transfers/staff-transfers-page.tsx"),
      (m) => m.StaffTransfersPage,
    ),
  ),
  signedIn(
    "/rewards",
    page(
      () => import("./rewards/rewards-page.tsx"),
      (m) => m.RewardsPage,
    ),
  ),
  signedIn(
    "/admin/rewards",
    page(
      () => import("./rewards/admin-rewards-page.tsx"),
      (m) => m.AdminRewardsPage,
    ),
  ),
  signedIn(
    "/admin/staff",
    page(
      () => import("./admin/staff-page.tsx"),
      (m) => m.StaffPage,
    ),
  ),
  signedIn(
    "/staff/customers/:ownerId",
    page(
      () => import("./customer-service/customer-page.tsx"),
      (m) => m.CustomerPage,
    ),
  ),
  open(
    "/track/:token",
    page(
      () => import("./repairs/track-page.tsx"),
      (m) => m.TrackPage,
    ),
  ),
  signedIn(
    "/me",
    page(
      () => import("./pages/my-information.tsx"),
      (m) => m.MyInformationPage,
    ),
  ),
  signedIn(
    "/review",
    page(review, (m) => m.ReviewQueuePage),
  ),
  signedIn(
    "/review/claims/:id",
    page(review, (m) => m.ReviewClaimPage),
  ),
  signedIn(
    "/editor",
    page(
      () => import("./editor/editor-page.tsx"),
      (m) => m.EditorPage,
    ),
  ),
  signedIn(
    "/device",
    page(
      () => import("./pages/device.tsx"),
      (m) => m.DevicePage,
    ),
  ),
  open(
    "/support",
    page(
      () => import("./pages/support.tsx"),
      (m) => m.SupportPage,
    ),
  ),
  open(
    "/privacy",
    page(policies, (m) => m.PrivacyPage),
  ),
  open(
    "/terms",
    page(policies, (m) => m.TermsPage),
  ),
  open("/signin", firstPage(SignInPage)),
  open(
    "/signup",
    page(
      () => import("./pages/sign-up.tsx"),
      (m) => m.SignUpPage,
    ),
  ),
  open(
    "/forgot-password",
    page(password, (m) => m.ForgotPasswordPage),
  ),
  open(
    "/reset-password",
    page(password, (m) => m.ResetPasswordPage),
  ),
  open(
    "/guides",
    page(guides, (m) => m.GuidesPage),
  ),
  open(
    "/guides/:code",
    page(guides, (m) => m.GuidePage),
  ),
  open(
    "/documents/:id",
    page(
      () => import("./pages/document.tsx"),
      (m) => m.DocumentPage,
    ),
  ),
  open(
    "/dev/mail",
    page(
      () => import("./pages/dev-mail.tsx"),
      (m) => m.DevMailPage,
    ),
  ),
  open("*", firstPage(NotFoundPage)),
];

/** How long the first render waits for the page's first reads: past it, the frame paints without them. */
const READS_WAIT_MS = 1000;

/**
 * What the app opens at is fetched before React renders: the page's code and, once the session
 * (`session`, already on its way) says someone is signed in, the page's first reads. Settles when
 * the code is here and the reads have arrived (or failed, or taken longer than READS_WAIT_MS), so
 * the first paint shows the page whole: nothing moves when its data comes in a moment later.
 */
export function preloadPage(pathname: string, session: Promise<SessionInfo>): Promise<void> {
  const route = matchRoutes(PAGE_ROUTES as PageRoute[], pathname)?.at(-1)?.route;
  if (!route) return Promise.resolve();
  const reads = route.reads ?? [];
  const read = session.then(
    (info) => (info.user ? Promise.allSettled(reads.map((path) => prefetch(path))) : []),
    () => [],
  );
  const waited = new Promise<void>((done) => setTimeout(done, READS_WAIT_MS));
  // A page whose code cannot be fetched says so when it renders (PageLoadBoundary).
  const code = Promise.all([
    route.page.preload(),
    route.visitorPage && session.then((info) => (info.user ? null : route.visitorPage?.preload())),
  ]).catch(() => {});
  return Promise.all([code, reads.length > 0 ? Promise.race([read, waited]) : null]).then(() => {});
}
