import { useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { RATINGS, SURVEY_COMMENT_MAX_CHARS, type Rating, type Survey } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useSurvey } from '../../hooks/useSurvey';
import { formatDateTime } from '../../utils/date';
import { TEXTAREA_CURSOR_SPACING } from '../../utils/keyboard';
import './index.scss';

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

function CaseBrief({ survey }: { survey: Survey }) {
  return (
    <View className="survey__brief">
      <Text className="survey__case">{survey.title}</Text>
      {survey.ticketNo && <Text className="survey__meta">工单号：{survey.ticketNo}</Text>}
      {survey.closedAt && <Text className="survey__meta">办结时间：{formatDateTime(survey.closedAt)}</Text>}
      {survey.result && <Text className="survey__result">办理结果：{survey.result}</Text>}
    </View>
  );
}

/**
 * 满意度评价, opened from the survey message's link `pages/survey/index?token=…` or from a closed case's 评价
 * button (`?caseId=…`). A rating given can be changed while the BFF allows it.
 */
export default function SurveyPage() {
  const { params } = useRouter();
  const { survey, state, error, reload, rate, sending, sendError } = useSurvey({
    token: params.token,
    caseId: params.caseId,
  });
  const [rating, setRating] = useState<Rating | undefined>(undefined);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState('');

  // What was rated before is where a change starts from.
  useEffect(() => {
    if (!survey?.rating) return;
    setRating(survey.rating.value);
    setReasons(survey.rating.reasons);
    setComment(survey.rating.comment ?? '');
  }, [survey?.rating]);

  const toggleReason = (reason: string) =>
    setReasons((current) => (current.includes(reason) ? current.filter((r) => r !== reason) : [...current, reason]));

  const send = () => {
    if (!rating) {
      setMissing('请选择满意程度');
      return;
    }
    setMissing('');
    void rate({ rating, reasons, ...(comment.trim() && { comment: comment.trim() }) });
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
  if (!survey.canRate) {
    return (
      <PageRoot className="survey">
        <CaseBrief survey={survey} />
        <Text className="state-hint survey__done">
          {survey.rating ? `感谢您的评价：${RATINGS[survey.rating.value]}` : '该诉求暂不能评价'}
        </Text>
      </PageRoot>
    );
  }
  return (
    <PageRoot className="survey">
      <CaseBrief survey={survey} />
      {survey.rating && (
        <Text className="survey__rated">
          您已评价“{RATINGS[survey.rating.value]}”
          {survey.changeableUntil ? `，${formatDateTime(survey.changeableUntil)}前可以修改` : ''}
        </Text>
      )}
      <Text className="survey__question">您对办理结果是否满意？</Text>
      <View className="survey__choices">
        {survey.choices.map((choice) => (
          <Choice
            key={choice.value}
            name={choice.value}
            label={choice.label}
            chosen={rating === choice.value}
            onChoose={() => setRating(choice.value)}
          />
        ))}
      </View>
      {survey.reasons.length > 0 && (
        <>
          <Text className="survey__question">原因（可多选，选填）</Text>
          <View className="survey__choices">
            {survey.reasons.map((reason) => (
              <Choice
                key={reason}
                name="reason"
                label={reason}
                chosen={reasons.includes(reason)}
                onChoose={() => toggleReason(reason)}
              />
            ))}
          </View>
        </>
      )}
      <Text className="survey__question">补充意见（选填）</Text>
      <Textarea
        className="survey__comment"
        value={comment}
        maxlength={SURVEY_COMMENT_MAX_CHARS}
        placeholder="您的意见和建议"
        showConfirmBar={false}
        cursorSpacing={TEXTAREA_CURSOR_SPACING}
        onInput={(event) => setComment(event.detail.value)}
      />
      {(missing || sendError) && <Text className="form-error">{missing || sendError}</Text>}
      <Button className="survey-submit" type="primary" loading={sending} disabled={sending} onClick={send}>
        {survey.rating ? '修改评价' : '提交评价'}
      </Button>
    </PageRoot>
  );
}
