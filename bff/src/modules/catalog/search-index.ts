import type { DisclosureLevel, DisclosureMode, Highlighted, CatalogChannel } from '@hotline/shared-types';
import type { ResolvedCatalog, ResolvedRow } from './resolve';
import { emptyVocabulary, QueryAnalyzer, type QueryConcept, type SearchVocabulary } from './search-query';

/**
 * An in-process Chinese search index over every region's resolved catalog. MariaDB has no CJK full-text
 * parser, so the catalog is indexed here: character bigrams → posting lists, candidates verified by substring
 * so results are exact. Rows that did not change share their columns with the parent, so each distinct set of
 * columns is indexed once (a "document") and knows the regions it appears in.
 */

export interface IndexedArea {
  code: string;
  name: string;
  aliases: string[];
}

interface Doc {
  key: string;
  areaCode: string;
  name: string;
  nameNorm: string;
  content: string;
  contentNorm: string;
  basis: string;
  basisNorm: string;
  mode: DisclosureMode;
  levels: ReadonlySet<DisclosureLevel>;
  channels: ReadonlySet<CatalogChannel>;
  /** Regions (by index into `regions`) where this document is an active row. */
  regions: number[];
}

export interface SearchFilters {
  region?: string | undefined;
  area?: string | undefined;
  level?: DisclosureLevel | undefined;
  mode?: DisclosureMode | undefined;
  channels?: CatalogChannel[] | undefined;
}

export interface SearchHit {
  region: ResolvedCatalog['region'];
  row: ResolvedRow;
  area: IndexedArea;
  name: Highlighted;
  snippet: { column: 'content' | 'basis' | 'area'; text: Highlighted } | null;
}

export interface Suggestion {
  region: ResolvedCatalog['region'];
  row: ResolvedRow;
  area: IndexedArea;
  name: string;
  score: number;
}

const WEIGHT = { name: 100, content: 20, area: 10, basis: 5 } as const;
const SNIPPET_CHARS = 60;

/** Lower-case, full-width letters/digits folded to ASCII: what both the index and the query are compared in. */
export function normalize(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}

function bigrams(text: string, into: Set<string>): Set<string> {
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const pair = (chars[i] as string) + (chars[i + 1] as string);
    if (!/\s/.test(pair)) into.add(pair);
  }
  return into;
}

export const itemName = (row: ResolvedRow): string =>
  [row.columns.level1, row.columns.level2, row.columns.level3].filter(Boolean).join(' / ');

/** Cuts `text` into hit/non-hit pieces for every occurrence of any term (terms already normalized). */
export function highlight(text: string, terms: readonly string[]): Highlighted {
  const norm = normalize(text);
  const marks = new Uint8Array(text.length);
  for (const term of terms) {
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) marks.fill(1, at, at + term.length);
  }
  const out: Highlighted = [];
  let start = 0;
  for (let i = 1; i <= text.length; i += 1) {
    if (i === text.length || marks[i] !== marks[start]) {
      out.push({ text: text.slice(start, i), hit: marks[start] === 1 });
      start = i;
    }
  }
  return out;
}

function snippetOf(text: string, terms: readonly string[]): Highlighted {
  const norm = normalize(text);
  const first = Math.min(...terms.map((t) => norm.indexOf(t)).filter((i) => i >= 0));
  const from = Math.max(0, first - SNIPPET_CHARS / 3);
  const cut = text.slice(from, from + SNIPPET_CHARS);
  const pieces = highlight(cut, terms);
  if (from > 0) pieces.unshift({ text: '…', hit: false });
  if (from + SNIPPET_CHARS < text.length) pieces.push({ text: '…', hit: false });
  return pieces;
}

export class CatalogSearchIndex {
  private readonly docs: Doc[] = [];
  private readonly postings = new Map<string, Int32Array>();
  private readonly nameBigrams = new Map<string, Int32Array>();
  private readonly regionList: ResolvedCatalog[];
  private readonly regionIndex = new Map<string, number>();
  /** membership[region][doc] = 1 when the document is an active row of that region. */
  private readonly membership: Uint8Array[];
  private readonly areas: Map<string, IndexedArea>;
  /** Every name and alias of each area, normalized. */
  private readonly areaNames: Map<string, string[]>;
  private readonly docsByArea = new Map<string, number[]>();
  private readonly analyzer: QueryAnalyzer;

