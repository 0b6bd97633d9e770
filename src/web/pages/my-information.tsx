import { type FormEvent, useEffect, useRef, useState } from "react";
import { COUNTRIES, type Country } from "../../domain/country.ts";
import { normalizePostcode } from "../../domain/postcode.ts";
import { PASSWORD_MIN_LENGTH } from "../../features/accounts/password-length.ts";
import type { PostcodeAnswer, Profile } from "../../features/profile/schemas.ts";
import type { Locale } from "../../messages/locales.ts";
import { ApiError, api } from "../api.ts";
import { AccessLog } from "../components/access-log.tsx";
import { CalendarFeed } from "../components/calendar-feed.tsx";
import { Alert, Field, type FieldErrors, useFocusFirstError } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useChooseLanguage, useSession } from "../session.tsx";

const PHONE = /^(\+?[0-9 ()-]{5,30})?$/;

export function MyInformationPage() {
  const { t, locale } = useI18n();
  const { refresh } = useSession();
  const chooseLanguage = useChooseLanguage();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [passwordErrors, setPasswordErrors] = useState<FieldErrors>({});
  const [passwordMessage, setPasswordMessage] = useState<{ kind: "error" | "success"; text: string } | null>(
    null,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const passwordFormRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(fieldErrors, formRef);
  useFocusFirstError(passwordErrors, passwordFormRef);
  usePageTitle(t("info.title"));

  useEffect(() => {
    api<Profile>("GET", "/api/v1/me").then(setProfile, (e) =>
      setMessage({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  }, [t, locale]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const country = text("country") as Country;
    const patch = {
      name: text("name"),
      phone: text("phone"),
      addressLine: text("addressLine"),
      postalCode: text("postalCode"),
      city: text("city"),
      country,
    };
    const errors: FieldErrors = {};
    if (patch.name === "") errors.name = t("form.nameMissing");
    if (!PHONE.test(patch.phone)) errors.phone = t("form.phoneInvalid");
    if (patch.postalCode !== "" && !normalizePostcode(country, patch.postalCode))
      errors.postalCode = t("form.postcodeInvalid", { country });
    setFieldErrors(errors);
    setMessage(null);
    if (Object.keys(errors).length > 0) return;
    try {
      const saved = await api<Profile>("PATCH", "/api/v1/me", patch);
      setProfile(saved);
      await refresh();
      setMessage({ kind: "success", text: t("common.saved") });
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, "network");
      const fields = (error.body.fields as { path: string }[] | undefined) ?? [];
      setFieldErrors(
        Object.fromEntries(
          fields.map((f) => {
            const field = f.path.replace(/^body\./, "");
            return [
              field,
              field === "postalCode" ? t("form.postcodeInvalid", { country }) : t("error.request.invalid"),
            ];
          }),
        ),
      );
      setMessage({ kind: "error", text: problemMessage(t, locale, error) });
    }
  }

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    const errors: FieldErrors = {};
    if (currentPassword === "") errors.currentPassword = t("form.currentPasswordMissing");
    if (newPassword.length < PASSWORD_MIN_LENGTH)
      errors.newPassword =
        newPassword === ""
          ? t("form.passwordMissing")
          : t("form.passwordShort", { min: PASSWORD_MIN_LENGTH });
    setPasswordErrors(errors);
    setPasswordMessage(null);
    if (Object.keys(errors).length > 0) return;
    try {
      await api("POST", "/api/auth/change-password", { currentPassword, newPassword });
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
        <form ref={formRef} onSubmit={save} className="stack" noValidate>
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
          <AddressPlace profile={profile} errors={fieldErrors} />
          <div className="field">
            <label htmlFor="locale">{t("info.language")}</label>
            <p id="locale-hint" className="hint">
              {t("info.languageHint")}
            </p>
            {/* The page's language, as the header shows it: chosen here or there, it applies at once. */}
            <select
              id="locale"
              aria-describedby="locale-hint"
              value={locale}
              onChange={(e) => void chooseLanguage(e.target.value as Locale)}
            >
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
      <form ref={passwordFormRef} onSubmit={changePassword} className="stack" noValidate>
        <Field
          label={t("info.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={passwordErrors.currentPassword}
        />
        <Field
          label={t("info.newPassword")}
          hint={t("signUp.passwordHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
          error={passwordErrors.newPassword}
        />
        <button type="submit" className="button secondary">
          {t("info.changePassword")}
        </button>
      </form>

      <AccessLog />
    </section>
  );
}

/**
 * Postcode, place and country. Once the postcode is whole for the country, the place is looked up
 * in the postal register and filled in, unless the owner wrote a place of their own.
 */
function AddressPlace({ profile, errors }: { profile: Profile; errors: FieldErrors }) {
  const { t } = useI18n();
  const [country, setCountry] = useState<Country>(profile.country);
  const [postalCode, setPostalCode] = useState(profile.postalCode ?? "");
  const [city, setCity] = useState(profile.city ?? "");
  const [filled, setFilled] = useState<string | null>(null);
  const code = normalizePostcode(country, postalCode);

  // biome-ignore lint/correctness/useExhaustiveDependencies: looked up when the postcode or the country changes, not on every letter of the place.
  useEffect(() => {
    if (!code || (city !== "" && city !== filled)) return;
    let current = true;
    api<PostcodeAnswer>("GET", `/api/v1/postcodes/${country}/${encodeURIComponent(code)}`).then(
      (answer) => {
        if (!current || !answer.place) return;
        setCity(answer.place);
        setFilled(answer.place);
      },
      // No answer: the owner writes the place.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [code, country]);

  return (
    <>
      <div className="row">
        <Field
          label={t("info.postalCode")}
          name="postalCode"
          value={postalCode}
          onChange={(e) => setPostalCode(e.target.value)}
          autoComplete="postal-code"
          inputMode="numeric"
          error={errors.postalCode}
        />
        <Field
          label={t("info.city")}
          name="city"
          value={city}
          onChange={(e) => {
            setCity(e.target.value);
            setFilled(null);
          }}
          autoComplete="address-level2"
          error={errors.city}
        />
      </div>
      <p className="hint" aria-live="polite">
        {filled !== null && city === filled ? t("info.cityFilled") : ""}
      </p>
      <div className="field">
        <label htmlFor="country">{t("info.country")}</label>
        <select
          id="country"
          name="country"
          value={country}
          onChange={(e) => setCountry(e.target.value as Country)}
        >
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`country.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
