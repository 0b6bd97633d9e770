import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import type { Clock } from "../../domain/clock.ts";
import { readContentImage } from "../../domain/content.ts";
import type { FileStorage } from "../claims/storage.ts";
import { bannerPng } from "./demo-image.ts";
import { hasAnyContent, insertContentImage, insertContentItem, insertFaqEntry } from "./queries.ts";

type DemoItem = {
  kind: "announcement" | "top-message";
  title: [nb: string, en: string];
  body: [nb: string, en: string];
  link?: { url: string; label: [nb: string, en: string] };
  image?: { rgb: [number, number, number]; alt: [nb: string, en: string] };
  audience: "everyone" | "category" | "no-product";
  value?: string;
};

/** What the demo portal says to its owners: a top message, announcements for all, for phone owners and for newcomers. */
const ITEMS: DemoItem[] = [
  {
    kind: "top-message",
    title: ["Velkommen til nye Min side", "Welcome to the new My Page"],
    body: [
      "Her ser du produktene dine, garantien og det vi trenger fra deg, samlet på ett sted.",
      "Your products, their warranty and what we need from you, all in one place.",
    ],
    audience: "everyone",
  },
  {
    kind: "announcement",
    title: ["Registrer produktene dine og få lengre garanti", "Register your products for a longer warranty"],
    body: [
      "Mange produkttyper får ekstra garanti når du registrerer dem. Det tar et halvt minutt.",
      "Many types of product get extra warranty when you register them. It takes half a minute.",
    ],
    link: {
      url: "/products/register",
      label: ["Registrer produktene dine nå", "Register your products now"],
    },
    image: { rgb: [11, 79, 108], alt: ["Blå flate som toner ut mot hvitt", "A blue field fading to white"] },
    audience: "everyone",
  },
  {
    kind: "announcement",
    title: ["Ny programvare til telefonen", "New software for your phone"],
    body: [
      "En oppdatering gir bedre batteritid og retter flere sikkerhetshull. Installer den under Innstillinger.",
      "An update brings better battery life and fixes several security holes. Install it under Settings.",
    ],
    link: { url: "/support", label: ["Slik oppdaterer du", "How to update"] },
    image: {
      rgb: [29, 107, 53],
      alt: ["Grønn flate som toner ut mot hvitt", "A green field fading to white"],
    },
    audience: "category",
    value: "phone",
  },
  {
    kind: "announcement",
    title: ["Kom i gang med ditt første produkt", "Get started with your first product"],
    body: [
      "Skann strekkoden eller skriv inn serienummeret, så holder vi styr på garantien for deg.",
      "Scan the barcode or type the serial number, and we keep track of the warranty for you.",
    ],
    link: { url: "/products/register", label: ["Kom i gang", "Get started"] },
    audience: "no-product",
  },
];

const FAQ: { category: string | null; q: [string, string]; a: [string, string] }[] = [
  {
    category: null,
    q: ["Hvorfor bør jeg registrere produktene mine?", "Why should I register my products?"],
    a: [
      "Da ser du garantien og reklamasjonsretten for hvert produkt, du får påminnelser før de går ut, og kundeservice hjelper deg raskere.",
      "You see the warranty and the right to complain for each product, you are reminded before they end, and customer service helps you sooner.",
    ],
  },
  {
    category: null,
    q: ["Trenger jeg kvitteringen?", "Do I need the receipt?"],
    a: [
      "Ikke for å registrere. Men last den gjerne opp: da regner vi garantien fra kjøpsdatoen.",
      "Not to register. But do upload it: then we count the warranty from the day you bought the product.",
    ],
  },
  {
    category: "phone",
    q: ["Hvor finner jeg IMEI-nummeret?", "Where do I find the IMEI number?"],
    a: [
      "Tast *#06# på telefonen, eller se under Innstillinger > Om telefonen.",
      "Dial *#06# on the phone, or look under Settings > About phone.",
    ],
  },
  {
    category: "tv",
    q: ["Hvor står serienummeret på TV-en?", "Where is the serial number on the TV?"],
    a: [
      "På etiketten bak på TV-en, og i menyen under Innstillinger > Support.",
      "On the label on the back of the TV, and in the menu under Settings > Support.",
    ],
  },
  {
    category: "fridge",
    q: ["Kjøleskapet er for varmt. Hva gjør jeg?", "The fridge is too warm. What do I do?"],
    a: [
      "Sjekk at døren lukker tett og at luftventilene ikke er dekket. Hjelper ikke det, kan du be om reparasjon fra produktsiden.",
      "Check that the door closes tightly and that the air vents are not covered. If that does not help, ask for a repair from the product page.",
    ],
  },
];

/**
 * The demo portal's top message, announcements (with pictures), and FAQ in both languages,
 * running for a year from now. Written only into a portal where nothing was written yet.
 */
export async function loadDemoContent(database: Database, storage: FileStorage, clock: Clock): Promise<void> {
  if (await hasAnyContent(database.db)) return;
  const now = clock.now();
  const at = now.toISOString();
  const startsAt = new Date(now.getTime() - 86_400_000).toISOString();
  const endsAt = new Date(now.getTime() + 365 * 86_400_000).toISOString();
  for (const [i, item] of ITEMS.entries()) {
    let imageId: string | null = null;
    if (item.image) {
      const image = readContentImage(bannerPng(640, 200, item.image.rgb));
      if (!image) throw new Error("the demo banner is not a PNG");
      imageId = newRowId();
      const key = `content/${imageId}`;
      await storage.put(key, image.bytes);
      await insertContentImage(database.db, {
        id: imageId,
        storage_key: key,
        media_type: image.type,
        size: image.bytes.length,
        width: image.size?.width ?? null,
        height: image.size?.height ?? null,
        created_by: null,
        created_at: at,
      });
    }
    await insertContentItem(database.db, {
      id: newRowId(),
      kind: item.kind,
      status: "published",
      title_nb: item.title[0],
      title_en: item.title[1],
      body_nb: item.body[0],
      body_en: item.body[1],
      link_url: item.link?.url ?? null,
      link_label_nb: item.link?.label[0] ?? null,
      link_label_en: item.link?.label[1] ?? null,
      image_id: imageId,
      image_alt_nb: item.image?.alt[0] ?? null,
      image_alt_en: item.image?.alt[1] ?? null,
      audience: item.audience,
      audience_value: item.value ?? null,
      // One second apart, so "newest first" keeps the order above.
      starts_at: new Date(new Date(startsAt).getTime() + i * 1000).toISOString(),
      ends_at: endsAt,
      published_at: at,
      created_by: null,
      created_at: at,
      updated_at: at,
    });
  }
  for (const [position, entry] of FAQ.entries()) {
    await insertFaqEntry(database.db, {
      id: newRowId(),
      category_code: entry.category,
      question_nb: entry.q[0],
      question_en: entry.q[1],
      answer_nb: entry.a[0],
      answer_en: entry.a[1],
      position,
      created_at: at,
      updated_at: at,
    });
  }
}
