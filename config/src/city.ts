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
  return { ...city, categories, calendar };
}
