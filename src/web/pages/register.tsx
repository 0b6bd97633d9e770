import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { interpretIdentifier } from "../../domain/identifier.ts";
import { type IdentifierRule, identifierLengths } from "../../domain/identifier-rules.ts";
import type { IdentifierCheck, RegistrationView } from "../../features/registration/schemas.ts";
import { ApiError, api } from "../api.ts";
import { useCategories } from "../catalogue.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { identifierHintValues } from "../registration/problem-text.ts";
import { type Suggestion, Suggestions } from "../registration/suggestions.tsx";

/** The form checks what is typed once it is as long as the longest identifier the field takes. */
const LONGEST_IDENTIFIER = Math.max(...identifierLengths());

const TYPE_MISMATCH = "registration.product_type_mismatch";

/** A unit of another type than the one chosen: what it is, and which unit (the normalized identifier). */
interface TypeMismatch {
  identifier: string;
  model: IdentifierCheck["model"];
  problem: IdentifierCheck["problems"][number];
}

export function RegisterPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { categories } = useCategories();
  const [identifier, setIdentifier] = useState("");
  const [params] = useSearchParams();
  const [productType, setProductType] = useState(params.get("type") ?? "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [transferSent, setTransferSent] = useState(false);
  const [transferError, setTransferError] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ key: string; check: IdentifierCheck } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const identifierRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  usePageTitle(t("register.title"));

  const registrable = (categories ?? [])
    .filter((c) => c.registrable)
    .sort((a, b) => a.names[locale].localeCompare(b.names[locale], locale));
  const chosen = registrable.find((c) => c.code === productType);
  const detectedCode = (failure?.body.categoryCode as string | undefined) ?? chosen?.code;
  const guideCategory = registrable.find((c) => c.code === detectedCode);

  // The same rules as the server, run here as the owner types (no request per keystroke). Only
  // from the longest length on (15), and never on blur: a hint appearing then would move the button
  // away under a click.
  const local = useMemo(() => {
    if (failure || identifier.replace(/[^0-9A-Za-z]/g, "").length < LONGEST_IDENTIFIER) return null;
    return interpretIdentifier(
      identifier,
      (chosen?.identifierRule ?? undefined) as IdentifierRule | undefined,
    );
  }, [identifier, chosen, failure]);

  // With a product type chosen, a complete identifier is put to the server once (after a pause in
  // typing), so that a unit of another type is said before the owner presses Register.
  const complete = chosen
    ? interpretIdentifier(identifier, (chosen.identifierRule ?? undefined) as IdentifierRule | undefined)
    : null;
  const checkFor = complete?.kind === "serial" || complete?.kind === "imei" ? complete.value : null;
  const checkType = chosen?.code ?? null;
  const checkKey = checkFor && checkType ? `${checkType} ${checkFor}` : null;
  useEffect(() => {
    if (!checkFor || !checkType) return;
    let current = true;
    const timer = setTimeout(() => {
      api<IdentifierCheck>("POST", "/api/v1/identifiers/check", {
        identifier: checkFor,
        productType: checkType,
      })
        .then((check) => {
          if (current) setChecked({ key: `${checkType} ${checkFor}`, check });
        })
        // Only a guide: pressing Register says what is wrong, whatever the check could not.
        .catch(() => undefined);
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [checkFor, checkType]);

  /**
   * Registers `value` with what the form holds (purchase date, place, nickname), whichever button
   * asked: the form's own, a suggestion's or the one for a unit of another type.
   */
  async function register(value: string, type = productType) {
    const data = formRef.current ? new FormData(formRef.current) : null;
    const body: Record<string, string> = { identifier: value };
    if (type) body.productType = type;
    for (const key of ["purchaseDate", "purchasePlace", "nickname"]) {
      const v = String(data?.get(key) ?? "").trim();
      if (v) body[key] = v;
    }
    setBusy(true);
    setFailure(null);
    setTransferSent(false);
    try {
      const created = await api<RegistrationView>("POST", "/api/v1/registrations", body);
      const name = created.nickname ?? created.model.names[locale];
      const notice = [
        t("register.done", { name }),
        created.pointsEarned > 0 ? t("register.pointsEarned", { points: created.pointsEarned }) : "",
      ]
        .filter(Boolean)
        .join(" ");
      navigate(`/products/${created.id}`, { state: { notice } });
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, "network"));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await register(identifier);
  }

  /** Registers the unit as the type it is, and shows that type in the form. */
  async function registerAsItIs(mismatch: TypeMismatch) {
    const own = String(mismatch.problem.categoryCode ?? "");
    setProductType(own);
    await register(mismatch.identifier, own);
  }

  function changeNumber() {
    identifierRef.current?.focus();
    identifierRef.current?.select();
  }

  async function askTransfer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("identifier", identifier);
    if (String(form.get("note") ?? "").trim() === "") form.delete("note");
    try {
      await api("POST", "/api/v1/transfer-requests", form);
      setTransferError(null);
      setTransferSent(true);
    } catch (e) {
      setTransferError(problemMessage(t, locale, e));
    }
  }

  const suggestions = (failure?.body.suggestions as Suggestion[] | undefined) ?? [];
  // A registration refused for its identifier lists every problem found; other refusals have one.
  const problems = (failure?.body.problems as { code: string }[] | undefined) ?? [];
  const localProblem = local?.kind === "problem" ? local : null;
  const checkedMismatch = checked && checked.key === checkKey && !failure ? mismatchIn(checked.check) : null;
  const failedMismatch =
    failure?.code === TYPE_MISMATCH
      ? mismatchIn({
          normalized: String(failure.body.normalized ?? ""),
          model: (failure.body.model ?? null) as IdentifierCheck["model"],
          problems: problems as IdentifierCheck["problems"],
        })
      : null;

  const mismatchActions = (mismatch: TypeMismatch) => (
    <div className="row">
      <button type="button" className="button" disabled={busy} onClick={() => void registerAsItIs(mismatch)}>
        {t("register.mismatchRegister", { model: mismatch.model?.names[locale] ?? mismatch.identifier })}
      </button>
      <button type="button" className="button secondary" onClick={changeNumber}>
        {t("register.mismatchChangeNumber")}
      </button>
    </div>
  );

  return (
    <section className="narrow">
      <h1>{t("register.title")}</h1>
      <p className="lead">{t("register.lead")}</p>

      {failure && (
        <Alert kind="error">
          {problems.length > 0 ? (
            problems.map((p) => <p key={p.code}>{problemMessage(t, locale, failure, p)}</p>)
          ) : (
            <p>{problemMessage(t, locale, failure)}</p>
          )}
          {failedMismatch && mismatchActions(failedMismatch)}
          {failure.code === "registration.already_yours" &&
            typeof failure.body.registrationId === "string" && (
              <p>
                <Link to={`/products/${failure.body.registrationId}`}>{t("register.openExisting")}</Link>
              </p>
            )}
          {[
            "identifier.box_code",
            "identifier.length",
            "identifier.not_found",
            "identifier.kind_mismatch",
          ].includes(failure.code) && (
            <p>
              <Link to={guideCategory ? `/guides/${guideCategory.code}` : "/guides"}>
                {t("register.guideLink")}
              </Link>
            </p>
          )}
        </Alert>
      )}

      {checkedMismatch && (
        <Alert kind="info">
          <p>
            {problemMessage(
              t,
              locale,
              { status: 422, code: TYPE_MISMATCH, model: checkedMismatch.model },
              checkedMismatch.problem,
            )}
          </p>
          {mismatchActions(checkedMismatch)}
        </Alert>
      )}

      {suggestions.length > 0 && (
        <Suggestions suggestions={suggestions} busy={busy} onChoose={(value) => void register(value)} />
      )}

      {failure?.code === "registration.taken" &&
        (transferSent ? (
          <Alert kind="success">
            {t("register.transferSent")} <Link to="/transfers">{t("register.followTransfer")}</Link>
          </Alert>
        ) : (
          <form onSubmit={askTransfer} className="stack card">
            {transferError && <Alert kind="error">{transferError}</Alert>}
            <div className="field">
              <label htmlFor="transfer-proof">{t("register.transferProof")}</label>
              <p id="transfer-proof-hint" className="hint">
                {t("register.transferProofHint")}
              </p>
              <input
                id="transfer-proof"
                name="proof"
                type="file"
                required
                accept="application/pdf,image/jpeg,image/png,image/heic,image/webp"
                aria-describedby="transfer-proof-hint"
              />
            </div>
            <div className="field">
              <label htmlFor="transfer-note">{t("register.transferNote")}</label>
              <textarea id="transfer-note" name="note" rows={3} maxLength={1000} />
            </div>
            <button type="submit" className="button secondary">
              {t("register.askTransfer")}
            </button>
          </form>
        ))}

      <form ref={formRef} onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="identifier">{t("register.identifier")}</label>
          <p id={`${hintId}-hint`} className="hint">
            {t("register.identifierHint", identifierHintValues(locale))}
          </p>
          <input
            ref={identifierRef}
            id="identifier"
            name="identifier"
            className="mono"
            value={identifier}
            onChange={(e) => {
              setIdentifier(e.target.value);
              setFailure(null);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={60}
            aria-invalid={localProblem ? true : undefined}
            aria-describedby={`${hintId}-hint ${hintId}-live`}
          />
          <p id={`${hintId}-live`} className={localProblem ? "field-error" : "hint"} aria-live="polite">
            {localProblem
              ? problemMessage(t, locale, { ...localProblem, status: 422 })
              : local?.kind === "imei"
                ? t("register.recognisedImei")
                : ""}
          </p>
          <p>
            <Link to={guideCategory ? `/guides/${guideCategory.code}` : "/guides"}>
              {guideCategory
                ? t("register.whereToFindFor", { name: guideCategory.names[locale].toLowerCase() })
                : t("register.whereToFind")}
            </Link>
          </p>
        </div>
        <div className="field">
          <label htmlFor="productType">{t("register.productType")}</label>
          <select
            id="productType"
            name="productType"
            value={productType}
            onChange={(e) => setProductType(e.target.value)}
          >
            <option value="">{t("register.productTypeAny")}</option>
            {registrable.map((c) => (
              <option key={c.code} value={c.code}>
                {c.names[locale]}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t("register.purchaseDate")}
          name="purchaseDate"
          type="date"
          max={new Date().toISOString().slice(0, 10)}
        />
        <Field label={t("register.purchasePlace")} name="purchasePlace" maxLength={200} />
        <Field
          label={t("register.nickname")}
          hint={t("register.nicknameHint")}
          name="nickname"
          maxLength={80}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("register.checking") : t("register.submit")}
        </button>
      </form>
    </section>
  );
}

/** The problem of a unit of another type than the one chosen, if the check found one. */
function mismatchIn(check: Pick<IdentifierCheck, "normalized" | "model" | "problems">): TypeMismatch | null {
  const problem = check.problems.find((p) => p.code === TYPE_MISMATCH);
  return problem ? { identifier: check.normalized, model: check.model, problem } : null;
}
