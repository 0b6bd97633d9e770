import { useEffect, useRef, useState } from "react";
import type {
  HistoryEntry,
  Redemption,
  RewardCatalogue,
  RewardOffer,
} from "../../features/rewards/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/** The owner's points, the rewards on offer to redeem them for, and the history with every code. */
export function RewardsPage() {
  const { t, locale } = useI18n();
  const [catalogue, setCatalogue] = useState<RewardCatalogue | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [asking, setAsking] = useState<RewardOffer | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Redemption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const redeemButtons = useRef(new Map<string, HTMLButtonElement>());
  const [backTo, setBackTo] = useState<string | null>(null);
  usePageTitle(t("rewardsPage.title"));

  const load = () =>
    Promise.all([
      api<RewardCatalogue>("GET", "/api/v1/rewards"),
      api<{ entries: HistoryEntry[] }>("GET", "/api/v1/points/history"),
    ]).then(
      ([c, h]) => {
        setCatalogue(c);
        setHistory(h.entries);
      },
      (e) => setError(problemMessage(t, locale, e)),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page's data, once.
  useEffect(() => void load(), []);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  // The question takes the place of the button: focus goes with it, so a keyboard answers at once.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  // Cancelled: back to the button that asked.
  useEffect(() => {
    if (backTo && !asking) redeemButtons.current.get(backTo)?.focus();
  }, [backTo, asking]);

  async function confirm(reward: RewardOffer) {
    setBusy(true);
    setError(null);
    try {
      const redeemed = await api<Redemption>("POST", `/api/v1/rewards/${reward.id}/redemptions`, {});
      setAsking(null);
      setDone(redeemed);
      await load();
    } catch (e) {
      setAsking(null);
      setError(problemMessage(t, locale, e));
      await load();
    } finally {
      setBusy(false);
    }
  }

  const balance = catalogue?.points.balance ?? 0;
  return (
    <section className="stack rewards-page">
      <h1>{t("rewardsPage.title")}</h1>
      {catalogue && (
        <div className="card rewards">
          <p className="balance">{t("rewardsPage.balance", { points: balance })}</p>
          {catalogue.points.pending > 0 && (
            <p>{t("rewardsPage.pending", { points: catalogue.points.pending })}</p>
          )}
          {catalogue.points.nextExpiry && (
            <p className="muted">
              {t("rewardsPage.nextExpiry", {
                points: catalogue.points.nextExpiry.points,
                date: formatDate(locale, catalogue.points.nextExpiry.at),
              })}
            </p>
          )}
        </div>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {done && (
        <div ref={doneRef} tabIndex={-1} className="alert alert-success redeemed" role="status">
          <p>{t("rewardsPage.redeemed", { name: done.names[locale] })}</p>
          <p className="reward-code">{done.code}</p>
          <p>{t("rewardsPage.redeemedHint")}</p>
        </div>
      )}

      <h2>{t("rewardsPage.catalogueTitle")}</h2>
      {catalogue && catalogue.rewards.length === 0 && <p>{t("rewardsPage.none")}</p>}
      {catalogue && catalogue.rewards.length > 0 && (
        <ul className="reward-list">
          {catalogue.rewards.map((r) => {
            const name = r.names[locale];
            const missing = r.cost - balance;
            return (
              <li key={r.id} className="card reward">
                <h3>{name}</h3>
                <p>{r.descriptions[locale]}</p>
                <p className="reward-cost">{t("rewardsPage.cost", { points: r.cost })}</p>
                {!r.inStock ? (
                  <p className="muted">{t("rewardsPage.outOfStock")}</p>
                ) : missing > 0 ? (
                  <p className="muted">{t("rewardsPage.missing", { points: missing })}</p>
                ) : asking?.id === r.id ? (
                  <div className="stack">
                    <p>{t("rewardsPage.confirm", { points: r.cost, name })}</p>
                    <div className="row">
                      <button
                        ref={confirmRef}
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => void confirm(r)}
                      >
                        {t("rewardsPage.confirmYes")}
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        disabled={busy}
                        onClick={() => {
                          setBackTo(r.id);
                          setAsking(null);
                        }}
                      >
                        {t("rewardsPage.cancel")}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="button"
                    aria-label={t("rewardsPage.redeemName", { name })}
                    ref={(button) => {
                      if (button) redeemButtons.current.set(r.id, button);
                      else redeemButtons.current.delete(r.id);
                    }}
                    onClick={() => {
                      setDone(null);
                      setBackTo(null);
                      setAsking(r);
                    }}
                  >
                    {t("rewardsPage.redeem")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t("rewardsPage.howTitle")}</h2>
      <p>{t("rewardsPage.how")}</p>

      <h2>{t("rewardsPage.historyTitle")}</h2>
      {history && history.length === 0 && <p>{t("rewardsPage.historyEmpty")}</p>}
      {history && history.length > 0 && (
        <ul className="points-history">
          {history.map((e) => (
            <li key={e.id} className="points-entry">
              <span className="history-what">
                {t(`rewardsPage.kind.${e.kind}` as MessageKey, {
                  name: e.reward?.names[locale] ?? e.productNames?.[locale] ?? "",
                })}
              </span>
              <strong className={e.points < 0 ? "points-spent" : "points-earned"}>
                {e.points > 0 ? `+${e.points}` : e.points}
              </strong>
              <span className="muted">{formatDate(locale, e.createdAt)}</span>
              {e.pendingUntil && (
                <span className="muted">
                  {t("rewardsPage.pendingUntil", { date: formatDate(locale, e.pendingUntil) })}
                </span>
              )}
              {!e.pendingUntil && e.expiresAt && e.points > 0 && (
                <span className="muted">
                  {t("rewardsPage.expiresAt", { date: formatDate(locale, e.expiresAt) })}
                </span>
              )}
              {e.reward && (
                <span className="reward-code">{t("rewardsPage.code", { code: e.reward.code })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
