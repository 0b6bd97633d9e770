import { Link, useParams } from "react-router";
import type { MessageKey } from "../../messages/catalog.ts";
import { useCategories } from "../catalogue.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { ruleHintValues } from "../registration/problem-text.ts";

export function GuidesPage() {
  const { t, locale } = useI18n();
  const { categories, failure } = useCategories();
  usePageTitle(t("guides.title"));
  const registrable = categories?.filter((c) => c.registrable) ?? [];
  const other = categories?.filter((c) => !c.registrable) ?? [];
  return (
    <section>
      <h1>{t("guides.title")}</h1>
      <p className="lead">{t("guides.lead")}</p>
      {failure && <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>}
      {!categories && !failure && <p>{t("common.loading")}</p>}
      <ul className="tiles">
        {registrable.map((c) => (
          <li key={c.code}>
            <Link to={`/guides/${c.code}`}>{c.names[locale]}</Link>
          </li>
        ))}
      </ul>
      {other.length > 0 && (
        <>
          <h2>{t("guides.notRegistrableTitle")}</h2>
          <dl className="not-registrable">
            {other.map((c) => (
              <div key={c.code}>
                <dt>{c.names[locale]}</dt>
                <dd>{c.notRegistrable?.[locale]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

export function GuidePage() {
  const { code } = useParams();
  const { t, locale } = useI18n();
  const { categories, failure } = useCategories();
  const category = categories?.find((c) => c.code === code);
  usePageTitle(category ? t("guide.title", { name: category.names[locale] }) : t("guides.title"));
  if (!categories && !failure) return <p>{t("common.loading")}</p>;
  if (!category?.guide) {
    return (
      <section>
        <h1>{t("guides.title")}</h1>
        {failure ? (
          <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>
        ) : (
          <p>{t("error.category.not_found")}</p>
        )}
        <Link to="/guides">{t("guide.all")}</Link>
      </section>
    );
  }
  return (
    <section className="guide">
      <h1>{t("guide.title", { name: category.names[locale] })}</h1>
      {category.identifierRule && (
        <p className="lead">
          {t(
            `guide.identifier.${category.identifierRule}` as MessageKey,
            ruleHintValues(locale, category.identifierRule),
          )}
        </p>
      )}
      {category.guideImageUrl && (
        <img
          className="guide-image"
          src={category.guideImageUrl}
          alt={t("guide.illustration", { name: category.names[locale].toLowerCase() })}
          width="320"
          height="200"
        />
      )}
      <ol className="steps">
        {category.guide[locale].split("\n").map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="tip">{t("guide.lookAlike")}</p>
      <p>
        <Link to="/guides">{t("guide.all")}</Link>
      </p>
    </section>
  );
}
