import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { imageSize } from "../../domain/image-size.ts";
import { parseLabel } from "../../domain/label.ts";
import type { Actor } from "../../server/actor.ts";
import { Problem } from "../../server/problem.ts";
import { findCategory, findModelByGtin } from "../catalogue/queries.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import type { Channel } from "../registration/schemas.ts";
import { identify, register } from "../registration/service.ts";
import { type DecodePool, DecodeRefused } from "./decode-pool.ts";
import type { DecodedCode } from "./decoder.ts";

const QR_FORMATS = new Set(["QRCode", "MicroQRCode", "rMQRCode", "DataMatrix", "Aztec"]);

export type LabelMeaning =
  | {
      kind: "registration";
      identifier: string;
      model: ReturnType<typeof presentModelSummary> | null;
      categoryCode: string | null;
    }
  | {
      kind: "use-serial";
      categoryCode: string;
      model: ReturnType<typeof presentModelSummary> | null;
      reason: "qr_not_allowed";
    }
  | { kind: "pairing"; platform: string }
  | { kind: "product-code"; model: ReturnType<typeof presentModelSummary> | null }
  | { kind: "unknown"; reason: string };

/**
 * What one decoded code means for registration: a GS1 label of a category that allows QR
 * registration (R5), a bare serial or IMEI, the smart-home pairing code (explained, never
 * registered), a product code without a serial, or nothing usable.
 */
export async function interpretLabel(
  database: Database,
  text: string,
  format: string,
): Promise<LabelMeaning> {
  const reading = parseLabel(text);
  switch (reading.kind) {
    case "pairing":
      return { kind: "pairing", platform: reading.platform };
    case "unknown":
      return { kind: "unknown", reason: reading.reason };
    case "gs1": {
      const model = await findModelByGtin(database.db, reading.gtin);
      if (!model) return { kind: "unknown", reason: "unknown-gtin" };
      const summary = presentModelSummary(model);
      if (!reading.serial) return { kind: "product-code", model: summary };
      const category = await findCategory(database.db, model.category_code);
      if (QR_FORMATS.has(format) && category && !category.qrRegistration) {
        return { kind: "use-serial", categoryCode: category.code, model: summary, reason: "qr_not_allowed" };
      }
      return {
        kind: "registration",
        identifier: reading.serial.toUpperCase(),
        model: summary,
        categoryCode: model.category_code,
      };
    }
    case "plain": {
      const found = await identify(database.db, reading.value, undefined);
      if (!found.ok)
        return {
          kind: "registration",
          identifier: reading.value,
          model: found.check.model,
          categoryCode: found.check.categoryCode,
        };
      if (QR_FORMATS.has(format) && !found.category.qrRegistration) {
        return {
          kind: "use-serial",
          categoryCode: found.category.code,
          model: found.model,
          reason: "qr_not_allowed",
        };
      }
      return {
        kind: "registration",
        identifier: found.normalized,
        model: found.model,
        categoryCode: found.category.code,
      };
    }
  }
}

/** Past this size (a 16-megapixel photo) the decoding worker is replaced once it is done. */
const RECYCLE_ABOVE_PIXELS = 16_000_000;

/** How long a client that found every decoder busy is asked to wait, in seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * Decodes an uploaded photo of a label: every code found, with its format and meaning. A photo
 * whose size cannot be read from its structure is refused, never decoded.
 */
export async function decodeLabelPhoto(
  database: Database,
  config: Config,
  decoder: DecodePool,
  bytes: Uint8Array,
) {
  const size = imageSize(bytes);
  if (!size) throw new Problem("label.not_an_image", "Send a photo as PNG or JPEG.");
  if (size.decodePixels > config.labelMaxPixels) {
    throw new Problem("label.too_many_pixels", `The photo has more than ${config.labelMaxPixels} pixels.`, {
      width: size.width,
      height: size.height,
    });
  }
  let codes: DecodedCode[];
  try {
    // A large photo leaves its decoder's memory grown for good: that worker is replaced after it.
    codes = await decoder.decode(bytes, { recycle: size.decodePixels > RECYCLE_ABOVE_PIXELS });
  } catch (error) {
    const reason = error instanceof DecodeRefused ? error.reason : "failed";
    if (reason === "busy" || reason === "closed")
      throw new Problem("label.busy", "Other photos are being read. Try again in a moment.", {
        retryAfter: BUSY_RETRY_AFTER_SECONDS,
      });
    if (reason === "timeout") throw new Problem("label.decode_timeout", "Reading the photo took too long.");
    throw new Problem("label.unreadable", "The image could not be read.");
  }
  return {
    codes: await Promise.all(
      codes.map(async (c) => ({ ...c, meaning: await interpretLabel(database, c.text, c.format) })),
    ),
  };
}

/**
 * Registers the product a label names, with the channel the owner used (web or app, QR code or
 * barcode). A label that is not for registration gets its own problem code.
 */
export async function registerFromLabel(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  input: { payload: string; format: string },
) {
  const meaning = await interpretLabel(database, input.payload, input.format);
  if (meaning.kind === "pairing")
    throw new Problem(
      "label.pairing_code",
      "This is the code for pairing in the smart-home app, not for registration.",
    );
  if (meaning.kind === "use-serial") {
    throw new Problem(
      "label.qr_not_allowed",
      "Products of this type are registered by serial number or IMEI, not by QR code.",
      {
        categoryCode: meaning.categoryCode,
        model: meaning.model,
      },
    );
  }
  if (meaning.kind === "product-code")
    throw new Problem("identifier.box_code", "This code names the model, not the unit.", {
      model: meaning.model,
    });
  if (meaning.kind === "unknown")
    throw new Problem("label.unknown", "This code is not a product label we know.", {
      reason: meaning.reason,
    });
  const qr = QR_FORMATS.has(input.format);
  // The channel follows the client: the members app, or the web app's camera.
  const channel: Channel = actor.client === "app" ? (qr ? "app-qr" : "app-barcode") : "web-qr";
  return register(
    database,
    config,
    clock,
    actor,
    {
      identifier: meaning.identifier,
      ...(meaning.categoryCode ? { productType: meaning.categoryCode } : {}),
    },
    channel,
  );
}
