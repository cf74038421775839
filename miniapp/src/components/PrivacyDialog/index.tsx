import { Button, Text, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, openPrivacyGuide, usePrivacyAuthorization } from '../../hooks/usePrivacyAuthorization';
import './index.scss';

/**
 * Shown when WeChat holds a privacy-gated call until the citizen agrees to the privacy guide. Every page that
 * makes such a call renders one (test/privacy-pages.test.ts checks src/).
 */
/** `purpose` says what the page is about to use and why, ending with the request to read and agree. */
export function PrivacyDialog({ purpose }: { purpose: string }) {
  const privacy = usePrivacyAuthorization();
  if (!privacy.asking) return null;
  return (
    <View className="privacy-dialog">
      <View className="privacy-dialog__panel">
        <Text className="privacy-dialog__title">隐私保护提示</Text>
        <Text className="privacy-dialog__text">{purpose}</Text>
        <Text className="privacy-dialog__link" onClick={openPrivacyGuide}>
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
