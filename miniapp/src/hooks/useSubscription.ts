import { useCallback } from 'react';
import Taro from '@tarojs/taro';
import { notifyApi, type SubscriptionAnswer } from '../services/notify';

/** WeChat asks for at most three templates per call. */
const MAX_TEMPLATES = 3;

export function subscriptionTemplateIds(configured = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS ?? ''): string[] {
  return configured
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, MAX_TEMPLATES);
}

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** The template answers out of wx.requestSubscribeMessage's result (which also carries errMsg). */
export function answersOf(result: Record<string, unknown>, ids: string[]): Record<string, SubscriptionAnswer> {
  const answers: Record<string, SubscriptionAnswer> = {};
  for (const id of ids) {
    const answer = result[id];
    if (typeof answer === 'string' && ANSWERS.includes(answer)) answers[id] = answer as SubscriptionAnswer;
  }
  return answers;
}

/**
 * One-time subscription notices (进度、答复、回访). WeChat only shows the dialog from a tap, so `ask` must be
 * called synchronously in the tap handler; its promise resolves to the answers (empty where there is no dialog,
 * as on H5, or when the citizen closed it).
 */
export function useSubscription() {
  const ask = useCallback((): Promise<Record<string, SubscriptionAnswer>> => {
    const ids = subscriptionTemplateIds();
    if (process.env.TARO_ENV !== 'weapp' || ids.length === 0) return Promise.resolve({});
    return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })
      .then((result) => answersOf(result as unknown as Record<string, unknown>, ids))
      .catch(() => ({}));
  }, []);

  /** Reports the answers for a case; notices are a courtesy, so a failure here never bothers the citizen. */
  const report = useCallback(async (caseId: string, answers: Record<string, SubscriptionAnswer>) => {
    if (Object.keys(answers).length === 0) return;
    await notifyApi.reportSubscription({ caseId, results: answers }).catch(() => undefined);
  }, []);

  return { ask, report };
}
