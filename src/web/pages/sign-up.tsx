import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

export function SignUpPage() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t("signUp.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/api/auth/sign-up/email", {
        name: String(form.get("name")),
        email,
        password: String(form.get("password")),
        locale,
        callbackURL: "/signin?verified=1",
      });
      setSentTo(email);
    } catch (e) {
      setError(problemMessage(t, locale, e));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <section className="narrow">
        <h1>{t("signUp.title")}</h1>
        <Alert kind="success">{t("signUp.checkMail", { email: sentTo })}</Alert>
        <p>
          <Link to="/signin">{t("nav.signIn")}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t("signUp.title")}</h1>
      <p className="lead">{t("signUp.lead")}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <form onSubmit={submit} className="stack">
        <Field label={t("common.name")} name="name" autoComplete="name" required maxLength={100} />
        <Field label={t("common.email")} name="email" type="email" autoComplete="email" required />
        <Field
          label={t("common.password")}
          hint={t("signUp.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signUp.submit")}
        </button>
      </form>
      <p>
        {t("signUp.haveAccount")} <Link to="/signin">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
