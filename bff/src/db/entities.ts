import { ExtensionEntity } from '../modules/admin-cases/extension.entity';
import { AuditEntity } from '../modules/audit/audit.entity';
import { CitizenEntity } from '../modules/auth/citizen.entity';
import { CaseEventEntity } from '../modules/cases/case-event.entity';
import { CaseEntity } from '../modules/cases/case.entity';
import { CATALOG_ENTITIES } from '../modules/catalog/catalog.entities';
import { CATALOG_DOCUMENT_ENTITIES } from '../modules/catalog/catalog-documents.entities';
import { DISCLOSURE_ENTITIES } from '../modules/disclosure-applications/disclosure.entities';
import { ROLLUP_ENTITIES } from '../modules/figures/rollup.entity';
import { HotlineEventSeenEntity, SyncCursorEntity } from '../modules/hotline/hotline-state.entity';
import { OutboxEntity } from '../modules/hotline/outbox.entity';
import { NotificationEntity, SubscriptionGrantEntity } from '../modules/notifications/notification.entity';
import { CaseRatingEntity, SurveyTokenEntity } from '../modules/surveys/survey.entity';
import { WechatTokenEntity } from '../modules/wechat-token/wechat-token.entity';
import { StaffEntity } from '../modules/staff/staff.entity';
import { PhotoEntity } from '../modules/uploads/photo.entity';

/** Every entity of the BFF; migrations are generated against this list. */
export const ENTITIES = [
  CitizenEntity,
  CaseEntity,
  CaseEventEntity,
  OutboxEntity,
  AuditEntity,
  PhotoEntity,
  HotlineEventSeenEntity,
  SyncCursorEntity,
  StaffEntity,
  ExtensionEntity,
  ...CATALOG_ENTITIES,
  ...CATALOG_DOCUMENT_ENTITIES,
  SubscriptionGrantEntity,
  NotificationEntity,
  SurveyTokenEntity,
  CaseRatingEntity,
  WechatTokenEntity,
  ...DISCLOSURE_ENTITIES,
  ...ROLLUP_ENTITIES,
];
