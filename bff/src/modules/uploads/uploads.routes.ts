import Router from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { ParameterizedContext } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import type { RateLimiter } from '../../lib/rate-limit';
import type { AppState } from '../../http/state';
import { readSingleFile } from './multipart';
import {
  readLinkedPhoto,
  readMyPhoto,
  uploadPhoto,
  type PhotoContent,
  type UploadsServiceDeps,
} from './uploads.service';

export type UploadsRoutesDeps = UploadsServiceDeps & {
  rateLimiter: RateLimiter;
  limits: { uploadsPerCitizenPerHour: number };
};

const HOUR = 3600_000;

function sendImage(ctx: ParameterizedContext<AppState>, photo: PhotoContent): void {
  ctx.status = 200;
  ctx.type = photo.mime;
  ctx.set('Cache-Control', 'private');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = photo.bytes;
}

export function uploadsRoutes(deps: UploadsRoutesDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.uploadPhoto, guards, async (_input, ctx) => {
    const uploader = citizenOf(ctx);
    await deps.rateLimiter.consume(`uploads:citizen:${uploader.id}`, deps.limits.uploadsPerCitizenPerHour, HOUR);
    const file = await readSingleFile(ctx.req, ctx.req.headers, deps.uploads.maxBytes);
    return { status: 201, body: await uploadPhoto(deps, uploader, file) };
  });
  router.get(contract.getMyPhoto.path, guards.citizen, async (ctx) => {
    sendImage(ctx, await readMyPhoto(deps, citizenOf(ctx).id, ctx.params.id as string));
  });
  router.get(contract.getSignedPhoto.path, async (ctx) => {
    sendImage(ctx, await readLinkedPhoto(deps, ctx.params.id as string, ctx.query));
  });
  return router;
}
