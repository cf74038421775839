import Router from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { signInWithWechat, type AuthServiceDeps } from './auth.service';

export function authRoutes(deps: AuthServiceDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.wechatLogin, guards, async ({ body }) => ({
    status: 200,
    body: await signInWithWechat(deps, body.code),
  }));
  return router;
}
