import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { parsePostcodeRange } from "../../domain/repair-channel.ts";
import { Problem } from "../../server/problem.ts";
import {
  deactivateCentresNotIn,
  deleteRepairCategoriesNotIn,
  findPartnerByKeyHash,
  knownCategoryCodes,
  knownPartnerIds,
  replaceCoverage,
  setPartnerKey,
  upsertCentre,
  upsertPartner,
  upsertRepairCategory,
} from "./queries.ts";
import type { ServiceNetwork } from "./schemas.ts";

/** The service network the operator imports, and the keys its partners call the portal with. */

/** How a partner's key is stored and found: its SHA-256, never the key (warranty look-up keys too). */
export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * Replaces the service network with the one given, in one transaction: partners and centres are
 * updated in place (a partner keeps its key; a centre left out stops taking new requests but keeps
 * its jobs), coverage and the repair settings of each category named are replaced. A centre of an
 * unknown partner or a category the catalogue does not have refuses the whole import.
 *
 * @example
 * await importServiceNetwork(database, clock, JSON.parse(readFileSync("network.json", "utf8")));
 */
export async function importServiceNetwork(database: Database, clock: Clock, network: ServiceNetwork) {
  const at = clock.now();
  const categories = [
    ...new Set([
      ...network.categories.map((c) => c.code),
      ...network.centres.flatMap((c) => c.serves.flatMap((s) => s.categories)),
    ]),
  ];
  return database.db.transaction().execute(async (trx) => {
    const known = await knownCategoryCodes(trx, categories);
    const unknown = categories.filter((c) => !known.has(c));
    for (const partner of network.partners)
      await upsertPartner(trx, {
        id: partner.id,
        name: partner.name,
        webhookUrl: partner.webhookUrl ?? null,
        at,
      });
    const partners = await knownPartnerIds(trx);
    const orphans = network.centres.filter((c) => !partners.has(c.partner)).map((c) => c.id);
    if (unknown.length > 0 || orphans.length > 0) {
      throw new Problem(
        "service_network.invalid",
        "The service network names categories or partners that do not exist.",
        {
          unknownCategories: unknown,
          centresWithoutPartner: orphans,
        },
      );
    }
    const coverage = [];
    for (const centre of network.centres) {
      await upsertCentre(trx, {
        id: centre.id,
        partner_id: centre.partner,
        name: centre.name,
        address_line: centre.address,
        postal_code: centre.postalCode,
        city: centre.city,
        phone: centre.phone ?? null,
        active: centre.active,
        at,
      });
      for (const serves of centre.serves)
        for (const category_code of serves.categories)
          for (const channel of serves.channels)
            for (const text of serves.postcodes) {
              const range = parsePostcodeRange(text);
              if (range)
                coverage.push({
                  centre_id: centre.id,
                  category_code,
                  channel,
                  postcode_from: range.from,
                  postcode_to: range.to,
                });
            }
    }
    await deactivateCentresNotIn(
      trx,
      network.centres.map((c) => c.id),
      at,
    );
    await replaceCoverage(trx, coverage);
    await deleteRepairCategoriesNotIn(
      trx,
      network.categories.map((c) => c.code),
    );
    for (const category of network.categories) {
      await upsertRepairCategory(trx, {
        category_code: category.code,
        repair_warranty_months: category.repairWarrantyMonths,
        channels: JSON.stringify(category.channels),
        faults: JSON.stringify(category.faults),
        conditions: JSON.stringify(category.conditions),
      });
    }
    return {
      partners: network.partners.length,
      centres: network.centres.length,
      coverage: coverage.length,
      categories: network.categories.length,
    };
  });
}

/**
 * Issues a partner a new API key and webhook secret, shown once; the old key stops working.
 *
 * @example
 * const { key, webhookSecret } = await issuePartnerKey(database, clock, "elektroservice");
 */
export async function issuePartnerKey(database: Database, clock: Clock, partnerId: string) {
  const key = `sp_${randomBytes(24).toString("base64url")}`;
  const webhookSecret = randomBytes(24).toString("base64url");
  const issued = await database.db
    .transaction()
    .execute((trx) => setPartnerKey(trx, partnerId, hashKey(key), webhookSecret, clock.now()));
  if (!issued) throw new Problem("partner.not_found", `No service partner ${partnerId}.`);
  return { key, webhookSecret };
}

export interface Partner {
  id: string;
  name: string;
}

/** The partner whose key the request sends in `x-partner-key`. */
export async function partnerOfKey(
  database: Database,
  sent: string | string[] | undefined,
): Promise<Partner> {
  if (typeof sent !== "string" || sent.length === 0)
    throw new Problem("partner.key_required", "Send your partner key in the x-partner-key header.");
  if (sent.length > 200) throw new Problem("partner.key_invalid", "The partner key is not valid.");
  const partner = await findPartnerByKeyHash(database.db, hashKey(sent));
  if (!partner) throw new Problem("partner.key_invalid", "The partner key is not valid.");
  return partner;
}
