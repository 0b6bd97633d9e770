import { type FormEvent, useEffect, useId, useState } from "react";
import type { Transfer } from "../../features/transfers/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { TransferFacts } from "./transfers-page.tsx";

/**
 * Customer service's transfer queue: the requests an owner declined or left unanswered, oldest
 * first, each with both people, the note and the proof, and a decision with a reason.
 */
export function StaffTransfersPage() {
  const { t, locale } = useI18n();
  const [queue, setQueue] = useState<Transfer[] | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  usePageTitle(t("staffTransfers.title"));

  const load = () =>
    api<{ transfers: Transfer[] }>("GET", "/api/v1/staff/transfers").then(
      (r) => setQueue(r.transfers),
      (e) => setNotice({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the queue, once.
  useEffect(() => void load(), []);

  return (
    <section className="stack">
      <h1>{t("staffTransfers.title")}</h1>
      <p className="lead">{t("staffTransfers.lead")}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      {queue && queue.length === 0 && <p>{t("staffTransfers.empty")}</p>}
      {queue && queue.length > 0 && (
        <ul className="plain stack">
          {queue.map((transfer) => (
            <li key={transfer.id} className="card stack">
              <TransferFacts transfer={transfer} />
              <p>
                {transfer.requesterName && t("staffTransfers.requester", { name: transfer.requesterName })}
                {transfer.ownerName && (
                  <>
                    <br />
                    {t("staffTransfers.owner", { name: transfer.ownerName })}
                  </>
                )}
              </p>
              <p>
                {t(
                  transfer.ownerAnswer === "declined"
                    ? "staffTransfers.answer.declined"
                    : transfer.ownerAnswer === "none"
                      ? "staffTransfers.answer.none"
                      : "staffTransfers.answer.direct",
                )}
              </p>
              <p>
                {transfer.proof ? (
                  <a href={`/api/v1/transfer-requests/${transfer.id}/proof`} target="_blank" rel="noreferrer">
                    {t("staffTransfers.openProof", { name: transfer.proof.name })}
                  </a>
                ) : (
                  t("staffTransfers.noProof")
                )}
              </p>
              <DecisionForm
                transfer={transfer}
                onDecided={async () => {
                  setNotice({ kind: "success", text: t("staffTransfers.decided") });
                  await load();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionForm({ transfer, onDecided }: { transfer: Transfer; onDecided: () => Promise<void> }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const legendId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api("POST", `/api/v1/staff/transfers/${transfer.id}/decision`, {
        decision: String(form.get("decision") ?? ""),
        reason: String(form.get("reason") ?? ""),
      });
      setError(null);
      await onDecided();
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      {error && <Alert kind="error">{error}</Alert>}
      <fieldset className="stack" aria-labelledby={legendId}>
        <legend id={legendId}>{t("staffTransfers.decision")}</legend>
        <label className="choice">
          <input type="radio" name="decision" value="approve" required /> {t("staffTransfers.approve")}
        </label>
        <label className="choice">
          <input type="radio" name="decision" value="refuse" required /> {t("staffTransfers.refuse")}
        </label>
      </fieldset>
      <Field label={t("staffTransfers.reason")} name="reason" required maxLength={300} />
      <button type="submit" className="button">
        {t("staffTransfers.decide")}
      </button>
    </form>
  );
}
