import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage } from '../../src/adapters/storage/local-disk-storage';
import { assertStorageKey, InvalidStorageKeyError } from '../../src/adapters/storage/object-storage';

let root: string;
let dir: string;
let storage: LocalDiskStorage;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'hotline-storage-'));
  dir = path.join(root, 'objects');
  storage = new LocalDiskStorage(dir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('LocalDiskStorage', () => {
  test('when an object is put, then it is read back byte for byte and no temporary file is left', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]);
    await storage.put('photos/2026/03/01ABCDEFGHJKMNPQRSTVWXYZ01.jpg', bytes, 'image/jpeg');
    expect(await storage.get('photos/2026/03/01ABCDEFGHJKMNPQRSTVWXYZ01.jpg')).toEqual(bytes);
    expect(readdirSync(path.join(dir, 'photos/2026/03'))).toEqual(['01ABCDEFGHJKMNPQRSTVWXYZ01.jpg']);
  });

  test('when an object is put again, then the new bytes replace the old ones whole', async () => {
    await storage.put('a/b.png', Buffer.from('first version, longer'), 'image/png');
    await storage.put('a/b.png', Buffer.from('second'), 'image/png');
    expect((await storage.get('a/b.png'))?.toString()).toBe('second');
  });

  test('when a key has no object, then get answers null and delete does nothing', async () => {
    expect(await storage.get('photos/missing.jpg')).toBeNull();
    await expect(storage.delete('photos/missing.jpg')).resolves.toBeUndefined();
  });

  test('when an object is deleted, then it is gone', async () => {
    await storage.put('x/y.webp', Buffer.from('RIFF'), 'image/webp');
    await storage.delete('x/y.webp');
    expect(await storage.get('x/y.webp')).toBeNull();
  });

  test.each([
    '../outside.jpg',
    'photos/../../outside.jpg',
    'photos/..',
    '/etc/passwd',
    'photos\\..\\outside.jpg',
    'photos//a.jpg',
    '',
    '.hidden',
    'photos/./a.jpg',
    'photos/a..jpg',
    'photos/%2e%2e/a.jpg',
    'photos/a.jpg\u0000.png',
    `photos/${'a'.repeat(200)}.jpg`,
  ])('when the key is %j, then every operation refuses it and nothing is written outside', async (key) => {
    writeFileSync(path.join(root, 'outside.jpg'), 'keep me');
    await expect(storage.put(key, Buffer.from('evil'), 'image/jpeg')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(readFileSync(path.join(root, 'outside.jpg'), 'utf8')).toBe('keep me');
  });

  test('when the storage folder is given relative, then keys still resolve inside it', async () => {
    const relative = new LocalDiskStorage(path.relative(process.cwd(), dir));
    await relative.put('r/k.jpg', Buffer.from('z'), 'image/jpeg');
    expect(readFileSync(path.join(dir, 'r/k.jpg'), 'utf8')).toBe('z');
  });
});

describe('storage keys', () => {
  test('when a key is made of safe segments, then it splits into them', () => {
    expect(assertStorageKey('photos/2026/11/01J9Z.jpg')).toEqual(['photos', '2026', '11', '01J9Z.jpg']);
  });
});
