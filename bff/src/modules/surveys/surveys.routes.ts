import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { getCaseSurvey, getSurveyByToken, rateMyCase, submitSurveyByToken, type SurveysDeps } from './surveys.service';

export function surveysRoutes(deps: SurveysDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.getSurvey, guards, async ({ params }, ctx) => ({
    status: 200,
    body: await getSurveyByToken(deps, citizenOf(ctx), params.token),
  }));
  mount(router, contract.submitSurvey, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await submitSurveyByToken(deps, citizenOf(ctx), params.token, body),
  }));
  mount(router, contract.getCaseSurvey, guards, async ({ params }, ctx) => ({
    status: 200,
    body: await getCaseSurvey(deps, citizenOf(ctx), params.id),
  }));
  mount(router, contract.rateCase, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await rateMyCase(deps, citizenOf(ctx), params.id, body),
  }));
  return router;
}
