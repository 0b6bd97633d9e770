import type { ColumnType, Generated } from "kysely";

/**
 * Row types of every table. Instants are `timestamptz` on PostgreSQL (a Date comes back) and ISO
 * text on SQLite (a string comes back): read them through `toInstant`. Calendar dates are
 * "YYYY-MM-DD" strings on both. Booleans are 0/1 on SQLite: read them through `toBool`.
 */
export type Instant = ColumnType<Date | string, Date | string, Date | string>;
export type Bool = ColumnType<boolean | number, boolean, boolean>;

/** Tables owned by better-auth keep its camelCase column names. */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: Bool;
  image: string | null;
  role: string;
  locale: string;
  createdAt: Instant;
  updatedAt: Instant;
  /** When the owner asked to delete the account, and when it is erased unless they sign in first. */
  deletion_requested_at: Instant | null;
  deletion_due_at: Instant | null;
  /** When the account was erased: the row stays, without name or e-mail, for the records kept. */
  erased_at: Instant | null;
}

export interface SessionTable {
  id: string;
  expiresAt: Instant;
  token: string;
  createdAt: Instant;
  updatedAt: Instant;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Instant | null;
  refreshTokenExpiresAt: Instant | null;
  scope: string | null;
  password: string | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Instant;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface RateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number;
}

export interface ProfileTable {
  user_id: string;
  phone: string | null;
  /** The phone's digits as customer service searches them (`phoneKey`). */
  phone_key: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  updated_at: Instant;
}

export interface OutboxTable {
  id: string;
  topic: string;
  /** Makes an enqueue idempotent: the same key is stored once. */
  dedupe_key: string | null;
  payload: string;
  status: "pending" | "done" | "failed";
  attempts: number;
  available_at: Instant;
  locked_until: Instant | null;
  created_at: Instant;
  processed_at: Instant | null;
  last_error: string | null;
  /** SHA-256 of a mail's address, so that erasing an account finds its mails. */
  recipient_hash: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  actor_role: string;
  action: string;
  owner_id: string | null;
  subject_type: string;
  subject_id: string | null;
  detail: string | null;
  created_at: Instant;
}

export interface CategoryTable {
  code: string;
  name_nb: string;
  name_en: string;
  registrable: Bool;
  identifier_rule: string | null;
  qr_registration: Bool;
  self_registration_from_model_year: number | null;
  statutory_class: string;
  /** Months of warranty the category adds, after the base, for registering a product. */
  registration_bonus_months: Generated<number>;
  points: number;
  guide_nb: string | null;
  guide_en: string | null;
  guide_image: string | null;
  not_registrable_nb: string | null;
  not_registrable_en: string | null;
  updated_at: Instant;
}

/** An extended-warranty product the operator sells: bounded, set by its import. */
export interface WarrantyPlanTable {
  code: string;
  name_nb: string;
  name_en: string;
  months: number;
  parts: Bool;
  labour: Bool;
  terms_nb: string;
  terms_en: string;
  updated_at: Instant;
}

/** An extended warranty sold for one unit, with its own dates ("YYYY-MM-DD", both covered). */
export interface UnitCoverageTable {
  id: string;
  serial: string;
  plan_code: string;
  starts_on: string;
  ends_on: string;
  /** The sale's reference in the operator's systems (an order number). */
  reference: string;
  imported_at: Instant;
}

export interface CategoryWarrantyTable {
  category_code: string;
  market: string;
  months: number;
}

export interface ModelTable {
  code: string;
  name_nb: string;
  name_en: string;
  category_code: string;
  model_year: number;
  smart: Bool;
  image: string | null;
  line_code: string | null;
  family: string | null;
  updated_at: Instant;
}

export interface ModelGtinTable {
  gtin: string;
  model_code: string;
}

export interface ModelLinkTable {
  model_code: string;
  related_code: string;
  kind: string;
}

export interface DocumentTable {
  id: string;
  model_code: string | null;
  category_code: string | null;
  kind: string;
  locale: string;
  title: string;
  body: string | null;
  url: string | null;
  updated_at: Instant;
}

