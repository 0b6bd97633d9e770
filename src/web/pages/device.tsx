import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";

interface Device {
  userCode: string;
  model: { names: { nb: string; en: string }; imageUrl: string | null } | null;
  serialMasked: string | null;
  selfRegistrationAllowed: boolean;
}

/** The verification page of the TV flow (R8, B3): the owner sees the TV and the terms, and agrees. */
export function DevicePage() {
  const { t, locale, errorText } = useI18n();
  const [params, setParams] = useSearchParams();
  const code = params.get("user_code");
  const [device, setDevice] = useState<Device | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  usePageTitle(t("device.title"));

  useEffect(() => {
    setDevice(null);
    if (!code) return;
    api<Device>("GET", `/api/v1/device/${encodeURIComponent(code)}`).then(setDevice, (e) => {
      const c = e instanceof ApiError ? e.code : "network";
      setMessage({
        kind: "error",
        text: c === "device.code_invalid" ? t("problem.device.code_invalid") : errorText(c),
      });
    });
  }, [code, t, errorText]);

  async function decide(approve: boolean) {
    if (!device) return;
    try {
      await api("POST", `/api/v1/device/${encodeURIComponent(device.userCode)}/decision`, { approve });
      setDevice(null);
      setMessage({
        kind: approve ? "success" : "info",
        text: t(approve ? "device.approved" : "device.denied"),
      });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e instanceof ApiError ? e.code : "network") });
    }
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    setParams({ user_code: String(new FormData(event.currentTarget).get("code") ?? "").trim() });
  }

  return (
    <section className="narrow">
      <h1>{t("device.title")}</h1>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {device ? (
        <div className="card stack">
          <p>{t("device.asking")}</p>
          <div className="product-head">
            {device.model?.imageUrl && <img src={device.model.imageUrl} alt="" width="64" height="64" />}
            <div>
              <h2 className="h3">{device.model?.names[locale] ?? "TV"}</h2>
              {device.serialMasked && (
                <p className="mono">{t("device.serial", { serial: device.serialMasked })}</p>
              )}
            </div>
          </div>
          {device.selfRegistrationAllowed ? (
            <>
              <p>{t("device.terms")}</p>
              <div className="row">
                <button type="button" className="button" onClick={() => void decide(true)}>
                  {t("device.agree")}
                </button>
                <button type="button" className="button secondary" onClick={() => void decide(false)}>
                  {t("device.deny")}
                </button>
              </div>
            </>
          ) : (
            <p>
              {t("device.notAllowed")} <Link to="/products/register?type=tv">{t("products.register")}</Link>
            </p>
          )}
        </div>
      ) : (
        !message?.kind.startsWith("succ") && (
          <form className="stack" onSubmit={submitCode}>
            <Field
              label={t("device.codeLabel")}
              name="code"
              defaultValue={code ?? ""}
              autoComplete="off"
              autoCapitalize="characters"
              required
            />
            <button type="submit" className="button">
              {t("device.continue")}
            </button>
          </form>
        )
      )}
    </section>
  );
}
