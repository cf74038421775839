import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_TYPES, type CaseType } from '@hotline/shared-types';
import './index.scss';

const caseTypes = Object.entries(CASE_TYPES) as [CaseType, string][];

export default function Home() {
  const startCase = (type: CaseType) => {
    void Taro.navigateTo({ url: `/pages/submit/index?type=${type}` });
  };
  const openMyCases = () => {
    void Taro.navigateTo({ url: '/pages/cases/index' });
  };

  return (
    <View className="home">
      <Text className="home__title">12345 市民诉求</Text>
      <Text className="home__subtitle">请选择诉求类型</Text>
      <View className="home__types">
        {caseTypes.map(([type, label]) => (
          <View key={type} className={`case-type-entry case-type-entry--${type}`} onClick={() => startCase(type)}>
            {label}
          </View>
        ))}
      </View>
      <View className="my-cases-entry" onClick={openMyCases}>
        我的诉求
      </View>
    </View>
  );
}
