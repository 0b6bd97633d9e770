import type { Database } from "../../db/database.ts";
import type { Actor } from "../../server/actor.ts";
import { myProductCount } from "../registration/service.ts";
import { openRepairsOf } from "../repairs/read.ts";
import { pointsOf } from "../rewards/service.ts";
import type { MyPage } from "./schemas.ts";

/**
 * My Page's summary for the signed-in owner: each part is read on the owner's own index, so the
 * cost does not grow with anyone else's products.
 */
export async function myPage(database: Database, actor: Actor): Promise<MyPage> {
  const [productCount, points, repairs] = await Promise.all([
    myProductCount(database, actor),
    pointsOf(database, actor),
    openRepairsOf(database.db, actor.userId),
  ]);
  return { productCount, points, repairs };
}
