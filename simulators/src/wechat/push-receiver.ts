import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { listen, type RunningServer } from '../listen';

export interface ReceivedPush {
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** A stand-in for the developer's push endpoint, recording what WeChat (here: the simulator) pushes. */
export interface PushReceiver extends RunningServer {
  readonly received: readonly ReceivedPush[];
  /** The next push not yet returned by next(), waiting for it if needed. */
  next(): Promise<ReceivedPush>;
}

const singleValues = (query: Koa.Context['query']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  );

export async function startPushReceiver(): Promise<PushReceiver> {
  const received: ReceivedPush[] = [];
  const waiting: Array<(push: ReceivedPush) => void> = [];
  let taken = 0;
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json'] }));
  app.use((ctx) => {
    const push = { path: ctx.path, query: singleValues(ctx.query), body: ctx.request.body };
    received.push(push);
    const waiter = waiting.shift();
    if (waiter) {
      taken += 1;
      waiter(push);
    }
    ctx.body = 'success';
  });
  const running = await listen(app);
  return {
    ...running,
    received,
    next: () => {
      const ready = received[taken];
      if (ready) {
        taken += 1;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
