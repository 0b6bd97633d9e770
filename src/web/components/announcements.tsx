import { type KeyboardEvent, useEffect, useState } from "react";
import type { ShownContent } from "../../features/content/schemas.ts";
import { useI18n } from "../i18n.tsx";
import { ContentLink } from "./top-message.tsx";

/** How long a slide stays before the next one, when the carousel turns by itself. */
const TURN_MS = 8000;

const reducedMotion = () =>
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;

/**
 * The announcements on My Page, one at a time (the WAI-ARIA carousel pattern). It turns by itself
 * unless the reader asks for reduced motion, and stops while it has focus or the pointer, or once
 * paused; the arrow keys and the buttons move it, and each slide is named "1 of 3". While it turns
 * by itself it does not speak; once stopped, a change of slide is announced.
 */
export function Announcements({ items }: { items: readonly ShownContent[] }) {
  const { t, locale } = useI18n();
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(() => items.length > 1 && !reducedMotion());
  const [held, setHeld] = useState(false);
  const count = items.length;
  const turning = playing && !held && count > 1;
  useEffect(() => {
    if (!turning) return;
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % count), TURN_MS);
    return () => window.clearInterval(timer);
  }, [turning, count]);
  const current = items[Math.min(index, count - 1)];
  if (!current) return null;
  const go = (step: number) => setIndex((i) => (i + step + count) % count);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowRight") go(1);
    else if (event.key === "ArrowLeft") go(-1);
    else return;
    event.preventDefault();
  };
  return (
    <section
      className="announcements"
      aria-roledescription={t("content.carousel")}
      aria-label={t("content.announcements")}
      onKeyDown={count > 1 ? onKey : undefined}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
    >
      {count > 1 && (
        <div className="announcement-controls">
          <div className="announcement-nav">
            <button type="button" onClick={() => go(-1)} aria-label={t("content.previous")}>
              ‹
            </button>
            <span className="muted">{t("content.position", { index: index + 1, count })}</span>
            <button type="button" onClick={() => go(1)} aria-label={t("content.next")}>
              ›
            </button>
          </div>
          <button type="button" onClick={() => setPlaying(!playing)}>
            {playing ? t("content.pause") : t("content.play")}
          </button>
        </div>
      )}
      <div aria-live={turning ? "off" : "polite"}>
        {/* biome-ignore lint/a11y/useSemanticElements: a slide of the WAI-ARIA carousel pattern is a group, not a form's fieldset. */}
        <div
          key={current.id}
          role="group"
          aria-roledescription={t("content.slide")}
          aria-label={t("content.position", { index: index + 1, count })}
          className="announcement"
        >
          <span className="visually-hidden">{t("content.position", { index: index + 1, count })}</span>
          {current.image && <img src={current.image.url} alt={current.image.alt[locale]} />}
          <h2>{current.title[locale]}</h2>
          {current.body[locale] && <p>{current.body[locale]}</p>}
          {current.link && (
            <p>
              <ContentLink link={current.link} />
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
