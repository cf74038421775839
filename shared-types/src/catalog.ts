import { z } from 'zod';

/**
 * The disclosure catalog (政务公开标准目录, DOMAIN.md §5): the columns of an item, where a resolved row comes from,
 * and the request/response shapes of the citizen and admin catalog endpoints. Code names are English; the
 * label maps give the Chinese a citizen reads.
 */

/** 公开渠道和载体: the standard checklist of channels. */
export const CATALOG_CHANNELS = {
  website: '政府网站',
  gazette: '政府公报',
  new_media: '两微一端',
  press_hearing: '发布会/听证会',
  broadcast: '广播电视',
  print: '纸质媒体',
  reading_point: '公开查阅点',
  service_center: '政务服务中心',
  service_station: '便民服务站',
  on_site: '入户/现场',
  notice_board: '社区/村公示栏(电子屏)',
  targeted_push: '精准推送',
  hotline: '12345热线',
  other: '其他',
} as const;
export type CatalogChannel = keyof typeof CATALOG_CHANNELS;
export const catalogChannelSchema = z.enum(Object.keys(CATALOG_CHANNELS) as [CatalogChannel, ...CatalogChannel[]]);

/** 公开方式. */
export const DISCLOSURE_MODES = { active: '主动公开', on_request: '依申请公开' } as const;
export type DisclosureMode = keyof typeof DISCLOSURE_MODES;
export const disclosureModeSchema = z.enum(['active', 'on_request']);

/** 公开对象. */
export const DISCLOSURE_AUDIENCES = { public: '全社会', specific: '特定群体' } as const;
export type DisclosureAudience = keyof typeof DISCLOSURE_AUDIENCES;
export const disclosureAudienceSchema = z.enum(['public', 'specific']);

/** 公开层级: the levels of government that publish the item. */
export const DISCLOSURE_LEVELS = { county: '县级', township: '乡级' } as const;
export type DisclosureLevel = keyof typeof DISCLOSURE_LEVELS;
export const disclosureLevelSchema = z.enum(['county', 'township']);

/** 过程 (optional column of some catalogs). */
export const DISCLOSURE_STAGES = {
  decision: '决策',
  execution: '执行',
  management: '管理',
  service: '服务',
  result: '结果',
} as const;
export type DisclosureStage = keyof typeof DISCLOSURE_STAGES;
export const disclosureStageSchema = z.enum(['decision', 'execution', 'management', 'service', 'result']);

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: `${label}至少${min}个字` })
    .max(max, { error: `${label}不能超过${max}个字` });

/**
 * Every column of a catalog row except its key and area. An adjustment in a lower region overrides some of
 * these and inherits the rest.
 */
export const itemColumnsSchema = z.strictObject({
  level1: text('一级事项', 1, 30),
  level2: text('二级事项', 1, 60),
  level3: text('三级事项', 1, 60).nullable().default(null),
  content: text('公开内容', 1, 1000),
  basis: text('公开依据', 1, 2000),
  deadline: text('公开时限', 1, 100),
  body: text('公开主体', 1, 100),
  channels: z.array(catalogChannelSchema).min(1, { error: '请至少选择一个公开渠道' }),
  audience: disclosureAudienceSchema,
  mode: disclosureModeSchema,
  levels: z.array(disclosureLevelSchema).min(1, { error: '请至少选择一个公开层级' }),
  stage: disclosureStageSchema.nullable().default(null),
  code: z.string().trim().max(32).nullable().default(null).describe('Item code (事项编码) where the catalog has one'),
});
export type ItemColumns = z.output<typeof itemColumnsSchema>;
export type ItemColumn = keyof ItemColumns;
export const ITEM_COLUMNS = Object.keys(itemColumnsSchema.shape) as ItemColumn[];
export const itemColumnSchema = z.enum(ITEM_COLUMNS as [ItemColumn, ...ItemColumn[]]);

/** Column labels as the standard catalog's header prints them. */
export const ITEM_COLUMN_LABELS: Record<ItemColumn, string> = {
  level1: '一级事项',
  level2: '二级事项',
  level3: '三级事项',
  content: '公开内容',
  basis: '公开依据',
  deadline: '公开时限',
  body: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  mode: '公开方式',
  levels: '公开层级',
  stage: '过程',
  code: '事项编码',
};

