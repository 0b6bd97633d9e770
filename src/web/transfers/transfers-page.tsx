import { useEffect, useState } from "react";
import type { Transfer } from "../../features/transfers/schemas.ts";
import { api } from "../api.ts";
import { Alert } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

interface MyTransfers {
  asked: Transfer[];
  toAnswer: Transfer[];
}

/**
 * The owner's transfers: the requests for their products they are asked to answer (accept, and
 * the product moves; decline, and customer service decides), and the requests they sent.
 */
export function TransfersPage() {
  const { t, locale } = useI18n();
  const [mine, setMine] = useState<MyTransfers | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  usePageTitle(t("transfers.title"));

  const load = () =>
    api<MyTransfers>("GET", "/api/v1/transfer-requests").then(setMine, (e) =>
      setNotice({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists, once.
  useEffect(() => void load(), []);

  async function respond(transfer: Transfer, decision: "accept" | "decline") {
    const product = transfer.productNames[locale];
    if (decision === "accept" && !window.confirm(t("transfers.acceptConfirm", { product }))) return;
    try {
      await api("POST", `/api/v1/transfer-requests/${transfer.id}/answer`, { decision });
      setNotice({
        kind: "success",
        text: t(decision === "accept" ? "transfers.accepted" : "transfers.declined"),
      });
      await load();
    } catch (e) {
      setNotice({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  return (
    <section className="stack">
      <h1>{t("transfers.title")}</h1>
      <p className="lead">{t("transfers.lead")}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      {mine && (
        <>
          <h2>{t("transfers.toAnswer")}</h2>
          {mine.toAnswer.length === 0 ? (
            <p>{t("transfers.none")}</p>
          ) : (
            <ul className="plain stack">
              {mine.toAnswer.map((transfer) => (
                <li key={transfer.id} className="card stack">
                  <TransferFacts transfer={transfer} />
                  {transfer.requesterName && (
                    <p>{t("transfers.askedBy", { name: transfer.requesterName })}</p>
                  )}
                  {transfer.status === "awaiting-owner" && (
                    <>
                      {transfer.answerBy && (
                        <p>{t("transfers.answerBy", { date: formatDate(locale, transfer.answerBy) })}</p>
                      )}
                      <div className="row">
                        <button
                          type="button"
                          className="button"
                          onClick={() => void respond(transfer, "accept")}
                        >
                          {t("transfers.accept")}
                        </button>
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => void respond(transfer, "decline")}
                        >
                          {t("transfers.decline")}
                        </button>
                      </div>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2>{t("transfers.asked")}</h2>
          {mine.asked.length === 0 ? (
            <p>{t("transfers.none")}</p>
          ) : (
            <ul className="plain stack">
              {mine.asked.map((transfer) => (
                <li key={transfer.id} className="card stack">
                  <TransferFacts transfer={transfer} />
                  {transfer.status === "awaiting-owner" && transfer.answerBy && (
                    <p>{t("transfers.waitingUntil", { date: formatDate(locale, transfer.answerBy) })}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">{t("transfers.rule")}</p>
        </>
      )}
    </section>
  );
}

/** The product, its status, the note sent with the request and the decision's reason. */
export function TransferFacts({ transfer }: { transfer: Transfer }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h3>
        {transfer.productNames[locale]} · <span className="mono">{transfer.serialMasked}</span>
      </h3>
      <p>
        <strong>{t(`transfers.status.${transfer.status}`)}</strong> · {formatDate(locale, transfer.createdAt)}
      </p>
      {transfer.note && <p>{t("transfers.note", { note: transfer.note })}</p>}
      {transfer.decision?.reason && <p>{t("transfers.reason", { reason: transfer.decision.reason })}</p>}
    </>
  );
}
