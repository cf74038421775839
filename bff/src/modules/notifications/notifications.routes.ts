import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import {
  reportSubscriptions,
  subscriptionState,
  subscriptionTemplates,
  type NotificationsDeps,
} from './notifications.service';

export function notificationsRoutes(deps: NotificationsDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.listSubscriptionTemplates, guards, async () => ({
    status: 200,
    body: subscriptionTemplates(deps.notifications),
  }));
  mount(router, contract.reportSubscriptions, guards, async ({ body }, ctx) => ({
    status: 200,
    body: await reportSubscriptions(deps, citizenOf(ctx).id, body),
  }));
  mount(router, contract.getSubscriptions, guards, async ({ query }, ctx) => ({
    status: 200,
    body: await subscriptionState(deps, citizenOf(ctx).id, query.caseId),
  }));
  return router;
}
