import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { DISCLOSURE_MODES, ITEM_STATUSES, type CatalogItemSummary } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useSharePage } from '../../hooks/useSharePage';
import { usePages } from '../../hooks/usePages';
import { api, type CatalogItemPage } from '../../services/api';
import { LoadStatus, SampleNotice, catalogUrl, itemName } from './shared';
import './index.scss';

const PAGE_SIZE = 20;

function ItemRow({ region, item }: { region: string; item: CatalogItemSummary }) {
  const removed = item.status === 'removed';
  return (
    <View
      className={`item-row${removed ? ' item-row--removed' : ''}`}
      onClick={() => void Taro.navigateTo({ url: catalogUrl.item(region, item.key) })}
    >
      <Text className="item-row__name">{itemName(item)}</Text>
      <View className="item-row__meta">
        <Text className={`origin-tag origin-tag--${item.status}`}>{ITEM_STATUSES[item.status]}</Text>
        <Text className="item-row__mode">{DISCLOSURE_MODES[item.mode]}</Text>
      </View>
      <Text className="item-row__body">
        {item.body} · {item.deadline}
      </Text>
      {removed && item.removedReason && <Text className="item-row__reason">不适用原因：{item.removedReason}</Text>}
    </View>
  );
}

/** The items of one area in one region; the ones that do not apply here are a tap away, with reasons. */
export default function CatalogItems() {
  useSharePage(() => '政务公开事项');
  const { params } = useRouter();
  const region = params.region ?? '';
  const area = params.area ?? '';
  const [show, setShow] = useState<'active' | 'removed'>('active');
  const [meta, setMeta] = useState<CatalogItemPage | undefined>(undefined);
  const list = usePages(async (page) => {
    const answer = await api.catalogItems(region, area, { page, pageSize: PAGE_SIZE, show });
    setMeta(answer);
    return { items: answer.items, total: answer.total };
  }, `${region}/${area}/${show}`);

  useReachBottom(() => {
    void list.loadMore();
  });

  return (
    <PageRoot className="catalog">
      {meta && (
        <View className="catalog__header">
          <Text className="catalog__title">
            {meta.region.name} · {meta.area.name}
          </Text>
          <SampleNotice sample={meta.sample} />
        </View>
      )}
      <View className="items-tabs">
        <View
          className={`items-tab items-tab--active-items${show === 'active' ? ' items-tab--chosen' : ''}`}
          onClick={() => setShow('active')}
        >
          适用事项{meta ? `（${meta.area.itemCount}）` : ''}
        </View>
        <View
          className={`items-tab items-tab--removed-items${show === 'removed' ? ' items-tab--chosen' : ''}`}
          onClick={() => setShow('removed')}
        >
          本地不适用{meta ? `（${meta.area.removedCount}）` : ''}
        </View>
      </View>
      <LoadStatus state={list.state} error={list.error} onRetry={() => void list.reload()} />
      {list.state === 'ready' && list.items.length === 0 && <Text className="state-hint catalog__empty">暂无事项</Text>}
      {list.state === 'ready' && list.items.map((item) => <ItemRow key={item.key} region={region} item={item} />)}
      {list.hasMore && <Text className="state-hint">上拉加载更多</Text>}
      {list.state === 'ready' && !list.hasMore && list.items.length > 0 && (
        <Text className="state-hint catalog__end">共{list.total}项，没有更多了</Text>
      )}
    </PageRoot>
  );
}
