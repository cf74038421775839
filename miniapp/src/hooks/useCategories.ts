import { useCallback, useEffect, useState } from 'react';
import type { Category } from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';
import type { LoadState } from './useMyCases';

/** One entry of the category picker. */
export interface CategoryOption {
  code: string;
  label: string;
}

const GENERIC_FAILURE = '分类加载失败';

/**
 * The city's own categories come first (they are what citizens usually look for), then the disclosure areas,
 * marked so the two groups can be told apart in one list.
 */
export function categoryOptions(categories: Category[]): CategoryOption[] {
  const city = categories.filter((category) => category.kind === 'city_category');
  const areas = categories.filter((category) => category.kind === 'disclosure_area');
  return [
    ...city.map(({ code, name }) => ({ code, label: name })),
    ...areas.map(({ code, name }) => ({ code, label: `政务公开 · ${name}` })),
  ];
}

/** The categories a case can be filed under, from the BFF. */
export function useCategories() {
  const [options, setOptions] = useState<CategoryOption[]>([]);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    setState('loading');
    try {
      setOptions(categoryOptions(await api.listCategories()));
      setState('ready');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : GENERIC_FAILURE);
      setState('error');
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { options, state, error, reload };
}
