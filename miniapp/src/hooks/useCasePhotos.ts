import { useEffect, useState } from 'react';
import type { CaseDetail } from '@hotline/shared-types';
import { api } from '../services/api';

/**
 * Local copies of a case's photos: the BFF serves them only with the citizen's session, which an image tag
 * cannot send. A photo that fails to load is left out rather than shown broken.
 */
export function useCasePhotos(photos: CaseDetail['photos'] | undefined): string[] {
  const [paths, setPaths] = useState<string[]>([]);
  const urls = (photos ?? []).map((photo) => photo.url).join('\n');

  useEffect(() => {
    if (urls === '') {
      setPaths([]);
      return undefined;
    }
    let current = true;
    void Promise.all(urls.split('\n').map((url) => api.photoFile(url).catch(() => ''))).then((loaded) => {
      if (current) setPaths(loaded.filter(Boolean));
    });
    return () => {
      current = false;
    };
  }, [urls]);

  return paths;
}
