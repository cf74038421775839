import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { PhotoMime } from '@hotline/shared-types';
import { readDate } from '../../db/sql';
import { Invalid } from '../../lib/errors';
import { PhotoEntity, type MediaCheckState } from './photo.entity';

export interface PhotoRecord {
  id: string;
  citizenId: string;
  caseId: string | null;
  storageKey: string;
  mime: PhotoMime;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  mediaCheck: MediaCheckState;
  mediaTraceId: string | null;
  createdAt: Date;
}

const toRecord = (row: PhotoEntity): PhotoRecord => ({
  id: row.id,
  citizenId: row.citizenId,
  caseId: row.caseId,
  storageKey: row.storageKey,
  mime: row.mime,
  bytes: row.bytes,
  width: row.width,
  height: row.height,
  sha256: row.sha256,
  mediaCheck: row.mediaCheck,
  mediaTraceId: row.mediaTraceId,
  createdAt: row.createdAt,
});

/** A row read with plain SQL (the case pages and the forwarder read photos on every request). */
const fromRaw = (r: Record<string, unknown>): PhotoRecord => ({
  id: String(r.id),
  citizenId: String(r.citizen_id),
  caseId: r.case_id === null || r.case_id === undefined ? null : String(r.case_id),
  storageKey: String(r.storage_key),
  mime: String(r.mime) as PhotoMime,
  bytes: Number(r.bytes),
  width: Number(r.width),
  height: Number(r.height),
  sha256: String(r.sha256),
  mediaCheck: String(r.media_check) as MediaCheckState,
  mediaTraceId: r.media_trace_id === null || r.media_trace_id === undefined ? null : String(r.media_trace_id),
  createdAt: readDate(r.created_at),
});

const refuse = (message: string) => new Invalid([{ path: 'photoIds', message }]);

export class PhotosRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: PhotoEntity): Promise<PhotoRecord> {
    await this.dataSource.getRepository(PhotoEntity).insert(row);
    return toRecord(row);
  }

  async findById(id: string): Promise<PhotoRecord | null> {
    const row = await this.dataSource.getRepository(PhotoEntity).findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** The citizen's photos among `ids`, in the order asked for; ids of others' photos are left out. */
  async findOwned(citizenId: string, ids: string[], manager?: EntityManager): Promise<PhotoRecord[]> {
    if (ids.length === 0) return [];
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(PhotoEntity)
      .findBy({ citizenId, id: In([...new Set(ids)]) });
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Joins photos to a case, inside the case's transaction when one is given. Refused with 400 on `photoIds`
   * unless every photo is the citizen's own, not yet on a case and not judged risky; the update is
   * conditional, so two cases racing for one photo cannot both have it.
   */
  async attachToCase(ids: string[], caseId: string, citizenId: string, manager?: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    if (new Set(ids).size !== ids.length) throw refuse('同一张图片只能添加一次');
    const attach = async (m: EntityManager): Promise<void> => {
      const owned = await this.findOwned(citizenId, ids, m);
      if (owned.length !== ids.length) throw refuse('图片不存在或已失效，请重新上传');
      if (owned.some((p) => p.caseId !== null)) throw refuse('图片已用于其他诉求，请重新上传');
      if (owned.some((p) => p.mediaCheck === 'risky')) throw refuse('图片未通过内容安全检查，请更换图片');
      const result = await m
        .getRepository(PhotoEntity)
        .update({ id: In(ids), citizenId, caseId: IsNull(), mediaCheck: Not('risky') }, { caseId });
      if (result.affected !== ids.length) throw refuse('图片已用于其他诉求，请重新上传');
    };
    await (manager ? attach(manager) : this.dataSource.transaction(attach));
  }

  /** The photos of a case, oldest first. */
  async listForCase(caseId: string): Promise<PhotoRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT * FROM photos WHERE case_id = ? ORDER BY id',
      [caseId],
    );
    return rows.map(fromRaw);
  }

  /** The photos of several cases at once, oldest first, by case. */
  async listForCases(caseIds: string[]): Promise<Map<string, PhotoRecord[]>> {
    const byCase = new Map<string, PhotoRecord[]>();
    if (caseIds.length === 0) return byCase;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM photos WHERE case_id IN (${caseIds.map(() => '?').join(', ')}) ORDER BY id`,
      caseIds,
    );
    for (const row of rows.map(fromRaw)) {
      const list = byCase.get(row.caseId as string) ?? [];
      list.push(row);
      byCase.set(row.caseId as string, list);
    }
    return byCase;
  }

  /** Deletes every photo row of the citizen; answers their storage keys so the objects can go too. */
  async deleteForCitizen(citizenId: string, manager?: EntityManager): Promise<string[]> {
    const repo = (manager ?? this.dataSource.manager).getRepository(PhotoEntity);
    const rows = await repo.find({ select: { id: true, storageKey: true }, where: { citizenId } });
    if (rows.length > 0) await repo.delete({ citizenId });
    return rows.map((row) => row.storageKey);
  }

  async recordMediaCheck(id: string, mediaCheck: MediaCheckState, mediaTraceId: string | null): Promise<void> {
    await this.dataSource.getRepository(PhotoEntity).update({ id }, { mediaCheck, mediaTraceId });
  }

  /** Sets the verdict on the photos of a content-check trace; answers how many there were. */
  async applyMediaCheck(mediaTraceId: string, mediaCheck: MediaCheckState): Promise<number> {
    const result = await this.dataSource.getRepository(PhotoEntity).update({ mediaTraceId }, { mediaCheck });
    return result.affected ?? 0;
  }
}
