import { caseParamsSchema } from './cases';
import { API_PREFIX, endpoint, type Endpoint } from './endpoint';
import { errorEnvelopeSchema } from './errors';
import {
  reportSubscriptionsRequestSchema,
  submitRatingRequestSchema,
  subscriptionQuerySchema,
  subscriptionStateSchema,
  subscriptionTemplatesSchema,
  surveyParamsSchema,
  surveySchema,
} from './notifications';

const refusals = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  410: errorEnvelopeSchema,
} as const;

/** Subscription grants and satisfaction surveys (docs/notifications.md), for the mini-program. */
export const notificationsContract = {
  listSubscriptionTemplates: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/notifications/templates`,
    summary: 'The template ids to ask wx.requestSubscribeMessage for, and what each is for',
    tag: 'notifications',
    auth: 'none',
    responses: { 200: subscriptionTemplatesSchema },
  }),
  reportSubscriptions: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/notifications/subscriptions`,
    summary: 'Report wx.requestSubscribeMessage results: each accept is one grant, paying for exactly one message',
    tag: 'notifications',
    auth: 'citizen',
    body: reportSubscriptionsRequestSchema,
    responses: {
      200: subscriptionStateSchema,
      400: errorEnvelopeSchema,
      401: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
    },
  }),
  getSubscriptions: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/notifications/subscriptions`,
    summary: 'My unspent grants, for a case or in general (to decide whether to ask again)',
    tag: 'notifications',
    auth: 'citizen',
    query: subscriptionQuerySchema,
    responses: { 200: subscriptionStateSchema, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  getSurvey: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/surveys/:token`,
    summary: "The survey behind a survey message's link (the case's owner only; 404 for anyone else)",
    tag: 'surveys',
    auth: 'citizen',
    params: surveyParamsSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  submitSurvey: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/surveys/:token`,
    summary: 'Rate a closed case through its survey link; the link works once (409 SURVEY_USED after)',
    tag: 'surveys',
    auth: 'citizen',
    params: surveyParamsSchema,
    body: submitRatingRequestSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  getCaseSurvey: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/cases/:id/survey`,
    summary: 'The survey of one of my cases, from the case page',
    tag: 'surveys',
    auth: 'citizen',
    params: caseParamsSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  rateCase: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/cases/:id/survey`,
    summary: 'Rate one of my closed cases, or change the rating within the window (409 RATING_CLOSED after)',
    tag: 'surveys',
    auth: 'citizen',
    params: caseParamsSchema,
    body: submitRatingRequestSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
} as const satisfies Record<string, Endpoint>;
