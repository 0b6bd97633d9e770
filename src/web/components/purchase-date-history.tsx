import type { PurchaseDateEvent } from "../../features/registration/schemas.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/**
 * Every purchase date a product has had, oldest first: who set it (the owner, or customer service
 * by staff number), when, and the reason given. `voice` is who reads it: the owner ("changed by
 * you") or staff ("changed by the owner").
 */
export function PurchaseDateHistory({
  history,
  voice,
  headingLevel = 3,
}: {
  history: readonly PurchaseDateEvent[];
  voice: "owner" | "staff";
  headingLevel?: 3 | 4;
}) {
  const { t, locale } = useI18n();
  if (history.length === 0) return null;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const who = (event: PurchaseDateEvent) => {
    switch (event.source) {
      case "owner":
        return t(voice === "owner" ? "dateHistory.owner.self" : "dateHistory.owner.staff");
      case "customer-service":
        return t("dateHistory.customer-service", { number: event.staff?.number ?? 0 });
      default:
        return t(`dateHistory.${event.source}`);
    }
  };
  return (
    <>
      <Heading>{t("dateHistory.title")}</Heading>
      <ol className="date-history">
        {history.map((event) => (
          <li key={`${event.at}-${event.source}-${event.date}`}>
            <strong>{event.date ? formatDate(locale, event.date) : t("dateHistory.cleared")}</strong> ·{" "}
            {who(event)}, <time dateTime={event.at}>{formatDate(locale, event.at)}</time>
            {event.reason && <> · {t("dateHistory.reason", { reason: event.reason })}</>}
          </li>
        ))}
      </ol>
    </>
  );
}
