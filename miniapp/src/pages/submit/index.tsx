import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CASE_TYPES, CONTENT_MAX_CHARS, caseTypeSchema, charCount, type CaseType } from '@hotline/shared-types';
import { useCaseForm } from '../../hooks/useCaseForm';
import './index.scss';

const caseTypes = Object.entries(CASE_TYPES) as [CaseType, string][];

function typeFromQuery(value: string | undefined): CaseType {
  const parsed = caseTypeSchema.safeParse(value);
  return parsed.success ? parsed.data : 'consultation';
}

export default function SubmitCase() {
  const { params } = useRouter();
  const form = useCaseForm(typeFromQuery(params.type));
  const count = charCount(form.content);

  const onSubmit = async () => {
    const created = await form.submit();
    if (!created) return;
    void Taro.showToast({ title: '提交成功', icon: 'success' });
    void Taro.redirectTo({ url: '/pages/cases/index' });
  };

  return (
    <View className="submit">
      <View className="submit__section">
        <Text className="submit__label">诉求类型</Text>
        <View className="type-picker">
          {caseTypes.map(([type, label]) => (
            <View
              key={type}
              className={`type-option${type === form.type ? ' type-option--active' : ''}`}
              onClick={() => form.setType(type)}
            >
              {label}
            </View>
          ))}
        </View>
        {form.errors.type && <Text className="field-error field-error--type">{form.errors.type}</Text>}
      </View>

      <View className="submit__section">
        <Text className="submit__label">诉求内容</Text>
        <Textarea
          className="content-input"
          value={form.content}
          placeholder="请详细描述您的诉求，至少10个字"
          // The schema counts characters, the platform counts UTF-16 units: leave room for emoji.
          maxlength={CONTENT_MAX_CHARS * 2}
          onInput={(event) => form.setContent(event.detail.value)}
        />
        <Text className={`content-count${count > CONTENT_MAX_CHARS ? ' content-count--over' : ''}`}>
          {count}/{CONTENT_MAX_CHARS}
        </Text>
        {form.errors.content && <Text className="field-error field-error--content">{form.errors.content}</Text>}
      </View>

      {form.formError && <Text className="form-error">{form.formError}</Text>}
      <Button
        className="submit-button"
        type="primary"
        loading={form.submitting}
        disabled={form.submitting}
        onClick={() => void onSubmit()}
      >
        提交
      </Button>
    </View>
  );
}
