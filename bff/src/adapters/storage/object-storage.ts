/**
 * Where uploaded photos are kept: the local disk in the demo and on a single server, an S3-compatible bucket
 * otherwise. Keys are made by the BFF (`photos/2026/11/<id>.jpg`), never taken from a client.
 */
export interface ObjectStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no object under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidStorageKeyError';
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Keys are slash-separated segments of letters, digits, `.`, `_` and `-`, none starting with a dot, so a key
 * can never climb out of its folder or bucket (`..`, absolute paths, backslashes) nor need URL escaping.
 */
export function assertStorageKey(key: string): string[] {
  const segments = key.split('/');
  if (key.length > 512 || !segments.every((s) => SEGMENT.test(s) && !s.includes('..'))) {
    throw new InvalidStorageKeyError(key);
  }
  return segments;
}
