import { Link } from "react-router";
import type { Points } from "../../features/rewards/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/** How many of the latest movements the card names; the rewards page has the whole history. */
const SHOWN = 3;

/** My Page's points: those that count, those pending, the next to expire, and the way to spend them. */
export function RewardsCard({ points }: { points: Points | null }) {
  const { t, locale } = useI18n();
  return (
    <article className="card rewards">
      <h2>{t("rewards.title")}</h2>
      {points && <p className="balance">{t("rewards.balance", { points: points.balance })}</p>}
      {points && points.pending > 0 && <p>{t("rewards.pending", { points: points.pending })}</p>}
      {points?.nextExpiry && (
        <p className="muted">
          {t("rewards.nextExpiry", {
            points: points.nextExpiry.points,
            date: formatDate(locale, points.nextExpiry.at),
          })}
        </p>
      )}
      <p>{t("rewards.lead")}</p>
      {points && points.movements.length === 0 && <p>{t("rewards.none")}</p>}
      {points && points.movements.length > 0 && (
        <ul className="movements">
          {points.movements.slice(0, SHOWN).map((m) => (
            <li key={m.id}>
              <span>
                {t(`rewards.movement.${m.kind}` as MessageKey, { name: m.productNames?.[locale] ?? "" })}
              </span>{" "}
              <strong>{m.points > 0 ? `+${m.points}` : m.points}</strong>{" "}
              <span className="muted">{formatDate(locale, m.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/rewards">{t("rewards.open")}</Link>
      </p>
    </article>
  );
}
