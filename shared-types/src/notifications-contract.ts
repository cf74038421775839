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
    summary: '调用 wx.requestSubscribeMessage 要申请的模板 id 及各自用途',
    tag: 'notifications',
    auth: 'none',
    responses: { 200: subscriptionTemplatesSchema },
  }),
  reportSubscriptions: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/notifications/subscriptions`,
    summary: '上报 wx.requestSubscribeMessage 的结果：每次同意是一次授权，只够发一条消息',
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
    summary: '我尚未用掉的订阅授权（某件诉求或全部），用于决定是否再次申请',
    tag: 'notifications',
    auth: 'citizen',
    query: subscriptionQuerySchema,
    responses: { 200: subscriptionStateSchema, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  getSurvey: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/surveys/:token`,
    summary: '评价消息链接对应的评价（仅诉求本人；他人 404）',
    tag: 'surveys',
    auth: 'citizen',
    params: surveyParamsSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  submitSurvey: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/surveys/:token`,
    summary: '通过评价链接为已办结诉求评价；链接只能用一次（之后 409 SURVEY_USED）',
    tag: 'surveys',
    auth: 'citizen',
    params: surveyParamsSchema,
    body: submitRatingRequestSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  getCaseSurvey: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/cases/:id/survey`,
    summary: '诉求详情页中我的一件诉求的评价',
    tag: 'surveys',
    auth: 'citizen',
    params: caseParamsSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
  rateCase: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/cases/:id/survey`,
    summary: '评价我已办结的诉求，或在期限内修改评价（之后 409 RATING_CLOSED）',
    tag: 'surveys',
    auth: 'citizen',
    params: caseParamsSchema,
    body: submitRatingRequestSchema,
    responses: { 200: surveySchema, ...refusals },
  }),
} as const satisfies Record<string, Endpoint>;
