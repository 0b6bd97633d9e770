import type { IdentifierCheck } from "../../features/registration/schemas.ts";
import type { Locale } from "../../messages/catalog.ts";
import { useI18n } from "../i18n.tsx";

export type Suggestion = IdentifierCheck["suggestions"][number];

const months = new Map<Locale, Intl.DateTimeFormat>();

/** A production month ("YYYY-MM") as the reader says it: "mars 2024" or "March 2024". */
function formatMonth(locale: Locale, month: string): string {
  let format = months.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    months.set(locale, format);
  }
  return format.format(new Date(`${month}-01T00:00:00Z`));
}

/** The serial with the characters that differ from what was typed marked. */
function MarkedSerial({ suggestion }: { suggestion: Suggestion }) {
  const positions = new Set(suggestion.fixes.map((f) => f.position));
  return (
    <span className="mono">
      {[...suggestion.identifier].map((ch, i) =>
        positions.has(i + 1) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: characters of one fixed string.
          <mark key={i}>{ch}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: characters of one fixed string.
          <span key={i}>{ch}</span>
        ),
      )}
    </span>
  );
}

/**
 * "Did you mean …?" for a serial that is not found, with a button per unit that differs from it
 * only by look-alike characters. When more than one unit does, each shows what tells it apart
 * from the others: its model and the month it was made.
 */
export function Suggestions({
  suggestions,
  busy,
  onChoose,
}: {
  suggestions: Suggestion[];
  busy: boolean;
  onChoose: (identifier: string) => void;
}) {
  const { t, locale } = useI18n();
  const many = suggestions.length > 1;
  return (
    <div className="card suggestion" aria-live="polite">
      <p>
        {many
          ? t("register.didYouMeanLeadMany", { count: suggestions.length })
          : t("register.didYouMeanLead")}
      </p>
      {suggestions.map((s) => (
        <div key={s.identifier} className="suggestion-row">
          <p>
            {t("register.didYouMean", { identifier: "\u0000" })
              .split("\u0000")
              .map((part, i) => (i === 0 ? part : [<MarkedSerial key="serial" suggestion={s} />, part]))}
            {!many && s.model ? ` ${s.model.names[locale]}` : ""}
          </p>
          {many && (
            <dl className="facts">
              <dt>{t("register.suggestionModel")}</dt>
              <dd>{s.model?.names[locale] ?? t("register.suggestionProducedUnknown")}</dd>
              <dt>{t("register.suggestionProducedIn")}</dt>
              <dd>
                {s.producedIn ? formatMonth(locale, s.producedIn) : t("register.suggestionProducedUnknown")}
              </dd>
            </dl>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => onChoose(s.identifier)}>
            {t("register.useSuggestion", { identifier: s.identifier })}
          </button>
        </div>
      ))}
    </div>
  );
}
