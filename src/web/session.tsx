import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import type { SessionInfo } from "../features/accounts/schemas.ts";
import type { Locale } from "../messages/locales.ts";
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
const SESSION = "/api/v1/session";

/** Who is signed in, as the server says now (index.html preloads the first answer). */
export function fetchSession(): Promise<SessionInfo> {
  return api<SessionInfo>("GET", SESSION);
}

/**
 * Who is signed in, for every page. `initial` is the session main.tsx fetched before the first
 * render (null when it could not): the pages then open as the signed-in person at once.
 */
export function SessionProvider({ initial, children }: { initial: SessionInfo | null; children: ReactNode }) {
  const [user, setUser] = useState<User | null>(initial?.user ?? null);
  const [loading, setLoading] = useState(initial === null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const { setLocale } = useI18n();

  const refresh = useCallback(async () => {
    try {
      const session = await fetchSession();
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
    if (!initial) {
      void refresh();
      return;
    }
    setCsrfToken(initial.csrfToken);
    if (initial.user) setLocale(initial.user.locale);
  }, [initial, refresh, setLocale]);

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

/**
 * Changes the language of the pages and, for someone signed in, of the account (the mails too):
 * the one way to choose it, from the header or from My information, so the two never disagree.
 */
export function useChooseLanguage(): (next: Locale) => Promise<void> {
  const { setLocale } = useI18n();
  const { user } = useSession();
  const signedIn = user !== null;
  return useCallback(
    async (next: Locale) => {
      setLocale(next);
      if (signedIn) await api("PATCH", "/api/v1/me", { locale: next }).catch(() => {});
    },
    [setLocale, signedIn],
  );
}
