import { useEffect, useState } from "react";
import { useParams } from "react-router";
import type { TrackedRepair } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { ApiError, api } from "../api.ts";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { RepairHistory, RepairStatus } from "./repair-history.tsx";

/** A repair through its tracking link, for someone without an account: status and dates, nothing personal. */
export function TrackPage() {
  const { token = "" } = useParams();
  const { t, locale } = useI18n();
  const [repair, setRepair] = useState<TrackedRepair | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  usePageTitle(t("track.title"));
  useEffect(() => {
    api<TrackedRepair>("GET", `/api/v1/track/${encodeURIComponent(token)}`).then(setRepair, (e) =>
      setFailure({ failure: e }),
    );
  }, [token]);

  if (failure) {
    const gone = failure.failure instanceof ApiError && failure.failure.status === 404;
    return (
      <section>
        <h1>{t("track.title")}</h1>
        <p role="alert">{gone ? t("track.notFound") : problemMessage(t, locale, failure.failure)}</p>
      </section>
    );
  }
  if (!repair) return <p>{t("common.loading")}</p>;
  return (
    <article>
      <h1>{t("track.title")}</h1>
      <p className="lead">{t("track.lead", { product: repair.productNames[locale] })}</p>
      <RepairStatus repair={repair} />
      <dl className="facts">
        <dt>{t("repair.requestNumber")}</dt>
        <dd className="mono">{repair.requestNumber}</dd>
        {repair.jobNumber && (
          <>
            <dt>{t("repair.jobNumber")}</dt>
            <dd className="mono">{repair.jobNumber}</dd>
          </>
        )}
        <dt>{t("repair.channel")}</dt>
        <dd>{t(`repair.channel.${repair.channel}` as MessageKey)}</dd>
      </dl>
      {repair.repairWarrantyEnd && (
        <p>{t("repair.warranty", { end: formatDate(locale, repair.repairWarrantyEnd) })}</p>
      )}
      <h2>{t("repair.history")}</h2>
      <RepairHistory events={repair.events} />
    </article>
  );
}
