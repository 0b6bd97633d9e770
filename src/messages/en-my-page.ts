import type { nbMyPage } from "./nb-my-page.ts";

/** My Page: the alerts, the product tiles and the recommendations, in English. */
export const enMyPage: Record<keyof typeof nbMyPage, string> = {
  "alert.title": "Waiting for you",
  "alert.ending.warranty":
    "{days, plural, =0 {The warranty of {product} ends today.} one {The warranty of {product} ends tomorrow.} other {The warranty of {product} ends in # days.}}",
  "alert.ending.extended":
    "{days, plural, =0 {The extended warranty of {product} ends today.} one {The extended warranty of {product} ends tomorrow.} other {The extended warranty of {product} ends in # days.}}",
  "alert.ending.repair":
    "{days, plural, =0 {The warranty on the repair of {product} ends today.} one {The warranty on the repair of {product} ends tomorrow.} other {The warranty on the repair of {product} ends in # days.}}",
  "alert.ending.statutory":
    "{days, plural, =0 {The right to complain about {product} ends today.} one {The right to complain about {product} ends tomorrow.} other {The right to complain about {product} ends in # days.}}",
  "alert.ending.action": "See what you can do",
  "alert.claimWaiting": "Your warranty claim for {product} is waiting for your answer.",
  "alert.claimWaiting.action": "Answer the claim",
  "alert.repairTask": "The repair of {product}:",
  "alert.repairTask.action": "Open the repair",
  "alert.transferAsked": "Someone asks to take over {product}.",
  "alert.transferAsked.action": "Answer the request",
  "alert.unregistered":
    "{count, plural, one {We found # product that is not registered.} other {We found # products that are not registered.}}",
  "alert.unregistered.action": "Register in one click",
  "tile.title": "Your products",
  "tile.none":
    "You have not registered any products yet. Register the first one and its warranty shows here.",
  "tile.repair": "Repair: {status}",
  "tile.all": "{count, plural, one {See your product} other {See all # of your products}}",
  "recommend.title": "Recommended for you",
  "recommend.lead": "Picked from the products you have. You can turn these suggestions off at any time.",
  "recommendCard.reason.accessory": "Fits your {product}",
  "recommendCard.reason.consumable": "For your {product}, replaced regularly",
  "recommendCard.reason.successor": "The newer model of your {product}",
  "recommendCard.reason.alsoOwned": "Many owners of {product} have this too",
  "recommendCard.shop": "in the shop",
  "recommend.turnOff": "Turn suggestions off",
};
