import { type FormEvent, useEffect, useState } from "react";
import { COUNTRIES } from "../../domain/country.ts";
import type { Profile } from "../../features/profile/schemas.ts";
import { ApiError, api } from "../api.ts";
import { AccessLog } from "../components/access-log.tsx";
import { CalendarFeed } from "../components/calendar-feed.tsx";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

export function MyInformationPage() {
  const { t, locale, setLocale } = useI18n();
  const { refresh } = useSession();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [passwordMessage, setPasswordMessage] = useState<{ kind: "error" | "success"; text: string } | null>(
    null,
  );
  usePageTitle(t("info.title"));

  useEffect(() => {
    api<Profile>("GET", "/api/v1/me").then(setProfile, (e) =>
      setMessage({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  }, [t, locale]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const patch = {
      name: String(form.get("name")),
      phone: String(form.get("phone")),
      addressLine: String(form.get("addressLine")),
      postalCode: String(form.get("postalCode")),
      city: String(form.get("city")),
      country: String(form.get("country")),
      locale: String(form.get("locale")),
    };
    setMessage(null);
    setFieldErrors({});
    try {
      const saved = await api<Profile>("PATCH", "/api/v1/me", patch);
      setProfile(saved);
      setLocale(saved.locale);
      await refresh();
      setMessage({ kind: "success", text: t("common.saved") });
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, "network");
      const fields = (error.body.fields as { path: string }[] | undefined) ?? [];
      setFieldErrors(
        Object.fromEntries(fields.map((f) => [f.path.replace(/^body\./, ""), t("error.request.invalid")])),
      );
      setMessage({ kind: "error", text: problemMessage(t, locale, error) });
    }
  }

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPasswordMessage(null);
    try {
      await api("POST", "/api/auth/change-password", {
        currentPassword: String(form.get("currentPassword")),
        newPassword: String(form.get("newPassword")),
      });
      formElement.reset();
      setPasswordMessage({ kind: "success", text: t("info.passwordChanged") });
    } catch (e) {
      setPasswordMessage({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  return (
    <section className="narrow">
      <h1>{t("info.title")}</h1>
      <p className="lead">{t("info.lead")}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {profile && (
        <form onSubmit={save} className="stack" noValidate>
          <Field
            label={t("common.name")}
            name="name"
            defaultValue={profile.name}
            autoComplete="name"
            required
            error={fieldErrors.name}
          />
          <Field
            label={t("common.email")}
            hint={t("info.emailReadOnly")}
            name="email"
            value={profile.email}
            readOnly
          />
          <Field
            label={t("info.phone")}
            name="phone"
            type="tel"
            defaultValue={profile.phone ?? ""}
            autoComplete="tel"
            error={fieldErrors.phone}
          />
          <Field
            label={t("info.addressLine")}
            name="addressLine"
            defaultValue={profile.addressLine ?? ""}
            autoComplete="street-address"
            error={fieldErrors.addressLine}
          />
          <div className="row">
            <Field
              label={t("info.postalCode")}
              name="postalCode"
              defaultValue={profile.postalCode ?? ""}
              autoComplete="postal-code"
              inputMode="numeric"
              error={fieldErrors.postalCode}
            />
            <Field
              label={t("info.city")}
              name="city"
              defaultValue={profile.city ?? ""}
              autoComplete="address-level2"
              error={fieldErrors.city}
            />
          </div>
          <div className="field">
            <label htmlFor="country">{t("info.country")}</label>
            <select id="country" name="country" defaultValue={profile.country}>
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {t(`country.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="locale">{t("info.language")}</label>
            <select id="locale" name="locale" defaultValue={profile.locale}>
              <option value="nb">{t("language.nb")}</option>
              <option value="en">{t("language.en")}</option>
            </select>
          </div>
          <button type="submit" className="button">
            {t("common.save")}
          </button>
        </form>
      )}

      <CalendarFeed />

      <h2>{t("info.passwordTitle")}</h2>
      {passwordMessage && <Alert kind={passwordMessage.kind}>{passwordMessage.text}</Alert>}
      <form onSubmit={changePassword} className="stack">
        <Field
          label={t("info.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
        <Field
          label={t("info.newPassword")}
          hint={t("signUp.passwordHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
        />
        <button type="submit" className="button secondary">
          {t("info.changePassword")}
        </button>
      </form>

      <AccessLog />
    </section>
  );
}
