import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type MyData as Exported } from '../../services/api';
import { ApiError } from '../../services/http';
import { formatDateTime } from '../../utils/date';
import { statusLabel } from '../../utils/format';

const EXPORT_FAILED = '导出失败，请稍后再试';

/** 导出我的数据: everything held about the citizen, shown here and copied whole as JSON on request. */
export function MyData() {
  const [data, setData] = useState<Exported | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = async () => {
    setLoading(true);
    setError('');
    try {
      setData(await api.exportMyData());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : EXPORT_FAILED);
    } finally {
      setLoading(false);
    }
  };

  // A privacy-gated call: the page's privacy dialog shows first if the citizen has not agreed yet.
  const copy = (exported: Exported) =>
    void Taro.setClipboardData({ data: JSON.stringify(exported, null, 2) }).catch(() => undefined);

  return (
    <View className="me__section my-data">
      <Text className="me__heading">我的数据</Text>
      <Text className="me__hint">查看我们保存的全部关于您的信息，包括您的完整联系方式（本次查看会被记录）。</Text>
      {/* `|| undefined`, not false: Taro's H5 button keeps disabled="false" as an attribute and greys it out. */}
      <Button
        className="me__button export-button"
        loading={loading || undefined}
        disabled={loading || undefined}
        onClick={() => void load()}
      >
        导出我的数据
      </Button>
      {error && <Text className="form-error export-error">{error}</Text>}
      {data && (
        <View className="export-result">
          <Text className="me__text export-summary">
            导出时间 {formatDateTime(data.exportedAt)}；账号创建于 {formatDateTime(data.citizen.createdAt)}；共{' '}
            {data.cases.length} 件诉求
          </Text>
          {data.cases.map((item) => (
            <View key={item.id} className="export-case">
              <Text className="export-case__title">{item.title}</Text>
              <Text className="export-case__meta">
                {item.ticketNo ?? '尚未受理'} · {statusLabel(item.status)} · {formatDateTime(item.createdAt)}
              </Text>
              {item.contact && (
                <Text className="export-case__meta">
                  联系人：{item.contact.name ?? '未填写'}，电话：{item.contact.phone ?? '未填写'}
                </Text>
              )}
            </View>
          ))}
          <Button className="me__button copy-export-button" onClick={() => copy(data)}>
            复制全部数据
          </Button>
        </View>
      )}
    </View>
  );
}
