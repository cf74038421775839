/**
 * What a citizen typed, as the concepts the catalog search looks for. Citizens write phrases ("低保怎么申请")
 * and everyday words (低保, 公交, 医保) where the catalog has formal terms (最低生活保障, 公共交通, 医疗保险):
 * the phrase is cut at the words the configured vocabulary knows, function words are dropped, and each
 * everyday word brings its formal terms as alternatives. Words nearly every item has (申请、材料) are kept
 * but marked common, so they rank little and are never required.
 */

export interface SearchVocabulary {
  searchSynonyms: Readonly<Record<string, readonly string[]>>;
  commonWords: readonly string[];
  stopWords: readonly string[];
}

export interface QueryConcept {
  /** As typed (normalized). */
  text: string;
  /** The text and the formal terms it stands for; a document matches the concept by any of them. */
  alternatives: string[];
  common: boolean;
  /** Which space-separated part of the query it came from: parts must all match, words of one part need not. */
  chunk: number;
}

export const emptyVocabulary: SearchVocabulary = { searchSynonyms: {}, commonWords: [], stopWords: [] };

type Kind = 'synonym' | 'common' | 'stop';

export class QueryAnalyzer {
  private readonly words = new Map<string, Kind>();
  private readonly longest: number;

  constructor(
    private readonly vocabulary: SearchVocabulary,
    private readonly normalize: (text: string) => string,
  ) {
    for (const w of vocabulary.stopWords) this.words.set(normalize(w), 'stop');
    for (const w of vocabulary.commonWords) this.words.set(normalize(w), 'common');
    for (const w of Object.keys(vocabulary.searchSynonyms)) this.words.set(normalize(w), 'synonym');
    this.longest = Math.max(1, ...[...this.words.keys()].map((w) => Array.from(w).length));
  }

  analyze(query: string): QueryConcept[] {
    const concepts = new Map<string, QueryConcept>();
    const add = (text: string, kind: Kind | 'plain', chunk: number) => {
      if (kind === 'stop' || concepts.has(text)) return;
      const synonyms = kind === 'synonym' ? this.synonymsOf(text) : [];
      concepts.set(text, { text, alternatives: [...new Set([text, ...synonyms])], common: kind === 'common', chunk });
    };
    const chunks = this.normalize(query)
      .split(/\s+/)
      .flatMap((part, n) => part.split(/[,，。．.？?！!、；;：:“”"'（）()]+/).map((chunk) => ({ chunk, n })));
    for (const { chunk, n } of chunks.filter((c) => c.chunk)) {
      const chars = Array.from(chunk);
      const pieces: { text: string; kind: Kind | 'plain' }[] = [];
      let plain = '';
      for (let i = 0; i < chars.length;) {
        const word = this.wordAt(chars, i);
        if (!word) {
          plain += chars[i];
          i += 1;
          continue;
        }
        if (plain) pieces.push({ text: plain, kind: 'plain' });
        plain = '';
        pieces.push({ text: word, kind: this.words.get(word)! });
        i += Array.from(word).length;
      }
      if (plain) pieces.push({ text: plain, kind: 'plain' });
      // A lone character left between known words ("办" of 怎么办) says nothing; alone it is the query.
      const meaningful = pieces.filter((p) => p.kind !== 'stop');
      for (const p of meaningful) if (Array.from(p.text).length > 1 || meaningful.length === 1) add(p.text, p.kind, n);
    }
    return [...concepts.values()];
  }

  private wordAt(chars: readonly string[], i: number): string | undefined {
    for (let n = Math.min(this.longest, chars.length - i); n >= 1; n -= 1) {
      const word = chars.slice(i, i + n).join('');
      if (this.words.has(word)) return word;
    }
    return undefined;
  }

  private synonymsOf(word: string): string[] {
    for (const [key, values] of Object.entries(this.vocabulary.searchSynonyms))
      if (this.normalize(key) === word) return values.map(this.normalize);
    return [];
  }
}