/** A stable item key: the region that first defined the item, a dot, a serial number ("411100.0001"). */
export const itemKeySchema = z.string().regex(/^[0-9A-Za-z-]{1,32}\.\d{1,6}$/, { error: '事项编号格式有误' });
export const regionCodeSchema = z.string().regex(/^[0-9A-Za-z-]{1,32}$/, { error: '地区编码格式有误' });
export const areaCodeSchema = z.string().regex(/^[A-Z]\d{2}$/, { error: '领域编码格式有误' });

const regionRefSchema = z.object({ code: z.string(), name: z.string() });
export type RegionRef = z.infer<typeof regionRefSchema>;

/** How a row of a region's resolved catalog relates to its parent's. */
export const ITEM_STATUSES = { inherited: '继承', added: '新增', adjusted: '调整', removed: '不适用' } as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;

export const itemOriginSchema = z.object({
  status: z.enum(['inherited', 'added', 'adjusted', 'removed']),
  /** The region whose catalog first defined the item. */
  definedIn: regionRefSchema,
  /** Every region on the way down that changed some columns, top first (this region last if it did). */
  adjustments: z.array(z.object({ region: regionRefSchema, columns: z.array(itemColumnSchema) })),
  /** Why the item does not apply here (removed here, or its whole area is not applicable here). */
  removedReason: z.string().nullable(),
  /** Readable summary, e.g. "继承自漯河市，调整：公开主体". */
  summary: z.string(),
});
export type ItemOrigin = z.infer<typeof itemOriginSchema>;

export const catalogItemSchema = itemColumnsSchema.extend({
  key: z.string(),
  areaCode: z.string(),
  level3: z.string().nullable(),
  stage: disclosureStageSchema.nullable(),
  code: z.string().nullable(),
  origin: itemOriginSchema,
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** Readable origin of a row, as shown next to it. */
export interface OriginFacts {
  status: ItemStatus;
  definedIn: RegionRef;
  adjustments: readonly { region: RegionRef; columns: readonly ItemColumn[] }[];
  removedReason: string | null;
}

export function originSummary(origin: OriginFacts, here: RegionRef): string {
  const adjustedBy = (a: OriginFacts['adjustments'][number]) =>
    `${a.region.code === here.code ? '' : a.region.name}调整：${a.columns.map((c) => ITEM_COLUMN_LABELS[c]).join('、')}`;
  const head = origin.definedIn.code === here.code ? `${here.name}新增` : `继承自${origin.definedIn.name}`;
  const parts = [head, ...origin.adjustments.map(adjustedBy)];
  if (origin.status === 'removed') parts.push(`本地不适用：${origin.removedReason ?? ''}`);
  return parts.join('，');
}

/** Marks whether what is shown is generated sample data (示例数据) rather than the city's own catalog. */
const catalogMetaSchema = z.object({
  region: regionRefSchema,
  version: z.number().int().describe('Published version of this region shown; 0 when it never published'),
  effectiveDate: z.string().nullable(),
  sample: z.boolean().describe('true: generated sample data, to be shown labelled 示例数据'),
});

// ——— citizen API ———

// The tree has three levels (city → county → township); spelled out rather than recursive so the OpenAPI
// document has no self-references.
const regionFields = { code: z.string(), name: z.string(), level: z.enum(['city', 'county', 'township']) };
const townshipNodeSchema = z.object({ ...regionFields, children: z.array(z.object({})).max(0) });
const countyNodeSchema = z.object({ ...regionFields, children: z.array(townshipNodeSchema) });
export const catalogRegionNodeSchema = z.object({ ...regionFields, children: z.array(countyNodeSchema) });
export interface CatalogRegionNode {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township';
  children: CatalogRegionNode[];
}
export const catalogRegionsSchema = z.object({ root: catalogRegionNodeSchema });

export const regionParamsSchema = z.object({ region: regionCodeSchema });
export const regionAreaParamsSchema = z.object({ region: regionCodeSchema, area: areaCodeSchema });
export const regionItemParamsSchema = z.object({ region: regionCodeSchema, key: itemKeySchema });

export const catalogAreaSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  itemCount: z.number().int(),
  removedCount: z.number().int(),
  applicable: z.boolean(),
  notApplicableReason: z.string().nullable(),
});
export const catalogAreasSchema = catalogMetaSchema.extend({ areas: z.array(catalogAreaSummarySchema) });

export const CATALOG_PAGE_SIZE_MAX = 100;
const pageQuery = {
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(CATALOG_PAGE_SIZE_MAX).default(20),
};

