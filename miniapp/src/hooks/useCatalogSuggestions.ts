import { useEffect, useState } from 'react';
import { charCount } from '@hotline/shared-types';
import { api, type CatalogSuggestions } from '../services/api';

export type CatalogSuggestion = CatalogSuggestions['items'][number];

const MIN_CHARS = 4;
const DELAY_MS = 600;

/**
 * Catalog items that may already answer a consultation, looked up a moment after the citizen stops typing.
 * Suggestions are a help, not a step: a failed lookup shows nothing.
 */
export function useCatalogSuggestions(text: string, enabled: boolean): CatalogSuggestion[] {
  const [items, setItems] = useState<CatalogSuggestion[]>([]);
  const wanted = enabled && charCount(text.trim()) >= MIN_CHARS;

  useEffect(() => {
    if (!wanted) {
      setItems([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api
        .catalogSuggest(text.trim())
        .then((result) => current && setItems(result.items))
        .catch(() => current && setItems([]));
    }, DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, wanted]);

  return items;
}
