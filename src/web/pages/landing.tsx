import { Link } from "react-router";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";

/** What registering gives (DESIGN R11), each a title and a sentence or two. */
const BENEFITS = ["support", "manuals", "repair", "warranty", "related"] as const;

/**
 * The front door for visitors: what an account is for, in the owner's terms, and the way in.
 * Signed-in people get My Page at the same address (routes.tsx).
 */
export function LandingPage() {
  const { t } = useI18n();
  usePageTitle(t("landing.title"));
  return (
    <div className="landing">
      <section className="landing-hero" aria-labelledby="landing-title">
        <h1 id="landing-title">{t("landing.title")}</h1>
        <p className="lead">{t("landing.lead")}</p>
        <p className="landing-actions">
          <Link to="/signup" className="button">
            {t("landing.signUp")}
          </Link>
          <span>
            {t("landing.haveAccount")} <Link to="/signin">{t("landing.signIn")}</Link>
          </span>
        </p>
      </section>

      <section aria-labelledby="landing-benefits">
        <h2 id="landing-benefits">{t("landing.benefitsTitle")}</h2>
        <ul className="landing-benefits">
          {BENEFITS.map((benefit) => (
            <li key={benefit} className="landing-benefit">
              <h3>{t(`landing.${benefit}.title`)}</h3>
              <p>{t(`landing.${benefit}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="landing-steps">
        <h2 id="landing-steps">{t("landing.stepsTitle")}</h2>
        <ol className="landing-steps">
          <li className="landing-step">{t("landing.step1")}</li>
          <li className="landing-step">{t("landing.step2")}</li>
          <li className="landing-step">
            {t("landing.step3")} <Link to="/guides">{t("landing.findSerial")}</Link>
          </li>
        </ol>
      </section>

      <section aria-labelledby="landing-privacy">
        <h2 id="landing-privacy">{t("landing.privacyTitle")}</h2>
        <p>{t("landing.privacyText")}</p>
        <p>
          <Link to="/privacy">{t("landing.privacyLink")}</Link>
        </p>
      </section>

      <section className="landing-ready" aria-labelledby="landing-ready">
        <h2 id="landing-ready">{t("landing.readyTitle")}</h2>
        <p className="landing-actions">
          <Link to="/signup" className="button">
            {t("landing.signUp")}
          </Link>
          <Link to="/signin">{t("landing.signIn")}</Link>
        </p>
      </section>
    </div>
  );
}
