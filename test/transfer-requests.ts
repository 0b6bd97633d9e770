import { PDF } from "./claim-requests.ts";
import { multipart, type SignedIn, type TestApp } from "./harness.ts";

/** What the transfer tests send, as the web client sends it. For tests only. */

/** POST a request for the product with this serial or IMEI, with a receipt as the proof. */
export function askTransferRequest(t: TestApp, who: SignedIn, identifier: string, note = "Bought it used.") {
  const body = multipart({ identifier, note }, { name: "kvittering.pdf", bytes: PDF });
  return t.app.inject({
    method: "POST",
    url: "/api/v1/transfer-requests",
    headers: { ...who.headers, ...body.headers },
    payload: body.payload,
  });
}

/** POST the owner's answer to a request for their product. */
export function answerTransferRequest(
  t: TestApp,
  owner: SignedIn,
  id: string,
  decision: "accept" | "decline",
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/transfer-requests/${id}/answer`,
    headers: owner.headers,
    payload: { decision },
  });
}
