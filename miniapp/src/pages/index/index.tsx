import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_TYPES, type CaseType } from '@hotline/shared-types';
import { CallHotline } from '../../components/CallHotline';
import { CareModeSwitch } from '../../components/CareModeSwitch';
import { PageRoot } from '../../components/PageRoot';
import { useSharePage } from '../../hooks/useSharePage';
import { city } from '../../services/city';
import './index.scss';

const caseTypes = Object.entries(CASE_TYPES) as [CaseType, string][];

function go(url: string): void {
  void Taro.navigateTo({ url });
}

export default function Home() {
  useSharePage(() => `${city.name}12345 市民诉求`);
  return (
    <PageRoot className="home">
      <Text className="home__title">12345 市民诉求</Text>
      <CareModeSwitch />
      <Text className="home__subtitle">请选择诉求类型</Text>
      <View className="home__types">
        {caseTypes.map(([type, label]) => (
          <View
            key={type}
            className={`case-type-entry case-type-entry--${type}`}
            onClick={() => go(`/pages/submit/index?type=${type}`)}
          >
            {label}
          </View>
        ))}
      </View>
      <View className="home__links">
        <View className="home-link my-cases-entry" onClick={() => go('/pages/cases/index')}>
          我的诉求
        </View>
        <View className="home-link catalog-entry" onClick={() => go('/pages/catalog/index')}>
          政务公开
        </View>
        <View className="home-link me-entry" onClick={() => go('/pages/me/index')}>
          我的（数据、隐私、设置）
        </View>
      </View>
      <View className="home__hotline">
        <Text className="home__hotline-hint">紧急或复杂的事项，也可以直接打电话：</Text>
        <CallHotline />
      </View>
    </PageRoot>
  );
}
