import { Link } from "react-router";
import type { CoverageView, WarrantyEstimate } from "../../features/warranty/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

const DAY_MS = 86_400_000;

function coversKey(covers: CoverageView["covers"]): MessageKey {
  if (covers.parts && covers.labour) return "coverage.covers.both";
  if (covers.parts) return "coverage.covers.parts";
  if (covers.labour) return "coverage.covers.labour";
  return "coverage.covers.none";
}

/** Where every date of the product counts from, said once, with how sure it is. */
function StartLine({
  warranty,
  manufacturedOn,
}: {
  warranty: WarrantyEstimate;
  manufacturedOn: string | null;
}) {
  const { t, locale } = useI18n();
  const start = warranty.start;
  if (!start) return <p>{t("product.start.none")}</p>;
  const date = formatDate(locale, start.date);
  switch (start.basis) {
    case "estimated":
      return (
        <p>
          {t("product.start.estimated", {
            date,
            made: manufacturedOn ? formatDate(locale, manufacturedOn) : "",
            days: manufacturedOn
              ? Math.round((Date.parse(start.date) - Date.parse(manufacturedOn.slice(0, 10))) / DAY_MS)
              : 0,
          })}
        </p>
      );
    case "stated":
      return <p>{t("product.start.stated", { date })}</p>;
    case "confirmed":
      // Message selectors take no hyphen.
      return (
        <p>
          {t("product.start.confirmed", {
            date,
            source: start.source === "shop-order" ? "shopOrder" : start.source,
          })}
        </p>
      );
  }
}

/** One coverage: what it is, its dates, how long, what it pays for, and where it stands. */
function CoverageItem({ coverage }: { coverage: CoverageView }) {
  const { t, locale } = useI18n();
  const name = coverage.name?.[locale] ?? t(`coverage.kind.${coverage.kind}`);
  return (
    <li className={`coverage coverage-${coverage.status}`}>
      <p className="coverage-head">
        <strong>{name}</strong>{" "}
        <span className={`badge badge-${coverage.status}`}>{t(`coverage.status.${coverage.status}`)}</span>
      </p>
      <p>
        {t("coverage.period", {
          start: formatDate(locale, coverage.start),
          end: formatDate(locale, coverage.end),
        })}
        {coverage.months !== null && <> · {t("coverage.months", { months: coverage.months })}</>}
        {" · "}
        {t(coversKey(coverage.covers))}
      </p>
      {coverage.terms && (
        <details>
          <summary>{t("coverage.terms")}</summary>
          <p className="note-text">{coverage.terms[locale]}</p>
        </details>
      )}
    </li>
  );
}

/**
 * The product page's warranty: the start date once, every coverage, the statutory period with
 * the category's years, and when the warranty has ended, plainly what the owner can still do.
 */
export function WarrantySection({
  warranty,
  manufacturedOn,
  repairPath,
}: {
  warranty: WarrantyEstimate;
  manufacturedOn: string | null;
  /** Where the owner asks for a repair; null for a reader who cannot (staff). */
  repairPath: string | null;
}) {
  const { t, locale } = useI18n();
  const s = warranty.statutory;
  return (
    <section aria-labelledby="warranty-title">
      <h2 id="warranty-title">{t("product.warrantyTitle")}</h2>
      {(warranty.standing === "complaint-only" || warranty.standing === "ended") && (
        <div className={`notice notice-${warranty.standing}`} role="status">
          <p>
            {warranty.standing === "complaint-only"
              ? t("product.standing.complaint-only", { end: formatDate(locale, s?.end ?? "") })
              : t("product.standing.ended")}
          </p>
          {warranty.start?.basis === "estimated" && <p>{t("product.standing.estimatedHint")}</p>}
          {repairPath && (
            <p>
              <Link to={repairPath}>{t("product.standing.repair")}</Link>
            </p>
          )}
        </div>
      )}
      <h3>{t("product.startTitle")}</h3>
      <StartLine warranty={warranty} manufacturedOn={manufacturedOn} />
      <h3>{t("product.coveragesTitle")}</h3>
      {warranty.coverages.length === 0 ? (
        <p>{warranty.start ? t("product.coverageNone") : t("warranty.badge.none")}</p>
      ) : (
        <ul className="coverages">
          {warranty.coverages.map((c) => (
            <CoverageItem key={c.key} coverage={c} />
          ))}
        </ul>
      )}
      <h3>{t("product.statutory")}</h3>
      <p>
        {s
          ? t("product.statutoryKnown", {
              years: s.years,
              start: formatDate(locale, s.start),
              end: formatDate(locale, s.end),
            })
          : t("product.statutoryUnknown", { years: warranty.statutoryYears })}
      </p>
      {s?.basis === "estimated" && <p className="muted">{t("product.statutoryEstimated")}</p>}
      <h3>{t("timeline.title")}</h3>
      <ol className="timeline">
        {warranty.timeline.map((point) => (
          <li key={`${point.kind}-${point.key ?? ""}`} className={`timeline-${point.kind}`}>
            <time dateTime={point.date}>{formatDate(locale, point.date)}</time>{" "}
            <span>
              {point.kind === "start" && point.basis !== "actual"
                ? t(`timeline.start.${point.basis}`)
                : point.kind === "coverage-end" && point.coverage
                  ? t(`timeline.end.${point.coverage}`)
                  : t(point.kind === "today" ? "timeline.today" : "timeline.statutory-end")}
            </span>
            {point.basis !== "actual" && <span className="muted"> ({t(`basis.${point.basis}`)})</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
