import multipartPlugin from "@fastify/multipart";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipart } from "../../test/harness.ts";
import { readMultipartForm } from "./multipart-form.ts";
import { Problem } from "./problem.ts";

/**
 * A route's own file limit (`maxFileBytes`), lower than the plugin's: the form's reading stops at
 * it, so a file between the two limits is refused before it is held whole.
 */
describe("a route's own limit on a multipart file", () => {
  const PLUGIN_LIMIT = 1000;
  const ROUTE_LIMIT = 100;
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(multipartPlugin, { limits: { fileSize: PLUGIN_LIMIT, files: 1, fields: 10 } });
    const tooLarge = () => new Problem("content.image_too_large", "Too large.");
    const read = async (request: FastifyRequest, limit?: number) => {
      try {
        const { file } =
          limit === undefined
            ? await readMultipartForm(request, tooLarge)
            : await readMultipartForm(request, tooLarge, { maxFileBytes: limit });
        return { bytes: file?.bytes.length ?? null };
      } catch (error) {
        return { code: error instanceof Problem ? error.code : String(error) };
      }
    };
    app.post("/plugin-limit", async (request) => read(request));
    app.post("/route-limit", async (request) => read(request, ROUTE_LIMIT));
    await app.ready();
  });
  afterAll(() => app.close());

  const send = (url: string, size: number) => {
    const body = multipart(
      {},
      { name: "f.png", field: "image", bytes: new Uint8Array(size), type: "image/png" },
    );
    return app.inject({ method: "POST", url, headers: body.headers, payload: body.payload });
  };

  it("refuses a file over the route's limit as too large, though the plugin's would take it", async () => {
    expect((await send("/plugin-limit", 500)).json()).toEqual({ bytes: 500 });
    expect((await send("/route-limit", 500)).json()).toEqual({ code: "content.image_too_large" });
    expect((await send("/route-limit", ROUTE_LIMIT + 1)).json()).toEqual({ code: "content.image_too_large" });
  });

  it("takes a file of the route's limit exactly, and keeps the plugin's other limits", async () => {
    expect((await send("/route-limit", ROUTE_LIMIT)).json()).toEqual({ bytes: ROUTE_LIMIT });
    expect((await send("/plugin-limit", PLUGIN_LIMIT + 1)).json()).toEqual({
      code: "content.image_too_large",
    });
    const two =
      '--b\r\nContent-Disposition: form-data; name="a"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nx\r\n' +
      '--b\r\nContent-Disposition: form-data; name="b"; filename="b.png"\r\nContent-Type: image/png\r\n\r\ny\r\n--b--\r\n';
    const res = await app.inject({
      method: "POST",
      url: "/route-limit",
      headers: { "content-type": "multipart/form-data; boundary=b" },
      payload: two,
    });
    expect(res.json()).toEqual({ code: "request.too_many_parts" });
  });
});
