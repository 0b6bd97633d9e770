import { Link } from "react-router";
import type { RepairSummary } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/** The repair warranties a product has from its repairs, beside its manufacturer's warranty. */
export function RepairWarranties({ repairs }: { repairs: RepairSummary[] }) {
  const { t, locale } = useI18n();
  const covered = repairs.filter((r) => r.repairWarrantyEnd);
  if (covered.length === 0) return null;
  return (
    <>
      <h3>{t("product.repairWarranty", { end: formatDate(locale, covered[0]?.repairWarrantyEnd ?? "") })}</h3>
      {covered.map((r) => (
        <p key={r.id}>
          {t("product.repairWarrantyText", {
            number: r.requestNumber,
            end: formatDate(locale, r.repairWarrantyEnd ?? ""),
          })}
        </p>
      ))}
    </>
  );
}

/** A product's repairs, newest first: its timeline of repairs, each a link to its page. */
export function ProductRepairs({ repairs }: { repairs: RepairSummary[] }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="repairs-title">
      <h2 id="repairs-title">{t("product.repairsTitle")}</h2>
      {repairs.length === 0 ? (
        <p>{t("product.noRepairs")}</p>
      ) : (
        <ul className="plain stack">
          {repairs.map((r) => (
            <li key={r.id} className="card">
              <Link to={`/repairs/${r.id}`} className="mono">
                {r.requestNumber}
              </Link>{" "}
              <span className={`badge repair-${r.status}`}>
                {t(`repairStatus.${r.status}` as MessageKey)}
              </span>{" "}
              <span className="muted">{formatDate(locale, r.statusAt)}</span>
              {r.ownerTask && <p>{t(`repairTask.${r.ownerTask}` as MessageKey)}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
