import {
  CATALOG_CHANNELS,
  type CatalogChannel,
  type DisclosureLevel,
  type DisclosureStage,
  type ItemColumns,
} from '@hotline/shared-types';
import { emptyLayer, resolveCatalog, type RegionLayer, type ResolvedCatalog, type ResolvedRow } from '../resolve';
import {
  AREA_VOCABULARY,
  CONTENT_ELEMENTS,
  DEADLINES,
  DISCLOSURE_LAW,
  ENFORCEMENT_KINDS,
  LARGE_AREA_ITEMS,
  LEVEL2_FORMS,
  SERVICE_KINDS,
  LOCAL_FORMS,
  REMOVAL_REASONS,
  type AreaVocabulary,
} from './vocabulary';

/**
 * A deterministic, realistic sample of a whole city's catalog (示例数据): the city's items over the standard
 * areas, then each county's and township's layer of local additions, removals and adjustments, townships
 * covering 12–18 areas with reasons for the others. Same seed, same region tree → same catalog.
 */

export interface SampleRegion {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township';
  children: SampleRegion[];
}

export interface SampleArea {
  code: string;
  name: string;
}

export const SAMPLE_SEED = 20261127;

/** mulberry32: small, fast, good enough for sample data, and the same everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

class Dice {
  constructor(private readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  some<T>(list: readonly T[], min: number, max: number): T[] {
    return this.shuffle(list).slice(0, this.int(min, Math.min(max, list.length)));
  }
}

const FALLBACK: AreaVocabulary = { items: 30, topics: ['政策', '服务'], department: '有关部门', laws: [] };
const STAGES: DisclosureStage[] = ['decision', 'execution', 'management', 'service', 'result'];
const CHANNELS = Object.keys(CATALOG_CHANNELS) as CatalogChannel[];

function vocabularyOf(area: SampleArea): AreaVocabulary {
  return AREA_VOCABULARY[area.code] ?? FALLBACK;
}

function itemColumns(dice: Dice, area: SampleArea, level1: string, level2: string, code: string | null): ItemColumns {
  const words = vocabularyOf(area);
  const elements = dice.some(CONTENT_ELEMENTS, 3, 6).join('、');
  const laws = [DISCLOSURE_LAW, ...dice.some(words.laws, 1, 2)];
  const levels: DisclosureLevel[][] = [['county', 'township'], ['county'], ['township']];
  return {
    level1,
    level2,
    level3: null,
    content: `${level2.startsWith(level1.slice(0, 2)) ? '' : `${level1}的`}${level2}，包括${elements}等信息`,
    basis: laws.join('、'),
    deadline: dice.pick([...DEADLINES, DEADLINES[0] as string, DEADLINES[1] as string]),
    body: words.department,
    channels: ['website', ...dice.some(CHANNELS.slice(1), 1, 4)],
    audience: dice.chance(0.85) ? 'public' : 'specific',
    mode: dice.chance(0.85) ? 'active' : 'on_request',
    levels: levels[dice.chance(0.55) ? 0 : dice.chance(0.75) ? 1 : 2] as DisclosureLevel[],
    stage: dice.chance(0.5) ? dice.pick(STAGES) : null,
    code,
  };
}

/** The city's own layer: every area's items, 1–6 二级事项 per 一级事项. */
function cityLayer(city: SampleRegion, areas: readonly SampleArea[], seed: number): RegionLayer {
  const dice = new Dice(prng(hash(`${seed}:${city.code}`)));
  const layer = emptyLayer();
  let serial = 0;
  areas.forEach((area, areaIndex) => {
    const words = vocabularyOf(area);
    const kinds = words.items >= LARGE_AREA_ITEMS ? [...ENFORCEMENT_KINDS, ...SERVICE_KINDS] : SERVICE_KINDS;
    const level1s = dice.shuffle(
      words.topics.flatMap((topic) =>
        kinds.map((kind) => ({ topic, kind, name: topic.length + kind.length <= 8 ? topic + kind : topic })),
      ),
    );
    const used = new Set<string>();
    let remaining = words.items;
    let inArea = 0;
    for (const { topic, kind, name: level1 } of level1s) {
      if (remaining === 0) break;
      if (used.has(level1)) continue;
      used.add(level1);
      const forms = dice.some(LEVEL2_FORMS[kind] ?? [], 1, Math.min(6, remaining));
      for (const form of forms) {
        serial += 1;
        inArea += 1;
        remaining -= 1;
        layer.additions.push({
          key: `${city.code}.${String(serial).padStart(4, '0')}`,
          areaCode: area.code,
          sortOrder: serial * 10,
          columns: itemColumns(
            dice,
            area,
            level1,
            form.replace('{t}', topic),
            `${String(areaIndex + 1).padStart(2, '0')}${String(inArea).padStart(3, '0')}`,
          ),
        });
      }
    }
    if (remaining > 0) throw new Error(`sample vocabulary of ${area.code} too small for ${words.items} items`);
  });
  return layer;
}

