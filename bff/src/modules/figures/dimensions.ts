import type { RegionNode } from '@hotline/config';
import { CASE_TYPES, type FigureDimension } from '@hotline/shared-types';
import type { CityContext } from '../city/city-context';

/** Where a raw value (type code, category code, unit, region code, month) lands: the row's key and label. */
export interface RowKey {
  key: string;
  label: string;
}

export const TOTAL: RowKey = { key: 'all', label: '合计' };
export const NO_UNIT: RowKey = { key: 'none', label: '未派单' };
export const UNKNOWN_REGION: RowKey = { key: 'unknown', label: '未知区域' };

export function rowKeyOf(by: FigureDimension | undefined, city: CityContext): (raw: string | null) => RowKey {
  switch (by) {
    case undefined:
      return () => TOTAL;
    case 'type':
      return (raw) => ({
        key: raw ?? '',
        label: raw && Object.hasOwn(CASE_TYPES, raw) ? CASE_TYPES[raw as keyof typeof CASE_TYPES] : (raw ?? ''),
      });
    case 'area':
      return (raw) => ({ key: raw ?? '', label: (raw && city.category(raw)?.name) || (raw ?? '') });
    case 'unit':
      return (raw) => (raw ? { key: raw, label: raw } : NO_UNIT);
    case 'region': {
      const counties = countyIndex(city.profile.region);
      return (raw) => (raw && counties.get(raw)) || UNKNOWN_REGION;
    }
    case 'month':
      return (raw) => ({ key: raw ?? '', label: raw ? monthLabel(raw) : '' });
  }
}

/** `2026-03` → `2026年3月`. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Every county-level region and every township under it → that county. The city itself is not a county. */
function countyIndex(root: RegionNode): Map<string, RowKey> {
  const index = new Map<string, RowKey>();
  const walk = (node: RegionNode, county: RowKey | null): void => {
    const own = node.level === 'county' ? { key: node.code, label: node.name } : county;
    if (own) index.set(node.code, own);
    node.children.forEach((child) => walk(child, own));
  };
  walk(root, null);
  return index;
}

/** A region code and every code below it: what a staff member limited to that region may see. */
export function regionAndBelow(root: RegionNode, code: string): string[] {
  const find = (node: RegionNode): RegionNode | undefined =>
    node.code === code ? node : node.children.map(find).find(Boolean);
  const collect = (node: RegionNode): string[] => [node.code, ...node.children.flatMap(collect)];
  const node = find(root);
  return node ? collect(node) : [code];
}
