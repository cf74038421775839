import {
  NOTIFICATION_PURPOSES,
  type NotificationPurpose,
  type ReportSubscriptionsRequest,
  type SubscriptionState,
  type SubscriptionTemplates,
} from '@hotline/shared-types';
import { Invalid, NotFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { CasesRepository } from '../cases/cases.repository';
import type { GrantsRepository } from './grants.repository';
import type { NotificationSettings } from './settings';

export interface NotificationsDeps {
  grants: GrantsRepository;
  cases: CasesRepository;
  notifications: NotificationSettings;
  clock: Clock;
  ids: IdGenerator;
}

/** The configured templates in the order the mini-program asks for them. */
export function subscriptionTemplates(settings: NotificationSettings): SubscriptionTemplates {
  const purposes = Object.keys(NOTIFICATION_PURPOSES) as NotificationPurpose[];
  return {
    templates: purposes.flatMap((purpose) => {
      const template = settings.templates[purpose];
      return template ? [{ purpose, label: NOTIFICATION_PURPOSES[purpose], templateId: template.templateId }] : [];
    }),
  };
}

async function ownedCaseId(deps: NotificationsDeps, citizenId: string, caseId: string | undefined) {
  if (!caseId) return null;
  if (!(await deps.cases.findOwned(citizenId, caseId))) throw new NotFound('找不到该诉求');
  return caseId;
}

export async function subscriptionState(
  deps: NotificationsDeps,
  citizenId: string,
  caseId?: string,
): Promise<SubscriptionState> {
  const owned = await ownedCaseId(deps, citizenId, caseId);
  const available = await deps.grants.available(citizenId, owned);
  return {
    caseId: owned,
    grants: subscriptionTemplates(deps.notifications).templates.map((t) => ({
      ...t,
      available: available.get(t.templateId) ?? 0,
    })),
  };
}

/** Records what wx.requestSubscribeMessage answered; each `accept` becomes one grant. */
export async function reportSubscriptions(
  deps: NotificationsDeps,
  citizenId: string,
  request: ReportSubscriptionsRequest,
): Promise<SubscriptionState> {
  const purposeOf = new Map(
    subscriptionTemplates(deps.notifications).templates.map((t) => [t.templateId, t.purpose] as const),
  );
  const results = request.results.map((r, i) => {
    const purpose = purposeOf.get(r.templateId);
    if (!purpose) throw new Invalid([{ path: `results.${i}.templateId`, message: '未知的订阅消息模板' }]);
    // wx.requestSubscribeMessage answers once per template: a repeated id is not a second grant.
    if (request.results.findIndex((other) => other.templateId === r.templateId) !== i) {
      throw new Invalid([{ path: `results.${i}.templateId`, message: '订阅消息模板重复' }]);
    }
    return { ...r, purpose };
  });
  const caseId = await ownedCaseId(deps, citizenId, request.caseId);
  await deps.grants.record(deps.ids, citizenId, caseId, results, deps.clock.now());
  return subscriptionState(deps, citizenId, caseId ?? undefined);
}
