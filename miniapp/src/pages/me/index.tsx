import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CallHotline } from '../../components/CallHotline';
import { CareModeSwitch } from '../../components/CareModeSwitch';
import { PageRoot } from '../../components/PageRoot';
import { PrivacyDialog } from '../../components/PrivacyDialog';
import { openPrivacyGuide } from '../../hooks/usePrivacyAuthorization';
import { city } from '../../services/city';
import { DeleteAccount } from './DeleteAccount';
import { MyData } from './MyData';
import { Notifications } from './Notifications';
import './index.scss';

/** The version WeChat runs (set on upload); the developer tools and H5 have none. */
function versionText(): string {
  if (process.env.TARO_ENV !== 'weapp') return '网页版';
  try {
    const { version, envVersion } = Taro.getAccountInfoSync().miniProgram;
    return version || (envVersion === 'release' ? '正式版' : '开发版');
  } catch {
    return '开发版';
  }
}

/** 我的: the citizen's data, privacy, settings and who runs the service. */
export default function Me() {
  return (
    <PageRoot className="me">
      <Text className="me__title">我的</Text>
      <MyData />
      <View className="me__section">
        <Text className="me__heading">隐私</Text>
        <View
          className="me__link privacy-guide-link"
          onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}
        >
          隐私保护指引
        </View>
        {process.env.TARO_ENV === 'weapp' && (
          <View className="me__link privacy-contract-link" onClick={openPrivacyGuide}>
            微信小程序隐私保护指引
          </View>
        )}
      </View>
      <View className="me__section">
        <Text className="me__heading">显示</Text>
        <CareModeSwitch />
      </View>
      <Notifications />
      <DeleteAccount />
      <View className="me__section about">
        <Text className="me__heading">关于</Text>
        <Text className="me__text about-version">版本：{versionText()}</Text>
        <Text className="me__text about-operator">运营者：{city.operator.name}</Text>
        <Text className="me__text">
          本小程序是{city.name}12345热线的微信渠道，您提交的诉求转交12345热线工单系统办理。
        </Text>
        <CallHotline />
      </View>
      <PrivacyDialog purpose="复制我的数据需要使用剪贴板，请先阅读并同意《隐私保护指引》。" />
    </PageRoot>
  );
}
