import Router from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { signInWithWechat, type AuthServiceDeps } from './auth.service';

export function authRoutes(deps: AuthServiceDeps): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.wechatLogin, [], async ({ body }) => ({
    status: 200,
    body: await signInWithWechat(deps, body.code),
  }));
  return router;
}
