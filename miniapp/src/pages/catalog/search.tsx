import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { DISCLOSURE_MODES } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useSharePage } from '../../hooks/useSharePage';
import { usePages } from '../../hooks/usePages';
import { api, type CatalogSearchPage } from '../../services/api';
import { HighlightedText, LoadStatus, SampleNotice, catalogUrl } from './shared';
import './index.scss';

type Hit = CatalogSearchPage['hits'][number];
const PAGE_SIZE = 20;
const SNIPPET_LABELS = { content: '公开内容', basis: '公开依据', area: '领域' } as const;

function HitRow({ hit }: { hit: Hit }) {
  return (
    <View
      className="search-hit"
      onClick={() => void Taro.navigateTo({ url: catalogUrl.item(hit.region.code, hit.key) })}
    >
      <HighlightedText className="search-hit__name" parts={hit.name} />
      <Text className="search-hit__meta">
        {hit.region.name} · {hit.areaName} · {DISCLOSURE_MODES[hit.mode]}
      </Text>
      {hit.snippet && (
        <View className="search-hit__snippet">
          <Text className="search-hit__column">{SNIPPET_LABELS[hit.snippet.column]}：</Text>
          <HighlightedText className="search-hit__text" parts={hit.snippet.text} />
        </View>
      )}
    </View>
  );
}

/** Search the catalog (this region, or all); matches are marked in the names and snippets. */
export default function CatalogSearch() {
  useSharePage(() => '政务公开事项搜索');
  const { params } = useRouter();
  // A search opened from a region searches that region until the citizen asks for the whole city.
  const [wholeCity, setWholeCity] = useState(false);
  const region = wholeCity ? undefined : params.region || undefined;
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [sample, setSample] = useState(false);
  const [scope, setScope] = useState<CatalogSearchPage['scope']>();
  const results = usePages(
    async (page) => {
      if (!query) return { items: [] as Hit[], total: 0 };
      const answer = await api.catalogSearch({ q: query, region, page, pageSize: PAGE_SIZE });
      setSample(answer.sample);
      setScope(answer.scope);
      return { items: answer.hits, total: answer.total };
    },
    `${region ?? ''}/${query}`,
  );

  useReachBottom(() => {
    void results.loadMore();
  });

  const search = () => setQuery(text.trim());

  return (
    <PageRoot className="catalog">
      <View className="search-bar">
        <Input
          className="search-input"
          value={text}
          placeholder="输入事项、领域或常用说法，如：低保、医保"
          confirmType="search"
          maxlength={50}
          onInput={(event) => setText(event.detail.value)}
          onConfirm={search}
        />
        <Button className="search-button" type="primary" onClick={search}>
          搜索
        </Button>
      </View>
      {query && <LoadStatus state={results.state} error={results.error} onRetry={() => void results.reload()} />}
      {query && results.state === 'ready' && (
        <>
          <SampleNotice sample={sample} />
          <Text className="search-scope">搜索范围：{scope?.region ? scope.region.name : '全市'}</Text>
          <Text className="search-total">共找到{results.total}项</Text>
          {scope?.region && scope.wholeCityTotal !== null && (
            <Button className="search-whole-city" onClick={() => setWholeCity(true)}>
              在全市搜索（共{scope.wholeCityTotal}项）
            </Button>
          )}
          {results.items.length === 0 && (
            <Text className="state-hint search-empty">没有找到相关事项，换个说法试试</Text>
          )}
          {results.items.map((hit) => (
            <HitRow key={`${hit.region.code}-${hit.key}`} hit={hit} />
          ))}
          {results.hasMore && <Text className="state-hint">上拉加载更多</Text>}
        </>
      )}
    </PageRoot>
  );
}