  constructor(
    catalogs: Iterable<ResolvedCatalog>,
    areas: readonly IndexedArea[],
    vocabulary: SearchVocabulary = emptyVocabulary,
  ) {
    this.analyzer = new QueryAnalyzer(vocabulary, normalize);
    this.regionList = [...catalogs];
    this.areas = new Map(areas.map((a) => [a.code, a]));
    this.areaNames = new Map(areas.map((a) => [a.code, [a.name, ...a.aliases].map(normalize)]));
    const docOf = new Map<object, number>();
    this.regionList.forEach((catalog, r) => {
      this.regionIndex.set(catalog.region.code, r);
      for (const row of catalog.rows) {
        if (row.status === 'removed') continue;
        let d = docOf.get(row.columns);
        if (d === undefined) {
          d = this.docs.length;
          docOf.set(row.columns, d);
          this.docs.push(this.makeDoc(row));
        }
        (this.docs[d] as Doc).regions.push(r);
      }
    });
    this.membership = this.regionList.map(() => new Uint8Array(this.docs.length));
    const all = new Map<string, number[]>();
    const names = new Map<string, number[]>();
    this.docs.forEach((doc, d) => {
      for (const r of doc.regions) (this.membership[r] as Uint8Array)[d] = 1;
      const list = this.docsByArea.get(doc.areaCode) ?? [];
      list.push(d);
      this.docsByArea.set(doc.areaCode, list);
      const nameGrams = bigrams(doc.nameNorm, new Set());
      for (const g of bigrams(`${doc.contentNorm}\n${doc.basisNorm}`, new Set(nameGrams))) push(all, g, d);
      for (const g of nameGrams) push(names, g, d);
    });
    for (const [g, list] of all) this.postings.set(g, Int32Array.from(list));
    for (const [g, list] of names) this.nameBigrams.set(g, Int32Array.from(list));
  }

  get documentCount(): number {
    return this.docs.length;
  }

  private makeDoc(row: ResolvedRow): Doc {
    const name = itemName(row);
    return {
      key: row.key,
      areaCode: row.areaCode,
      name,
      nameNorm: normalize(name),
      content: row.columns.content,
      contentNorm: normalize(row.columns.content),
      basis: row.columns.basis,
      basisNorm: normalize(row.columns.basis),
      mode: row.columns.mode,
      levels: new Set(row.columns.levels),
      channels: new Set(row.columns.channels),
      regions: [],
    };
  }

  /** Documents containing `term` somewhere (name, content, basis) or belonging to an area named by it. */
  private candidates(term: string): Set<number> {
    const out = new Set<number>();
    for (const [code, names] of this.areaNames) {
      if (names.some((n) => n.includes(term))) for (const d of this.docsByArea.get(code) ?? []) out.add(d);
    }
    const grams = [...bigrams(term, new Set())];
    const lists = grams.map((g) => this.postings.get(g));
    if (grams.length > 0 && lists.some((l) => l === undefined)) return out;
    // A two-character term is exactly its bigram (fields are indexed apart), so its postings need no check.
    const exact = grams.length === 1 && Array.from(term).length === 2;
    const found = grams.length ? intersect(lists as Int32Array[]) : this.docs.keys();
    for (const d of found) {
      const doc = this.docs[d] as Doc;
      if (exact || doc.nameNorm.includes(term) || doc.contentNorm.includes(term) || doc.basisNorm.includes(term)) {
        out.add(d);
      }
    }
    return out;
  }

  private areaMatches(doc: Doc, term: string): boolean {
    return (this.areaNames.get(doc.areaCode) ?? []).some((n) => n.includes(term));
  }

  private fieldScore(doc: Doc, term: string): number {
    let score = 0;
    if (doc.nameNorm.includes(term)) score += WEIGHT.name + (doc.nameNorm.startsWith(term) ? 10 : 0);
    if (doc.contentNorm.includes(term)) score += WEIGHT.content;
    if (this.areaMatches(doc, term)) score += WEIGHT.area;
    if (doc.basisNorm.includes(term)) score += WEIGHT.basis;
    return score;
  }

  /**
   * Per concept, its best alternative's field score weighed by how rare that alternative is (a word in half
   * the catalog tells little); common words count a tenth.
   */
  private score(doc: Doc, concepts: readonly QueryConcept[], rarity: ReadonlyMap<string, number>): number {
    let score = 0;
    for (const concept of concepts) {
      let best = 0;
      for (const alt of concept.alternatives) best = Math.max(best, this.fieldScore(doc, alt) * (rarity.get(alt) ?? 1));
      score += concept.common ? best / 10 : best;
    }
    return score;
  }

