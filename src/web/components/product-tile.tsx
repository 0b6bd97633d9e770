import { Link } from "react-router";
import type { ProductTile as Tile } from "../../features/my-page/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { useI18n } from "../i18n.tsx";
import { WarrantyBadges } from "./warranty-badge.tsx";

/** A product on My Page: its picture, the owner's name for it, both badges and a repair under way. */
export function ProductTile({ product }: { product: Tile }) {
  const { t, locale } = useI18n();
  const name = product.nickname ?? product.model.names[locale];
  return (
    <li className="product-tile">
      {product.model.imageUrl && (
        <img src={product.model.imageUrl} alt="" width="64" height="64" loading="lazy" />
      )}
      <div>
        <h3>
          <Link to={`/products/${product.id}`}>{name}</Link>
        </h3>
        {product.nickname && <p className="muted">{product.model.names[locale]}</p>}
        <WarrantyBadges warranty={product.warranty} />
        {product.repair && (
          <p>
            <Link to={`/repairs/${product.repair.id}`}>
              {t("tile.repair", { status: t(`repairStatus.${product.repair.status}` as MessageKey) })}
            </Link>
          </p>
        )}
      </div>
    </li>
  );
}
