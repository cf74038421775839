import { createHash } from 'node:crypto';
import { photoIdSchema, photoUrlOf, type PhotoMime, type UploadedPhoto } from '@hotline/shared-types';
import type { EntityManager } from 'typeorm';
import type { ObjectStorage } from '../../adapters/storage/object-storage';
import { NotFound, Unavailable } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { Logger } from '../../logger';
import { EXTENSION_OF, reencode, sniffImageFormat, unsupportedImage, type ImageFormat } from './image';
import { PhotoEntity } from './photo.entity';
import type { PhotoRecord, PhotosRepository } from './photos.repository';
import type { PhotoLinkSigner } from './signed-url';

export interface UploadSettings {
  maxBytes: number;
  maxPixels: number;
  signedUrlTtlSeconds: number;
  /** Origin outside readers reach the BFF at (`http.publicUrl`); without it signed links are paths. */
  publicUrl?: string | undefined;
}

/** WeChat's asynchronous image check (mediaCheckAsync), or any other; the callback brings the verdict later. */
export interface MediaChecker {
  /** Starts a check of a stored photo; null when none was started. */
  submit(photo: { id: string; signedUrl: string; openid?: string }): Promise<{ traceId: string } | null>;
}

export type MediaCheckSuggest = 'pass' | 'review' | 'risky';

export interface UploadsServiceDeps {
  photos: PhotosRepository;
  storage: ObjectStorage;
  links: PhotoLinkSigner;
  uploads: UploadSettings;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  mediaChecker?: MediaChecker | undefined;
}

export interface PhotoContent {
  mime: PhotoMime;
  bytes: Buffer;
}

/** A storage outage is the service's, not the citizen's: logged here, answered 503. */
async function fromStorage<T>(deps: Pick<UploadsServiceDeps, 'logger'>, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    deps.logger.error({ err: error }, 'object storage failed');
    throw new Unavailable();
  }
}

const storageKeyOf = (id: string, format: ImageFormat, at: Date): string =>
  `photos/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${id}.${EXTENSION_OF[format]}`;

/**
 * Upload: the bytes say what the file is, sharp re-encodes it without metadata, only the re-encoded copy is
 * stored, and a content check is asked for. The original is never written anywhere.
 */
export async function uploadPhoto(
  deps: UploadsServiceDeps,
  citizen: { id: string; openid?: string },
  original: Buffer,
): Promise<UploadedPhoto> {
  const format = sniffImageFormat(original);
  if (!format) throw unsupportedImage();
  const image = await reencode(original, format, deps.uploads.maxPixels);
  const now = deps.clock.now();
  const id = deps.ids.next(now);
  const storageKey = storageKeyOf(id, format, now);
  await fromStorage(deps, () => deps.storage.put(storageKey, image.bytes, image.mime));
  const row = Object.assign(new PhotoEntity(), {
    id,
    citizenId: citizen.id,
    caseId: null,
    storageKey,
    mime: image.mime,
    bytes: image.bytes.length,
    width: image.width,
    height: image.height,
    sha256: createHash('sha256').update(image.bytes).digest('hex'),
    mediaCheck: 'unchecked',
    mediaTraceId: null,
    createdAt: now,
  });
  const photo = await deps.photos.insert(row).catch(async (error: unknown) => {
    await deps.storage.delete(storageKey).catch(() => undefined);
    throw error;
  });
  await requestMediaCheck(deps, photo, citizen.openid);
  return { id, mime: image.mime, bytes: photo.bytes, width: photo.width, height: photo.height, url: photoUrlOf(id) };
}

/** A failed or refused check request leaves the photo `unchecked`; it never fails the upload. */
async function requestMediaCheck(deps: UploadsServiceDeps, photo: PhotoRecord, openid?: string): Promise<void> {
  if (!deps.mediaChecker) return;
  try {
    const signedUrl = `${deps.uploads.publicUrl?.replace(/\/$/, '') ?? ''}${deps.links.pathFor(photo.id, deps.clock.now())}`;
    const ticket = await deps.mediaChecker.submit({ id: photo.id, signedUrl, ...(openid ? { openid } : {}) });
    if (ticket) await deps.photos.recordMediaCheck(photo.id, 'pending', ticket.traceId);
  } catch (error) {
    deps.logger.warn({ err: error, photoId: photo.id }, 'photo content check not started');
  }
}

/** The photo for its owner; anyone else's, or no such photo, is the same 404 so ids cannot be probed. */
export async function readMyPhoto(deps: UploadsServiceDeps, citizenId: string, id: string): Promise<PhotoContent> {
  const [photo] = photoIdSchema.safeParse(id).success ? await deps.photos.findOwned(citizenId, [id]) : [];
  if (!photo) throw new NotFound();
  return contentOf(deps, photo);
}

/** The photo behind a signed link; the signature is checked before the database is asked anything. */
export async function readLinkedPhoto(
  deps: UploadsServiceDeps,
  id: string,
  link: { exp?: unknown; sig?: unknown },
): Promise<PhotoContent> {
  deps.links.verify(id, link.exp, link.sig, deps.clock.now());
  const photo = await deps.photos.findById(id);
  if (!photo) throw new NotFound();
  return contentOf(deps, photo);
}

async function contentOf(deps: UploadsServiceDeps, photo: PhotoRecord): Promise<PhotoContent> {
  const bytes = await fromStorage(deps, () => deps.storage.get(photo.storageKey));
  if (!bytes) {
    deps.logger.error({ photoId: photo.id }, 'photo object missing from storage');
    throw new NotFound();
  }
  return { mime: photo.mime, bytes };
}

/** For the WeChat callback: records the verdict of a check; answers how many photos it was about (0: unknown trace). */
export async function applyMediaCheckResult(
  deps: { photos: PhotosRepository },
  traceId: string,
  suggest: MediaCheckSuggest,
): Promise<number> {
  return deps.photos.applyMediaCheck(traceId, suggest);
}

/**
 * The uploads module as the case module uses it. Deleting a citizen's photos removes the objects right away,
 * before the caller's transaction commits: if it then rolls back, rows are left whose objects are gone, which
 * readers answer with 404 — never the other way round, photos kept after their owner asked for deletion.
 */
export function photosForCases(deps: Pick<UploadsServiceDeps, 'photos' | 'storage' | 'logger'>) {
  return {
    attachToCase: (ids: string[], caseId: string, citizenId: string, manager: EntityManager): Promise<void> =>
      deps.photos.attachToCase(ids, caseId, citizenId, manager),
    listForCase: async (caseId: string): Promise<{ id: string; width: number; height: number }[]> =>
      (await deps.photos.listForCase(caseId)).map(({ id, width, height }) => ({ id, width, height })),
    deleteForCitizen: async (citizenId: string, manager: EntityManager): Promise<void> => {
      const keys = await deps.photos.deleteForCitizen(citizenId, manager);
      for (const key of keys) {
        await deps.storage.delete(key).catch((error: unknown) => {
          deps.logger.error({ err: error, key }, 'photo object of a deleted citizen not removed');
        });
      }
    },
  };
}
