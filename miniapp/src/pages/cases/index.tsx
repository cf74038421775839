import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { CASE_TYPES, type CaseStatus, type CaseSummary } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useMyCases } from '../../hooks/useMyCases';
import { formatDateTime } from '../../utils/date';
import { statusLabel, statusMark, truncate } from '../../utils/format';
import './index.scss';

/** The status chips; each array is a constant so choosing a chip reloads the list once. */
const FILTERS: { key: string; label: string; statuses?: readonly CaseStatus[] }[] = [
  { key: 'all', label: '全部' },
  {
    key: 'open',
    label: '办理中',
    statuses: ['submitted', 'forwarded', 'accepted', 'dispatched', 'signed', 'in_progress'],
  },
  { key: 'replied', label: '已答复', statuses: ['replied'] },
  { key: 'closed', label: '已办结', statuses: ['closed', 'rated'] },
  { key: 'withdrawn', label: '已撤回', statuses: ['withdrawn'] },
];

const TITLE_MAX_CHARS = 40;

function CaseRow({ item }: { item: CaseSummary }) {
  const open = () => {
    void Taro.navigateTo({ url: `/pages/detail/index?id=${item.id}` });
  };
  return (
    <View className="case-row" onClick={open}>
      <View className="case-row__header">
        <Text className="case-row__type">{CASE_TYPES[item.type]}</Text>
        <View className="case-row__state">
          <Text className="status-mark">{statusMark(item.status)}</Text>
          <Text className={`case-row__status case-row__status--${item.status}`}>{statusLabel(item.status)}</Text>
        </View>
      </View>
      <Text className="case-row__title">{truncate(item.title, TITLE_MAX_CHARS)}</Text>
      <View className="case-row__footer">
        <Text className="case-row__date">{formatDateTime(item.createdAt)}</Text>
        {item.overdue && <Text className="case-row__overdue">已超期</Text>}
      </View>
    </View>
  );
}

function StatusChips({ active, onChoose }: { active: string; onChoose: (key: string) => void }) {
  return (
    <View className="status-chips">
      {FILTERS.map(({ key, label }) => (
        <View
          key={key}
          className={`status-chip status-chip--${key}${key === active ? ' status-chip--active' : ''}`}
          onClick={() => onChoose(key)}
        >
          {label}
        </View>
      ))}
    </View>
  );
}

export default function MyCases() {
  const [filter, setFilter] = useState('all');
  const statuses = FILTERS.find(({ key }) => key === filter)?.statuses;
  const { items, state, error, hasMore, reload, loadMore } = useMyCases(statuses);
  const shownBefore = useRef(false);

  // Coming back from a detail page (after a withdrawal, say) shows the current statuses.
  useDidShow(() => {
    if (shownBefore.current) void reload();
    shownBefore.current = true;
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void loadMore();
  });

  return (
    <PageRoot className="cases">
      <StatusChips active={filter} onChoose={setFilter} />
      {state === 'loading' && <Text className="cases__hint">加载中…</Text>}
      {state === 'error' && (
        <View className="cases__failed">
          <Text className="cases__error">{error}</Text>
          <Button className="cases__retry retry-button" size="mini" onClick={() => void reload()}>
            重试
          </Button>
        </View>
      )}
      {state === 'ready' && items.length === 0 && (
        <View className="cases__empty-state">
          <Text className="cases__hint cases__empty">暂无诉求</Text>
          <View
            className="cases__start link-button"
            onClick={() => void Taro.navigateTo({ url: '/pages/submit/index' })}
          >
            去提交诉求
          </View>
        </View>
      )}
      {state === 'ready' && items.map((item) => <CaseRow key={item.id} item={item} />)}
      {state === 'ready' && hasMore && <Text className="cases__hint cases__more">上拉加载更多</Text>}
      {state === 'ready' && !hasMore && items.length > 0 && <Text className="cases__hint cases__end">没有更多了</Text>}
    </PageRoot>
  );
}
