import { useShareAppMessage, useRouter } from '@tarojs/taro';

/**
 * 转发 for a public page: the share opens this same page with the same query (the same catalog item, the same
 * search), for anyone. The page's config must set `enableShareAppMessage: true`.
 */
export function useSharePage(title: () => string) {
  const { path, params } = useRouter();
  useShareAppMessage(() => {
    const query = Object.entries(params)
      .filter(([name, value]) => name !== '$taroTimestamp' && value !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(value ?? '')}`)
      .join('&');
    const page = path.split('?')[0] ?? path;
    return { title: title(), path: query ? `${page}?${query}` : page };
  });
}