export interface UnitTable {
  serial: string;
  imei1: string | null;
  imei2: string | null;
  model_code: string;
  /** "YYYY-MM-DD" */
  manufactured_on: string | null;
  market: string;
  look_alike_key: string;
  /** The serial of the unit that replaced this one in a repair; null for a unit in use. */
  replaced_by: string | null;
}

export interface RegistrationTable {
  id: string;
  unit_serial: string;
  owner_id: string;
  channel: string;
  /** "YYYY-MM-DD" */
  purchase_date: string | null;
  purchase_place: string | null;
  nickname: string | null;
  registered_at: Instant;
  removed_at: Instant | null;
}

export interface PointsLedgerTable {
  id: string;
  owner_id: string;
  unit_serial: string | null;
  registration_id: string | null;
  /** The model of the product the points were earned for, as it was then. */
  model_code: string | null;
  kind: string;
  points: number;
  created_at: Instant;
  /** An earning counts from here (pending before); null on the rows that draw from a lot. */
  active_from: Instant | null;
  /** An earning no longer counts from here; null: it never expires. */
  expires_at: Instant | null;
  /** A redemption, expiry or reversal: the earning (lot) it draws from. */
  lot_id: string | null;
  /** A redemption's rows: the redemption they belong to. */
  redemption_id: string | null;
}

/** One row per owner, locked by a redemption (src/features/rewards/). */
export interface PointsAccountTable {
  owner_id: string;
  redemptions: number;
  updated_at: Instant;
}

/** How many points an action earns, per category or for any (null). */
export interface PointsRuleTable {
  id: string;
  action: string;
  category_code: string | null;
  points: number;
  pending_days: number;
  validity_months: number;
  updated_at: Instant;
}

