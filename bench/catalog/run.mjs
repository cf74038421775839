#!/usr/bin/env node
// bench catalog: the citizen catalog endpoints against a Koa hello-world floor, in one run, 50 connections, on
// a throwaway MariaDB holding the sample catalog (67 regions): items list, item detail, search over every
// region's resolved catalog; then the time another instance takes to re-resolve and re-index everything after
// the city publishes. First, the search quality over the labelled everyday queries (quality.mjs).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.mjs';
import { runLoad } from '../lib/load.mjs';
import { mariadbWithSchema } from '../lib/mariadb.mjs';
import { searchQuality } from './quality.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const log = (line) => process.stdout.write(`${line}\n`);
const TERMS = [
  '食品经营',
  '许可',
  '低保',
  '卫生健康',
  '养老',
  '行政处罚决定',
  '招生入学',
  '排污许可',
  '公示',
  '法律援助',
];

const quality = searchQuality();
log(`search quality: ${quality.queries} labelled everyday queries, top-3 ${quality.top3.toFixed(3)}`);
for (const m of quality.misses) log(`  miss ${m.q} (want ${m.wanted.join('/')}): ${m.got.join(' | ') || '—'}`);
log('starting a throwaway MariaDB and migrating…');
const db = await mariadbWithSchema(['bench_catalog']);
let floor;
let bff;
try {
  floor = await startChild(path.join(here, 'floor-server.mjs'), {});
  log('starting the BFF and loading the sample catalog…');
  bff = await startChild(path.join(here, 'bff-server.mjs'), { BFF_DB_URL: db.urls.bench_catalog });

  // What to ask for: every region's non-empty areas, and some item keys per region.
  const regions = [];
  const walk = (node) => {
    regions.push(node.code);
    node.children.forEach(walk);
  };
  walk((await (await fetch(`${bff.url}/api/v1/catalog/regions`)).json()).root);
  const lists = [];
  const details = [];
  for (const region of regions) {
    const { areas } = await (await fetch(`${bff.url}/api/v1/catalog/regions/${region}/areas`)).json();
    for (const area of areas.filter((a) => a.itemCount > 0))
      lists.push(`/api/v1/catalog/regions/${region}/areas/${area.code}/items?page=1&pageSize=20`);
    const first = areas.find((a) => a.itemCount > 0);
    const page = await (
      await fetch(`${bff.url}/api/v1/catalog/regions/${region}/areas/${first.code}/items?pageSize=5`)
    ).json();
    for (const item of page.items) details.push(`/api/v1/catalog/regions/${region}/items/${item.key}`);
  }
  log(`${regions.length} regions, ${lists.length} region/area lists, ${details.length} items for detail`);
  const searches = TERMS.flatMap((q, i) => [
    `/api/v1/catalog/search?q=${encodeURIComponent(q)}`,
    `/api/v1/catalog/search?q=${encodeURIComponent(q)}&region=${regions[(i * 7) % regions.length]}`,
  ]);

  const targets = {
    floor: { server: floor, paths: ['/'] },
    list: { server: bff, paths: lists },
    detail: { server: bff, paths: details },
    search: { server: bff, paths: searches },
  };
  const run = (name, seconds) => {
    const { server, paths } = targets[name];
    return runLoad({
      url: server.url,
      connections: CONNECTIONS,
      seconds,
      request: (connection, n) => ({ method: 'GET', path: paths[(connection * 31 + n) % paths.length] }),
      expectStatus: [200],
    });
  };

  log('warming up (2 s each)…');
  for (const name of Object.keys(targets)) await run(name, 2);
  const results = Object.fromEntries(Object.keys(targets).map((n) => [n, []]));
  // Short rounds, each starting with a different target, so drift on a shared machine spreads over all of them.
  const names = Object.keys(targets);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const start = (round - 1) % names.length;
    for (const name of [...names.slice(start), ...names.slice(0, start)]) {
      const r = await run(name, SECONDS);
      results[name].push(r);
      log(
        `round ${round} ${name.padEnd(6)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`,
      );
      if (r.errors) log(`  statuses: ${JSON.stringify(r.statuses)}`);
    }
  }
  // Each round's figure is compared with the floor of the same round; the median of those ratios is reported.
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const ratio = (name) => median(results[name].map((r, i) => r.rps / results.floor[i].rps));
  const searchP99 = median(results.search.map((r) => r.p99));

  log('measuring re-resolve and re-index after the city publishes…');
  const reindexMs = await measureReindex(db.urls.bench_catalog);
  const errors = Object.values(results)
    .flat()
    .reduce((n, r) => n + r.errors, 0);
  for (const name of Object.keys(targets)) {
    const rps = median(results[name].map((r) => r.rps));
    log(
      `${name.padEnd(6)} median ${rps.toFixed(0)} req/s, p99 ${median(results[name].map((r) => r.p99)).toFixed(1)} ms`,
    );
  }
  log(
    `RESULT catalog list_ratio=${ratio('list').toFixed(2)} detail_ratio=${ratio('detail').toFixed(2)} search_ratio=${ratio('search').toFixed(2)} quality_top3=${quality.top3.toFixed(3)} search_p99_ms=${searchP99.toFixed(1)} floor_p99_ms=${median(results.floor.map((r) => r.p99)).toFixed(1)} reindex_ms=${reindexMs.toFixed(0)} floor_rps=${median(results.floor.map((r) => r.rps)).toFixed(0)} errors=${errors}`,
  );
} finally {
  await bff?.stop();
  await floor?.stop();
  await db.stop();
}

/**
 * Two instances on the catalog database: one edits a city item and publishes; the other, already holding
 * the previous generation, re-reads every published layer, re-resolves all regions and re-indexes them.
 */
async function measureReindex(url) {
  const { loadCity } = require('../../config/dist');
  const { createDataSource } = require('../../bff/dist/db/data-source');
  const { CityContext } = require('../../bff/dist/modules/city/city-context');
  const { createCatalog } = require('../../bff/dist/modules/catalog/catalog.module');
  const { publish, updateItem } = require('../../bff/dist/modules/catalog/catalog.service');
  const { systemClock } = require('../../bff/dist/lib/clock');
  const { ulidGenerator } = require('../../bff/dist/lib/ids');
  const dataSource = createDataSource({ url, sqlitePath: '', poolSize: 2 });
  await dataSource.initialize();
  try {
    const city = new CityContext(loadCity('luohe'));
    const make = () => createCatalog({ dataSource, city, clock: systemClock, ids: ulidGenerator });
    const editor = make();
    const other = make();
    const before = await other.store.current();
    const root = city.profile.region.code;
    const row = before.catalogs.get(root).rows[0];
    await updateItem(editor.edit, 'bench-editor', root, row.key, {
      deadline: '实时公开',
      body: `${row.columns.body}（调整）`,
    });
    await publish(editor.edit, 'bench-editor', root, {});
    const times = [];
    const t0 = performance.now();
    const after = await other.store.refresh();
    times.push(performance.now() - t0);
    if (after.generation === before.generation) throw new Error('the other instance did not see the publication');
    log(
      `other instance: generation ${before.generation} → ${after.generation}, ${after.index.documentCount} documents, rebuilt in ${times[0].toFixed(0)} ms (resolve + index ${after.buildMs.toFixed(0)} ms)`,
    );
    return times[0];
  } finally {
    await dataSource.destroy();
  }
}
