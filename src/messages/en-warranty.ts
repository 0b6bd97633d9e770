import type { nbWarranty } from "./nb-warranty.ts";

/** The warranties, the right to complain and their reminders, in English. */
export const enWarranty: Record<keyof typeof nbWarranty, string> = {
  "warranty.stated": "date you gave",
  "warranty.badge.allEnded": "Warranty and right to complain have ended",
  "statutory.badge.active": "Right to complain until {date}",
  "statutory.badge.ends-soon": "Right to complain ends {date}",
  "statutory.badge.ended": "Right to complain ended {date}",
  "statutory.badge.not-started": "Right to complain from {date}",
  "statutory.badge.unknown": "Right to complain: {years} years from purchase",
  "product.startTitle": "Everything counts from",
  "product.start.estimated":
    "{date} (estimated): the production date {made} plus {days} days, about the time a product takes to reach a shop. Add your purchase date and we count from that instead.",
  "product.start.stated":
    "{date}, the purchase date you gave. We use it straight away. Send us the receipt under “Confirm your purchase date” further down and we will confirm the date.",
  "product.start.confirmed":
    "{date}, confirmed {source, select, shopOrder {by our web shop} activation {by the day the phone was first used} other {when we read the receipt you sent}}.",
  "product.start.none":
    "We do not know when the product was made or bought. Add your purchase date and we will work out the warranty and the right to complain.",
  "product.coveragesTitle": "Warranties",
  "product.coverageNone":
    "This type of product has no manufacturer's warranty, but your right to complain still applies.",
  "coverage.kind.manufacturer": "Manufacturer's warranty",
  "coverage.kind.registration-bonus": "Extra warranty for registering the product",
  "coverage.kind.extended": "Extended warranty",
  "coverage.kind.repair": "Warranty on the repair",
  "coverage.period": "{start} to {end} inclusive",
  "coverage.months": "{months, plural, one {# month} other {# months}}",
  "coverage.covers.both": "Covers parts and labour",
  "coverage.covers.parts": "Covers parts",
  "coverage.covers.labour": "Covers labour",
  "coverage.covers.none": "Covers neither parts nor labour",
  "coverage.terms": "Terms",
  "coverage.status.active": "Running",
  "coverage.status.ends-soon": "Ends soon",
  "coverage.status.ended": "Ended",
  "coverage.status.not-started": "Starts later",
  "product.statutoryKnown":
    "{years} years from {start}: you can complain up to and including {end}. This comes on top of the warranties and costs you nothing.",
  "product.statutoryUnknown":
    "For this type of product the limit is {years} years from the day you got it. Add your purchase date and we will show the last day.",
  "product.statutoryEstimated": "The last day is estimated, like the start date.",
  "product.standing.complaint-only":
    "The warranty has ended, but your right to complain runs up to and including {end}. A fault the product had when you got it must be put right at no cost to you. Ask for a repair here, or contact the shop you bought it from.",
  "product.standing.ended":
    "The warranty and the right to complain have both ended. We can still repair the product: you get a price first, and you decide.",
  "product.standing.estimatedHint":
    "These dates are estimated. If you got the product later than that, add your purchase date: the limits may then run longer.",
  "product.standing.repair": "Report the fault and ask for a repair",
  "timeline.start.estimated": "Estimated purchase",
  "timeline.start.stated": "Bought",
  "timeline.start.confirmed": "Bought",
  "timeline.end.manufacturer": "Manufacturer's warranty ends",
  "timeline.end.registration-bonus": "Extra warranty for registering ends",
  "timeline.end.extended": "Extended warranty ends",
  "timeline.end.repair": "Warranty on a repair ends",
  "calendar.event.registration-bonus": "Extra warranty ends: {product}",
  "calendar.event.extended": "Extended warranty ends: {product}",
  "calendar.event.repair": "Warranty on the repair ends: {product}",
  "mail.reminder.subject":
    "{kind, select, statutory {The right to complain} repair {The warranty on the repair} extended {The extended warranty} registrationBonus {The extra warranty} other {The manufacturer's warranty}} for {product} ends on {date}",
  "mail.reminder.body":
    "Hello {name},\n\n{kind, select, statutory {Your right to complain under the Consumer Purchases Act} repair {The warranty on the repair} extended {The extended warranty} registrationBonus {The extra warranty you got for registering the product} other {The manufacturer's warranty}} for {product} ends on {date}, in {days, plural, one {# day} other {# days}}.\n\nIf something is wrong with the product, get in touch before then. You can see the product and its dates here:\n\n{url}\n\nYou get this reminder because the product is registered to your account.",
  "mail.warrantyEnded.subject":
    "{kind, select, statutory {The right to complain} repair {The warranty on the repair} extended {The extended warranty} registrationBonus {The extra warranty} other {The manufacturer's warranty}} for {product} has ended",
  "mail.warrantyEnded.body":
    "Hello {name},\n\n{kind, select, statutory {Your right to complain under the Consumer Purchases Act} repair {The warranty on the repair} extended {The extended warranty} registrationBonus {The extra warranty} other {The manufacturer's warranty}} for {product} ended on {date}.\n\n{next, select, covered {The product is still covered by another warranty up to and including {until}.} complaint {You can still complain under the Consumer Purchases Act up to and including {until}. A fault the product had when you got it must be put right at no cost to you.} other {The warranty and the right to complain have both ended now. We can still repair the product: you get a price first, and you decide.}}\n\nYou can see the product and its dates here:\n\n{url}\n\nYou get this e-mail because the product is registered to your account.",
  "customer.coverages": "Warranties",
  "customer.coverageLine": "{kind}: {start}–{end}, {basis}",
  "error.coverage.plan_unknown": "No extended warranty has this code.",
  "error.coverage.unit_unknown": "No unit has this serial number or IMEI.",
  "error.coverage.dates_inverted": "The warranty ends before it starts.",
  "error.coverage.before_manufacture": "The warranty starts before the unit was made.",
  "error.coverage.overlap": "The warranty overlaps another extended warranty of the same unit.",
  "dateHistory.shop-order": "Confirmed by our web shop",
  "dateHistory.activation": "Confirmed by the day the phone was first used",
  "dateHistory.claim": "Confirmed when we read the receipt",
  "customer.start": "Counted from",
};