/** A reward in the catalogue staff manage, redeemed for a code from its pool. */
export interface RewardTable {
  id: string;
  name_nb: string;
  name_en: string;
  description_nb: string;
  description_en: string;
  cost: number;
  /** Calendar dates (YYYY-MM-DD), both inclusive; null: open. */
  active_from: string | null;
  active_to: string | null;
  codes_total: number;
  codes_issued: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface RewardRedemptionTable {
  id: string;
  owner_id: string;
  reward_id: string;
  code: string;
  points: number;
  created_at: Instant;
}

export interface RewardCodeTable {
  id: string;
  reward_id: string;
  code: string;
  /** The redemption that took it; null while it is free. */
  redemption_id: string | null;
  created_at: Instant;
}

/** The steps of a transfer request, as `src/domain/transfer.ts` names them. */
export type TransferStatus = "awaiting-owner" | "with-staff" | "transferred" | "refused" | "closed";

export interface TransferRequestTable {
  id: string;
  unit_serial: string;
  requester_id: string;
  note: string | null;
  status: TransferStatus;
  created_at: Instant;
  /** The owner asked to answer, and their registration, when the request was made (null before 2026-12-03). */
  owner_id: string | null;
  registration_id: string | null;
  answer_by: Instant | null;
  proof_key: string | null;
  proof_type: string | null;
  proof_name: string | null;
  proof_size: number | null;
  owner_answer: "accepted" | "declined" | "none" | null;
  decided_at: Instant | null;
  /** "customer" for the owner's own answer, or a staff role. */
  decided_by_role: string | null;
  decided_by_number: number | null;
  decision_reason: string | null;
}

export interface StaffMemberTable {
  number: Generated<number>;
  user_id: string;
  created_at: Instant;
}

export interface AccessLogTable {
  id: string;
  owner_id: string;
  staff_id: string;
  staff_role: string;
  staff_number: number;
  what: string;
  subject_id: string;
  reason: string;
  note: string | null;
  minute: number;
  at: Instant;
}

export interface AccessReasonTable {
  owner_id: string;
  staff_id: string;
  reason: string;
  note: string | null;
  given_at: Instant;
  expires_at: Instant;
}

/** Where a purchase date came from: see migration 2026-12-03-02. */
export type PurchaseDateSource =
  | "earlier"
  | "registration"
  | "owner"
  | "customer-service"
  | "replacement"
  | "transfer";

export interface PurchaseDateEventTable {
  id: string;
  registration_id: string;
  /** The date from then on; null when it was cleared. */
  date: string | null;
  source: PurchaseDateSource;
  staff_role: string | null;
  staff_number: number | null;
  reason: string | null;
  at: Instant;
}

export interface StaffNoteTable {
  id: string;
  owner_id: string;
  staff_id: string;
  staff_role: string;
  staff_number: number;
  text: string;
  at: Instant;
}

export interface DiscoveredDeviceTable {
  id: string;
  owner_id: string;
  source: string;
  external_id: string;
  unit_serial: string | null;
  model_code: string | null;
  display_name: string | null;
  offered: Bool;
  discovered_at: Instant;
  removed_at: Instant | null;
}

export interface ImportSeenTable {
  import_id: string;
  /** "serial:<serial>" or "imei:<imei>" */
  key: string;
  line: number;
  started_at: Instant;
}

export interface PurchaseConfirmationTable {
  id: string;
  source: "shop-order" | "activation" | "claim";
  /** The web-shop order id, the IMEI for an activation, or the approved claim's id. */
  reference: string;
  serial: string | null;
  imei: string | null;
  /** "YYYY-MM-DD": the delivery or activation date. */
  confirmed_on: string;
  received_at: Instant;
  dedupe_key: string;
}

export interface CalendarFeedTable {
  owner_id: string;
  token: string;
  created_at: Instant;
}

export type ClaimStatus = "submitted" | "in-review" | "more-info" | "approved" | "rejected";

export interface WarrantyClaimTable {
  id: string;
  registration_id: string;
  owner_id: string;
  unit_serial: string;
  /** The unit's model when the claim was made (null only for a claim whose unit was never known). */
  model_code: string | null;
  purchase_date: string;
  seller: string;
  status: ClaimStatus;
  created_at: Instant;
  updated_at: Instant;
}

export interface ClaimFileTable {
  id: string;
  claim_id: string;
  storage_key: string;
  media_type: string;
  size: number;
  name: string;
  created_at: Instant;
}

export interface ClaimEventTable {
  id: string;
  claim_id: string;
  actor_role: string;
  /** submitted, reply, in-review, more-info, approved, rejected */
  kind: string;
  message: string | null;
  created_at: Instant;
}

export type DataExportStatus = "queued" | "building" | "ready" | "failed" | "expired";

export interface DataExportTable {
  id: string;
  owner_id: string;
  status: DataExportStatus;
  /** Per cent of the areas written. */
  progress: number;
  requested_at: Instant;
  ready_at: Instant | null;
  expires_at: Instant | null;
  storage_key: string | null;
  size: number | null;
  error: string | null;
}

/** What an owner answers: the three consents, and the terms and privacy notice taken at sign-up. */
export type ConsentPurposeColumn =
  | "recommendations"
  | "marketing-mail"
  | "app-own-devices"
  | "terms"
  | "privacy-notice";
/** Where the answer was given. */
export type ConsentSourceColumn = "sign-up" | "web" | "app";

export interface ConsentEventTable {
  id: string;
  owner_id: string;
  purpose: ConsentPurposeColumn;
  given: Bool;
  text_version: string;
  source: ConsentSourceColumn;
  at: Instant;
}

export interface WebhookEventTable {
  source: string;
  event_id: string;
  received_at: Instant;
}

export interface DeviceAuthorizationTable {
  /** SHA-256 of the device code: the code itself is never stored. */
  device_code_hash: string;
  user_code: string;
  client_id: string;
  tv_serial: string | null;
  tv_model: string | null;
  /** pending, approved, denied, used */
  status: string;
  user_id: string | null;
  interval_seconds: number;
  expires_at: Instant;
  last_poll_at: Instant | null;
}

export interface DeviceTokenTable {
  /** SHA-256 of the token: the token itself is never stored. */
  token_hash: string;
  /** tv or scanner: which routes the token reaches. */
  client: string;
  owner_id: string;
  client_id: string;
  /** The TV the owner agreed to, when the grant named one. */
  tv_serial: string | null;
  tv_model: string | null;
  created_at: Instant;
  expires_at: Instant;
}

export interface SignInFailureTable {
  /** HMAC-SHA256 of the normalized email: the address itself is not stored. */
  account_key: string;
  /** Sign-in attempts that did not succeed, counted as each one starts. */
  failures: number;
  last_attempt_at: Instant;
  /** Until when the next attempt is refused without checking the password. */
  locked_until: Instant | null;
}

/** When a registration's next warranty reminder is due; no row once none remains. */
export interface WarrantyReminderTable {
  registration_id: string;
  /** "YYYY-MM-DD" */
  due_on: string;
}

/** Which process runs a background job now, until when (renewed while it runs). */
export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: Instant;
}

