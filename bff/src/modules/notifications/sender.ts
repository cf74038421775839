import { CASE_TYPES, NOTIFICATION_PAGES } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { WechatError, type WechatApi } from '../../adapters/wechat/wechat-api';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { Logger } from '../../logger';
import type { CitizenRepository } from '../auth/citizen.repository';
import type { CityContext } from '../city/city-context';
import type { CaseRecord, CasesRepository } from '../cases/cases.repository';
import { retryDelayMs, type RetrySchedule } from '../../lib/backoff';
import { issueSurveyToken } from '../surveys/survey-tokens';
import type { GrantsRepository } from './grants.repository';
import type { ClaimedNotice, FinalState, NoticeEvent, NotificationStore } from './notification-outbox';
import type { NotificationSettings } from './settings';
import { buildTemplateData, formatDate, TemplateDataError, type NoticeValues } from './template-data';

export interface SenderDeps {
  dataSource: DataSource;
  store: NotificationStore;
  grants: GrantsRepository;
  cases: CasesRepository;
  citizens: CitizenRepository;
  wechat: WechatApi;
  city: CityContext;
  settings: NotificationSettings;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  workerId: string;
  /** The forwarding worker's backoff (configurable for drills). */
  retry?: RetrySchedule;
}

/** Shown in the timeline when a message could not be sent for want of a subscription. */
export const NOT_SUBSCRIBED_NOTE = '未订阅通知，未发送';

const STATUS_PHRASE: Record<NoticeEvent, string> = {
  accepted: '已受理',
  replied: '已答复',
  extended: '已延期',
  closed: '已办结',
};