export const catalogItemsQuerySchema = z.object({
  ...pageQuery,
  show: z
    .enum(['active', 'removed', 'all'])
    .default('active')
    .describe('active: items that apply here; removed: the ones marked not applicable here, with reasons'),
});
/** A row of an items list: what a list shows; every column comes with the item detail. */
export const catalogItemSummarySchema = z.object({
  key: z.string(),
  areaCode: z.string(),
  level1: z.string(),
  level2: z.string(),
  level3: z.string().nullable(),
  deadline: z.string(),
  body: z.string(),
  mode: disclosureModeSchema,
  status: itemOriginSchema.shape.status,
  origin: z.string().describe('Readable origin, e.g. "继承自漯河市，调整：公开主体"'),
  removedReason: z.string().nullable(),
});
export type CatalogItemSummary = z.infer<typeof catalogItemSummarySchema>;

export const catalogItemPageSchema = catalogMetaSchema.extend({
  area: catalogAreaSummarySchema,
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  items: z.array(catalogItemSummarySchema),
});
export type CatalogItemPage = z.infer<typeof catalogItemPageSchema>;
export const catalogItemDetailSchema = catalogMetaSchema.extend({
  item: catalogItemSchema,
  area: z.object({ code: z.string(), name: z.string() }),
});
export type CatalogItemDetail = z.infer<typeof catalogItemDetailSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).optional());

export const catalogSearchQuerySchema = z.object({
  q: z.string().trim().min(1, { error: '请输入要搜索的内容' }).max(50, { error: '搜索内容不能超过50个字' }),
  region: regionCodeSchema.optional().describe('Search this region only; all regions when absent'),
  area: areaCodeSchema.optional(),
  level: disclosureLevelSchema.optional().describe('公开层级'),
  mode: disclosureModeSchema.optional().describe('公开方式'),
  channel: csv(catalogChannelSchema).describe('Comma-separated channels; an item matches when it has any'),
  ...pageQuery,
});
export type CatalogSearchQuery = z.output<typeof catalogSearchQuerySchema>;

/** Text cut into pieces, the matched ones marked, so a client highlights without parsing markup. */
export const highlightedSchema = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type Highlighted = z.infer<typeof highlightedSchema>;

export const catalogSearchHitSchema = z.object({
  region: regionRefSchema,
  key: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  name: highlightedSchema.describe('一级事项 / 二级事项 (/ 三级事项), matches marked'),
  snippet: z
    .object({ column: z.enum(['content', 'basis', 'area']), text: highlightedSchema })
    .nullable()
    .describe('Where else the query matched, cut around the match'),
  mode: disclosureModeSchema,
  status: z.enum(['inherited', 'added', 'adjusted']),
});
export const catalogSearchResultSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  hits: z.array(catalogSearchHitSchema),
  sample: z.boolean(),
  // Optional so clients and fixtures written before them stay valid; this server always sends them.
  scope: z
    .object({
      region: regionRefSchema.nullable().describe('The region searched; null: every region of the city'),
      wholeCityTotal: z
        .number()
        .int()
        .nullable()
        .describe('Hits in the whole city, to offer when one region was searched; null when the city was searched'),
    })
    .optional(),
  understood: z
    .array(z.object({ text: z.string(), alternatives: z.array(z.string()), common: z.boolean() }))
    .optional()
    .describe('The words searched for: each with the formal terms it stands for (低保 → 最低生活保障)'),
});
export type CatalogSearchResult = z.infer<typeof catalogSearchResultSchema>;

export const catalogSuggestRequestSchema = z.strictObject({
  text: z.string().trim().min(2, { error: '请至少输入两个字' }).max(2000, { error: '内容不能超过2000个字' }),
  region: regionCodeSchema.optional(),
  limit: z.number().int().min(1).max(20).default(5),
});
export const catalogSuggestionSchema = z.object({
  region: regionRefSchema,
  key: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  name: z.string(),
  score: z.number().describe('Relative relevance, 0–1'),
});
export const catalogSuggestResultSchema = z.object({ items: z.array(catalogSuggestionSchema), sample: z.boolean() });

export const catalogDiffSchema = catalogMetaSchema.extend({
  parent: regionRefSchema.nullable(),
  added: z.array(catalogItemSchema),
  adjusted: z.array(catalogItemSchema),
  removed: z.array(catalogItemSchema),
  notApplicableAreas: z.array(z.object({ code: z.string(), name: z.string(), reason: z.string() })),
});

// ——— admin API (disclosure editors) ———

