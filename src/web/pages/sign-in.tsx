import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

export function SignInPage() {
  const { t, locale } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t("signIn.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/api/auth/sign-in/email", {
        email: String(form.get("email")),
        password: String(form.get("password")),
        callbackURL: "/signin?verified=1",
      });
      await refresh();
      navigate(params.get("next")?.startsWith("/") ? (params.get("next") as string) : "/");
    } catch (e) {
      setError(problemMessage(t, locale, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="narrow">
      <h1>{t("signIn.title")}</h1>
      <p className="lead">{t("signIn.lead")}</p>
      {params.get("verified") === "1" && !params.get("error") && (
        <Alert kind="success">{t("signIn.verified")}</Alert>
      )}
      {params.get("error") && <Alert kind="error">{t("error.auth.invalid_token")}</Alert>}
      {params.get("reset") === "1" && <Alert kind="success">{t("signIn.resetDone")}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <form onSubmit={submit} className="stack">
        <Field label={t("common.email")} name="email" type="email" autoComplete="email" required />
        <Field
          label={t("common.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
      </p>
    </section>
  );
}
