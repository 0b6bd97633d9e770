/**
 * Every error code the portal answers with, and its HTTP status: the one catalogue. A code is a
 * stable id (`area.reason`) that clients and the web app key on; each has a sentence in nb and en
 * under `error.<code>` (a test checks it), and the OpenAPI document lists each route's codes.
 *
 * Codes from better-auth's own endpoints are listed under `auth.*` as the proxy passes them on,
 * with the status better-auth gives them.
 */
export const ERROR_CODES = {
  // Who is calling
  "auth.required": 401,
  "auth.forbidden": 403,
  "auth.csrf": 403,
  "auth.client_not_allowed": 403,
  "service.key_required": 401,
  "service.key_invalid": 401,

  // better-auth's endpoints, passed on
  "auth.invalid_email_or_password": 401,
  "auth.email_not_verified": 403,
  "auth.user_already_exists": 422,
  "auth.user_already_exists_use_another_email": 422,
  "auth.password_too_short": 400,
  "auth.password_too_long": 400,
  "auth.password_weak": 400,
  "auth.invalid_password": 400,
  "auth.invalid_email": 400,
  "auth.invalid_token": 400,
  "auth.token_expired": 400,
  "auth.session_expired": 401,
  "auth.name_invalid": 400,
  "auth.account_locked_briefly": 429,
  "auth.too_many_requests": 429,
  "auth.validation_error": 400,
  "auth.email_already_verified": 400,
  "auth.invalid_origin": 403,
  "auth.terms_not_accepted": 400,

  // The request itself
  "request.invalid": 400,
  "request.malformed_json": 400,
  "request.malformed": 400,
  "request.malformed_multipart": 400,
  "request.bad_url": 400,
  "request.nul_character": 400,
  "request.stream_broken": 400,
  "request.timeout": 408,
  "request.too_large": 413,
  "request.line_too_long": 413,
  "request.too_many_parts": 413,
  "request.uri_too_long": 414,
  "request.media_type": 415,
  "request.headers_too_large": 431,
  "request.rate_limited": 429,
  "request.method_not_allowed": 405,
  "route.not_found": 404,
  "server.error": 500,

  // Catalogue and units
  "catalogue.invalid": 422,
  "model.not_found": 404,
  "category.not_found": 404,
  "document.not_found": 404,
  "import.format": 400,

  // Registration
  "identifier.empty": 422,
  "identifier.charset": 422,
  "identifier.check_digit": 422,
  "identifier.imeisv": 422,
  "identifier.length": 422,
  "identifier.no_letter": 422,
  "identifier.look_alike": 422,
  "identifier.kind_mismatch": 422,
  "identifier.box_code": 422,
  "identifier.not_found": 422,
  "product.not_registrable": 422,
  "product_type.unknown": 422,
  "registration.product_type_mismatch": 422,
  "registration.not_found": 404,
  "registration.taken": 409,
  "registration.already_yours": 409,
  "registration.purchase_date_future": 422,
  "registration.purchase_date_before_manufacture": 422,
  "transfer.not_needed": 409,
  "transfer.not_found": 404,
  "transfer.proof_missing": 400,
  "transfer.not_waiting": 409,
  "transfer.decided": 409,
  "transfer.unit_moved": 409,
  "points.insufficient": 409,
  "reward.not_found": 404,
  "reward.out_of_stock": 409,
  "reward.not_available": 409,
  "reward.codes_duplicate": 409,
  "reward.codes_too_many": 413,
  "points_rule.not_found": 404,
  "points_rule.category_unknown": 422,
  "discovered_device.not_found": 404,
  "discovered.not_offered": 422,
  "app.consent_required": 409,
  "consent.text_outdated": 409,
  "export.not_found": 404,
  "account.password_wrong": 403,
  "profile.not_found": 404,
  "profile.postcode_invalid": 400,
  "calendar.not_found": 404,
  "confirmation.date_future": 422,
  "confirmation.date_before_manufacture": 422,
  "confirmation.imei_invalid": 422,
  "confirmation.identifier_invalid": 422,
  "coverage.plan_unknown": 422,
  "coverage.unit_unknown": 422,
  "coverage.dates_inverted": 422,
  "coverage.before_manufacture": 422,
  "coverage.overlap": 422,

  // Labels
  "label.photo_missing": 400,
  "label.file_too_large": 413,
  "label.too_many_pixels": 413,
  "label.not_an_image": 415,
  "label.unreadable": 422,
  "label.unknown": 422,
  "label.pairing_code": 422,
  "label.qr_not_allowed": 422,
  "label.decode_timeout": 422,
  "label.busy": 503,

  // Claims
  "claim.not_found": 404,
  "file.not_found": 404,
  "claim.file_missing": 400,
  "claim.file_too_large": 413,
  "claim.too_many_pixels": 413,
  "claim.file_type": 415,
  "claim.open_exists": 409,
  "claim.not_waiting": 409,
  "claim.decided": 409,
  "claim.changed": 409,
  "claim.reason_required": 422,

  // Repairs
  "repair.not_found": 404,
  "repair.not_yours": 403,
  "repair.not_repairable_here": 422,
  "repair.fault_unknown": 422,
  "repair.channel_unavailable": 422,
  "repair.time_window_required": 422,
  "repair.conditions_unconfirmed": 422,
  "repair.open_exists": 409,
  "repair.status_not_allowed": 409,
  "repair.changed": 409,
  "repair.quote_required": 422,
  "repair.replacement_serial_required": 422,
  "repair.replacement_taken": 409,
  "repair.too_many_photos": 409,
  "repair.photo_type": 415,
  "repair.photo_too_large": 413,
  "repair.too_many_pixels": 413,
  "repair.photo_missing": 400,
  "repair.event_empty": 422,
  "repair.event_in_future": 422,
  "repair.quote_without_status": 422,
  "repair.fault_date_future": 422,
  "repair.centre_unsuitable": 422,
  "photo.not_found": 404,
  "partner.key_required": 401,
  "partner.key_invalid": 401,
  "partner.not_found": 404,
  "lookup_client.not_found": 404,
  "service_network.invalid": 422,

  // Customer service: the access log
  "access.reason_required": 403,
  "customer.not_found": 404,
  "customer.already_verified": 409,
  "staff.not_found": 404,
  "staff.email_taken": 409,
  "staff.self": 409,
  "registration.purchase_date_unchanged": 409,

  // Devices (TV, scanner) and the smart-home webhook
  "device.code_invalid": 404,
  "tv.model_unknown": 422,
  "tv.not_supported": 422,
  "tv.serial_mismatch": 422,
  "tv.not_this_tv": 403,
  "webhook.signature": 401,
  "webhook.stale": 401,
  "webhook.unknown_account": 422,
  "webhook.not_configured": 503,

  // What staff write for owners: announcements, the top message, the FAQ
  "content.not_found": 404,
  "content.text_missing": 400,
  "content.dates_order": 400,
  "content.date_range": 400,
  "content.link_invalid": 400,
  "content.audience_unknown": 400,
  "content.image_unknown": 400,
  "content.image_type": 400,
  "content.image_too_large": 413,
  "content.image_missing": 400,
  "content_image.not_found": 404,
  "faq.not_found": 404,
  "faq.category_unknown": 400,

  // The demo mailbox
  "dev_mail.local_only": 403,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The things a 404 can be about: every `<subject>.not_found` code. */
export type NotFoundSubject = ErrorCode extends infer C
  ? C extends `${infer S}.not_found`
    ? S
    : never
  : never;

/** @example isErrorCode("claim.decided") // true */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
