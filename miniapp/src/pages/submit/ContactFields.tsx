import { Button, Input, Text, View } from '@tarojs/components';
import type { CaseDraft, DraftFields } from '../../hooks/useCaseDraft';
import type { CaseFormErrors } from '../../hooks/useCaseForm';
import { FieldError } from './FieldError';

interface Props {
  draft: CaseDraft;
  errors: CaseFormErrors;
  change: (changes: Partial<DraftFields>) => void;
}

/** Name and phone: typed, or the number WeChat holds for the citizen through its phone button. */
export function ContactFields({ draft, errors, change }: Props) {
  const fromWechat = draft.phoneCode !== '' && draft.phone.trim() === '';
  return (
    <View className="contact">
      <Text className="submit__label">联系人（选填）</Text>
      <Input
        className="text-input contact-name-input"
        value={draft.contactName}
        placeholder="您的称呼"
        maxlength={30}
        onInput={(event) => change({ contactName: event.detail.value })}
      />
      <FieldError errors={errors} field="contactName" />
      <Text className="submit__label contact__phone-label">联系电话</Text>
      {fromWechat ? (
        <View className="phone-wechat">
          <Text className="phone-wechat__text">已授权使用微信绑定的手机号</Text>
          <View className="phone-wechat__clear link-button" onClick={() => change({ phoneCode: '' })}>
            改为手动填写
          </View>
        </View>
      ) : (
        <>
          <Input
            className="text-input phone-input"
            // Text, not number: the number keyboard has no dash for a landline such as 0395-3123456.
            type="text"
            value={draft.phone}
            placeholder="手机号或固定电话（如 0395-3123456）"
            maxlength={13}
            onInput={(event) => change({ phone: event.detail.value })}
          />
          {process.env.TARO_ENV === 'weapp' && (
            <Button
              className="phone-button"
              openType="getPhoneNumber"
              onGetPhoneNumber={(event) => {
                const code = (event.detail as { code?: string }).code;
                if (code) change({ phoneCode: code, phone: '' });
              }}
            >
              使用微信绑定的手机号
            </Button>
          )}
        </>
      )}
      <FieldError errors={errors} field="phone" />
    </View>
  );
}
