/**
 * What erasing an account does to each table that holds an owner's data. The schema test fails on
 * a table with an owner's data that is not here, so a new table cannot be forgotten.
 */
export const ERASURE: Readonly<Record<string, { does: "delete" | "anonymise" | "keep"; why: string }>> = {
  user: {
    does: "anonymise",
    why: "name and e-mail replaced; the row stays as the owner of the records kept",
  },
  account: { does: "delete", why: "the password and sign-in methods" },
  session: { does: "delete", why: "every sign-in ends" },
  device_token: { does: "delete", why: "TVs and scanners signed in" },
  device_authorization: { does: "delete", why: "device sign-in codes" },
  calendar_feed: { does: "delete", why: "the calendar link" },
  profile: { does: "delete", why: "phone and address" },
  discovered_device: { does: "delete", why: "devices found in the owner's home" },
  points_ledger: { does: "delete", why: "points are the account's, not the product's" },
  points_account: { does: "delete", why: "the points are the account's" },
  reward_redemption: { does: "delete", why: "the rewards the owner took, and their codes" },
  access_log: { does: "delete", why: "staff looks are shown to the owner, who is gone" },
  access_reason: { does: "delete", why: "reasons given to open the owner's records" },
  staff_note: { does: "delete", why: "what staff wrote about the person" },
  data_export: { does: "delete", why: "copies of the owner's data, files and all" },
  staff_member: { does: "delete", why: "a staff number (staff accounts)" },
  content_item: {
    does: "keep",
    why: "an announcement an editor wrote for everyone; it names its author by account alone, and that account is anonymised",
  },
  content_image: {
    does: "keep",
    why: "a picture an editor uploaded for an announcement; it names who uploaded it by account alone",
  },
  claim_file: { does: "delete", why: "receipts and photos, files and all" },
  repair_photo: { does: "delete", why: "photos, files and all" },
  claim_event: { does: "anonymise", why: "the messages written are cleared; the steps and decisions stay" },
  repair: {
    does: "anonymise",
    why: "phone, address and the owner's own description are cleared; the job, fault code, verdict and statuses stay",
  },
  registration: {
    does: "anonymise",
    why: "released and the nickname cleared; that it was registered, and the purchase date, stay for the warranty",
  },
  transfer_request: {
    does: "anonymise",
    why: "the note and proof are cleared, and a pending request is closed",
  },
  warranty_claim: {
    does: "keep",
    why: "the claim and its decision: the complaint period runs up to five years",
  },
  repair_event: { does: "keep", why: "the job's history as the service centre reported it" },
  purchase_date_event: { does: "keep", why: "the history of the warranty's start date" },
  warranty_reminder: { does: "keep", why: "the product's next reminder day; a released product sends none" },
  audit_log: {
    does: "keep",
    why: "who did what and when, by role and staff number; its lines name no person and hold no contact details",
  },
  consent_event: {
    does: "keep",
    why: "what was agreed to, and when: proof of consent, naming nobody once erased",
  },
};
