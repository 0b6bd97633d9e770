import { useEffect, useState } from "react";
import type { ExportView } from "../../features/data-export/schemas.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

/** How often the page asks how far a copy being made has come. */
const EXPORT_POLL_MS = 2000;

/** "Download your data": ask for a copy, follow it being made, download it while it lasts. */
export function DataExport() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const [latest, setLatest] = useState<ExportView | null | undefined>(undefined);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const working = latest?.status === "queued" || latest?.status === "building";

  useEffect(() => {
    if (!user) return;
    api<{ exports: ExportView[] }>("GET", "/api/v1/me/exports").then(
      (r) => setLatest(r.exports[0] ?? null),
      (e) => setFailure({ failure: e }),
    );
  }, [user]);

  // While the copy is being made, ask again every two seconds until it is ready or has failed.
  useEffect(() => {
    if (!working || !latest) return;
    const timer = setTimeout(() => {
      api<{ exports: ExportView[] }>("GET", "/api/v1/me/exports").then(
        (r) => setLatest(r.exports.find((e) => e.id === latest.id) ?? null),
        (e) => setFailure({ failure: e }),
      );
    }, EXPORT_POLL_MS);
    return () => clearTimeout(timer);
  }, [working, latest]);

  async function start() {
    setBusy(true);
    setFailure(null);
    try {
      setLatest(await api<ExportView>("POST", "/api/v1/me/exports"));
    } catch (e) {
      setFailure({ failure: e });
    } finally {
      setBusy(false);
    }
  }

  if (!user) return null;
  return (
    <section className="stack" aria-labelledby="export">
      <h2 id="export">{t("privacy.export.title")}</h2>
      <p>{t("privacy.export.lead")}</p>
      {failure && <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>}
      <div role="status">
        {latest?.status === "queued" && <p>{t("privacy.export.queued")}</p>}
        {latest?.status === "building" && (
          <p>
            <label htmlFor="export-progress">
              {t("privacy.export.building", { progress: latest.progress })}
            </label>{" "}
            <progress id="export-progress" max={100} value={latest.progress} />
          </p>
        )}
        {latest?.status === "ready" && latest.expiresAt && (
          <p>
            {t("privacy.export.ready", {
              size: formatBytes(locale, latest.size ?? 0),
              date: formatDate(locale, latest.expiresAt),
            })}
          </p>
        )}
        {latest?.status === "failed" && <p>{t("privacy.export.failed")}</p>}
        {latest?.status === "expired" && <p>{t("privacy.export.expired")}</p>}
      </div>
      {latest?.status === "ready" ? (
        <p>
          <a className="button" href={`/api/v1/me/exports/${latest.id}/file`} download>
            {t("privacy.export.download")}
          </a>
        </p>
      ) : (
        !working &&
        latest !== undefined && (
          <p>
            <button type="button" className="button" disabled={busy} onClick={start}>
              {t("privacy.export.start")}
            </button>
          </p>
        )
      )}
    </section>
  );
}

/** A file size as people read it: "840 kB", "12,4 MB". */
function formatBytes(locale: "nb" | "en", bytes: number): string {
  const tag = locale === "nb" ? "nb-NO" : "en-GB";
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [Math.max(1, bytes / 1000), "kilobyte"];
  return new Intl.NumberFormat(tag, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}
