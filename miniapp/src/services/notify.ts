import type {
  ReportSubscriptionsRequest,
  SubmitRatingRequest,
  SubscriptionState,
  SubscriptionTemplates,
  Survey,
} from '@hotline/shared-types';
import { pathOf } from './api';
import { endpoints } from './endpoints';
import { send } from './http';
import { withSession } from './session';

/** Subscription messages and satisfaction surveys (the notify endpoints of the shared contract). */
export const notifyApi = {
  /** The template ids to ask WeChat for, and what each is for. */
  subscriptionTemplates(): Promise<SubscriptionTemplates> {
    const { method, path } = endpoints.listSubscriptionTemplates;
    return send({ method, path });
  },

  /** What the citizen answered in WeChat's dialog: each accept is one grant for one message. */
  reportSubscriptions(report: ReportSubscriptionsRequest): Promise<SubscriptionState> {
    const { method, path } = endpoints.reportSubscriptions;
    return withSession((token) => send({ method, path, body: report, token }));
  },

  /** The survey behind a survey message's link. */
  getSurvey(surveyToken: string): Promise<Survey> {
    const { method, path } = endpoints.getSurvey;
    return withSession((token) => send({ method, path: pathOf(path, { token: surveyToken }), token }));
  },

  submitSurvey(surveyToken: string, rating: SubmitRatingRequest): Promise<Survey> {
    const { method, path } = endpoints.submitSurvey;
    return withSession((token) => send({ method, path: pathOf(path, { token: surveyToken }), body: rating, token }));
  },

  /** The survey of one of my cases, from the case page's 评价 button. */
  getCaseSurvey(id: string): Promise<Survey> {
    const { method, path } = endpoints.getCaseSurvey;
    return withSession((token) => send({ method, path: pathOf(path, { id }), token }));
  },

  rateCase(id: string, rating: SubmitRatingRequest): Promise<Survey> {
    const { method, path } = endpoints.rateCase;
    return withSession((token) => send({ method, path: pathOf(path, { id }), body: rating, token }));
  },
};
