import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionRequest, VALID_FORM } from "../../test/claim-requests.ts";
import { freshOwner, registeredProduct } from "../../test/factories.ts";
import { seedCatalogue } from "../../test/fixtures.ts";
import {
  dialects,
  multipart,
  type SignedIn,
  signedInUser,
  startTestApp,
  type TestApp,
} from "../../test/harness.ts";

const ID = "00000000-0000-4000-8000-000000000000";
const ROUTES = [`/api/v1/registrations/${ID}/claims`, `/api/v1/claims/${ID}/reply`, "/api/v1/labels/decode"];

/** Forms broken in each way a client (or an attacker) can break one. */
const BROKEN: { name: string; type: string; body: string; status: number; code: string }[] = [
  {
    name: "no boundary",
    type: "multipart/form-data",
    body: "--x\r\n\r\n",
    status: 400,
    code: "request.malformed_multipart",
  },
  {
    name: "an empty boundary",
    type: "multipart/form-data; boundary=",
    body: "--\r\n",
    status: 400,
    code: "request.malformed_multipart",
  },
  {
    name: "a truncated part",
    type: "multipart/form-data; boundary=b",
    body: '--b\r\nContent-Disposition: form-data; name="seller"\r\n\r\nShop',
    status: 400,
    code: "request.malformed_multipart",
  },
  {
    name: "a part without headers' end",
    type: "multipart/form-data; boundary=b",
    body: '--b\r\nContent-Disposition: form-data; name="seller"',
    status: 400,
    code: "request.malformed_multipart",
  },
  {
    name: "two files",
    type: "multipart/form-data; boundary=b",
    body:
      '--b\r\nContent-Disposition: form-data; name="proof"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n' +
      '--b\r\nContent-Disposition: form-data; name="proof"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n',
    status: 413,
    code: "request.too_many_parts",
  },
  {
    name: "too many fields",
    type: "multipart/form-data; boundary=b",
    body: `${Array.from({ length: 12 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("")}--b--\r\n`,
    status: 413,
    code: "request.too_many_parts",
  },
];

for (const dialect of dialects()) {
  describe(`broken multipart forms on ${dialect}`, () => {
    let t: TestApp;
    let owner: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      owner = await signedInUser(t);
    });
    afterAll(() => t.close());

    for (const route of ROUTES) {
      for (const form of BROKEN) {
        it(`answers ${form.name} to ${route.replace(ID, ":id")} with ${form.status} ${form.code}`, async () => {
          const res = await t.app.inject({
            method: "POST",
            url: route,
            headers: { ...owner.headers, "content-type": form.type },
            payload: form.body,
          });
          expect(res.statusCode).toBe(form.status);
          expect(res.json().code).toBe(form.code);
        });
      }
    }

    it("refuses a NUL character in a text field or a file name, before anything is stored", async () => {
      for (const [fields, name] of [
        [{ purchaseDate: "2025-01-02", seller: "Shop\u0000X" }, "receipt.pdf"],
        [{ purchaseDate: "2025-01-02", seller: "Shop" }, "rec\u0000eipt.pdf"],
      ] as const) {
        const form = multipart(fields, { name, bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") });
        const res = await t.app.inject({
          method: "POST",
          url: ROUTES[0] as string,
          headers: { ...owner.headers, ...form.headers },
          payload: form.payload,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.nul_character");
      }
    });
  });
}

/**
 * A form as Node's own FormData sends it when a file is appended with the name "": the file part
 * has no `filename` at all, and the type application/octet-stream.
 */
async function formWithUnnamedFile(fields: Record<string, string>, bytes: string | null) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (bytes !== null) form.append("proof", new Blob([bytes]), "");
  const encoded = new Response(form);
  const payload = Buffer.from(await encoded.arrayBuffer());
  expect(payload.toString()).toMatch(/name="proof"\r\nContent-Type: application\/octet-stream/);
  return { payload, headers: { "content-type": encoded.headers.get("content-type") ?? "" } };
}

for (const dialect of dialects()) {
  describe(`a file part without a file name on ${dialect}`, () => {
    let t: TestApp;
    let reviewer: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
      reviewer = await freshOwner(t, "reviewer");
    });
    afterAll(() => t.close());

    const post = async (
      url: string,
      headers: Record<string, string>,
      form: Awaited<ReturnType<typeof formWithUnnamedFile>>,
    ) =>
      t.app.inject({ method: "POST", url, headers: { ...headers, ...form.headers }, payload: form.payload });

    /** A fresh owner's claim on a fresh fridge, which a reviewer asked more about. */
    async function claimWaitingForReply() {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const form = await formWithUnnamedFile(VALID_FORM, "%PDF-1.4 x");
      const submitted = await post(`/api/v1/registrations/${registrationId}/claims`, owner.headers, form);
      expect(submitted.statusCode).toBe(201);
      const claimId = submitted.json().id as string;
      const asked = await decisionRequest(t, reviewer.headers, claimId, {
        decision: "more-info",
        reason: "Which shop?",
      });
      expect(asked.statusCode).toBe(200);
      return { owner, claimId };
    }

    it("takes the file of a claim and calls it proof", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const form = await formWithUnnamedFile(VALID_FORM, "%PDF-1.4 x");
      const res = await post(`/api/v1/registrations/${registrationId}/claims`, owner.headers, form);
      expect(res.statusCode).toBe(201);
      expect(res.json().files).toMatchObject([{ name: "proof", mediaType: "application/pdf" }]);
    });

    it("takes the file of a reply and calls it proof", async () => {
      const { owner, claimId } = await claimWaitingForReply();
      const form = await formWithUnnamedFile({ message: "From Elkjøp." }, "%PDF-1.4 x");
      const res = await post(`/api/v1/claims/${claimId}/reply`, owner.headers, form);
      expect(res.statusCode).toBe(200);
      expect(res.json().files.map((f: { name: string }) => f.name)).toEqual(["proof", "proof"]);
    });

    it("treats an empty file part without a name as no file: a claim needs one, a reply does not", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const claim = await post(
        `/api/v1/registrations/${registrationId}/claims`,
        owner.headers,
        await formWithUnnamedFile(VALID_FORM, ""),
      );
      expect(claim.statusCode).toBe(400);
      expect(claim.json().code).toBe("claim.file_missing");
      const waiting = await claimWaitingForReply();
      const reply = await post(
        `/api/v1/claims/${waiting.claimId}/reply`,
        waiting.owner.headers,
        await formWithUnnamedFile({ message: "From Elkjøp." }, ""),
      );
      expect(reply.statusCode).toBe(200);
      expect(reply.json().files).toHaveLength(1);
    });
  });
}
