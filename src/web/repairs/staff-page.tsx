import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import type { staffRepairListSchema } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { CustomerSearchBox } from "../customer-service/search-box.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";
import { HandOverForm } from "./hand-over-form.tsx";

type StaffRepair = z.infer<typeof staffRepairListSchema>["repairs"][number];

const STATUSES = [
  "requested",
  "with-customer-service",
  "accepted",
  "awaiting-product",
  "received",
  "diagnosing",
  "quote-pending",
  "repairing",
  "repaired",
  "shipped",
  "closed",
  "cancelled",
] as const;
const VERDICTS = ["manufacturer", "statutory", "not-covered", "unknown"] as const;

/** Every repair for agents and reviewers, by status or number; the warranty assessment can be changed with a reason. */
export function StaffRepairsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  // Agents (and admins) act for owners; reviewers judge the warranty assessment only.
  const actsForOwners = user?.role === "agent" || user?.role === "admin";
  const [params, setParams] = useSearchParams();
  const [repairs, setRepairs] = useState<StaffRepair[] | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  usePageTitle(t("staffRepairs.title"));

  const load = useCallback(() => {
    const query = new URLSearchParams();
    for (const key of ["status", "number"]) if (params.get(key)) query.set(key, params.get(key) as string);
    return api<{ repairs: StaffRepair[] }>("GET", `/api/v1/staff/repairs?${query}`).then(
      (r) => setRepairs(r.repairs),
      (e) => setMessage({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  }, [params, t, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  async function override(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api("POST", `/api/v1/staff/repairs/${id}/verdict`, {
        verdict: String(form.get("verdict")),
        reason: String(form.get("reason") ?? ""),
      });
      setMessage({ kind: "success", text: t("staffRepairs.overridden") });
      await load();
    } catch (e) {
      setMessage({ kind: "error", text: problemMessage(t, locale, e) });
    }
  }

  return (
    <section>
      <h1>{t("staffRepairs.title")}</h1>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {actsForOwners && <CustomerSearchBox />}
      <form
        className="row filters"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const key of ["status", "number"]) {
            const value = String(form.get(key) ?? "").trim();
            if (value) next.set(key, value);
          }
          setParams(next);
        }}
      >
        <div className="field">
          <label htmlFor="status">{t("staffRepairs.filterStatus")}</label>
          <select id="status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("staffRepairs.filterAll")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`repairStatus.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t("staffRepairs.filterNumber")}
          name="number"
          defaultValue={params.get("number") ?? ""}
          maxLength={20}
        />
        <button type="submit" className="button secondary">
          {t("staffRepairs.filter")}
        </button>
      </form>
      {repairs?.length === 0 && <p>{t("staffRepairs.none")}</p>}
      <ul className="plain stack">
        {repairs?.map((r) => (
          <li key={r.id} className="card">
            <p>
              <Link to={`/repairs/${r.id}`} className="mono">
                {r.requestNumber}
              </Link>
              {r.jobNumber && <span className="mono muted"> · {r.jobNumber}</span>} · {r.productNames[locale]}{" "}
              ·{" "}
              <span className={`badge repair-${r.status}`}>
                {t(`repairStatus.${r.status}` as MessageKey)}
              </span>
            </p>
            <p className="muted">
              {t("staffRepairs.owner")}: {r.ownerName} · {t("staffRepairs.centre")}:{" "}
              {r.centreName ?? t("repair.noCentre")} · {formatDate(locale, r.createdAt)}
            </p>
            <p>
              {t("staffRepairs.verdict")}: {t(`repair.verdict.${r.verdict}` as MessageKey)}
            </p>
            {r.status === "with-customer-service" && actsForOwners && (
              <HandOverForm
                repairId={r.id}
                onDone={async (outcome) => {
                  setMessage(outcome);
                  if (outcome.kind === "success") await load();
                }}
              />
            )}
            <details>
              <summary>{t("staffRepairs.override")}</summary>
              <form className="stack" onSubmit={(e) => void override(e, r.id)}>
                <div className="field">
                  <label htmlFor={`verdict-${r.id}`}>{t("staffRepairs.verdict")}</label>
                  <select id={`verdict-${r.id}`} name="verdict" defaultValue={r.verdict}>
                    {VERDICTS.map((v) => (
                      <option key={v} value={v}>
                        {t(`repair.verdict.${v}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`reason-${r.id}`}>{t("staffRepairs.overrideReason")}</label>
                  <textarea id={`reason-${r.id}`} name="reason" rows={2} required maxLength={2000} />
                </div>
                <button type="submit" className="button">
                  {t("staffRepairs.overrideSave")}
                </button>
              </form>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
