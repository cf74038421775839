import type { EntityManager } from 'typeorm';
import type { IdGenerator } from '../../lib/ids';
import { AuditEntity } from './audit.entity';

export interface AuditRecord {
  actorType: AuditEntity['actorType'];
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string;
  requestId?: string;
}

/** Writes one audit entry in the caller's transaction, so the read and its record stand or fall together. */
export async function audit(manager: EntityManager, ids: IdGenerator, at: Date, record: AuditRecord): Promise<void> {
  await manager.insert(AuditEntity, {
    id: ids.next(at),
    at,
    actorType: record.actorType,
    actorId: record.actorId,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    reason: record.reason ?? null,
    requestId: record.requestId ?? null,
  });
}
