import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../services/http';
import { notifyApi, type Survey, type SurveyAnswer } from '../services/notify';
import type { LoadState } from './useMyCases';

const GENERIC_FAILURE = '问卷暂时无法打开，请稍后再试';
const NOT_AVAILABLE = '该问卷暂未开放，请稍后再试';

function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return GENERIC_FAILURE;
  // The survey endpoints arrive with the notify work; until then the BFF does not know the route.
  return error.code === 'ROUTE_NOT_FOUND' ? NOT_AVAILABLE : error.message;
}

/**
 * The satisfaction survey behind a subscription message's link (its token), or of one of my cases (its id, from
 * the case page); answering uses the token the survey comes with.
 */
export function useSurvey({ token, caseId }: { token?: string; caseId?: string }) {
  const [survey, setSurvey] = useState<Survey | undefined>(undefined);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState('');

  const reload = useCallback(async () => {
    if (!token && !caseId) {
      setError('问卷链接不完整，请从通知重新打开');
      setState('error');
      return;
    }
    setState('loading');
    try {
      setSurvey(await (token ? notifyApi.getSurvey(token) : notifyApi.getCaseSurvey(caseId ?? '')));
      setState('ready');
    } catch (caught) {
      setError(messageOf(caught));
      setState('error');
    }
  }, [token, caseId]);

  const answer = useCallback(
    async (value: SurveyAnswer) => {
      if (!survey) return;
      setSending(true);
      setSendError('');
      try {
        setSurvey(await notifyApi.answerSurvey(survey.token, value));
      } catch (caught) {
        setSendError(messageOf(caught));
      } finally {
        setSending(false);
      }
    },
    [survey],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { survey, state, error, reload, answer, sending, sendError };
}
