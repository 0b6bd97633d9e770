import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

/** Pages for signed-in people send everyone else to sign-in and bring them back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <p aria-live="polite">{t("common.loading")}</p>;
  if (!user)
    return (
      <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  return <>{children}</>;
}
