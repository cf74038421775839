#!/usr/bin/env node
// Search quality over the labelled everyday queries (queries.json): the share of queries with a hit in one of
// their areas among the top three city-wide hits, on the sample catalog resolved in memory (the same
// resolution and index the BFF serves). `node bench/catalog/quality.mjs` prints the misses too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export function searchQuality() {
  const { loadCity } = require('../../config/dist');
  const { generateSampleCatalog } = require('../../bff/dist/modules/catalog/sample/sample-catalog');
  const { resolveTree } = require('../../bff/dist/modules/catalog/resolve');
  const { CatalogSearchIndex } = require('../../bff/dist/modules/catalog/search-index');
  const city = loadCity('luohe');
  const areas = city.categories
    .filter((c) => c.kind === 'disclosure_area')
    .map(({ code, name, aliases }) => ({ code, name, aliases }));
  const root = city.region;
  const layers = generateSampleCatalog(root, areas);
  const catalogs = resolveTree(root, layers, new Map(areas.map((a, i) => [a.code, i])));
  const index = new CatalogSearchIndex(catalogs.values(), areas, city.catalogVocabulary);
  const { queries } = JSON.parse(readFileSync(path.join(here, 'queries.json'), 'utf8'));
  const misses = [];
  for (const { q, areas: wanted } of queries) {
    const { hits } = index.search(q, {}, { offset: 0, limit: 3 });
    if (!hits.some((h) => wanted.includes(h.area.code)))
      misses.push({
        q,
        wanted,
        got: hits.map((h) => `${h.area.name}:${h.row.columns.level1}/${h.row.columns.level2}`),
      });
  }
  return { queries: queries.length, top3: (queries.length - misses.length) / queries.length, misses };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { queries, top3, misses } = searchQuality();
  for (const m of misses)
    process.stdout.write(`miss ${m.q} (want ${m.wanted.join('/')}): ${m.got.join(' | ') || '—'}\n`);
  process.stdout.write(`quality_top3=${top3.toFixed(3)} over ${queries} queries\n`);
}
