import { type FormEvent, useRef, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api } from "../api.ts";
import { Alert, Field, type FieldErrors, looksLikeEmail, useFocusFirstError } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

/** Where the verification link brings an owner back: My Page, signed in (the layout says so). */
export const VERIFIED_CALLBACK = "/?verified=1";

export function SignInPage() {
  const { t, locale } = useI18n();
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(fieldErrors, formRef);
  usePageTitle(t("signIn.title"));

  // An older verification link (customer service's) still names this page: the owner is signed in.
  if (user && params.get("verified") === "1") return <Navigate to={VERIFIED_CALLBACK} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: FieldErrors = {};
    if (email === "") errors.email = t("form.emailMissing");
    else if (!looksLikeEmail(email)) errors.email = t("form.emailInvalid");
    if (password === "") errors.password = t("form.passwordMissing");
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/api/auth/sign-in/email", { email, password, callbackURL: VERIFIED_CALLBACK });
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
      <form ref={formRef} onSubmit={submit} className="stack" noValidate>
        <Field
          label={t("common.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldErrors.email}
        />
        <Field
          label={t("common.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
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
