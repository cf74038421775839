import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CatalogRegionNode } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useSharePage } from '../../hooks/useSharePage';
import { regionPath, useCatalogRegion } from '../../hooks/useCatalogRegion';
import { useLoad } from '../../hooks/useLoad';
import { api, type CatalogAreaSummary } from '../../services/api';
import { LoadStatus, SampleNotice, catalogUrl } from './shared';
import './index.scss';

const LEVEL_LABELS = { city: '市级', county: '县（区）', township: '乡镇（街道）' } as const;

function RegionRow(props: {
  level: keyof typeof LEVEL_LABELS;
  options: CatalogRegionNode[];
  chosen: string | undefined;
  onChoose: (code: string) => void;
}) {
  if (props.options.length === 0) return null;
  return (
    <View className={`region-row region-row--${props.level}`}>
      <Text className="region-row__label">{LEVEL_LABELS[props.level]}</Text>
      <View className="region-row__options">
        {props.options.map((node) => (
          <View
            key={node.code}
            className={`region-option${node.code === props.chosen ? ' region-option--chosen' : ''}`}
            onClick={() => props.onChoose(node.code)}
          >
            {node.name}
          </View>
        ))}
      </View>
    </View>
  );
}

/** City, county, township: each level lists the choices under the one chosen above it. */
function RegionPicker({
  root,
  code,
  onChoose,
}: {
  root: CatalogRegionNode;
  code: string;
  onChoose: (c: string) => void;
}) {
  const [city, county, township] = regionPath(root, code);
  return (
    <View className="region-picker">
      <RegionRow level="city" options={[root]} chosen={city?.code} onChoose={onChoose} />
      <RegionRow level="county" options={root.children} chosen={county?.code} onChoose={onChoose} />
      {county && <RegionRow level="township" options={county.children} chosen={township?.code} onChoose={onChoose} />}
    </View>
  );
}

function AreaCell({ region, area }: { region: string; area: CatalogAreaSummary }) {
  if (!area.applicable) {
    return (
      <View className="area-cell area-cell--not-applicable">
        <Text className="area-cell__name">{area.name}</Text>
        <Text className="area-cell__count">本地不适用</Text>
        {area.notApplicableReason && <Text className="area-cell__reason">原因：{area.notApplicableReason}</Text>}
      </View>
    );
  }
  return (
    <View className="area-cell" onClick={() => void Taro.navigateTo({ url: catalogUrl.items(region, area.code) })}>
      <Text className="area-cell__name">{area.name}</Text>
      <Text className="area-cell__count">{area.itemCount}项</Text>
    </View>
  );
}

/** 政务公开: choose a region, then one of its areas; search and the differences from the level above. */
export default function CatalogHome() {
  useSharePage(() => '政务公开标准目录');
  const region = useCatalogRegion();
  const regions = useLoad(() => api.catalogRegions(), 'regions');
  const root = regions.data?.root;
  const code = root ? (regionPath(root, region.code).at(-1)?.code ?? root.code) : '';
  const areas = useLoad(() => (code ? api.catalogAreas(code) : Promise.resolve(undefined)), code);
  const applicable = areas.data?.areas.filter((area) => area.applicable) ?? [];
  const notApplicable = areas.data?.areas.filter((area) => !area.applicable) ?? [];

  return (
    <PageRoot className="catalog">
      <View className="catalog-search-entry" onClick={() => void Taro.navigateTo({ url: catalogUrl.search(code) })}>
        搜索公开事项，如“低保”“征地补偿”
      </View>
      <LoadStatus state={regions.state} error={regions.error} onRetry={() => void regions.reload()} />
      {root && <RegionPicker root={root} code={code} onChoose={region.choose} />}
      {root && code !== root.code && (
        <View
          className="catalog-diff-entry link-button"
          onClick={() => void Taro.navigateTo({ url: catalogUrl.diff(code) })}
        >
          查看与上级目录的差异
        </View>
      )}
      {root && <LoadStatus state={areas.state} error={areas.error} onRetry={() => void areas.reload()} />}
      {areas.state === 'ready' && areas.data && (
        <View className="catalog-areas">
          <SampleNotice sample={areas.data.sample} />
          <Text className="catalog__heading">
            {areas.data.region.name}：{applicable.length}个领域
          </Text>
          <View className="area-grid">
            {applicable.map((area) => (
              <AreaCell key={area.code} region={code} area={area} />
            ))}
          </View>
          {notApplicable.length > 0 && (
            <>
              <Text className="catalog__heading">未涉及领域（{notApplicable.length}个）</Text>
              <View className="area-grid">
                {notApplicable.map((area) => (
                  <AreaCell key={area.code} region={code} area={area} />
                ))}
              </View>
            </>
          )}
        </View>
      )}
    </PageRoot>
  );
}
