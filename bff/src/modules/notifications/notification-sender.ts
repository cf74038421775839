import type { AppDeps } from '../../app';
import { CitizenRepository } from '../auth/citizen.repository';
import { CasesRepository } from '../cases/cases.repository';
import { DEFAULT_RETRY } from '../hotline/backoff';
import { GrantsRepository } from './grants.repository';
import { NotificationStore } from './notification-outbox';
import { sendNotifications, type SendResult } from './sender';

/** One sender of subscription messages with its own lease owner id (several may run, in one or many processes). */
export function notificationSender(
  deps: AppDeps,
  workerId: string,
): { sendOnce(batchSize?: number): Promise<SendResult>; countByState(): Promise<Record<string, number>> } {
  const store = new NotificationStore(deps.dataSource);
  const sender = {
    dataSource: deps.dataSource,
    store,
    grants: new GrantsRepository(deps.dataSource),
    cases: new CasesRepository(deps.dataSource),
    citizens: new CitizenRepository(deps.dataSource),
    wechat: deps.wechat,
    city: deps.city,
    settings: deps.notifications,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    workerId,
    retry: {
      baseMs: deps.forwarding.retryBaseMs ?? DEFAULT_RETRY.baseMs,
      maxMs: deps.forwarding.retryMaxMs ?? DEFAULT_RETRY.maxMs,
    },
  };
  return {
    sendOnce: (batchSize = deps.notifications.batchSize) => sendNotifications(sender, batchSize),
    countByState: () => store.countByState(),
  };
}