function valuesOf(deps: SenderDeps, notice: ClaimedNotice, row: CaseRecord): NoticeValues {
  const text = (key: string): string | null => {
    const value = notice.payload[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const dueAt = text('dueAt');
  const ticketNo = text('ticketNo') ?? row.ticketNo;
  const notes: Record<NoticeEvent, string> = {
    accepted: '您的诉求已受理，请留意办理进展',
    replied: text('note') ?? '您的诉求已答复',
    extended: dueAt ? `办理期限延至${formatDate(new Date(dueAt), deps.city.profile.timezone)}` : '办理期限已延长',
    closed: '已办结，请对办理结果进行评价',
  };
  return {
    ticketNo,
    title: row.title,
    status: STATUS_PHRASE[notice.event],
    note: notes[notice.event],
    type: CASE_TYPES[row.type],
    unit: row.handlingUnit ?? '12345热线',
    at: new Date(text('at') ?? deps.clock.now().toISOString()),
    dueAt: dueAt ? new Date(dueAt) : null,
  };
}

/** Closes a message; with a timeline note when nothing was sent for want of a grant. */
async function finish(
  deps: SenderDeps,
  notice: ClaimedNotice,
  state: FinalState,
  details: { msgid?: string | null; reason?: string | null; attempted?: boolean; releaseGrant?: string | null },
): Promise<FinalState> {
  const now = deps.clock.now();
  await deps.cases.transaction(async (manager) => {
    await deps.store.finish(manager, notice.id, deps.workerId, now, state, details);
    if (details.releaseGrant) await deps.grants.release(manager, details.releaseGrant, notice.id);
    if (state === 'skipped' && details.reason === NOT_SUBSCRIBED_NOTE) {
      await deps.cases.appendEvent(manager, {
        id: deps.ids.next(now),
        caseId: notice.caseId,
        at: now,
        source: 'system',
        actor: null,
        kind: 'notify_skipped',
        fromStatus: null,
        toStatus: null,
        unit: null,
        note: NOT_SUBSCRIBED_NOTE,
        data: { event: notice.event },
      });
    }
  });
  return state;
}

/** What WeChat said, as staff read it: errcode and errmsg (its request id included). */
const describe = (error: unknown): string =>
  error instanceof WechatError && error.errcode !== undefined
    ? `${error.errcode} ${error.errmsg ?? ''}`.trim()
    : error instanceof Error
      ? error.message
      : String(error);

async function deliver(deps: SenderDeps, notice: ClaimedNotice): Promise<FinalState | 'retry'> {
  const template = deps.settings.templates[notice.purpose];
  if (!template) return finish(deps, notice, 'skipped', { reason: 'template not configured', attempted: false });
  const [row, citizen] = await Promise.all([
    deps.cases.findById(notice.caseId),
    deps.citizens.findActive(notice.citizenId),
  ]);
  if (!row || !citizen) return finish(deps, notice, 'skipped', { reason: 'citizen gone', attempted: false });
  const now = deps.clock.now();
  const grantId =
    notice.grantId ?? (await deps.grants.reserve(citizen.id, template.templateId, row.id, notice.id, now));
  if (!grantId) return finish(deps, notice, 'skipped', { reason: NOT_SUBSCRIBED_NOTE, attempted: false });
  if (!notice.grantId) await deps.store.attachGrant(notice.id, deps.workerId, grantId);
  let msgid: string | null;
  try {
    const data = buildTemplateData(template.fields, valuesOf(deps, notice, row), deps.city.profile.timezone);
    const page =
      notice.purpose === 'survey'
        ? `${NOTIFICATION_PAGES.survey}?token=${await issueSurveyToken(
            deps.dataSource,
            row.id,
            citizen.id,
            now,
            deps.settings.surveys.tokenTtlMs,
          )}`
        : `${NOTIFICATION_PAGES.case}?id=${row.id}`;
    ({ msgid } = await deps.wechat.sendSubscribeMessage({
      openid: citizen.openid,
      templateId: template.templateId,
      page,
      data,
      miniprogramState: deps.settings.miniprogramState,
    }));
  } catch (error) {
    return failed(deps, notice, grantId, error);
  }
  return finish(deps, notice, 'sent', { msgid });
}

async function failed(
  deps: SenderDeps,
  notice: ClaimedNotice,
  grantId: string,
  error: unknown,
): Promise<FinalState | 'retry'> {
  const reason = describe(error);
  const log = { caseId: notice.caseId, notice: notice.id, purpose: notice.purpose, reason };
  if (error instanceof WechatError && error.isNoSubscription) {
    // WeChat has no subscription for it: the grant is used up (or was withdrawn by the citizen).
    deps.logger.info(log, 'subscription message refused: no subscription left');
    return finish(deps, notice, 'refused', { reason });
  }
  const permanent = error instanceof TemplateDataError || (error instanceof WechatError && error.isPermanentRefusal);
  if (permanent || notice.attempts + 1 >= deps.settings.maxAttempts) {
    deps.logger.error(log, 'subscription message refused: staff can see why');
    return finish(deps, notice, 'failed', { reason, releaseGrant: grantId });
  }
  const now = deps.clock.now();
  const delay = retryDelayMs(notice.attempts + 1, Math.random, deps.retry);
  await deps.store.retryLater(notice.id, deps.workerId, now, new Date(now.getTime() + delay), reason);
  deps.logger.warn({ ...log, retryInMs: delay }, 'subscription message failed, will retry');
  return 'retry';
}

export interface SendResult {
  claimed: number;
  sent: number;
  skipped: number;
  refused: number;
  failed: number;
  retry: number;
}

/** Claims a batch of messages and sends each; one failing never stops the others. */
export async function sendNotifications(deps: SenderDeps, batchSize: number): Promise<SendResult> {
  const now = deps.clock.now();
  const claimed = await deps.store.claim(deps.workerId, now, deps.settings.leaseMs, batchSize);
  const result: SendResult = { claimed: claimed.length, sent: 0, skipped: 0, refused: 0, failed: 0, retry: 0 };
  for (const notice of claimed) {
    try {
      result[await deliver(deps, notice)] += 1;
    } catch (error) {
      deps.logger.error({ err: error, notice: notice.id }, 'subscription message could not be processed');
      const at = deps.clock.now();
      await deps.store.retryLater(
        notice.id,
        deps.workerId,
        at,
        new Date(at.getTime() + retryDelayMs(1, Math.random, deps.retry)),
        describe(error),
      );
      result.retry += 1;
    }
  }
  return result;
}
