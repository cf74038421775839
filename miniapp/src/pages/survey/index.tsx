import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageRoot } from '../../components/PageRoot';
import { useSurvey } from '../../hooks/useSurvey';
import { SATISFACTION_LEVELS, type Satisfaction } from '../../services/notify';
import './index.scss';

const levels = Object.entries(SATISFACTION_LEVELS) as [Satisfaction, string][];
const COMMENT_MAX = 200;

function Choice(props: { name: string; label: string; chosen: boolean; onChoose: () => void }) {
  return (
    <View
      className={`survey-choice survey-choice--${props.name}${props.chosen ? ' survey-choice--chosen' : ''}`}
      onClick={props.onChoose}
    >
      {props.label}
    </View>
  );
}

/**
 * The satisfaction survey (回访), opened from the subscription message's link `pages/survey/index?token=…`
 * or from a closed case's 评价 button.
 */
export default function SurveyPage() {
  const { params } = useRouter();
  const { survey, state, error, reload, answer, sending, sendError } = useSurvey({
    token: params.token,
    caseId: params.caseId,
  });
  const [satisfaction, setSatisfaction] = useState<Satisfaction | undefined>(undefined);
  const [resolved, setResolved] = useState<boolean | undefined>(undefined);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState('');

  const send = () => {
    if (!satisfaction || resolved === undefined) {
      setMissing('请选择满意程度和问题是否解决');
      return;
    }
    setMissing('');
    void answer({ satisfaction, resolved, ...(comment.trim() && { comment: comment.trim() }) });
  };

  if (state === 'loading') {
    return (
      <PageRoot className="survey">
        <Text className="state-hint">加载中…</Text>
      </PageRoot>
    );
  }
  if (state === 'error' || !survey) {
    return (
      <PageRoot className="survey">
        <Text className="state-error survey__error">{error}</Text>
        <Button className="retry-button" onClick={() => void reload()}>
          重试
        </Button>
      </PageRoot>
    );
  }
  if (survey.state !== 'open') {
    return (
      <PageRoot className="survey">
        <Text className="survey__case">{survey.caseTitle}</Text>
        <Text className="state-hint survey__done">
          {survey.state === 'answered' ? '感谢您的评价！' : '该问卷已过期，感谢您的关注。'}
        </Text>
      </PageRoot>
    );
  }
  return (
    <PageRoot className="survey">
      <Text className="survey__case">{survey.caseTitle}</Text>
      <Text className="survey__question">您对办理结果是否满意？</Text>
      <View className="survey__choices">
        {levels.map(([level, label]) => (
          <Choice
            key={level}
            name={level}
            label={label}
            chosen={satisfaction === level}
            onChoose={() => setSatisfaction(level)}
          />
        ))}
      </View>
      <Text className="survey__question">您反映的问题是否已解决？</Text>
      <View className="survey__choices">
        <Choice name="resolved" label="已解决" chosen={resolved === true} onChoose={() => setResolved(true)} />
        <Choice name="unresolved" label="未解决" chosen={resolved === false} onChoose={() => setResolved(false)} />
      </View>
      <Text className="survey__question">其他意见（选填）</Text>
      <Textarea
        className="survey__comment"
        value={comment}
        maxlength={COMMENT_MAX}
        placeholder="您的意见和建议"
        onInput={(event) => setComment(event.detail.value)}
      />
      {(missing || sendError) && <Text className="form-error">{missing || sendError}</Text>}
      <Button className="survey-submit" type="primary" loading={sending} disabled={sending} onClick={send}>
        提交评价
      </Button>
    </PageRoot>
  );
}
