import { useRef } from 'react';
import { Button, Checkbox, CheckboxGroup, Label, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CASE_TYPES, CONTENT_MAX_CHARS, caseTypeSchema, charCount, type CaseType } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { PrivacyDialog } from '../../components/PrivacyDialog';
import { useCaseForm } from '../../hooks/useCaseForm';
import { useCatalogSuggestions } from '../../hooks/useCatalogSuggestions';
import { useCategories } from '../../hooks/useCategories';
import { usePhotos } from '../../hooks/usePhotos';
import { useSubscription } from '../../hooks/useSubscription';
import { TEXTAREA_CURSOR_SPACING } from '../../utils/keyboard';
import { ContactFields } from './ContactFields';
import { FieldError } from './FieldError';
import { LocationField } from './LocationField';
import { PhotoField } from './PhotoField';
import { Suggestions } from './Suggestions';
import './index.scss';

const caseTypes = Object.entries(CASE_TYPES) as [CaseType, string][];

const PRIVACY_PURPOSE =
  '选择照片、在地图上选点或使用微信手机号前，请阅读并同意《隐私保护指引》。我们只把这些信息用于办理您的诉求。';
const CONSENT_VALUE = 'agree';
const PHOTOS_BUSY = '照片还在上传，请稍候再提交';

function typeFromQuery(value: string | undefined): CaseType | undefined {
  const parsed = caseTypeSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A labelled on/off switch; `name` gives the switch its class (e.g. `anonymous-switch`). */
function SwitchRow(props: { name: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className="switch-row">
      <Text className="switch-row__label">{props.label}</Text>
      <Text className="switch-row__state">{props.checked ? '是' : '否'}</Text>
      <Switch
        className={`${props.name}-switch`}
        checked={props.checked}
        onChange={(event) => props.onChange(event.detail.value)}
      />
    </View>
  );
}

function CategoryPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const categories = useCategories();
  if (categories.state === 'loading') return <Text className="category-picker__hint">分类加载中…</Text>;
  if (categories.state === 'error') {
    return (
      <View className="category-picker__failed" onClick={() => void categories.reload()}>
        <Text className="category-picker__error">{categories.error}，点击重试</Text>
      </View>
    );
  }
  const index = categories.options.findIndex((option) => option.code === value);
  return (
    <Picker
      className="category-picker"
      mode="selector"
      range={categories.options.map((option) => option.label)}
      value={Math.max(index, 0)}
      onChange={(event) => onChange(categories.options[Number(event.detail.value)]?.code ?? '')}
    >
      <View className={`category-picker__value${index < 0 ? ' category-picker__value--empty' : ''}`}>
        {index < 0 ? '请选择诉求分类' : categories.options[index]?.label}
      </View>
    </Picker>
  );
}

export default function SubmitCase() {
  const { params } = useRouter();
  const form = useCaseForm(typeFromQuery(params.type));
  const { draft, errors, change } = form;
  const photos = usePhotos(draft.photos, (uploaded) => change({ photos: uploaded }));
  const subscription = useSubscription();
  const suggestions = useCatalogSuggestions(draft.content, draft.type === 'consultation');
  const count = charCount(draft.content);
  // A second tap in the same frame must not ask WeChat for a second dialog or start a second send.
  const sending = useRef(false);

  // WeChat shows the subscription dialog only from the tap itself, so it is asked for before anything awaits.
  const onSubmit = () => {
    if (photos.busy) {
      form.showFieldError('photos', PHOTOS_BUSY);
      return;
    }
    if (sending.current || !form.check()) return;
    sending.current = true;
    const answers = subscription.ask();
    void (async () => {
      const created = await form.submit();
      sending.current = false;
      if (!created) return;
      await subscription.report(created.id, await answers);
      void Taro.showToast({ title: '提交成功', icon: 'success' });
      void Taro.redirectTo({ url: `/pages/detail/index?id=${created.id}` });
    })();
  };
  const openPrivacyGuide = () => {
    void Taro.navigateTo({ url: '/pages/privacy/index' });
  };

  return (
    <PageRoot className="submit">
      <View className="submit__section">
        <Text className="submit__label">诉求类型</Text>
        <View className="type-picker">
          {caseTypes.map(([type, label]) => (
            <View
              key={type}
              className={`type-option${type === draft.type ? ' type-option--active' : ''}`}
              onClick={() => change({ type })}
            >
              {label}
            </View>
          ))}
        </View>
        <FieldError errors={errors} field="type" />
      </View>

      <View className="submit__section">
        <Text className="submit__label">诉求分类</Text>
        <CategoryPicker value={draft.category} onChange={(category) => change({ category })} />
        <FieldError errors={errors} field="category" />
      </View>

      <View className="submit__section">
        <Text className="submit__label">诉求内容</Text>
        <Textarea
          className="content-input"
          value={draft.content}
          placeholder="请详细描述您的诉求，至少10个字"
          // The schema counts characters, the platform counts UTF-16 units: leave room for emoji.
          maxlength={CONTENT_MAX_CHARS * 2}
          // The keyboard's 完成 bar would cover the counter; the caret stays this far above the keyboard.
          showConfirmBar={false}
          cursorSpacing={TEXTAREA_CURSOR_SPACING}
          onInput={(event) => change({ content: event.detail.value })}
        />
        <Text className={`content-count${count > CONTENT_MAX_CHARS ? ' content-count--over' : ''}`}>
          {count}/{CONTENT_MAX_CHARS}
          {count > CONTENT_MAX_CHARS ? '（已超出）' : ''}
        </Text>
        <FieldError errors={errors} field="content" />
        <Suggestions items={suggestions} />
      </View>

      <View className="submit__section">
        <Text className="submit__label">照片（选填，最多9张）</Text>
        <PhotoField photos={photos} />
        <FieldError errors={errors} field="photos" />
      </View>

      <View className="submit__section">
        <Text className="submit__label">事发地址（选填）</Text>
        <LocationField draft={draft} errors={errors} change={change} />
      </View>

      <View className="submit__section">
        <SwitchRow
          name="anonymous"
          label="匿名提交"
          checked={draft.anonymous}
          onChange={(anonymous) => change({ anonymous })}
        />
        {draft.anonymous ? (
          <Text className="submit__hint">匿名提交无需留联系方式，但工作人员将无法联系您核实或回访。</Text>
        ) : (
          <ContactFields draft={draft} errors={errors} change={change} />
        )}
        <SwitchRow
          name="confidential"
          label="是否保密"
          checked={draft.confidential}
          onChange={(confidential) => change({ confidential })}
        />
        <Text className="submit__hint">保密的诉求不会公开展示。</Text>
      </View>

      <View className="consent">
        <CheckboxGroup
          className="consent-group"
          onChange={(event) => change({ privacyConsent: event.detail.value.includes(CONSENT_VALUE) })}
        >
          <Label className="consent__label">
            <Checkbox className="consent-checkbox" value={CONSENT_VALUE} checked={draft.privacyConsent} />
            <Text className="consent__text">我已阅读并同意</Text>
          </Label>
        </CheckboxGroup>
        <Text className="privacy-link" onClick={openPrivacyGuide}>
          《隐私保护指引》
        </Text>
      </View>
      <FieldError errors={errors} field="privacyConsent" />

      {form.formError && <Text className="form-error">{form.formError}</Text>}
      <Button
        className="submit-button"
        type="primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={onSubmit}
      >
        提交
      </Button>
      <PrivacyDialog purpose={PRIVACY_PURPOSE} />
    </PageRoot>
  );
}
