import type { FaqEntry } from "../../features/content/schemas.ts";
import { useI18n } from "../i18n.tsx";

/** The FAQ staff wrote: general questions first, then one list per product category, each a disclosure. */
export function Faq({ entries, headingLevel = 2 }: { entries: readonly FaqEntry[]; headingLevel?: 2 | 3 }) {
  const { t, locale } = useI18n();
  const groups: { key: string; title: string; entries: FaqEntry[] }[] = [];
  for (const entry of entries) {
    const key = entry.categoryCode ?? "";
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, title: entry.categoryNames?.[locale] ?? t("content.faqGeneral"), entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section className="owner-faq" aria-labelledby="faq-title">
      <Heading id="faq-title">{t("content.faqTitle")}</Heading>
      {groups.map((group) => (
        <div key={group.key}>
          <Sub>{group.title}</Sub>
          {group.entries.map((entry) => (
            <details key={entry.id} className="faq">
              <summary>{entry.question[locale]}</summary>
              <p>{entry.answer[locale]}</p>
            </details>
          ))}
        </div>
      ))}
    </section>
  );
}
