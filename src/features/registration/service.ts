/**
 * What other features use of registration, in one place: the commands live one per file
 * (`register.ts`, `transfer.ts`, `change.ts`, `read.ts`, `discovered.ts`, `app-consent.ts`), and
 * the rule they share with claims (`purchase-date.ts`).
 */
export { APP_CONSENT_VERSION, giveAppConsent, readAppConsent } from "./app-consent.ts";
export { removeDiscovered, upsertDiscovered } from "./discovered.ts";
export { identify } from "./identify.ts";
export { checkPurchaseDate } from "./purchase-date.ts";
export { myProductCount } from "./read.ts";
export { register } from "./register.ts";
