import { type FormEvent, useState } from "react";
import type { CentreChoice } from "../../features/repairs/schemas.ts";
import { api } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

/**
 * For a repair no centre took: the centres that take it, the nearest first, and the agent's
 * choice of one. The centres are read when the agent opens the form.
 */
export function HandOverForm({
  repairId,
  onDone,
}: {
  repairId: string;
  onDone: (outcome: { kind: "error" | "success"; text: string }) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const [centres, setCentres] = useState<CentreChoice[] | null>(null);

  function load(open: boolean) {
    if (!open || centres) return;
    api<{ centres: CentreChoice[] }>("GET", `/api/v1/staff/repairs/${repairId}/centres`).then(
      (r) => setCentres(r.centres),
      (e) => void onDone({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const centreId = String(form.get("centreId") ?? "");
    const note = String(form.get("note") ?? "").trim();
    try {
      await api("POST", `/api/v1/staff/repairs/${repairId}/hand-over`, {
        centreId,
        ...(note ? { note } : {}),
      });
      const name = centres?.find((c) => c.id === centreId)?.name ?? centreId;
      await onDone({ kind: "success", text: t("staffRepairs.handedOver", { centre: name }) });
    } catch (e) {
      await onDone({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  const where = (c: CentreChoice) =>
    [
      `${c.name}, ${c.city}`,
      c.servesPostcode ? t("staffRepairs.handOverServes") : t("staffRepairs.handOverElsewhere"),
      ...(c.turnedDown ? [t("staffRepairs.handOverTurnedDown")] : []),
    ].join(" · ");

  return (
    <details onToggle={(e) => load(e.currentTarget.open)}>
      <summary>{t("staffRepairs.handOver")}</summary>
      <p className="muted">{t("staffRepairs.handOverLead")}</p>
      {centres?.length === 0 && <p>{t("staffRepairs.handOverNone")}</p>}
      {centres && centres.length > 0 && (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`centre-${repairId}`}>{t("staffRepairs.handOverCentre")}</label>
            <select id={`centre-${repairId}`} name="centreId" required defaultValue={centres[0]?.id}>
              {centres.map((c) => (
                <option key={c.id} value={c.id}>
                  {where(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`note-${repairId}`}>{t("staffRepairs.handOverNote")}</label>
            <textarea id={`note-${repairId}`} name="note" rows={2} maxLength={2000} />
          </div>
          <button type="submit" className="button">
            {t("staffRepairs.handOverSave")}
          </button>
        </form>
      )}
    </details>
  );
}
