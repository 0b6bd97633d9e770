import type { WarrantyEstimate } from "../../features/warranty/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/** The manufacturer's warranty in one line: until when, and whether estimated or confirmed. */
export function WarrantyBadge({ warranty }: { warranty: WarrantyEstimate }) {
  const { t, locale } = useI18n();
  const m = warranty.manufacturer;
  if (!m) return <span className="badge badge-none">{t("warranty.badge.none")}</span>;
  const date = formatDate(locale, m.status === "not-started" ? m.start : m.end);
  return (
    <span className={`badge badge-${m.status}`}>
      {t(`warranty.badge.${m.status}` as MessageKey, { date })} (
      {t(m.basis === "estimated" ? "warranty.estimated" : "warranty.confirmed")})
    </span>
  );
}
