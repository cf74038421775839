import { LocalDiskStorage } from './local-disk-storage';
import type { ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';

export interface StorageSettings {
  driver: 'local' | 's3';
  localDir: string;
  s3Url?: string | undefined;
}

/** The storage the configuration chooses (`storage.driver`). */
export function createObjectStorage(settings: StorageSettings): ObjectStorage {
  if (settings.driver === 'local') return new LocalDiskStorage(settings.localDir);
  if (!settings.s3Url) throw new Error('configuration key storage.s3Url is missing');
  return new S3Storage(settings.s3Url);
}
