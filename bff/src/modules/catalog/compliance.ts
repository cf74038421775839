import type { ComplianceProblem, ComplianceReport } from '@hotline/shared-types';
import { NotFound } from '../../lib/errors';
import type { DocumentDeps } from './catalog-documents.service';
import { parseDeadline } from './deadline';

/**
 * The compliance report of a region's published catalog: items with no document, items whose newest document
 * is older than their periodic 公开时限 allows (see `deadline.ts`), items with a broken link — in total, per
 * area and per responsible body (公开主体).
 */

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

type Counts = ComplianceReport['totals'];
const zero = (): Counts => ({ items: 0, noDocument: 0, outdated: 0, brokenLinks: 0, notAssessed: 0 });

export async function complianceReport(
  deps: DocumentDeps,
  regionCode: string,
  filter: { area?: string | undefined; body?: string | undefined },
): Promise<ComplianceReport> {
  const catalog = (await deps.catalogStore.current()).catalogs.get(regionCode);
  if (!catalog) throw new NotFound('找不到该地区');
  const today = deps.catalogStore.today();
  const docs = await deps.documents.list(regionCode);
  const links = await deps.documents.linkStatuses(docs.map((d) => d.url));
  const byItem = new Map<string, typeof docs>();
  for (const doc of docs) byItem.set(doc.itemKey, [...(byItem.get(doc.itemKey) ?? []), doc]);
  const areaName = new Map(deps.catalogStore.areas.map((a) => [a.code, a.name]));

  const totals = zero();
  const byArea = new Map<string, Counts>();
  const byBody = new Map<string, Counts>();
  const items: ComplianceReport['items'] = [];
  for (const row of catalog.rows) {
    if (row.status === 'removed') continue;
    if (filter.area && row.areaCode !== filter.area) continue;
    if (filter.body && row.columns.body !== filter.body) continue;
    const own = byItem.get(row.key) ?? []; // newest first
    const newest = own[0]?.publishedOn ?? null;
    const deadline = parseDeadline(row.columns.deadline);
    const maxAgeDays = deadline.kind === 'periodic' ? deadline.maxAgeDays : null;
    const brokenUrls = [...new Set(own.map((d) => d.url).filter((url) => links.get(url)?.state === 'broken'))];
    const problems: ComplianceProblem[] = [];
    if (!newest) problems.push('no_document');
    else if (maxAgeDays !== null && daysBetween(newest, today) > maxAgeDays) problems.push('outdated');
    if (brokenUrls.length) problems.push('broken_link');
    const counts = [
      totals,
      byArea.get(row.areaCode) ?? byArea.set(row.areaCode, zero()).get(row.areaCode)!,
      byBody.get(row.columns.body) ?? byBody.set(row.columns.body, zero()).get(row.columns.body)!,
    ];
    for (const c of counts) {
      c.items += 1;
      if (problems.includes('no_document')) c.noDocument += 1;
      if (problems.includes('outdated')) c.outdated += 1;
      if (problems.includes('broken_link')) c.brokenLinks += 1;
      if (newest && maxAgeDays === null) c.notAssessed += 1;
    }
    if (problems.length) {
      const { level1, level2, level3 } = row.columns;
      items.push({
        key: row.key,
        areaCode: row.areaCode,
        name: [level1, level2, level3].filter(Boolean).join(' / '),
        body: row.columns.body,
        deadline: row.columns.deadline,
        problems,
        newestDocumentOn: newest,
        maxAgeDays,
        brokenUrls,
      });
    }
  }
  return {
    region: catalog.region,
    date: today,
    totals,
    byArea: [...byArea].map(([areaCode, c]) => ({ areaCode, areaName: areaName.get(areaCode) ?? areaCode, ...c })),
    byBody: [...byBody].map(([body, c]) => ({ body, ...c })).sort((a, b) => b.items - a.items),
    items,
  };
}
