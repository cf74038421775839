import { DEFAULT_RETRY } from '../../lib/backoff';
import type { NotificationStore } from './notification-outbox';
import type { NotificationSettings } from './settings';
import { sendNotifications, type SendResult, type SenderDeps } from './sender';

export type NotificationSenderDeps = Omit<SenderDeps, 'store' | 'settings' | 'workerId' | 'retry'> & {
  notificationStore: NotificationStore;
  notifications: NotificationSettings;
  /** The forwarding worker's backoff is the senders' too (configurable for drills). */
  forwarding: { retryBaseMs?: number; retryMaxMs?: number };
};

/** One sender of subscription messages with its own lease owner id (several may run, in one or many processes). */
export function notificationSender(
  deps: NotificationSenderDeps,
  workerId: string,
): { sendOnce(batchSize?: number): Promise<SendResult>; countByState(): Promise<Record<string, number>> } {
  const sender: SenderDeps = {
    ...deps,
    store: deps.notificationStore,
    settings: deps.notifications,
    workerId,
    retry: {
      baseMs: deps.forwarding.retryBaseMs ?? DEFAULT_RETRY.baseMs,
      maxMs: deps.forwarding.retryMaxMs ?? DEFAULT_RETRY.maxMs,
    },
  };
  return {
    sendOnce: (batchSize = deps.notifications.batchSize) => sendNotifications(sender, batchSize),
    countByState: () => deps.notificationStore.countByState(),
  };
}
