import type { Config } from "../../config/config.ts";
import { type CalendarDate, isValidCalendarDate, todayIn } from "../../domain/calendar-date.ts";
import {
  type ConfirmationSource,
  computeWarranty,
  type StatutoryClass,
  warrantyTimeline,
} from "../../domain/warranty.ts";
import type { WarrantyEstimate } from "./schemas.ts";

export interface WarrantyFacts {
  manufacturedOn: string | null;
  market: string;
  warrantyMonths: Record<string, number>;
  statutoryClass: StatutoryClass;
  statedPurchaseDate: string | null;
  confirmation: { date: string; source: ConfirmationSource } | null;
}

/**
 * The warranty of one product today, in the portal's time zone: the manufacturer's period for
 * the unit's market (Norway's when the market has no rule of its own) and the statutory one.
 *
 * @example
 * warrantyFor(config, { manufacturedOn: "2025-01-01", market: "NO", warrantyMonths: { NO: 24 }, statutoryClass: "long", statedPurchaseDate: null, confirmation: null })
 */
export function warrantyFor(config: Config, facts: WarrantyFacts, now = new Date()): WarrantyEstimate {
  const months = facts.warrantyMonths[facts.market] ?? facts.warrantyMonths.NO ?? 0;
  const date = (v: string | null) => (v && isValidCalendarDate(v) ? (v as CalendarDate) : null);
  const today = todayIn(config.timeZone, now);
  const result = computeWarranty({
    manufacturedOn: date(facts.manufacturedOn),
    category: { warrantyMonths: months, statutoryClass: facts.statutoryClass },
    shippingAllowanceDays: config.shippingAllowanceDays,
    statedPurchaseDate: date(facts.statedPurchaseDate),
    confirmation:
      facts.confirmation && date(facts.confirmation.date)
        ? { date: facts.confirmation.date as CalendarDate, source: facts.confirmation.source }
        : null,
    today,
    endsSoonDays: config.warrantyEndsSoonDays,
  });
  return {
    manufacturer: result.manufacturer ? { ...result.manufacturer, months } : null,
    statutory: result.statutory,
    timeline: warrantyTimeline(result, today),
  };
}
