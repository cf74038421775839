import { API_PREFIX } from '@hotline/shared-types';
import { ApiError, send } from './http';
import { withSession } from './session';

/*
 * Subscription grants and surveys (issue 6) are being built on the notify branch; its shared schemas and
 * contract entries are not merged yet. These are the shapes this client expects, kept in this one file so the
 * switch to the shared contract is one edit. Until the endpoints exist, reporting a grant is skipped quietly
 * (ROUTE_NOT_FOUND) and the survey page says the survey cannot be opened.
 */

/** What the citizen answered in WeChat's subscription dialog, per template id. */
export type SubscriptionAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export interface SubscriptionReport {
  caseId?: string;
  results: Record<string, SubscriptionAnswer>;
}

export const SATISFACTION_LEVELS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export type Satisfaction = keyof typeof SATISFACTION_LEVELS;

export interface Survey {
  token: string;
  caseId: string;
  caseTitle: string;
  /** open: can be answered; answered: already answered; expired: the link is too old. */
  state: 'open' | 'answered' | 'expired';
}

export interface SurveyAnswer {
  satisfaction: Satisfaction;
  resolved: boolean;
  comment?: string;
}

const paths = {
  subscriptions: `${API_PREFIX}/subscriptions`,
  survey: (token: string) => `${API_PREFIX}/surveys/${encodeURIComponent(token)}`,
  caseSurvey: (caseId: string) => `${API_PREFIX}/cases/${encodeURIComponent(caseId)}/survey`,
};

export const notifyApi = {
  /** Tells the BFF which notices the citizen allowed; an endpoint not there yet is not an error for them. */
  async reportSubscription(report: SubscriptionReport): Promise<void> {
    try {
      await withSession((token) => send({ method: 'POST', path: paths.subscriptions, body: report, token }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ROUTE_NOT_FOUND') return;
      throw error;
    }
  },

  getSurvey(token: string): Promise<Survey> {
    return withSession((session) => send<Survey>({ method: 'GET', path: paths.survey(token), token: session }));
  },

  /** The survey of one of my closed cases, for the 评价 button on its page (no message link needed). */
  getCaseSurvey(caseId: string): Promise<Survey> {
    return withSession((session) => send<Survey>({ method: 'GET', path: paths.caseSurvey(caseId), token: session }));
  },

  answerSurvey(token: string, answer: SurveyAnswer): Promise<Survey> {
    return withSession((session) =>
      send<Survey>({ method: 'POST', path: paths.survey(token), body: answer, token: session }),
    );
  },
};
