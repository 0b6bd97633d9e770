import { z } from "zod";
import { isValidGtin } from "../../domain/gtin.ts";
import { IDENTIFIER_RULE_NAMES } from "../../domain/identifier-rules.ts";

const localized = z.object({ nb: z.string().min(1), en: z.string().min(1) });
const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, dot, underscore and hyphen");
const imageName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\.(svg|png|jpg|webp)$/, "a file name such as phone.svg");

export const IDENTIFIER_RULES = IDENTIFIER_RULE_NAMES;
export const DOCUMENT_KINDS = ["manual", "faq", "howto", "firmware"] as const;
export const LINK_KINDS = ["accessory", "consumable", "successor"] as const;

/** The catalogue import format (JSON): what the manufacturer's product team maintains. */
export const catalogueCategorySchema = z.strictObject({
  code,
  names: localized,
  registrable: z.boolean(),
  identifierRule: z.enum(IDENTIFIER_RULES).nullable(),
  qrRegistration: z.boolean(),
  selfRegistrationFromModelYear: z.number().int().min(1990).max(2100).nullable(),
  warrantyMonths: z.record(z.string().regex(/^[A-Z]{2}$/), z.number().int().min(0).max(240)),
  statutoryClass: z.enum(["standard", "long"]),
  registrationBonusMonths: z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(0)
    .meta({ description: "Months of warranty added after the base warranty for registering a product." }),
  points: z.number().int().min(0).max(100_000),
  guide: localized.nullable(),
  guideImage: imageName.nullable(),
  notRegistrable: localized.nullable(),
});

export const catalogueModelSchema = z.strictObject({
  code,
  names: localized,
  category: code,
  gtins: z.array(z.string().refine(isValidGtin, "a GTIN with a valid check digit")),
  modelYear: z.number().int().min(1990).max(2100),
  smart: z.boolean(),
  image: imageName.nullable(),
  lineCode: z
    .string()
    .regex(/^[A-Z0-9]{7}$/)
    .nullable(),
  family: z
    .string()
    .regex(/^[A-Z]$/)
    .nullable(),
  related: z.array(z.strictObject({ model: code, kind: z.enum(LINK_KINDS) })),
});

export const catalogueDocumentSchema = z.strictObject({
  model: code.nullable(),
  category: code.nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  locale: z.enum(["nb", "en"]),
  title: z.string().min(1).max(300),
  body: z.string().max(100_000).nullable().optional(),
  url: z.url().nullable().optional(),
});

export const catalogueSchema = z.strictObject({
  categories: z.array(catalogueCategorySchema),
  models: z.array(catalogueModelSchema),
  documents: z.array(catalogueDocumentSchema),
});
export type CatalogueFile = z.infer<typeof catalogueSchema>;

export const catalogueImportResultSchema = z.object({
  categories: z.number().int(),
  models: z.number().int(),
  documents: z.number().int(),
});

/** Categories as the web client reads them: rules, names and the serial guide in both languages. */
export const categorySchema = z.object({
  code: z.string(),
  names: localized,
  registrable: z.boolean(),
  identifierRule: z.enum(IDENTIFIER_RULES).nullable(),
  qrRegistration: z.boolean(),
  selfRegistrationFromModelYear: z.number().int().nullable(),
  warrantyMonths: z.record(z.string(), z.number().int()),
  statutoryClass: z.enum(["standard", "long"]),
  statutoryYears: z.union([z.literal(2), z.literal(5)]),
  registrationBonusMonths: z.number().int(),
  points: z.number().int().meta({ description: "Rewards points for the first registration of a unit." }),
  guide: localized.nullable(),
  guideImageUrl: z.string().nullable(),
  notRegistrable: localized.nullable(),
});
export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({ categories: z.array(categorySchema) });

export const documentSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  locale: z.enum(["nb", "en"]),
  title: z.string(),
  url: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const documentSchema = documentSummarySchema.extend({
  body: z.string().nullable(),
  externalUrl: z.string().nullable(),
  modelCode: z.string().nullable(),
  categoryCode: z.string().nullable(),
});

export const modelSummarySchema = z.object({
  code: z.string(),
  names: localized,
  categoryCode: z.string(),
  imageUrl: z.string().nullable(),
  modelYear: z.number().int(),
});

export const modelPageSchema = modelSummarySchema.extend({
  category: categorySchema,
  gtins: z.array(z.string()),
  smart: z.boolean(),
  documents: z.array(documentSummarySchema),
  accessories: z.array(modelSummarySchema),
  successors: z.array(modelSummarySchema),
});
export type ModelPage = z.infer<typeof modelPageSchema>;
