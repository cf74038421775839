import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_TYPES, type CaseType } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useCareMode } from '../../hooks/useCareMode';
import './index.scss';

const caseTypes = Object.entries(CASE_TYPES) as [CaseType, string][];

function go(url: string): void {
  void Taro.navigateTo({ url });
}

/** The visible 关怀模式 entry: larger text and buttons on every page, remembered across restarts. */
function CareModeSwitch() {
  const careMode = useCareMode();
  return (
    <View className="care-mode-row">
      <View className="care-mode-row__text">
        <Text className="care-mode-row__label">关怀模式</Text>
        <Text className="care-mode-row__state">{careMode.on ? '已开启：大字体、大按钮' : '未开启'}</Text>
      </View>
      <Switch
        className="care-mode-switch"
        checked={careMode.on}
        onChange={(event) => careMode.set(event.detail.value)}
      />
    </View>
  );
}

export default function Home() {
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
      </View>
    </PageRoot>
  );
}