  /**
   * A word the vocabulary does not know and no item has ("食品经营许可证") stands for the longest pieces of it
   * that items do have (食品经营许可), each a concept of its own; single characters left over are dropped.
   */
  private covered(concept: QueryConcept): QueryConcept[] {
    const chars = Array.from(concept.text);
    if (concept.common || concept.alternatives.length > 1 || chars.length < 3 || chars.length > 12) return [concept];
    if (this.candidates(concept.text).size) return [concept];
    const pieces: QueryConcept[] = [];
    const cover = (from: number, to: number): void => {
      for (let n = to - from; n >= 2; n -= 1) {
        for (let i = from; i + n <= to; i += 1) {
          const text = chars.slice(i, i + n).join('');
          if (!this.candidates(text).size) continue;
          cover(from, i);
          pieces.push({ text, alternatives: [text], common: false, chunk: concept.chunk });
          cover(i + n, to);
          return;
        }
      }
    };
    cover(0, chars.length);
    return pieces.length ? pieces : [concept];
  }

  /** What the search understood of a query: its concepts with the formal terms each stands for. */
  understand(query: string): QueryConcept[] {
    return this.analyzer.analyze(query).flatMap((c) => this.covered(c));
  }

  private passes(doc: Doc, filters: SearchFilters): boolean {
    return (
      (!filters.area || doc.areaCode === filters.area) &&
      (!filters.mode || doc.mode === filters.mode) &&
      (!filters.level || doc.levels.has(filters.level)) &&
      (!filters.channels?.length || filters.channels.some((c) => doc.channels.has(c)))
    );
  }

  /**
   * Every concept of the query must match (by any of its alternatives), common words only when the query has
   * nothing else. Name matches rank
   * first, then 公开内容, area names, 公开依据, each weighed by the rarity of the word.
   * Hits are (region, item) rows; without a region filter one item appears once per region that has it.
   * Answers null when the region filter names no indexed region.
   */
  search(
    query: string,
    filters: SearchFilters,
    page: { offset: number; limit: number },
  ): { total: number; hits: SearchHit[] } | null {
    const regionFilter = filters.region === undefined ? undefined : this.regionIndex.get(filters.region);
    if (filters.region !== undefined && regionFilter === undefined) return null;
    const concepts = this.analyzer.analyze(query).flatMap((c) => this.covered(c));
    if (!concepts.length) return { total: 0, hits: [] };
    const terms = [...new Set(concepts.flatMap((c) => c.alternatives))];
    const rarity = new Map<string, number>();
    const found = new Map<QueryConcept, Set<number>>();
    for (const concept of concepts) {
      const docs = new Set<number>();
      for (const alt of concept.alternatives) {
        const hits = this.candidates(alt);
        rarity.set(alt, Math.log(1 + this.docs.length / (1 + hits.size)));
        for (const d of hits) docs.add(d);
      }
      found.set(concept, docs);
    }
    const required = concepts.some((c) => !c.common) ? concepts.filter((c) => !c.common) : concepts;
    const all = (sets: Set<number>[]) =>
      [...sets].sort((a, b) => a.size - b.size).reduce((acc, set) => new Set([...acc].filter((d) => set.has(d))));
    // Each space-separated part must match; within a phrase, all its words if an item has them all, else any.
    let matched: Set<number> | undefined;
    for (const chunk of new Set(required.map((c) => c.chunk))) {
      const sets = required.filter((c) => c.chunk === chunk).map((c) => found.get(c)!);
      const inAll = all(sets);
      const docs = inAll.size ? inAll : new Set(sets.flatMap((set) => [...set]));
      matched = matched ? new Set([...matched].filter((d) => docs.has(d))) : docs;
      if (!matched.size) break;
    }
    const member = regionFilter === undefined ? undefined : (this.membership[regionFilter] as Uint8Array);
    const ranked = [...(matched ?? [])]
      .filter((d) => (!member || member[d] === 1) && this.passes(this.docs[d] as Doc, filters))
      .map((d) => ({ d, score: this.score(this.docs[d] as Doc, concepts, rarity) }))
      .sort((a, b) => b.score - a.score || a.d - b.d);
    const regionsOf = (doc: Doc): readonly number[] => (regionFilter === undefined ? doc.regions : [regionFilter]);
    let total = 0;
    for (const { d } of ranked) total += regionFilter === undefined ? (this.docs[d] as Doc).regions.length : 1;
    const hits: SearchHit[] = [];
    let skip = page.offset;
    for (const { d } of ranked) {
      if (hits.length >= page.limit) break;
      const doc = this.docs[d] as Doc;
      const regions = regionsOf(doc);
      if (skip >= regions.length) {
        skip -= regions.length;
        continue;
      }
      for (let i = skip; i < regions.length && hits.length < page.limit; i += 1) {
        hits.push(this.hit(doc, regions[i] as number, terms));
      }
      skip = 0;
    }
    return { total, hits };
  }

