import { useCallback, useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import type { ReportSubscriptionsRequest, SubscriptionResult } from '@hotline/shared-types';
import { notifyApi } from '../services/notify';

/** WeChat asks for at most three templates per call. */
const MAX_TEMPLATES = 3;

export type SubscriptionAnswers = ReportSubscriptionsRequest['results'];

/** The build's template ids (TARO_APP_SUBSCRIBE_TEMPLATE_IDS): used only while the BFF's list is not loaded. */
export function subscriptionTemplateIds(configured = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS ?? ''): string[] {
  return configured
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, MAX_TEMPLATES);
}

const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** The template answers out of wx.requestSubscribeMessage's result (which also carries errMsg). */
export function answersOf(result: Record<string, unknown>, ids: string[]): SubscriptionAnswers {
  return ids.flatMap((templateId) => {
    const answer = result[templateId];
    return typeof answer === 'string' && RESULTS.includes(answer)
      ? [{ templateId, result: answer as SubscriptionResult }]
      : [];
  });
}

/**
 * One-time subscription notices (受理、办理结果、满意度评价), with the template ids the BFF names. WeChat shows
 * its dialog only from a tap, so `ask` must be called synchronously in the tap handler; its promise resolves to
 * the answers (none where there is no dialog, as on H5, or when the citizen closed it).
 */
export function useSubscription() {
  // A ref, not state: nothing shows the ids, and a tap right after the BFF's list arrives must already use it.
  const ids = useRef<string[]>(subscriptionTemplateIds());

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined;
    let current = true;
    notifyApi
      .subscriptionTemplates()
      .then(({ templates }) => {
        const fromBff = templates.map((template) => template.templateId).slice(0, MAX_TEMPLATES);
        if (current && fromBff.length > 0) ids.current = fromBff;
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const ask = useCallback((): Promise<SubscriptionAnswers> => {
    const tmplIds = ids.current;
    if (process.env.TARO_ENV !== 'weapp' || tmplIds.length === 0) return Promise.resolve([]);
    return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })
      .then((result) => answersOf(result as unknown as Record<string, unknown>, tmplIds))
      .catch(() => []);
  }, []);

  /** Reports the answers for a case; notices are a courtesy, so a failure here never bothers the citizen. */
  const report = useCallback(async (caseId: string, results: SubscriptionAnswers) => {
    if (results.length === 0) return;
    await notifyApi.reportSubscriptions({ caseId, results }).catch(() => undefined);
  }, []);

  return { ask, report };
}
