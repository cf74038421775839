import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { assertStorageKey, InvalidStorageKeyError, type ObjectStorage } from './object-storage';

/**
 * Objects as files under one folder. A write goes to a hidden temporary file beside the target and is renamed
 * over it once flushed, so a reader never sees half a file. The content type is not kept: the database row
 * that points at the object holds it.
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;

  constructor(dir: string) {
    this.root = path.resolve(dir);
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      const file = await open(temporary, 'wx', 0o640);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** The file of a key; the containment check is a second guard behind the key syntax. */
  private pathOf(key: string): string {
    const target = path.resolve(this.root, ...assertStorageKey(key));
    if (!target.startsWith(this.root + path.sep)) throw new InvalidStorageKeyError(key);
    return target;
  }
}
