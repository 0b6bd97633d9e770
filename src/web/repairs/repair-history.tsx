import type { Repair, TrackedRepair } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { Alert } from "../components/form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";

/** Where a repair stands: its status since when, a named delay and what is asked of the owner. */
export function RepairStatus({
  repair,
}: {
  repair: Pick<Repair, "status" | "statusAt" | "delay"> & { ownerTask?: Repair["ownerTask"] };
}) {
  const { t, locale } = useI18n();
  return (
    <div className="repair-status">
      <p>
        <span className={`badge repair-${repair.status}`}>
          {t(`repairStatus.${repair.status}` as MessageKey)}
        </span>{" "}
        <span className="muted">{t("repair.since", { date: formatDate(locale, repair.statusAt) })}</span>
      </p>
      {repair.delay && <Alert kind="info">{t(`repair.delay.${repair.delay}` as MessageKey)}</Alert>}
      {repair.ownerTask && !repair.delay && (
        <Alert kind="info">{t(`repairTask.${repair.ownerTask}` as MessageKey)}</Alert>
      )}
    </div>
  );
}

/** What happened to a repair, oldest first, with who did it where the owner sees that. */
export function RepairHistory({ events }: { events: Repair["events"] | TrackedRepair["events"] }) {
  const { t, locale } = useI18n();
  return (
    <ol className="events">
      {events.map((e) => {
        const kind = "kind" in e ? e.kind : "status";
        const label = e.status
          ? t(`repairStatus.${e.status}` as MessageKey)
          : t(`repair.event.${kind}` as MessageKey);
        return (
          <li key={`${e.at}-${kind}-${e.status ?? ""}`}>
            <time dateTime={e.at}>{formatDate(locale, e.at)}</time> {label}
            {"note" in e && e.note && <blockquote>{e.note}</blockquote>}
          </li>
        );
      })}
    </ol>
  );
}
