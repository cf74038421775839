import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CatalogRegionNode } from '@hotline/shared-types';

export const CATALOG_REGION_KEY = 'catalog-region';

/** The path from the root to the region with `code`, or just the root when it is not in the tree. */
export function regionPath(root: CatalogRegionNode, code: string): CatalogRegionNode[] {
  const walk = (node: CatalogRegionNode): CatalogRegionNode[] | undefined => {
    if (node.code === code) return [node];
    for (const child of node.children) {
      const below = walk(child);
      if (below) return [node, ...below];
    }
    return undefined;
  };
  return walk(root) ?? [root];
}

/** The region the citizen last looked at, remembered so the catalog opens where they left it. */
export function useCatalogRegion() {
  const [code, setCode] = useState<string>(() => {
    const stored: unknown = Taro.getStorageSync(CATALOG_REGION_KEY);
    return typeof stored === 'string' ? stored : '';
  });
  const choose = useCallback((next: string) => {
    Taro.setStorageSync(CATALOG_REGION_KEY, next);
    setCode(next);
  }, []);
  return { code, choose };
}
