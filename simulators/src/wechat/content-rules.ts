/** msg_sec_check / media_check_async verdicts, as WeChat's `result.suggest`. */
export type Suggest = 'pass' | 'review' | 'risky';

/** WeChat's label for clean content and its catch-all "other" label; the simulator uses only these two. */
export const LABEL_NORMAL = 100;
export const LABEL_OTHER = 21000;

export interface TextRules {
  riskyWords: readonly string[];
  reviewWords: readonly string[];
}

/** Obviously fake words, so tests and demos never need real offensive text. */
export const defaultTextRules: TextRules = {
  riskyWords: ['违禁测试词', 'risky-test-word'],
  reviewWords: ['待审测试词', 'review-test-word'],
};

export interface TextVerdict {
  suggest: Suggest;
  label: number;
  keyword?: string;
}

export function judgeText(texts: readonly string[], rules: TextRules): TextVerdict {
  const find = (words: readonly string[]): string | undefined =>
    words.find((word) => texts.some((text) => text.includes(word)));
  const risky = find(rules.riskyWords);
  if (risky !== undefined) return { suggest: 'risky', label: LABEL_OTHER, keyword: risky };
  const review = find(rules.reviewWords);
  if (review !== undefined) return { suggest: 'review', label: LABEL_OTHER, keyword: review };
  return { suggest: 'pass', label: LABEL_NORMAL };
}

/** Default image verdict: by the URL, so a test picks the outcome by naming the file. */
export function judgeMediaByUrl(mediaUrl: string): Suggest {
  if (mediaUrl.includes('risky')) return 'risky';
  if (mediaUrl.includes('review')) return 'review';
  return 'pass';
}

export const labelFor = (suggest: Suggest): number => (suggest === 'pass' ? LABEL_NORMAL : LABEL_OTHER);
