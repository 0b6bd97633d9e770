import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { PASSWORD_MIN_LENGTH } from "../../features/accounts/password-length.ts";
import { api } from "../api.ts";
import { Alert, Field, type FieldErrors, looksLikeEmail, useFocusFirstError } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

export function ForgotPasswordPage() {
  const { t, locale } = useI18n();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(fieldErrors, formRef);
  usePageTitle(t("forgot.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    const errors: FieldErrors = {};
    if (email === "") errors.email = t("form.emailMissing");
    else if (!looksLikeEmail(email)) errors.email = t("form.emailInvalid");
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setError(null);
    try {
      await api("POST", "/api/auth/request-password-reset", {
        email,
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
        <form ref={formRef} onSubmit={submit} className="stack" noValidate>
          <Field
            label={t("common.email")}
            name="email"
            type="email"
            autoComplete="email"
            required
            error={fieldErrors.email}
          />
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
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(fieldErrors, formRef);
  usePageTitle(t("reset.title"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const errors: FieldErrors = {};
    if (password.length < PASSWORD_MIN_LENGTH)
      errors.password =
        password === "" ? t("form.passwordMissing") : t("form.passwordShort", { min: PASSWORD_MIN_LENGTH });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setError(null);
    try {
      await api("POST", "/api/auth/reset-password", { token, newPassword: password });
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
          <form ref={formRef} onSubmit={submit} className="stack" noValidate>
            <Field
              label={t("reset.newPassword")}
              hint={t("signUp.passwordHint")}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN_LENGTH}
              required
              error={fieldErrors.password}
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
