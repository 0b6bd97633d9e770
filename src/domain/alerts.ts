/**
 * My Page's alerts: what needs the owner's attention now, each with where they act on it. Pure:
 * the caller reads the owner's facts (on the owner's own indexes) and passes them in.
 */
import { type CalendarDate, daysBetween } from "./calendar-date.ts";
import type { ReminderPeriod } from "./warranty.ts";

/** A product's name as the owner knows it: the nickname, else the model's name in each language. */
export interface ProductName {
  nb: string;
  en: string;
}

export interface AlertFacts {
  products: readonly { registrationId: string; name: ProductName; periods: readonly ReminderPeriod[] }[];
  /** Claims whose reviewer asked the owner for more information. */
  claimsWaiting: readonly { claimId: string; registrationId: string }[];
  /** Repairs under way, with what the owner has to do (null: nothing now). */
  repairs: readonly { repairId: string; registrationId: string; ownerTask: string | null }[];
  /** Devices found (smart home, TV, scanner) and not registered. */
  unregisteredCount: number;
  /** Requests from someone else to take over one of the owner's products, waiting for the answer. */
  transfersAsked: readonly { transferId: string; productNames: ProductName }[];
}

export type Alert =
  | {
      kind: "period-ending";
      /** `statutory` for the right to complain, else the coverage's kind. */
      period: ReminderPeriod["kind"];
      registrationId: string;
      product: ProductName;
      end: CalendarDate;
      daysLeft: number;
      action: string;
    }
  | { kind: "claim-waiting"; claimId: string; registrationId: string; product: ProductName; action: string }
  | {
      kind: "repair-task";
      repairId: string;
      registrationId: string;
      product: ProductName;
      task: string;
      action: string;
    }
  | { kind: "transfer-asked"; transferId: string; product: ProductName; action: string }
  | { kind: "unregistered"; count: number; action: string };

/**
 * The alerts of one owner on `today`: what waits for the owner's answer first (a transfer request,
 * a claim, a repair), then each warranty or complaint period that ends within the largest reminder
 * threshold (the soonest first; an ended one is not an alert, the product's badge says so), then
 * the devices found and not registered.
 *
 * @example
 * ```ts
 * ownerAlerts({ products: [{ registrationId: "r1", name, periods: [{ key: "statutory", kind: "statutory", end: calendarDate("2026-01-30") }] }], claimsWaiting: [], repairs: [], unregisteredCount: 2, transfersAsked: [] }, calendarDate("2026-01-01"), [60, 7]);
 * // [{ kind: "period-ending", period: "statutory", daysLeft: 29, action: "/products/r1", … }, { kind: "unregistered", count: 2, action: "/products#unregistered-title" }]
 * ```
 */
export function ownerAlerts(
  facts: AlertFacts,
  today: CalendarDate,
  thresholdsDays: readonly number[],
): Alert[] {
  const nameOf = new Map(facts.products.map((p) => [p.registrationId, p.name]));
  const unnamed: ProductName = { nb: "", en: "" };
  const alerts: Alert[] = [];
  for (const t of facts.transfersAsked) {
    alerts.push({
      kind: "transfer-asked",
      transferId: t.transferId,
      product: t.productNames,
      action: "/transfers",
    });
  }
  for (const c of facts.claimsWaiting) {
    alerts.push({
      kind: "claim-waiting",
      claimId: c.claimId,
      registrationId: c.registrationId,
      product: nameOf.get(c.registrationId) ?? unnamed,
      action: `/products/${c.registrationId}#claims-title`,
    });
  }
  for (const r of facts.repairs) {
    if (r.ownerTask === null) continue;
    alerts.push({
      kind: "repair-task",
      repairId: r.repairId,
      registrationId: r.registrationId,
      product: nameOf.get(r.registrationId) ?? unnamed,
      task: r.ownerTask,
      action: `/repairs/${r.repairId}`,
    });
  }
  const horizon = Math.max(-1, ...thresholdsDays);
  const ending: Extract<Alert, { kind: "period-ending" }>[] = [];
  for (const p of facts.products) {
    for (const period of p.periods) {
      const daysLeft = daysBetween(today, period.end);
      if (daysLeft < 0 || daysLeft > horizon) continue;
      ending.push({
        kind: "period-ending",
        period: period.kind,
        registrationId: p.registrationId,
        product: p.name,
        end: period.end,
        daysLeft,
        action: `/products/${p.registrationId}`,
      });
    }
  }
  ending.sort((a, b) => a.daysLeft - b.daysLeft || a.registrationId.localeCompare(b.registrationId));
  alerts.push(...ending);
  if (facts.unregisteredCount > 0) {
    alerts.push({
      kind: "unregistered",
      count: facts.unregisteredCount,
      action: "/products#unregistered-title",
    });
  }
  return alerts;
}
