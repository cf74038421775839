import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Everything that differs between cities: regions, case categories, time limits and the holiday calendar.
 * The next city is a new file in config/cities/, not a code change.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export interface RegionNode {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township';
  aliases: string[];
  children: RegionNode[];
}

const regionSchema: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: z.string().min(1).max(32),
    name: z.string().min(1),
    level: z.enum(['city', 'county', 'township']),
    aliases: z.array(z.string()).default([]),
    children: z.array(regionSchema).default([]),
  }),
) as z.ZodType<RegionNode>;

const categorySchema = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
});

/**
 * What the mini-program tells citizens: the number its call buttons dial, and the facts of its privacy guide
 * (个人信息处理者, the recipients of their data, how long it is kept). Read at build time by the mini-program.
 */
const citizenServiceSchema = z.object({
  /** Dialled by makePhoneCall: digits, optionally an area code and a dash (12345, 0395-12345). */
  hotline: z.string().regex(/^\d{3,5}(-?\d{3,8})?$/),
  /** The personal-information handler (运营者) named in the privacy guide and in 关于. */
  operator: z.object({ name: z.string().min(2).max(60), address: z.string().min(2).max(100) }),
  /** Where citizens send questions and requests about their personal information (phone or e-mail). */
  privacyContact: z.string().min(3).max(100),
  /** Who else receives citizens' data, what and why (the 12345 system, handling units, storage, WeChat checks). */
  recipients: z
    .array(z.object({ name: z.string().min(2).max(60), data: z.string().min(2).max(100), why: z.string().min(2) }))
    .min(1),
  /** How long data is kept, as the city's records rules say, in sentences for the privacy guide. */
  retention: z.string().min(10).max(400),
  /** The date the privacy guide's text last changed (更新日期). */
  privacyUpdatedAt: isoDate,
});
export type CitizenService = z.infer<typeof citizenServiceSchema>;

const caseTypes = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;

export const cityFileSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  province: z.string(),
  region: regionSchema,
  categories: z.array(categorySchema),
  timeLimits: z.object(
    Object.fromEntries(caseTypes.map((t) => [t, z.number().int().min(0).max(60)])) as Record<
      (typeof caseTypes)[number],
      z.ZodNumber
    >,
  ),
  /** Working hours a dispatched case may wait before its unit signs for it (及时签收). */
  signingLimitHours: z.number().int().min(1).max(240).default(24),
  /** Handling units (承办单位) cases are dispatched and transferred to; regionCode limits a district's units. */
  units: z
    .array(z.object({ name: z.string().min(1).max(100), regionCode: z.string().max(32).nullable().default(null) }))
    .default([]),
  holidayCalendar: z.string().regex(/^[a-z0-9-]+$/),
  timezone: z.string(),
  citizenService: citizenServiceSchema,
  /** The city's own words beside the national base in standard/catalog-vocabulary.json (merged, not replaced). */
  catalogVocabulary: z.lazy(() => vocabularySchema.partial()).default({}),
  /** The office answering 政府信息公开申请: its name on letters and the prefix of their numbers (漯政公开〔2026〕12号). */
  disclosureOffice: z.object({ name: z.string().min(1).max(60), letterPrefix: z.string().min(1).max(12) }),
});

export const calendarFileSchema = z.object({
  name: z.string(),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({ source: z.string().min(1), holidays: z.array(isoDate), workdays: z.array(isoDate) }),
  ),
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;

const synonyms = z.record(z.string(), z.array(z.string().min(1)));
/**
 * Words of the catalog that vary between counties and citizens: the names a workbook gives the 公开渠道
 * (keyed by channel code) and the words citizens search with.
 */
const vocabularySchema = z.object({
  channels: synonyms.default({}),
  /** A citizen's word → the catalog's formal terms (低保 → 最低生活保障). */
  searchSynonyms: synonyms.default({}),
  /** Words nearly every item has (申请、材料): they rank little and are never required. */
  commonWords: z.array(z.string().min(1)).default([]),
  /** Function words dropped from a query (怎么、哪些). */
  stopWords: z.array(z.string().min(1)).default([]),
});
export type CatalogVocabulary = z.infer<typeof vocabularySchema>;
const vocabularyFileSchema = vocabularySchema.extend({ name: z.string() });

const areasFileSchema = z.object({ name: z.string(), areas: z.array(categorySchema) });

export interface CaseCategory {
  code: string;
  name: string;
  aliases: string[];
  kind: 'disclosure_area' | 'city_category';
}

export interface CityProfile {
  code: string;
  name: string;
  province: string;
  region: RegionNode;
  /** The 26 disclosure areas, then the city's own categories. */
  categories: CaseCategory[];
  timeLimits: Record<(typeof caseTypes)[number], number>;
  signingLimitHours: number;
  units: { name: string; regionCode: string | null }[];
  calendar: CalendarFile;
  timezone: string;
  citizenService: CitizenService;
  /** The national vocabulary with the city's additions. */
  catalogVocabulary: CatalogVocabulary;
  disclosureOffice: { name: string; letterPrefix: string };
}

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function loadCity(code: string, dir = path.resolve(__dirname, '..')): CityProfile {
  if (!/^[a-z0-9-]+$/.test(code)) throw new Error(`invalid city code ${code}`);
  const city = readJson(path.join(dir, 'cities', `${code}.json`), cityFileSchema);
  const areas = readJson(path.join(dir, 'standard', 'disclosure-areas.json'), areasFileSchema);
  const calendar = readJson(path.join(dir, 'calendars', `${city.holidayCalendar}.json`), calendarFileSchema);
  const categories: CaseCategory[] = [
    ...areas.areas.map((a) => ({ ...a, kind: 'disclosure_area' as const })),
    ...city.categories.map((c) => ({ ...c, kind: 'city_category' as const })),
  ];
  const codes = categories.map((c) => c.code);
  const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
  if (duplicate) throw new Error(`category code ${duplicate} is defined twice`);
  const base = readJson(path.join(dir, 'standard', 'catalog-vocabulary.json'), vocabularyFileSchema);
  const merge = (a: Record<string, string[]>, b: Record<string, string[]> = {}) =>
    Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, [...(a[k] ?? []), ...(b[k] ?? [])]]),
    );
  const own = city.catalogVocabulary;
  const catalogVocabulary = {
    channels: merge(base.channels, own.channels),
    searchSynonyms: merge(base.searchSynonyms, own.searchSynonyms),
    commonWords: [...base.commonWords, ...(own.commonWords ?? [])],
    stopWords: [...base.stopWords, ...(own.stopWords ?? [])],
  };
  return { ...city, categories, calendar, catalogVocabulary };
}
