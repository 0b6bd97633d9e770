import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

export function ForgotPasswordPage() {
  const { t, locale } = useI18n();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t("forgot.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      await api("POST", "/api/auth/request-password-reset", {
        email: String(form.get("email")),
        redirectTo: "/reset-password",
      });
      setSent(true);
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {sent ? (
        <Alert kind="success">{t("forgot.sent")}</Alert>
      ) : (
        <form onSubmit={submit} className="stack">
          <Field label={t("common.email")} name="email" type="email" autoComplete="email" required />
          <button type="submit" className="button">
            {t("forgot.submit")}
          </button>
        </form>
      )}
      <p>
        <Link to="/signin">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}

export function ResetPasswordPage() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get("token");
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t("reset.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      await api("POST", "/api/auth/reset-password", { token, newPassword: String(form.get("password")) });
      navigate("/signin?reset=1");
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      {!token || params.get("error") ? (
        <>
          <Alert kind="error">{t("reset.invalidLink")}</Alert>
          <p>
            <Link to="/forgot-password">{t("forgot.title")}</Link>
          </p>
        </>
      ) : (
        <>
          {error && <Alert kind="error">{error}</Alert>}
          <form onSubmit={submit} className="stack">
            <Field
              label={t("reset.newPassword")}
              hint={t("signUp.passwordHint")}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
            />
            <button type="submit" className="button">
              {t("reset.submit")}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
