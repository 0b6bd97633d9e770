import { Link } from "react-router";
import type { MyPageAlert } from "../../features/my-page/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { useI18n } from "../i18n.tsx";

const ENDING = {
  manufacturer: "alert.ending.warranty",
  "registration-bonus": "alert.ending.warranty",
  extended: "alert.ending.extended",
  repair: "alert.ending.repair",
  statutory: "alert.ending.statutory",
} as const satisfies Record<Extract<MyPageAlert, { kind: "period-ending" }>["period"], MessageKey>;

/** One alert: what needs the owner, and a link to where they act on it. */
function AlertLine({ alert }: { alert: MyPageAlert }) {
  const { t, locale } = useI18n();
  switch (alert.kind) {
    case "period-ending":
      return (
        <>
          <span>{t(ENDING[alert.period], { product: alert.product[locale], days: alert.daysLeft })}</span>{" "}
          <Link to={alert.action}>{t("alert.ending.action")}</Link>
        </>
      );
    case "claim-waiting":
      return (
        <>
          <span>{t("alert.claimWaiting", { product: alert.product[locale] })}</span>{" "}
          <Link to={alert.action}>{t("alert.claimWaiting.action")}</Link>
        </>
      );
    case "repair-task":
      return (
        <>
          <span>
            {t("alert.repairTask", { product: alert.product[locale] })}{" "}
            {t(`repairTask.${alert.task}` as MessageKey)}
          </span>{" "}
          <Link to={alert.action}>{t("alert.repairTask.action")}</Link>
        </>
      );
    case "transfer-asked":
      return (
        <>
          <span>{t("alert.transferAsked", { product: alert.product[locale] })}</span>{" "}
          <Link to={alert.action}>{t("alert.transferAsked.action")}</Link>
        </>
      );
    case "unregistered":
      return (
        <>
          <span>{t("alert.unregistered", { count: alert.count })}</span>{" "}
          <Link to={alert.action}>{t("alert.unregistered.action")}</Link>
        </>
      );
  }
}

const keyOf = (a: MyPageAlert) =>
  a.kind === "period-ending"
    ? `${a.kind}:${a.registrationId}:${a.period}:${a.end}`
    : a.kind === "claim-waiting"
      ? `${a.kind}:${a.claimId}`
      : a.kind === "repair-task"
        ? `${a.kind}:${a.repairId}`
        : a.kind === "transfer-asked"
          ? `${a.kind}:${a.transferId}`
          : a.kind;

/** My Page's alerts, most urgent first; nothing at all when none. */
export function OwnerAlerts({ alerts }: { alerts: readonly MyPageAlert[] }) {
  const { t } = useI18n();
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="alerts-title" className="owner-alerts">
      <h2 id="alerts-title">{t("alert.title")}</h2>
      <ul className="plain">
        {alerts.map((a) => (
          <li key={keyOf(a)} className={`owner-alert owner-alert-${a.kind}`}>
            <AlertLine alert={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}