export const reasonSchema = text('原因', 2, 200);
export const addItemRequestSchema = z.strictObject({ areaCode: areaCodeSchema, columns: itemColumnsSchema });
export const updateItemRequestSchema = z.strictObject({
  columns: itemColumnsSchema.partial().refine((c) => Object.keys(c).length > 0, { error: '没有要修改的内容' }),
});
export const removeItemRequestSchema = z.strictObject({ reason: reasonSchema });
export const areaApplicabilityRequestSchema = z.strictObject({
  applicable: z.boolean(),
  reason: reasonSchema.optional(),
});
export const publishRequestSchema = z.strictObject({
  effectiveDate: z.iso.date({ error: '生效日期格式有误' }).optional().describe('Defaults to today (city time)'),
  note: z.string().trim().max(200).optional(),
});

export const catalogChangeSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  itemKey: z.string().nullable(),
  areaCode: z.string().nullable(),
  action: z.enum(['add', 'update', 'adjust', 'reset', 'remove', 'restore', 'area_off', 'area_on']),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.iso.datetime(),
  version: z.number().int().nullable().describe('The version that published it; null while a draft'),
});
export type CatalogChange = z.infer<typeof catalogChangeSchema>;

export const catalogVersionSchema = z.object({
  regionCode: z.string(),
  version: z.number().int(),
  effectiveDate: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  note: z.string().nullable(),
  sample: z.boolean(),
});
export type CatalogVersion = z.infer<typeof catalogVersionSchema>;

export const catalogDraftSchema = z.object({
  regionCode: z.string(),
  pending: z.array(catalogChangeSchema).describe('Changes made since the last publication'),
  versions: z.array(catalogVersionSchema),
});
export const catalogHistorySchema = z.object({ items: z.array(catalogChangeSchema) });
export const itemKeyResultSchema = z.object({ key: z.string() });
export const historyQuerySchema = z.object({ item: itemKeySchema.optional() });

// ——— Excel export and import (the layout cities publish) ———

export const catalogExportQuerySchema = z.object({
  source: z
    .enum(['published', 'draft'])
    .default('published')
    .describe('published: the catalog citizens read; draft: as it would read once the draft is published'),
});

export const catalogImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: check the file and report what would change, change nothing'),
  scope: z
    .enum(['areas', 'region'])
    .default('areas')
    .describe(
      "areas: replace only the areas the file covers (default); region: the file is the region's whole catalog",
    ),
});

/** One rejected row (or header, or sheet) of an imported file; `row` is the spreadsheet's own row number. */
export const importProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const IMPORT_SKIP_REASONS = {
  blank: '空行',
  note: '注释或说明',
  title: '标题',
  header: '重复的表头',
  section: '领域标题行',
  sheet: '不是目录的工作表',
} as const;

/** Rows of an imported file that are not items and were passed over (consecutive blank rows as one range). */
export const catalogImportSkippedSchema = z.object({
  sheet: z.string(),
  fromRow: z.number().int(),
  toRow: z.number().int(),
  reason: z.enum(Object.keys(IMPORT_SKIP_REASONS) as [keyof typeof IMPORT_SKIP_REASONS]),
  text: z.string().nullable().describe('The start of what the row says'),
});
export type CatalogImportSkipped = z.infer<typeof catalogImportSkippedSchema>;

const importedItemSchema = z.object({ key: z.string(), level1: z.string(), level2: z.string() });

/** What an import does to one area of the region's catalog (as read once the draft is published). */
export const catalogImportAreaSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  items: z.number().int().describe('Items the area lists after the import'),
  added: z.array(importedItemSchema),
  changed: z.array(importedItemSchema.extend({ columns: z.array(z.string()) })),
  removed: z.array(importedItemSchema),
});
export type CatalogImportArea = z.infer<typeof catalogImportAreaSchema>;

export const catalogImportReportSchema = z.object({
  regionCode: z.string(),
  dryRun: z.boolean(),
  /** True when the draft was replaced; never when any row was rejected (all or nothing). */
  imported: z.boolean(),
  rows: z.number().int().describe('Item rows read'),
  scope: z.enum(['areas', 'region']).default('areas'),
  problems: z.array(importProblemSchema).describe('Every rejected row; empty when the file is valid'),
  warnings: z.array(importProblemSchema).default([]).describe('Columns and sheets ignored (序号, 备注, a cover sheet)'),
  skipped: z.array(catalogImportSkippedSchema).default([]),
  byArea: z
    .array(catalogImportAreaSchema)
    .default([])
    .describe('Per area the file covers (or, for scope=region, every area that changes): added, changed, removed'),
  layer: z
    .object({
      added: z.number().int(),
      adjusted: z.number().int(),
      removed: z.number().int(),
      notApplicable: z.number().int(),
    })
    .nullable()
    .describe('The layer the file amounts to against the parent; null when the file is invalid'),
  draft: z
    .object({ added: z.number().int(), changed: z.number().int(), dropped: z.number().int(), areas: z.number().int() })
    .nullable()
    .describe('What changed in the draft (null for a dry run or an invalid file)'),
});
export type CatalogImportReport = z.infer<typeof catalogImportReportSchema>;

