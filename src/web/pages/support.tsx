import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { FaqEntry } from "../../features/content/schemas.ts";
import { api } from "../api.ts";
import { Faq } from "../components/faq.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { usePublicConfig } from "../public-config.tsx";

const FAQ = [
  ["support.faq.register.q", "support.faq.register.a"],
  ["support.faq.vpn.q", "support.faq.vpn.a"],
  ["support.faq.data.q", "support.faq.data.a"],
] as const;

export function SupportPage() {
  const { t } = useI18n();
  const config = usePublicConfig();
  usePageTitle(t("support.title"));
  // The questions editors write, general and per product type (a failure leaves the fixed ones).
  const [written, setWritten] = useState<FaqEntry[]>([]);
  useEffect(() => {
    api<{ entries: FaqEntry[] }>("GET", "/api/v1/faq").then(
      (r) => setWritten(r.entries),
      () => {},
    );
  }, []);
  return (
    <section>
      <h1>{t("support.title")}</h1>
      <p className="lead">{t("support.lead")}</p>
      <ul className="plain">
        {config.supportPhone && (
          <li>
            <a href={`tel:${config.supportPhone.replaceAll(" ", "")}`}>
              {t("support.phone", { phone: config.supportPhone })}
            </a>
          </li>
        )}
        {config.supportEmail && (
          <li>
            <a href={`mailto:${config.supportEmail}`}>{t("support.email", { email: config.supportEmail })}</a>
          </li>
        )}
      </ul>
      <p>
        <Link to="/guides">{t("guides.title")}</Link>
      </p>
      <h2>{t("support.faqTitle")}</h2>
      {FAQ.map(([q, a]) => (
        <details key={q} className="faq">
          <summary>{t(q)}</summary>
          <p>{t(a)}</p>
        </details>
      ))}
      {written.length > 0 && <Faq entries={written} />}
    </section>
  );
}