/** A service partner: a company whose centres repair products, with the hash of its API key. */
export interface ServicePartnerTable {
  id: string;
  name: string;
  /** SHA-256 of the partner's API key: the key itself is never stored. */
  key_hash: string | null;
  webhook_url: string | null;
  /** The secret our webhooks to the partner are signed with (HMAC-SHA256). */
  webhook_secret: string | null;
  updated_at: Instant;
}

/** A partner that may look up warranties (DESIGN B9), with the hash of its key and its limit. */
export interface LookupClientTable {
  id: string;
  name: string;
  /** SHA-256 of the look-up key: the key itself is never stored. */
  key_hash: string;
  /** Look-ups a minute the key may make. */
  per_minute: number;
  created_at: Instant;
  /** When the operator revoked the key; null while it works. */
  revoked_at: Instant | null;
}

export interface ServiceCentreTable {
  id: string;
  partner_id: string;
  name: string;
  address_line: string;
  postal_code: string;
  city: string;
  phone: string | null;
  active: Bool;
  updated_at: Instant;
}

/** A centre serves a category by a channel in a range of postcodes. */
export interface ServiceCoverageTable {
  centre_id: string;
  category_code: string;
  channel: string;
  postcode_from: string;
  postcode_to: string;
}

/** What a category's repair request asks (faults, conditions as JSON) and its repair warranty. */
export interface RepairCategoryTable {
  category_code: string;
  repair_warranty_months: number;
  channels: string;
  faults: string;
  conditions: string;
}

