import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { DeviceView as Device } from "../../features/tv/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/**
 * The verification page of the device flow (R8, B3): the owner sees what asks (a TV and its
 * terms, or the Wi-Fi scanner and what it may do) and agrees or refuses.
 */
export function DevicePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const code = params.get("user_code");
  const [device, setDevice] = useState<Device | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  usePageTitle(t("device.title"));

  useEffect(() => {
    setDevice(null);
    if (!code) return;
    api<Device>("GET", `/api/v1/device/${encodeURIComponent(code)}`).then(setDevice, (e) =>
      setMessage({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  }, [code, t, locale]);

  async function decide(approve: boolean) {
    if (!device) return;
    try {
      await api("POST", `/api/v1/device/${encodeURIComponent(device.userCode)}/decision`, { approve });
      setDevice(null);
      setMessage({
        kind: approve ? "success" : "info",
        text: t(
          device.client === "scanner"
            ? approve
              ? "device.scanner.approved"
              : "device.scanner.denied"
            : approve
              ? "device.approved"
              : "device.denied",
        ),
      });
    } catch (e) {
      setMessage({ kind: "error", text: problemMessage(t, locale, e) });
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
          {device.client === "scanner" ? (
            <>
              <p>{t("device.scanner.asking")}</p>
              <h2 className="h3">{t("device.scanner.name")}</h2>
            </>
          ) : (
            <>
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
            </>
          )}
          {device.selfRegistrationAllowed ? (
            <>
              <p>{t(device.client === "scanner" ? "device.scanner.terms" : "device.terms")}</p>
              <div className="row">
                <button type="button" className="button" onClick={() => void decide(true)}>
                  {t(device.client === "scanner" ? "device.scanner.agree" : "device.agree")}
                </button>
                <button type="button" className="button secondary" onClick={() => void decide(false)}>
                  {t("device.deny")}
                </button>
              </div>
            </>
          ) : (
            <p>
              {t("error.tv.not_supported")}{" "}
              <Link to="/products/register?type=tv">{t("products.register")}</Link>
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
