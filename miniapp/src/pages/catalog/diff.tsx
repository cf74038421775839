import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CatalogItem } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useSharePage } from '../../hooks/useSharePage';
import { useLoad } from '../../hooks/useLoad';
import { api } from '../../services/api';
import { LoadStatus, SampleNotice, catalogUrl, itemName } from './shared';
import './index.scss';

function DiffGroup(props: { name: string; title: string; region: string; items: CatalogItem[] }) {
  if (props.items.length === 0) return null;
  return (
    <View className={`diff-group diff-group--${props.name}`}>
      <Text className="catalog__heading">
        {props.title}（{props.items.length}项）
      </Text>
      {props.items.map((item) => (
        <View
          key={item.key}
          className="diff-item"
          onClick={() => void Taro.navigateTo({ url: catalogUrl.item(props.region, item.key) })}
        >
          <Text className="diff-item__name">{itemName(item)}</Text>
          <Text className="diff-item__origin">{item.origin.summary}</Text>
        </View>
      ))}
    </View>
  );
}

/** How a county's or township's catalog differs from the one above it: added, adjusted, not applicable. */
export default function CatalogDiffPage() {
  useSharePage(() => '政务公开目录差异');
  const { params } = useRouter();
  const region = params.region ?? '';
  const diff = useLoad(() => api.catalogDiff(region), region);
  const data = diff.data;
  const unchanged =
    data && data.added.length + data.adjusted.length + data.removed.length + data.notApplicableAreas.length === 0;

  return (
    <PageRoot className="catalog">
      <LoadStatus state={diff.state} error={diff.error} onRetry={() => void diff.reload()} />
      {diff.state === 'ready' && data && (
        <>
          <View className="catalog__header">
            <Text className="catalog__title">
              {data.region.name}
              {data.parent ? ` 与 ${data.parent.name} 的差异` : ''}
            </Text>
            <SampleNotice sample={data.sample} />
          </View>
          {unchanged && <Text className="state-hint">与上级目录完全一致</Text>}
          {data.notApplicableAreas.length > 0 && (
            <View className="diff-group diff-group--areas">
              <Text className="catalog__heading">未涉及领域（{data.notApplicableAreas.length}个）</Text>
              {data.notApplicableAreas.map((area) => (
                <View key={area.code} className="diff-item">
                  <Text className="diff-item__name">{area.name}</Text>
                  <Text className="diff-item__origin">原因：{area.reason}</Text>
                </View>
              ))}
            </View>
          )}
          <DiffGroup name="added" title="本地新增" region={region} items={data.added} />
          <DiffGroup name="adjusted" title="本地调整" region={region} items={data.adjusted} />
          <DiffGroup name="removed" title="本地不适用" region={region} items={data.removed} />
        </>
      )}
    </PageRoot>
  );
}
