import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AGREE_BUTTON_ID, type usePrivacyAuthorization } from '../../hooks/usePrivacyAuthorization';

/** Shown when WeChat holds a privacy-gated call until the citizen agrees to the privacy guide. */
export function PrivacyDialog({ privacy }: { privacy: ReturnType<typeof usePrivacyAuthorization> }) {
  if (!privacy.asking) return null;
  return (
    <View className="privacy-dialog">
      <View className="privacy-dialog__panel">
        <Text className="privacy-dialog__title">隐私保护提示</Text>
        <Text className="privacy-dialog__text">
          选择照片、在地图上选点或使用微信手机号前，请阅读并同意《隐私保护指引》。我们只把这些信息用于办理您的诉求。
        </Text>
        <Text className="privacy-dialog__link" onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          查看《隐私保护指引》
        </Text>
        <View className="privacy-dialog__actions">
          <Button className="privacy-disagree" onClick={privacy.disagree}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-agree"
            type="primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={privacy.agree}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
