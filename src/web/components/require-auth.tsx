import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";
import { Alert } from "./form.tsx";

/**
 * Pages for signed-in people send everyone else to sign-in and bring them back afterwards; when
 * the session could not be checked at all, they say why instead of asking to sign in again.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, failure } = useSession();
  const { t, locale } = useI18n();
  const location = useLocation();
  if (loading) return <p aria-live="polite">{t("common.loading")}</p>;
  if (!user && failure) return <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>;
  if (!user)
    return (
      <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  return <>{children}</>;
}
