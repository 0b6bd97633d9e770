import type { CoverageView, WarrantyEstimate } from "../../features/warranty/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

const BASIS_KEY = {
  estimated: "warranty.estimated",
  stated: "warranty.stated",
  confirmed: "warranty.confirmed",
} as const satisfies Record<CoverageView["basis"], MessageKey>;

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The coverage the badge tells of: while one runs, the last of the chain that carries on from it
 * without a gap (the base warranty, then the registration bonus); else the next to start; else
 * the one that ended last. A repair's warranty covers the repair, not the product: left out.
 */
function leadingCoverage(
  warranty: WarrantyEstimate,
): { status: CoverageView["status"]; date: string; basis: CoverageView["basis"] } | null {
  const whole = warranty.coverages
    .filter((c) => c.kind !== "repair")
    .sort((a, b) => a.start.localeCompare(b.start));
  const running = whole.filter((c) => c.status === "active" || c.status === "ends-soon");
  if (running.length > 0) {
    const current = running.reduce((a, b) => (b.end > a.end ? b : a));
    let last = current;
    for (const c of whole) if (c.start <= dayAfter(last.end) && c.end > last.end) last = c;
    // Carried on by a later coverage, the warranty does not end soon: the last one says when.
    const status = last === current ? current.status : last.status === "not-started" ? "active" : last.status;
    return { status, date: last.end, basis: last.basis };
  }
  const coming = whole.find((c) => c.status === "not-started");
  if (coming) return { status: coming.status, date: coming.start, basis: coming.basis };
  const ended = [...whole].sort((a, b) => a.end.localeCompare(b.end)).at(-1);
  return ended ? { status: ended.status, date: ended.end, basis: ended.basis } : null;
}

/**
 * The product's two badges, side by side: the warranty (until when, and how sure the date is)
 * and the statutory right to complain, whose years the category decides. When both have ended,
 * one plain badge says so.
 */
export function WarrantyBadges({ warranty }: { warranty: WarrantyEstimate }) {
  const { t, locale } = useI18n();
  if (warranty.standing === "ended") {
    return (
      <span className="badges">
        <span className="badge badge-ended">{t("warranty.badge.allEnded")}</span>
      </span>
    );
  }
  const coverage = leadingCoverage(warranty);
  const s = warranty.statutory;
  return (
    <span className="badges">
      {coverage ? (
        <span className={`badge badge-${coverage.status}`}>
          {t(`warranty.badge.${coverage.status}`, { date: formatDate(locale, coverage.date) })} (
          {t(BASIS_KEY[coverage.basis])})
        </span>
      ) : (
        <span className="badge badge-none">{t("warranty.badge.none")}</span>
      )}{" "}
      {s ? (
        <span className={`badge badge-${s.status}`}>
          {t(`statutory.badge.${s.status}`, {
            date: formatDate(locale, s.status === "not-started" ? s.start : s.end),
          })}
        </span>
      ) : (
        <span className="badge badge-none">
          {t("statutory.badge.unknown", { years: warranty.statutoryYears })}
        </span>
      )}
    </span>
  );
}
