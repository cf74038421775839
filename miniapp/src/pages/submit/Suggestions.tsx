import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CatalogSuggestion } from '../../hooks/useCatalogSuggestions';

/** For 咨询: published catalog items that may already answer the question being typed. */
export function Suggestions({ items }: { items: CatalogSuggestion[] }) {
  if (items.length === 0) return null;
  const open = (item: CatalogSuggestion) => {
    void Taro.navigateTo({ url: `/pages/catalog/item?region=${item.region.code}&key=${encodeURIComponent(item.key)}` });
  };
  return (
    <View className="suggestions">
      <Text className="suggestions__title">这些公开信息或许能解答您的问题</Text>
      {items.map((item) => (
        <View key={`${item.region.code}-${item.key}`} className="suggestion" onClick={() => open(item)}>
          <Text className="suggestion__name">{item.name}</Text>
          <Text className="suggestion__meta">
            {item.region.name} · {item.areaName}
          </Text>
        </View>
      ))}
    </View>
  );
}
