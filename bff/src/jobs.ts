import { DEFAULT_RETRY } from './modules/hotline/backoff';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppDeps } from './app';
import { CitizenRepository } from './modules/auth/citizen.repository';
import { CasesRepository } from './modules/cases/cases.repository';
import { recheckPendingContent } from './modules/cases/cases.service';
import { wechatContentChecker, wechatPhoneNumbers } from './modules/cases/wechat-ports';
import { forwardAll, forwardBatch, type ForwarderDeps, type ForwardResult } from './modules/hotline/forwarder';
import { OutboxStore } from './modules/hotline/outbox-store';
import { pollOnce } from './modules/hotline/poller';
import { notificationSender } from './modules/notifications/notification-sender';
import type { SendResult } from './modules/notifications/sender';
import { PhotosRepository } from './modules/uploads/photos.repository';
import { PhotoLinkSigner } from './modules/uploads/signed-url';

/** How long the hotline's links to a case's photos stay valid, counted from the case's submission. */
const PHOTO_LINK_DAYS = 30;

export interface Jobs {
  /** Runs one tick of every job now and waits for it (tests; the timers keep running). */
  runOnce(): Promise<void>;
  /** One pass of the content re-check now. */
  recheckOnce(): ReturnType<typeof recheckPendingContent>;
  /** One forwarding batch now. */
  forwardOnce(): Promise<ForwardResult>;
  /** What the background worker runs at every tick: batch after batch until nothing is left to claim. */
  drain(): Promise<ForwardResult>;
  pollOnce(): ReturnType<typeof pollOnce>;
  /** One batch of subscription messages now. */
  notifyOnce(): Promise<SendResult>;
  stop(): Promise<void>;
}

/** A loop that runs `tick` every `intervalMs`, never overlapping itself, until stopped. */
function every(intervalMs: number, tick: () => Promise<unknown>, onError: (error: unknown) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = (): void => {
    running = tick()
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs).unref();
      });
  };
  timer = setTimeout(loop, intervalMs).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * This instance's background work: forwarding cases to the hotline, polling its updates, re-checking text
 * WeChat could not check, and alerting on stuck messages. All of it is safe on several instances at once.
 */
export function startJobs(deps: AppDeps, recheckIntervalMs: number): Jobs {
  const citizens = new CitizenRepository(deps.dataSource);
  const cases = new CasesRepository(deps.dataSource);
  const outbox = new OutboxStore(deps.dataSource);
  const caseDeps = {
    ...deps,
    cases,
    contentChecker: wechatContentChecker(deps.wechat, deps.logger),
    phoneNumbers: wechatPhoneNumbers(deps.wechat),
  };
  const photos = new PhotosRepository(deps.dataSource);
  const links = new PhotoLinkSigner(deps.tokens.secret, PHOTO_LINK_DAYS * 86400);
  const base = deps.uploads.publicUrl?.replace(/\/$/, '') ?? '';
  const forwarder: ForwarderDeps = {
    ...deps,
    outbox,
    cases,
    metrics: deps.hotlineMetrics,
    workerId: `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    leaseMs: deps.forwarding.leaseSeconds * 1000,
    retry: {
      baseMs: deps.forwarding.retryBaseMs ?? DEFAULT_RETRY.baseMs,
      maxMs: deps.forwarding.retryMaxMs ?? DEFAULT_RETRY.maxMs,
    },
    batchSize: deps.forwarding.batchSize,
    concurrency: deps.forwarding.concurrency ?? 40,
    photoLinks: async (cases) => {
      const byCase = await photos.listForCases(cases.map((c) => c.id));
      return new Map(
        cases.map(({ id, createdAt }) => {
          const expiresAt = new Date(createdAt.getTime() + PHOTO_LINK_DAYS * 86400_000).toISOString();
          const list = (byCase.get(id) ?? []).map((p) => ({
            url: `${base}${links.pathFor(p.id, createdAt)}`,
            expiresAt,
          }));
          return [id, list];
        }),
      );
    },
  };
  const pollerDeps = {
    ...deps,
    cases,
    metrics: deps.hotlineMetrics,
    overlapMs: deps.forwarding.pollOverlapSeconds * 1000,
    pageSize: 200,
    progress: { resume: null },
  };
  deps.registry.gauge(async () => {
    const stats = await outbox.stats(deps.clock.now());
    return [
      {
        name: 'hotline_outbox_messages',
        help: 'Messages in the hotline outbox, by state',
        values: Object.entries(stats.byState).map(([state, value]) => ({ labels: { state }, value })),
      },
      {
        name: 'hotline_outbox_oldest_pending_seconds',
        help: 'Age of the oldest message not yet sent',
        values: [{ value: stats.oldestPendingMs / 1000 }],
      },
    ];
  });

  const log = (job: string) => (error: unknown) => deps.logger.error({ err: error, job }, 'background job failed');
  const recheck = () => recheckPendingContent(caseDeps, async (id) => (await citizens.findActive(id))?.openid ?? null);
  const drain = () => forwardAll(forwarder);
  const sweepStuck = async () => {
    const stuck = await outbox.stuck(deps.clock.now(), deps.forwarding.stuckAfterSeconds * 1000);
    if (stuck.length === 0) return;
    deps.hotlineMetrics.stuck();
    deps.logger.error(
      { count: stuck.length, messages: stuck.slice(0, 10) },
      'ALERT: messages to the 12345 hotline are stuck',
    );
  };
  const notifier = notificationSender(deps, `${forwarder.workerId}-notify`);
  deps.registry.gauge(async () => [
    {
      name: 'notification_outbox_messages',
      help: 'Subscription messages to citizens, by state',
      values: Object.entries(await notifier.countByState()).map(([state, value]) => ({ labels: { state }, value })),
    },
  ]);
  const stops = [every(recheckIntervalMs, recheck, log('content recheck'))];
  if (deps.forwarding.enabled) {
    stops.push(
      every(deps.forwarding.intervalMs, drain, log('forwarding')),
      every(deps.forwarding.pollSeconds * 1000, () => pollOnce(pollerDeps), log('update poll')),
      every(60_000, sweepStuck, log('stuck sweep')),
      every(deps.notifications.intervalMs, () => notifier.sendOnce(), log('subscription messages')),
    );
  }
  return {
    runOnce: async () => {
      await recheck();
      await drain();
      await sweepStuck();
      await notifier.sendOnce();
    },
    recheckOnce: recheck,
    forwardOnce: () => forwardBatch(forwarder),
    drain,
    pollOnce: () => pollOnce(pollerDeps),
    notifyOnce: () => notifier.sendOnce(),
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
