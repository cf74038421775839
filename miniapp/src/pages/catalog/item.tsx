import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  CATALOG_CHANNELS,
  DISCLOSURE_AUDIENCES,
  DISCLOSURE_LEVELS,
  DISCLOSURE_MODES,
  DISCLOSURE_STAGES,
  ITEM_COLUMN_LABELS,
  ITEM_STATUSES,
  type CatalogItem,
  type ItemColumn,
} from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { PrivacyDialog } from '../../components/PrivacyDialog';
import { useSharePage } from '../../hooks/useSharePage';
import { useLoad } from '../../hooks/useLoad';
import { api } from '../../services/api';
import { LoadStatus, SampleNotice, itemName } from './shared';
import './index.scss';

/** Every column as the standard catalog prints it; an empty optional column says so instead of vanishing. */
function columnText(item: CatalogItem, column: ItemColumn): string {
  switch (column) {
    case 'channels':
      return item.channels.map((channel) => CATALOG_CHANNELS[channel]).join('、');
    case 'audience':
      return DISCLOSURE_AUDIENCES[item.audience];
    case 'mode':
      return DISCLOSURE_MODES[item.mode];
    case 'levels':
      return item.levels.map((level) => DISCLOSURE_LEVELS[level]).join('、');
    case 'stage':
      return item.stage ? DISCLOSURE_STAGES[item.stage] : '—';
    default:
      return item[column] ?? '—';
  }
}

const COLUMNS = Object.keys(ITEM_COLUMN_LABELS) as ItemColumn[];

/** One catalog item: every column, where it comes from, and why it does not apply here when it does not. */
export default function CatalogItemPage() {
  const { params } = useRouter();
  const region = params.region ?? '';
  const key = decodeURIComponent(params.key ?? '');
  const detail = useLoad(() => api.catalogItem(region, key), `${region}/${key}`);
  const item = detail.data?.item;
  useSharePage(() => (item ? itemName(item) : '政务公开事项'));

  return (
    <PageRoot className="catalog">
      <LoadStatus state={detail.state} error={detail.error} onRetry={() => void detail.reload()} />
      {detail.state === 'ready' && detail.data && item && (
        <>
          <View className="catalog__header">
            <Text className="catalog__title item-detail__name">{itemName(item)}</Text>
            <Text className="catalog__subtitle">
              {detail.data.region.name} · {detail.data.area.name}
            </Text>
            <SampleNotice sample={detail.data.sample} />
          </View>
          <View className="item-origin">
            <Text className={`origin-tag origin-tag--${item.origin.status}`}>{ITEM_STATUSES[item.origin.status]}</Text>
            <Text className="item-origin__summary">来源：{item.origin.summary}</Text>
          </View>
          <View className="item-columns">
            {COLUMNS.map((column) => (
              <View key={column} className={`item-column item-column--${column}`}>
                <Text className="item-column__label">{ITEM_COLUMN_LABELS[column]}</Text>
                <Text className="item-column__value">{columnText(item, column)}</Text>
              </View>
            ))}
          </View>
          <View className="item-documents">
            <Text className="catalog__heading">已公开的文件</Text>
            {detail.data.documents?.length ? (
              detail.data.documents.map((document) => (
                <View key={document.id} className="item-document">
                  <Text className="item-document__title">{document.title}</Text>
                  <Text className="item-document__meta">
                    发布日期 {document.publishedOn}
                    {document.indexNumber ? ` · 索引号 ${document.indexNumber}` : ''}
                  </Text>
                  <Text className="item-document__url" userSelect>
                    {document.url}
                  </Text>
                  <View
                    className="item-document__copy"
                    onClick={() => void Taro.setClipboardData({ data: document.url }).catch(() => undefined)}
                  >
                    <Text>复制链接</Text>
                  </View>
                </View>
              ))
            ) : (
              <Text className="state-hint item-documents__none">
                暂未关联公开文件，请通过“{columnText(item, 'channels')}”查阅
              </Text>
            )}
          </View>
        </>
      )}
      <PrivacyDialog purpose="复制链接需要使用剪贴板，请先阅读并同意《隐私保护指引》。" />
    </PageRoot>
  );
}
