import { useEffect, useState } from "react";
import { Link } from "react-router";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import type { ConsentOverview } from "../../features/consents/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { usePublicConfig } from "../public-config.tsx";
import { useSession } from "../session.tsx";
import { DeleteAccount } from "./privacy-delete.tsx";
import { DataExport } from "./privacy-export.tsx";

/** The kinds of data the portal keeps, each told by what, why, legal basis and how long. */
const KINDS = ["account", "products", "cases", "security", "access", "points", "consents"] as const;
const ASPECTS = ["what", "why", "basis", "kept"] as const;

type Purpose = ConsentOverview["purposes"][number];

/**
 * The privacy notice: what is kept and why, who else sees it, the owner's rights with where to use
 * each, and (signed in) the choices per purpose, changed here as easily as they were given.
 */
export function PrivacyPage() {
  const { t } = useI18n();
  const config = usePublicConfig();
  const brand = config.brandName;
  usePageTitle(t("privacy.title"));
  return (
    <section className="stack policy">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.lead", { brand })}</p>
      <p className="muted">{t("privacy.version", { version: TEXT_VERSIONS["privacy-notice"] })}</p>
      {!config.privacyPolicyUrl.startsWith("/") && (
        <p>
          <a href={config.privacyPolicyUrl}>{t("privacy.operatorPolicy", { brand })}</a>
        </p>
      )}
      <nav aria-labelledby="privacy-toc">
        <h2 id="privacy-toc" className="visually-hidden">
          {t("privacy.toc")}
        </h2>
        <ul className="inline-links">
          <li>
            <a href="#choices">{t("privacy.choices.title")}</a>
          </li>
          <li>
            <a href="#export">{t("privacy.export.title")}</a>
          </li>
          <li>
            <a href="#delete">{t("privacy.delete.title")}</a>
          </li>
          <li>
            <a href="#data">{t("privacy.data.title")}</a>
          </li>
          <li>
            <a href="#recipients">{t("privacy.recipients.title")}</a>
          </li>
          <li>
            <a href="#rights">{t("privacy.rights.title")}</a>
          </li>
        </ul>
      </nav>
      <Choices />
      <DataExport />
      <DeleteAccount />
      <section className="stack" aria-labelledby="data">
        <h2 id="data">{t("privacy.data.title")}</h2>
        {KINDS.map((kind) => (
          <article key={kind} className="card">
            <h3>{t(`privacy.data.${kind}.title`)}</h3>
            <dl className="facts">
              {ASPECTS.map((aspect) => (
                <div key={aspect}>
                  <dt>{t(`privacy.data.${aspect}`)}</dt>
                  <dd>{t(`privacy.data.${kind}.${aspect}` as MessageKey)}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </section>
      <section className="stack" aria-labelledby="recipients">
        <h2 id="recipients">{t("privacy.recipients.title")}</h2>
        <p>{t("privacy.recipients.partners")}</p>
        <p>{t("privacy.recipients.processors")}</p>
        <p>{t("privacy.recipients.none")}</p>
      </section>
      <Rights />
    </section>
  );
}

function Rights() {
  const { t } = useI18n();
  return (
    <section className="stack" aria-labelledby="rights">
      <h2 id="rights">{t("privacy.rights.title")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("privacy.rights.access")}</dt>
          <dd>
            {t("privacy.rights.accessText")} <Link to="/products">{t("privacy.rights.myProducts")}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("privacy.rights.correct")}</dt>
          <dd>
            {t("privacy.rights.correctText")} <Link to="/me">{t("privacy.rights.myInformation")}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("privacy.rights.consent")}</dt>
          <dd>
            {t("privacy.rights.consentText")} <a href="#choices">{t("privacy.choices.title")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("privacy.rights.copy")}</dt>
          <dd>
            {t("privacy.rights.copyText")} <a href="#export">{t("privacy.export.title")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("privacy.rights.erase")}</dt>
          <dd>
            {t("privacy.rights.eraseText")} <a href="#delete">{t("privacy.delete.title")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("privacy.rights.object")}</dt>
          <dd>{t("privacy.rights.objectText")}</dd>
        </div>
        <div>
          <dt>{t("privacy.rights.complain")}</dt>
          <dd>{t("privacy.rights.complainText")}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The choices per purpose for the signed-in owner, each turned on or off with one button. */
function Choices() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const brand = usePublicConfig().brandName;
  const [overview, setOverview] = useState<ConsentOverview | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [saved, setSaved] = useState<string>("");
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    api<ConsentOverview>("GET", "/api/v1/me/consents").then(setOverview, (e) => setFailure({ failure: e }));
  }, [user]);

  async function answer(purpose: Purpose, given: boolean) {
    setBusy(purpose.purpose);
    setFailure(null);
    try {
      const next = await api<ConsentOverview>("PUT", `/api/v1/me/consents/${purpose.purpose}`, {
        given,
        textVersion: purpose.currentVersion,
      });
      setOverview(next);
      setSaved(
        t("privacy.choices.saved", {
          purpose: t(`consent.${purpose.purpose}.title`),
          state: t(given ? "privacy.choices.stateOn" : "privacy.choices.stateOff"),
        }),
      );
    } catch (e) {
      setFailure({ failure: e });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="stack" aria-labelledby="choices">
      <h2 id="choices">{t("privacy.choices.title")}</h2>
      <p>{t("privacy.choices.lead")}</p>
      {!user && (
        <p>
          <Link to="/signin?next=/privacy">{t("privacy.choices.signIn")}</Link>
        </p>
      )}
      {failure && <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>}
      <p role="status">{saved}</p>
      {overview?.purposes.map((purpose) => {
        const title = t(`consent.${purpose.purpose}.title`);
        return (
          <article key={purpose.purpose} className="card" aria-labelledby={`consent-${purpose.purpose}`}>
            <h3 id={`consent-${purpose.purpose}`}>{title}</h3>
            <p>{t(`consent.${purpose.purpose}.text`, { brand })}</p>
            <p className="muted">{t("privacy.choices.textVersion", { version: purpose.currentVersion })}</p>
            {purpose.askAgain && <Alert kind="info">{t("privacy.choices.askAgain")}</Alert>}
            <p>
              <strong>{stateText(t, locale, purpose)}</strong>
            </p>
            <p>
              <button
                type="button"
                className={purpose.given ? "button secondary" : "button"}
                disabled={busy !== null}
                aria-describedby={`consent-${purpose.purpose}`}
                onClick={() => answer(purpose, !purpose.given)}
              >
                {t(purpose.given ? "privacy.choices.turnOff" : "privacy.choices.turnOn")}
              </button>
            </p>
          </article>
        );
      })}
      {overview && <History overview={overview} />}
    </section>
  );
}

function stateText(t: ReturnType<typeof useI18n>["t"], locale: "nb" | "en", purpose: Purpose): string {
  if (purpose.given && purpose.answeredAt)
    return t("privacy.choices.on", { date: formatDate(locale, purpose.answeredAt) });
  if (purpose.answeredAt && !purpose.askAgain)
    return t("privacy.choices.offSince", { date: formatDate(locale, purpose.answeredAt) });
  return t("privacy.choices.off");
}

function History({ overview }: { overview: ConsentOverview }) {
  const { t, locale } = useI18n();
  return (
    <details>
      <summary>{t("privacy.history.title")}</summary>
      {overview.history.length === 0 ? (
        <p>{t("privacy.history.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">{t("privacy.history.what")}</th>
                <th scope="col">{t("privacy.history.answer")}</th>
                <th scope="col">{t("privacy.history.where")}</th>
                <th scope="col">{t("privacy.history.when")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.history.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the history is a list of past lines, never reordered.
                <tr key={i}>
                  <td>
                    {t(`consent.${line.purpose}.title`)}{" "}
                    <span className="muted">
                      ({t("privacy.choices.textVersion", { version: line.textVersion })})
                    </span>
                  </td>
                  <td>
                    {line.purpose === "terms" || line.purpose === "privacy-notice"
                      ? t("privacy.history.accepted")
                      : t(line.given ? "privacy.history.given" : "privacy.history.refused")}
                  </td>
                  <td>{t(`privacy.source.${line.source}`)}</td>
                  <td>{formatDate(locale, line.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** The terms of use, in force since the version shown; sign-up asks for this version. */
export function TermsPage() {
  const { t } = useI18n();
  const brand = usePublicConfig().brandName;
  usePageTitle(t("terms.title"));
  const parts = ["account", "products", "warranty", "use", "changes"] as const;
  return (
    <section className="stack policy">
      <h1>{t("terms.title")}</h1>
      <p className="muted">{t("terms.version", { version: TEXT_VERSIONS.terms })}</p>
      <p className="lead">{t("terms.lead", { brand })}</p>
      {parts.map((part) => (
        <section key={part} aria-labelledby={`terms-${part}`}>
          <h2 id={`terms-${part}`}>{t(`terms.${part}.title`)}</h2>
          <p>{t(`terms.${part}.text`)}</p>
        </section>
      ))}
      <p>
        {t("terms.privacy")} <Link to="/privacy">{t("footer.privacy")}</Link>
      </p>
    </section>
  );
}