/** The responsible body of a region's own units: "源汇区市场监督管理局", "老街街道办事处", "某镇人民政府". */
function localBody(region: SampleRegion, department: string): string {
  if (region.level === 'township')
    return region.name.endsWith('街道') ? `${region.name}办事处` : `${region.name}人民政府`;
  return `${region.name}${department.replace(/部门$/, '局').replace(/机关$/, '局')}`;
}

/** A county's or township's layer, drawn against its parent's resolved catalog. */
function lowerLayer(
  region: SampleRegion,
  parent: ResolvedCatalog,
  parentName: string,
  areas: readonly SampleArea[],
  seed: number,
): RegionLayer {
  const dice = new Dice(prng(hash(`${seed}:${region.code}`)));
  const township = region.level === 'township';
  const layer = emptyLayer();
  // Townships cover 12–18 areas; functional zones (a county level unit with few townships) skip a few.
  const inherited = new Set(parent.notApplicable.keys());
  const open = areas.length - inherited.size;
  const notApplicableCount = township
    ? Math.max(0, open - dice.int(12, 18))
    : region.children.length <= 3
      ? dice.int(1, 3)
      : 0;
  const unit = township ? (region.name.endsWith('街道') ? '街道' : region.name.endsWith('乡') ? '乡' : '镇') : '区';
  for (const area of dice.shuffle(areas.filter((a) => !inherited.has(a.code))).slice(0, notApplicableCount)) {
    layer.notApplicable.push({
      areaCode: area.code,
      reason: `本${unit}不承担${area.name}领域相关职能，相关事项由${parentName}有关部门公开`,
    });
  }
  const excluded = new Set([...inherited, ...layer.notApplicable.map((n) => n.areaCode)]);
  const rows = parent.rows.filter((r) => r.status !== 'removed' && !excluded.has(r.areaCode));
  const chosen = dice.shuffle(rows);
  const [removals, adjustments] = township ? [dice.int(3, 10), dice.int(5, 15)] : [dice.int(20, 50), dice.int(20, 50)];
  for (const row of chosen.slice(0, removals))
    layer.removals.push({ key: row.key, reason: dice.pick(REMOVAL_REASONS) });
  for (const row of chosen.slice(removals, removals + adjustments)) {
    layer.adjustments.push({ key: row.key, columns: adjustment(dice, region, row, areas) });
  }
  const covered = areas.filter((a) => !excluded.has(a.code));
  const additions = township ? dice.int(2, 6) : dice.int(12, 30);
  for (let serial = 1; serial <= additions; serial += 1) {
    const area = dice.pick(covered);
    const topic = dice.pick(vocabularyOf(area).topics);
    const level2 = dice.pick(LOCAL_FORMS).replace('{t}', topic);
    const columns = itemColumns(dice, area, topic.slice(0, 8), level2, null);
    layer.additions.push({
      key: `${region.code}.${String(serial).padStart(4, '0')}`,
      areaCode: area.code,
      sortOrder: 100_000 + serial,
      columns: {
        ...columns,
        body: localBody(region, vocabularyOf(area).department),
        levels: township ? ['township'] : ['county'],
      },
    });
  }
  return layer;
}

function adjustment(dice: Dice, region: SampleRegion, row: ResolvedRow, areas: readonly SampleArea[]) {
  const area = areas.find((a) => a.code === row.areaCode) ?? { code: row.areaCode, name: '' };
  const roll = dice.int(1, 20);
  if (roll <= 12) return { body: localBody(region, vocabularyOf(area).department) };
  if (roll <= 16) return { deadline: dice.pick(DEADLINES.filter((d) => d !== row.columns.deadline)) };
  if (roll <= 19) {
    const extra: CatalogChannel = region.level === 'township' ? 'notice_board' : 'service_center';
    return {
      channels: row.columns.channels.includes(extra)
        ? row.columns.channels.filter((c) => c !== extra)
        : [...row.columns.channels, extra],
    };
  }
  return { body: localBody(region, vocabularyOf(area).department), deadline: '实时公开' };
}

/** Every region's layer of the sample catalog, by region code. */
export function generateSampleCatalog(
  root: SampleRegion,
  areas: readonly SampleArea[],
  seed = SAMPLE_SEED,
): Map<string, RegionLayer> {
  const areaOrder = new Map(areas.map((a, i) => [a.code, i]));
  const layers = new Map<string, RegionLayer>();
  const walk = (node: SampleRegion, parent: ResolvedCatalog | null, parentName: string): void => {
    const layer = parent ? lowerLayer(node, parent, parentName, areas, seed) : cityLayer(node, areas, seed);
    layers.set(node.code, layer);
    const resolved = resolveCatalog({ code: node.code, name: node.name }, parent, layer, areaOrder);
    node.children.forEach((child) => walk(child, resolved, node.name));
  };
  walk(root, null, '');
  return layers;
}
