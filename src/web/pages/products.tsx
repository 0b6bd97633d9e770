import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";

export function ProductsPage() {
  const { t } = useI18n();
  usePageTitle(t("products.title"));
  return (
    <section>
      <h1>{t("products.title")}</h1>
      <p>{t("products.empty")}</p>
    </section>
  );
}
