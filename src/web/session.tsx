import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import type { SessionInfo } from "../features/accounts/schemas.ts";
import { api, setCsrfToken } from "./api.ts";
import { useI18n } from "./i18n.tsx";

type User = NonNullable<SessionInfo["user"]>;

interface SessionState {
  user: User | null;
  loading: boolean;
  /** Why the session could not be checked (no answer, a fault of ours): not the same as signed out. */
  failure: { failure: unknown } | null;
  refresh(): Promise<User | null>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const { setLocale } = useI18n();

  const refresh = useCallback(async () => {
    try {
      const session = await api<SessionInfo>("GET", "/api/v1/session");
      setCsrfToken(session.csrfToken);
      setUser(session.user);
      if (session.user) setLocale(session.user.locale);
      setFailure(null);
      return session.user;
    } catch (error) {
      setUser(null);
      setFailure({ failure: error });
      return null;
    } finally {
      setLoading(false);
    }
  }, [setLocale]);

  const signOut = useCallback(async () => {
    await api("POST", "/api/auth/sign-out", {});
    setCsrfToken(null);
    setUser(null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ user, loading, failure, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession outside SessionProvider");
  return context;
}
