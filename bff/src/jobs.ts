import { DEFAULT_RETRY } from './lib/backoff';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppDeps } from './deps';
import { recheckPendingContent } from './modules/cases/cases.service';
import { foldAll, foldSettings } from './modules/figures/rollup.fold';
import { forwardAll, forwardBatch, type ForwarderDeps, type ForwardResult } from './modules/hotline/forwarder';
import { pollOnce } from './modules/hotline/poller';
import { notificationSender } from './modules/notifications/notification-sender';
import type { SendResult } from './modules/notifications/sender';

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
  const { outbox, citizens } = deps;
  const base = deps.uploads.publicUrl?.replace(/\/$/, '') ?? '';
  const forwarder: ForwarderDeps = {
    ...deps,
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
      const byCase = await deps.photoRecords.listForCases(cases.map((c) => c.id));
      return new Map(
        cases.map(({ id, createdAt }) => {
          const expiresAt = deps.hotlinePhotoLinks.expiresAt(createdAt).toISOString();
          const list = (byCase.get(id) ?? []).map((p) => ({
            url: `${base}${deps.hotlinePhotoLinks.pathFor(p.id, createdAt)}`,
            expiresAt,
          }));
          return [id, list];
        }),
      );
    },
  };
  const pollerDeps = {
    ...deps,
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
  const recheck = () => recheckPendingContent(deps, async (id) => (await citizens.findActive(id))?.openid ?? null);
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
  // Keeps the figures' rollup close to the cases, so the live correction stays a few minutes of changes.
  const foldFigures = () => foldAll(deps.dataSource, foldSettings(deps.city), () => deps.clock.now());
  const stops = [
    every(recheckIntervalMs, recheck, log('content recheck')),
    every(60_000, foldFigures, log('figures rollup')),
  ];
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
