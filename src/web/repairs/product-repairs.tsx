import { Link } from "react-router";
import type { EarlierRepair, RepairSummary } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/** A product's repairs, newest first: its timeline of repairs, each a link to its page. */
export function ProductRepairs({
  repairs,
  earlier = [],
}: {
  repairs: RepairSummary[];
  earlier?: EarlierRepair[];
}) {
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
      {earlier.length > 0 && (
        <>
          <h3>{t("product.earlierRepairs")}</h3>
          <ul className="plain stack">
            {earlier.map((r) => (
              <li key={r.createdAt} className="card">
                {formatDate(locale, r.createdAt)}{" "}
                <span className={`badge repair-${r.status}`}>
                  {t(`repairStatus.${r.status}` as MessageKey)}
                </span>{" "}
                <span className="muted">{formatDate(locale, r.statusAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
