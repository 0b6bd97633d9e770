import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import { PASSWORD_MIN_LENGTH } from "../../features/accounts/password-length.ts";
import { api } from "../api.ts";
import { Alert, Field, type FieldErrors, looksLikeEmail, useFocusFirstError } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { usePublicConfig } from "../public-config.tsx";
import { VERIFIED_CALLBACK } from "./sign-in.tsx";

export function SignUpPage() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [termsMissing, setTermsMissing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const termsBox = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const config = usePublicConfig();
  useFocusFirstError(fieldErrors, formRef);
  usePageTitle(t("signUp.title"));
  // The form is gone once it is sent: the heading of what comes next takes focus, not the page's body.
  useEffect(() => {
    if (sentTo) sentHeading.current?.focus();
  }, [sentTo]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: FieldErrors = {};
    if (name === "") errors.name = t("form.nameMissing");
    if (email === "") errors.email = t("form.emailMissing");
    else if (!looksLikeEmail(email)) errors.email = t("form.emailInvalid");
    if (password.length < PASSWORD_MIN_LENGTH)
      errors.password =
        password === "" ? t("form.passwordMissing") : t("form.passwordShort", { min: PASSWORD_MIN_LENGTH });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setTermsMissing(form.get("terms") !== "yes");
      return;
    }
    if (form.get("terms") !== "yes") {
      setTermsMissing(true);
      termsBox.current?.focus();
      return;
    }
    setTermsMissing(false);
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/api/auth/sign-up/email", {
        name,
        email,
        password,
        locale,
        callbackURL: VERIFIED_CALLBACK,
        // The versions of the texts this form links to: the server refuses others.
        acceptedTerms: TEXT_VERSIONS.terms,
        acceptedPrivacyNotice: TEXT_VERSIONS["privacy-notice"],
        recommendations: form.get("recommendations") === "yes",
        marketingMail: form.get("marketingMail") === "yes",
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
        <h1 ref={sentHeading} tabIndex={-1}>
          {t("signUp.title")}
        </h1>
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
      <form ref={formRef} onSubmit={submit} className="stack" noValidate>
        <Field
          label={t("common.name")}
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          error={fieldErrors.name}
        />
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
          hint={t("signUp.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
          error={fieldErrors.password}
        />
        <div className="field">
          <div className="consent-box">
            <input
              ref={termsBox}
              id="sign-up-terms"
              type="checkbox"
              name="terms"
              value="yes"
              aria-invalid={termsMissing ? true : undefined}
              aria-describedby={termsMissing ? "sign-up-terms-error" : undefined}
              onChange={(e) => e.currentTarget.checked && setTermsMissing(false)}
            />
            <label htmlFor="sign-up-terms">
              {t("signUp.acceptTerms", { terms: "[[terms]]", privacy: "[[privacy]]" })
                .split(/(\[\[terms\]\]|\[\[privacy\]\])/)
                .map((part) =>
                  part === "[[terms]]" ? (
                    <PolicyLink key={part} href={config.termsUrl}>
                      {t("signUp.termsLink")}
                    </PolicyLink>
                  ) : part === "[[privacy]]" ? (
                    <PolicyLink key={part} href={config.privacyPolicyUrl}>
                      {t("signUp.privacyLink")}
                    </PolicyLink>
                  ) : (
                    part
                  ),
                )}
            </label>
          </div>
          {termsMissing && (
            <p id="sign-up-terms-error" className="field-error">
              {t("signUp.acceptRequired")}
            </p>
          )}
        </div>
        <fieldset className="stack">
          <legend>{t("signUp.optional")}</legend>
          <div className="consent-box">
            <input id="sign-up-recommendations" type="checkbox" name="recommendations" value="yes" />
            <label htmlFor="sign-up-recommendations">{t("signUp.recommendations")}</label>
          </div>
          <div className="consent-box">
            <input id="sign-up-marketing" type="checkbox" name="marketingMail" value="yes" />
            <label htmlFor="sign-up-marketing">{t("signUp.marketingMail")}</label>
          </div>
        </fieldset>
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

/** Opens in a new tab, so the form keeps what was typed. */
function PolicyLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener">
      {children}
    </a>
  );
}
