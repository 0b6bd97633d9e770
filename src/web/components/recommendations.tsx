import type { Recommendation } from "../../features/recommendations/schemas.ts";
import { useI18n } from "../i18n.tsx";

const REASON = {
  accessory: "recommendCard.reason.accessory",
  consumable: "recommendCard.reason.consumable",
  successor: "recommendCard.reason.successor",
  "also-owned": "recommendCard.reason.alsoOwned",
} as const;

/**
 * Recommendation cards: the model's picture, its name as a link to the shop, and why it is shown.
 * Not in the app's first script: My Page loads it (and the pages' messages it words) when it has
 * cards to show, below the alerts and the products.
 */
export function RecommendationCards({ items }: { items: readonly Recommendation[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="recommendations plain">
      {items.map((r) => (
        <li key={r.model.code} className="recommendation">
          {r.model.imageUrl && <img src={r.model.imageUrl} alt="" width="56" height="56" loading="lazy" />}
          <div>
            <a href={r.url}>
              {r.model.names[locale]} <span className="visually-hidden">{t("recommendCard.shop")}</span>
            </a>
            <p className="muted">{t(REASON[r.reason], { product: r.for.names[locale] })}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
