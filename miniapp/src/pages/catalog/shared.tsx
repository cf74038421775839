import { Button, Text, View } from '@tarojs/components';
import type { CatalogItem, Highlighted } from '@hotline/shared-types';

/** Loading and failure, the same on every catalog page. */
export function LoadStatus(props: { state: 'loading' | 'ready' | 'error'; error: string; onRetry: () => void }) {
  if (props.state === 'loading') return <Text className="state-hint">加载中…</Text>;
  if (props.state === 'error') {
    return (
      <View className="catalog-failed">
        <Text className="state-error">{props.error}</Text>
        <Button className="retry-button" onClick={props.onRetry}>
          重试
        </Button>
      </View>
    );
  }
  return null;
}

/** Generated sample data must never pass for the city's own catalog. */
export function SampleNotice({ sample }: { sample: boolean }) {
  return sample ? <Text className="sample-notice">示例数据：以下内容为演示用，并非正式公开目录</Text> : null;
}

/** Search text with the matches marked by weight and underline as well as colour. */
export function HighlightedText({ parts, className }: { parts: Highlighted; className: string }) {
  return (
    <Text className={className}>
      {parts.map((part, index) =>
        part.hit ? (
          <Text key={index} className="hit">
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}

export const catalogUrl = {
  items: (region: string, area: string) => `/pages/catalog/items?region=${region}&area=${area}`,
  item: (region: string, key: string) => `/pages/catalog/item?region=${region}&key=${encodeURIComponent(key)}`,
  search: (region: string) => `/pages/catalog/search?region=${region}`,
  diff: (region: string) => `/pages/catalog/diff?region=${region}`,
};

/** 一级事项 / 二级事项 (/ 三级事项). */
export function itemName(item: Pick<CatalogItem, 'level1' | 'level2' | 'level3'>): string {
  return [item.level1, item.level2, item.level3].filter(Boolean).join(' / ');
}
