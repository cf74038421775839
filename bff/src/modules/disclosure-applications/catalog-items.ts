import type { CatalogStore } from '../catalog/catalog-store';
import type { CatalogItemKeys } from './disclosure.service';

/** Which of the keys name no item of any region's published catalog (the 申请公开 button sends real ones). */
export function catalogItemsFrom(store: CatalogStore): CatalogItemKeys {
  return {
    async unknown(keys) {
      if (keys.length === 0) return [];
      const catalogs = [...(await store.current()).catalogs.values()];
      return keys.filter((key) => !catalogs.some((catalog) => catalog.byKey.has(key)));
    },
  };
}