export interface RepairTable {
  id: string;
  request_number: string;
  job_number: string | null;
  owner_id: string;
  registration_id: string;
  unit_serial: string;
  model_code: string;
  category_code: string;
  fault_code: string;
  fault_text: string;
  fault_started_on: string | null;
  channel: string;
  contact_phone: string;
  address_line: string;
  postal_code: string;
  city: string;
  time_window: string | null;
  /** JSON: the codes of the conditions the owner confirmed. */
  conditions: string;
  verdict: string;
  verdict_overridden: Bool;
  /** One of `REPAIR_STATUSES` (src/domain/repair-lifecycle.ts); queries narrow it. */
  status: string;
  /** When the current status happened, by the reporter's clock: an older event never overwrites it. */
  status_at: Instant;
  /** The partner's own time of the last event it reported that was applied: "older" is judged against it. */
  partner_event_at: Instant | null;
  delay: string | null;
  centre_id: string | null;
  /** JSON: the quote waiting for (or given) the owner's answer. */
  quote: string | null;
  /** JSON: the parts ordered, with their expected dates. */
  parts: string | null;
  diagnosis: string | null;
  faulty_serial: string | null;
  replacement_serial: string | null;
  /** JSON: the parts the centre used. */
  parts_used: string | null;
  collection_place: string | null;
  return_tracking: string | null;
  completed_on: string | null;
  repair_warranty_end: string | null;
  /** SHA-256 of the tracking link's token; null when the owner revoked it. */
  tracking_hash: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface RepairEventTable {
  id: string;
  repair_id: string;
  actor: string;
  kind: string;
  status: string | null;
  /** Whether the event changed the repair (a late, older status is recorded but not applied). */
  applied: Bool;
  occurred_at: Instant;
  recorded_at: Instant;
  partner_id: string | null;
  partner_event_id: string | null;
  detail: string | null;
  /** JSON: what the partner was answered, given again when the same event is sent again. */
  answer: string | null;
}

export interface RepairPhotoTable {
  id: string;
  repair_id: string;
  slot: number;
  storage_key: string;
  media_type: string;
  size: number;
  created_at: Instant;
}

/** An announcement or the top message, written by staff (`src/features/content/`). */
export interface ContentItemTable {
  id: string;
  kind: string;
  status: string;
  title_nb: string;
  title_en: string;
  body_nb: string;
  body_en: string;
  link_url: string | null;
  link_label_nb: string | null;
  link_label_en: string | null;
  image_id: string | null;
  image_alt_nb: string | null;
  image_alt_en: string | null;
  audience: string;
  audience_value: string | null;
  starts_at: Instant;
  ends_at: Instant;
  published_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ContentImageTable {
  id: string;
  storage_key: string;
  media_type: string;
  size: number;
  width: number | null;
  height: number | null;
  created_by: string | null;
  created_at: Instant;
}

export interface FaqEntryTable {
  id: string;
  category_code: string | null;
  question_nb: string;
  question_en: string;
  answer_nb: string;
  answer_en: string;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

/** How many owners have an active registration of both models (recommendations, R11). */
export interface CoOwnershipTable {
  model_code: string;
  other_code: string;
  owners: number;
}

/** The postal register (src/features/profile/postcodes.ts): the place of each postcode, per country. */
export interface PostcodeTable {
  country: string;
  code: string;
  place: string;
}

export interface Tables {
  postcode: PostcodeTable;
  co_ownership: CoOwnershipTable;
  service_partner: ServicePartnerTable;
  lookup_client: LookupClientTable;
  service_centre: ServiceCentreTable;
  service_coverage: ServiceCoverageTable;
  repair_category: RepairCategoryTable;
  repair: RepairTable;
  repair_event: RepairEventTable;
  repair_photo: RepairPhotoTable;
  content_item: ContentItemTable;
  content_image: ContentImageTable;
  faq_entry: FaqEntryTable;
  warranty_reminder: WarrantyReminderTable;
  job_lease: JobLeaseTable;
  sign_in_failure: SignInFailureTable;
  device_authorization: DeviceAuthorizationTable;
  device_token: DeviceTokenTable;
  webhook_event: WebhookEventTable;
  consent_event: ConsentEventTable;
  data_export: DataExportTable;
  warranty_claim: WarrantyClaimTable;
  claim_file: ClaimFileTable;
  claim_event: ClaimEventTable;
  calendar_feed: CalendarFeedTable;
  purchase_confirmation: PurchaseConfirmationTable;
  import_seen: ImportSeenTable;
  registration: RegistrationTable;
  points_ledger: PointsLedgerTable;
  points_account: PointsAccountTable;
  points_rule: PointsRuleTable;
  reward: RewardTable;
  reward_redemption: RewardRedemptionTable;
  reward_code: RewardCodeTable;
  transfer_request: TransferRequestTable;
  staff_member: StaffMemberTable;
  access_log: AccessLogTable;
  access_reason: AccessReasonTable;
  purchase_date_event: PurchaseDateEventTable;
  staff_note: StaffNoteTable;
  discovered_device: DiscoveredDeviceTable;
  category: CategoryTable;
  category_warranty: CategoryWarrantyTable;
  warranty_plan: WarrantyPlanTable;
  unit_coverage: UnitCoverageTable;
  model: ModelTable;
  model_gtin: ModelGtinTable;
  model_link: ModelLinkTable;
  document: DocumentTable;
  unit: UnitTable;
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rateLimit: RateLimitTable;
  profile: ProfileTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
}

/** @example toInstant(new Date(0)) // "1970-01-01T00:00:00.000Z" */
export function toInstant(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  // What the portal writes is in this form already (SQLite keeps it as written).
  return INSTANT.test(value) ? value : new Date(value).toISOString();
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** @example toBool(1) // true */
export function toBool(value: boolean | number): boolean {
  return value === true || value === 1;
}
