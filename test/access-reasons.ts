import type { SignedIn, TestApp } from "./harness.ts";

/** What the access-log tests send, as the web client sends it. For tests only. */

/** POST a staff member's reason for opening an owner's records. */
export function giveReasonRequest(
  t: TestApp,
  staff: SignedIn,
  ownerId: string,
  payload: object = { reason: "owner-contact", note: "The owner called about the product." },
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/staff/customers/${encodeURIComponent(ownerId)}/access-reason`,
    headers: staff.headers,
    payload,
  });
}