  private hit(doc: Doc, r: number, terms: readonly string[]): SearchHit {
    const catalog = this.regionList[r] as ResolvedCatalog;
    const row = catalog.byKey.get(doc.key) as ResolvedRow;
    const area = this.areas.get(doc.areaCode) ?? { code: doc.areaCode, name: doc.areaCode, aliases: [] };
    const has = (norm: string) => terms.some((t) => norm.includes(t));
    const areaNames = [area.name, ...area.aliases].join('、');
    const snippet = has(doc.contentNorm)
      ? { column: 'content' as const, text: snippetOf(doc.content, terms) }
      : has(doc.basisNorm)
        ? { column: 'basis' as const, text: snippetOf(doc.basis, terms) }
        : has(normalize(areaNames))
          ? { column: 'area' as const, text: highlight(areaNames, terms) }
          : null;
    return { region: catalog.region, row, area, name: highlight(doc.name, terms), snippet };
  }

  /**
   * Items a citizen's free text is probably about: documents scored by the rarer bigrams they share with the
   * text (a name match counts three times), most relevant first, one per item key.
   */
  suggest(text: string, region: string | undefined, limit: number): Suggestion[] | null {
    const r = region === undefined ? undefined : this.regionIndex.get(region);
    if (region !== undefined && r === undefined) return null;
    const n = this.docs.length;
    const scores = new Float64Array(n);
    let possible = 0;
    // The text's own words, without the common ones (申请材料 says nothing of which item), and the formal
    // terms of its everyday words.
    const words = this.analyzer
      .analyze(text)
      .filter((c) => !c.common)
      .flatMap((c) => c.alternatives);
    for (const g of bigrams(words.join(' '), new Set())) {
      const list = this.postings.get(g);
      // Bigrams in a quarter of the catalog or more ("公开", "信息") say nothing about which item is meant.
      if (!list || list.length > n / 4) continue;
      const idf = Math.log(n / list.length);
      possible += 3 * idf;
      for (const d of list) scores[d] = (scores[d] as number) + idf;
      for (const d of this.nameBigrams.get(g) ?? []) scores[d] = (scores[d] as number) + 2 * idf;
    }
    if (possible === 0) return [];
    const member = r === undefined ? undefined : (this.membership[r] as Uint8Array);
    const ranked = [...scores.keys()]
      .filter((d) => (scores[d] as number) > 0 && (!member || member[d] === 1))
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    for (const d of ranked) {
      const doc = this.docs[d] as Doc;
      if (seen.has(doc.key)) continue;
      seen.add(doc.key);
      const catalog = this.regionList[r ?? (doc.regions[0] as number)] as ResolvedCatalog;
      out.push({
        region: catalog.region,
        row: catalog.byKey.get(doc.key) as ResolvedRow,
        area: this.areas.get(doc.areaCode) ?? { code: doc.areaCode, name: doc.areaCode, aliases: [] },
        name: doc.name,
        score: Math.min(1, Math.round(((scores[d] as number) / possible) * 1000) / 1000),
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}

/** Documents in every one of the sorted posting lists, by walking them together from the shortest. */
function intersect(lists: Int32Array[]): number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [first, ...rest] = sorted as [Int32Array, ...Int32Array[]];
  const at = rest.map(() => 0);
  const out: number[] = [];
  outer: for (const d of first) {
    for (let k = 0; k < rest.length; k += 1) {
      const list = rest[k] as Int32Array;
      let i = at[k] as number;
      while (i < list.length && (list[i] as number) < d) i += 1;
      at[k] = i;
      if (list[i] !== d) continue outer;
    }
    out.push(d);
  }
  return out;
}

function push(map: Map<string, number[]>, key: string, d: number): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}
