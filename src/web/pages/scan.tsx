import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { RegistrationView } from "../../features/registration/schemas.ts";
import { ERROR_CODES, type ErrorCode } from "../../server/error-codes.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { type ScannedCode, scan } from "../scan.ts";

type Meaning =
  | {
      kind: "registration";
      identifier: string;
      model: { names: { nb: string; en: string } } | null;
      categoryCode: string | null;
    }
  | { kind: "use-serial"; categoryCode: string; model: { names: { nb: string; en: string } } | null }
  | { kind: "pairing" }
  | { kind: "product-code"; model: { names: { nb: string; en: string } } | null }
  | { kind: "unknown" };

/**
 * A code that cannot register anything is worded as the refusal `/labels/register` answers for it,
 * so the page and the API say the same thing in the same words.
 */
const REFUSAL = {
  pairing: "label.pairing_code",
  "use-serial": "label.qr_not_allowed",
  "product-code": "identifier.box_code",
  unknown: "label.unknown",
} as const satisfies Record<Exclude<Meaning["kind"], "registration">, ErrorCode>;

interface Result {
  code: ScannedCode;
  meaning: Meaning;
}

/** Registration from a label (R5, B2): the camera with a live preview, or a chosen photo. */
export function ScanPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [scanning, setScanning] = useState(false);
  const [torch, setTorch] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t("scan.title"));

  const stop = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    setScanning(false);
    setTorch(null);
  };
  // Leaving the page turns the camera off.
  useEffect(
    () => () => {
      for (const track of stream.current?.getTracks() ?? []) track.stop();
    },
    [],
  );

  /** Asks the server what the first code found means; false when no code was found. */
  async function understand(codes: ScannedCode[]) {
    const code = codes[0];
    if (!code) return false;
    try {
      const meaning = await api<{ meaning: Meaning }>("POST", "/api/v1/labels/interpret", {
        payload: code.text,
        format: code.format,
      });
      setResult({ code, meaning: meaning.meaning });
    } catch (e) {
      setMessage(problemMessage(t, locale, e));
    }
    return true;
  }

  async function startCamera() {
    setMessage(null);
    setResult(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setMessage(t("scan.noCamera"));
      return;
    }
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
    } catch (e) {
      const name = (e as { name?: string }).name;
      setMessage(
        name === "NotAllowedError" || name === "SecurityError" ? t("scan.denied") : t("scan.noCamera"),
      );
      return;
    }
    const track = stream.current.getVideoTracks()[0];
    const capabilities = (track?.getCapabilities?.() ?? {}) as { torch?: boolean };
    setTorch(capabilities.torch ? false : null);
    setScanning(true);
    const element = video.current;
    if (!element) return;
    element.srcObject = stream.current;
    await element.play().catch(() => {});
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    // Look at a frame every 300 ms until a code is found or the camera is stopped.
    while (stream.current && context) {
      if (element.videoWidth > 0) {
        canvas.width = element.videoWidth;
        canvas.height = element.videoHeight;
        context.drawImage(element, 0, 0);
        const codes = await scan(context.getImageData(0, 0, canvas.width, canvas.height));
        if (codes.length > 0 && (await understand(codes))) {
          stop();
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  async function toggleTorch() {
    const track = stream.current?.getVideoTracks()[0];
    if (!track || torch === null) return;
    await track
      .applyConstraints({ advanced: [{ torch: !torch } as MediaTrackConstraintSet] })
      .catch(() => {});
    setTorch(!torch);
  }

  async function fromPhoto(file: File | undefined) {
    if (!file) return;
    stop();
    setMessage(null);
    setResult(null);
    const codes = await scan(file).catch(() => []);
    if (!(await understand(codes))) setMessage(t("scan.noCode"));
  }

  async function registerIt() {
    if (!result) return;
    setBusy(true);
    try {
      const created = await api<RegistrationView>("POST", "/api/v1/labels/register", {
        payload: result.code.text,
        format: result.code.format,
      });
      const name = created.nickname ?? created.model.names[locale];
      const notice = [
        t("register.done", { name }),
        created.pointsEarned > 0 ? t("register.pointsEarned", { points: created.pointsEarned }) : "",
      ]
        .filter(Boolean)
        .join(" ");
      navigate(`/products/${created.id}`, { state: { notice } });
    } catch (e) {
      setMessage(problemMessage(t, locale, e));
    } finally {
      setBusy(false);
    }
  }

  const m = result?.meaning;
  const refusal =
    m && m.kind !== "registration"
      ? problemMessage(t, locale, { ...m, status: ERROR_CODES[REFUSAL[m.kind]], code: REFUSAL[m.kind] })
      : null;
  return (
    <section className="narrow">
      <h1>{t("scan.title")}</h1>
      <p className="lead">{t("scan.lead")}</p>
      {message && <Alert kind="error">{message}</Alert>}
      {m?.kind === "registration" && (
        <div className="card" aria-live="polite">
          <p>{m.model ? t("scan.found", { model: m.model.names[locale] }) : ""}</p>
          <p className="mono">{t("scan.foundSerial", { serial: m.identifier })}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void registerIt()}>
            {t("scan.register", { model: m.model?.names[locale] ?? m.identifier })}
          </button>
        </div>
      )}
      {refusal && (
        <Alert kind="info">
          <p>{refusal}</p>
          {m?.kind === "use-serial" && (
            <Link to={`/products/register?type=${m.categoryCode}`}>{t("scan.toForm")}</Link>
          )}
        </Alert>
      )}

      <div className="stack">
        {scanning ? (
          <>
            <video ref={video} className="preview" muted playsInline aria-label={t("scan.preview")} />
            <p aria-live="polite">{t("scan.looking")}</p>
            <div className="row">
              <button type="button" className="button secondary" onClick={stop}>
                {t("scan.stop")}
              </button>
              {torch !== null && (
                <button
                  type="button"
                  className="button secondary"
                  aria-pressed={torch}
                  onClick={() => void toggleTorch()}
                >
                  {t("scan.torch")}
                </button>
              )}
            </div>
          </>
        ) : (
          <>
            <video ref={video} hidden muted playsInline />
            <button type="button" className="button" onClick={() => void startCamera()}>
              {t("scan.start")}
            </button>
          </>
        )}
        <div className="field">
          <label htmlFor="label-photo">{t("scan.photo")}</label>
          <input
            id="label-photo"
            type="file"
            accept="image/*"
            onChange={(e) => void fromPhoto(e.target.files?.[0])}
          />
        </div>
      </div>
    </section>
  );
}
