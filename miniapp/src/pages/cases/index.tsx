import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { CASE_STATUSES, CASE_TYPES, type CaseSummary } from '@hotline/shared-types';
import { useMyCases } from '../../hooks/useMyCases';
import { formatDateTime } from '../../utils/date';
import './index.scss';

function CaseRow({ item }: { item: CaseSummary }) {
  return (
    <View className="case-row">
      <View className="case-row__header">
        <Text className="case-row__type">{CASE_TYPES[item.type]}</Text>
        <Text className={`case-row__status case-row__status--${item.status}`}>{CASE_STATUSES[item.status]}</Text>
      </View>
      <Text className="case-row__title">{item.title}</Text>
      <Text className="case-row__date">{formatDateTime(item.createdAt)}</Text>
    </View>
  );
}

export default function MyCases() {
  const { items, state, error, hasMore, reload, loadMore } = useMyCases();

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void loadMore();
  });

  if (state === 'loading') {
    return (
      <View className="cases cases--loading">
        <Text className="cases__hint">加载中…</Text>
      </View>
    );
  }
  if (state === 'error') {
    return (
      <View className="cases cases--error">
        <Text className="cases__error">{error}</Text>
        <Button className="cases__retry" size="mini" onClick={() => void reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (items.length === 0) {
    return (
      <View className="cases cases--empty">
        <Text className="cases__hint">暂无诉求</Text>
      </View>
    );
  }
  return (
    <View className="cases">
      {items.map((item) => (
        <CaseRow key={item.id} item={item} />
      ))}
      {hasMore && <Text className="cases__hint">上拉加载更多</Text>}
    </View>
  );
}
