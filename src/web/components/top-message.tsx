import { Link } from "react-router";
import type { ShownContent } from "../../features/content/schemas.ts";
import { useI18n } from "../i18n.tsx";

/** A link staff gave: a page of the portal through the router, an https address as a plain link. */
export function ContentLink({ link }: { link: NonNullable<ShownContent["link"]> }) {
  const { locale } = useI18n();
  const label = link.label[locale];
  return link.url.startsWith("/") ? (
    <Link to={link.url}>{label}</Link>
  ) : (
    <a href={link.url} rel="noopener noreferrer">
      {label}
    </a>
  );
}

/** The one message staff put above everything on My Page. */
export function TopMessage({ message }: { message: ShownContent }) {
  const { t, locale } = useI18n();
  return (
    <aside className="top-message" aria-label={t("content.topMessage")}>
      {message.image && <img src={message.image.url} alt={message.image.alt[locale]} />}
      <div>
        <p className="top-message-title">{message.title[locale]}</p>
        {message.body[locale] && <p>{message.body[locale]}</p>}
        {message.link && (
          <p>
            <ContentLink link={message.link} />
          </p>
        )}
      </div>
    </aside>
  );
}