// ——— published documents and compliance ———

export const LINK_STATES = {
  unchecked: '未检查',
  ok: '正常',
  failing: '访问失败（待复查）',
  broken: '链接失效',
} as const;
export type LinkState = keyof typeof LINK_STATES;

export const catalogDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  publishedOn: z.string().describe('YYYY-MM-DD'),
  indexNumber: z.string().nullable().describe('索引号'),
});
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2000, { error: '链接不能超过2000个字符' })
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { error: '链接应以 http:// 或 https:// 开头，且不含空格' });

export const addDocumentRequestSchema = z.strictObject({
  itemKey: itemKeySchema,
  title: text('文件标题', 1, 300),
  url: httpUrl,
  publishedOn: z.iso.date({ error: '发布日期格式有误（应为YYYY-MM-DD）' }),
  indexNumber: z.string().trim().max(64, { error: '索引号不能超过64个字符' }).nullable().default(null),
});
export const documentParamsSchema = z.object({ region: regionCodeSchema, id: z.string().min(1).max(26) });
export const adminDocumentSchema = catalogDocumentSchema.extend({
  itemKey: z.string(),
  linkState: z.enum(['unchecked', 'ok', 'failing', 'broken']),
});
export const adminDocumentListSchema = z.object({ items: z.array(adminDocumentSchema) });
export const documentListQuerySchema = z.object({ item: itemKeySchema.optional() });

export const documentImportReportSchema = z.object({
  regionCode: z.string(),
  dryRun: z.boolean(),
  imported: z.boolean(),
  rows: z.number().int(),
  problems: z.array(importProblemSchema),
  added: z.number().int().describe('New links (or, for a dry run, links that would be new)'),
  updated: z.number().int().describe('Links already there (same item and URL) whose title, date or 索引号 changed'),
});

/** Citizen item detail with the documents the region published for it (newest first). */
export const catalogItemWithDocumentsSchema = catalogItemDetailSchema.extend({
  // Optional so clients and fixtures written before documents existed stay valid; this server always sends it.
  documents: z
    .array(catalogDocumentSchema)
    .optional()
    .describe('Documents this region published for the item, newest first'),
});
export type CatalogItemWithDocuments = z.infer<typeof catalogItemWithDocumentsSchema>;

export const COMPLIANCE_PROBLEMS = {
  no_document: '没有公开文件',
  outdated: '最新文件已超过公开时限',
  broken_link: '链接失效',
} as const;
export type ComplianceProblem = keyof typeof COMPLIANCE_PROBLEMS;

export const complianceQuerySchema = z.object({
  area: areaCodeSchema.optional(),
  body: z.string().trim().max(100).optional().describe('公开主体, exactly'),
});
const complianceCountsSchema = z.object({
  items: z.number().int(),
  noDocument: z.number().int(),
  outdated: z.number().int(),
  brokenLinks: z.number().int().describe('Items with at least one broken link'),
  notAssessed: z.number().int().describe('Items with documents whose 公开时限 is not periodic or not understood'),
});
export const complianceReportSchema = z.object({
  region: regionRefSchema,
  date: z.string().describe('Local date the report was computed for'),
  totals: complianceCountsSchema,
  byArea: z.array(complianceCountsSchema.extend({ areaCode: z.string(), areaName: z.string() })),
  byBody: z.array(complianceCountsSchema.extend({ body: z.string() })),
  items: z
    .array(
      z.object({
        key: z.string(),
        areaCode: z.string(),
        name: z.string(),
        body: z.string(),
        deadline: z.string(),
        problems: z.array(z.enum(['no_document', 'outdated', 'broken_link'])),
        newestDocumentOn: z.string().nullable(),
        maxAgeDays: z.number().int().nullable().describe('How old the newest document may be; null: not periodic'),
        brokenUrls: z.array(z.string()),
      }),
    )
    .describe('Items with at least one problem'),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
