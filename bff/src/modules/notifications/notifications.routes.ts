import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import {
  reportSubscriptions,
  subscriptionState,
  subscriptionTemplates,
  type NotificationsDeps,
} from './notifications.service';

export function notificationsRoutes(deps: NotificationsDeps, citizen: Middleware<AppState>): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.listSubscriptionTemplates, [], async () => ({
    status: 200,
    body: subscriptionTemplates(deps.notifications),
  }));
  mount(router, contract.reportSubscriptions, [citizen], async ({ body }, ctx) => ({
    status: 200,
    body: await reportSubscriptions(deps, citizenOf(ctx).id, body),
  }));
  mount(router, contract.getSubscriptions, [citizen], async ({ query }, ctx) => ({
    status: 200,
    body: await subscriptionState(deps, citizenOf(ctx).id, query.caseId),
  }));
  return router;
}
