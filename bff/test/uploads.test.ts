import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { uploadedPhotoSchema } from '@hotline/shared-types';
import sharp from 'sharp';
import { PhotoEntity } from '../src/modules/uploads/photo.entity';
import { applyMediaCheckResult, type MediaChecker } from '../src/modules/uploads/uploads.service';
import { PhotosRepository } from '../src/modules/uploads/photos.repository';
import { phoneJpegWithGps, picture, type Format } from './fixtures/images';
import { startTestApp, type TestApp } from './support/harness';

/** Files under a folder, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function photoRow(t: TestApp, id: string): Promise<PhotoEntity | null> {
  return t.dataSource.getRepository(PhotoEntity).findOneBy({ id });
}

const countPhotos = (t: TestApp): Promise<number> => t.dataSource.getRepository(PhotoEntity).count();

/** What a failed upload must leave behind: no new row, no new file. */
async function expectNothingStored(t: TestApp, before: { rows: number; files: string[] }): Promise<void> {
  expect(await countPhotos(t)).toBe(before.rows);
  expect(filesIn(t.storageDir)).toEqual(before.files);
}

const snapshot = async (t: TestApp) => ({ rows: await countPhotos(t), files: filesIn(t.storageDir) });

/** A fake of WeChat's image check, recording what it was asked. */
class FakeMediaChecker implements MediaChecker {
  calls: { id: string; signedUrl: string; openid?: string }[] = [];
  answer: () => Promise<{ traceId: string } | null> = async () => ({ traceId: `trace-${this.calls.length}` });

  async submit(photo: { id: string; signedUrl: string; openid?: string }) {
    this.calls.push(photo);
    return this.answer();
  }
}

const mediaChecker = new FakeMediaChecker();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ mediaChecker });
});
afterAll(async () => t.close());

const upload = (auth: string, bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') =>
  t.http.post('/api/v1/uploads/photos').set('Authorization', auth).attach('file', bytes, { filename, contentType });

describe('uploading a photo', () => {
  test.each([
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
    ['webp', 'image/webp', 'webp'],
  ] as const)(
    'when a citizen uploads a %s, then a re-encoded copy in the same format is stored and described',
    async (format: Format, mime, extension) => {
      const auth = await t.signIn();
      const original = await picture(format);
      const res = await upload(auth, original, `IMG_0001.${extension}`, mime).expect(201);

      const body = uploadedPhotoSchema.parse(res.body);
      expect(body).toMatchObject({ mime, width: 64, height: 48, url: `/api/v1/photos/${body.id}` });
      const row = await photoRow(t, body.id);
      expect(row).toMatchObject({ mime, caseId: null, bytes: body.bytes, width: 64, height: 48 });
      expect(row?.storageKey).toMatch(new RegExp(`^photos/2026/03/${body.id}\\.${extension}$`));
      const stored = readFileSync(path.join(t.storageDir, row?.storageKey as string));
      expect(stored.length).toBe(body.bytes);
      expect(row?.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
      expect((await sharp(stored).metadata()).format).toBe(format);
    },
  );

  test('when a phone photo carries GPS EXIF, XMP and an orientation, then the stored copy is upright and has no metadata', async () => {
    const auth = await t.signIn();
    const original = await phoneJpegWithGps();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ width: 80, height: 40, orientation: 6 });
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const res = await upload(auth, original).expect(201);
    expect(res.body).toMatchObject({ width: 40, height: 80 });
    const row = await photoRow(t, res.body.id);
    const stored = readFileSync(path.join(t.storageDir, row?.storageKey as string));
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 40, height: 80 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  test('when a photo is larger than 2560 px on its long edge, then it is scaled down keeping its proportions', async () => {
    const auth = await t.signIn();
    const res = await upload(auth, await picture('png', 3000, 1000), 'wide.png', 'image/png').expect(201);
    expect(res.body).toMatchObject({ width: 2560, height: 853 });
  });

  test('when a text file is named .jpg and declared image/jpeg, then 415 and nothing is stored', async () => {
    const auth = await t.signIn();
    const before = await snapshot(t);
    const res = await upload(auth, Buffer.from('这不是图片，只是一段文字。\n'.repeat(20))).expect(415);
    expect(res.body.error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: '仅支持 JPG、PNG、WebP 格式的图片',
    });
    await expectNothingStored(t, before);
  });

  test('when a GIF is uploaded, then it is refused as an unsupported type', async () => {
    const auth = await t.signIn();
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } })
      .gif()
      .toBuffer();
    const res = await upload(auth, gif, 'photo.png', 'image/png').expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test.each([
    ['a truncated JPEG', async () => (await picture('jpeg', 200, 150)).subarray(0, 600)],
    [
      'JPEG magic followed by garbage',
      async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]),
    ],
    ['a PNG signature alone', async () => (await picture('png')).subarray(0, 8)],
  ])('when the upload is %s, then 400 names the file as damaged and nothing is stored', async (_what, make) => {
    const auth = await t.signIn();
    const before = await snapshot(t);
    const res = await upload(auth, await make()).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '图片已损坏或格式不正确',
      details: { fields: [{ path: 'file', message: '图片已损坏或格式不正确' }] },
    });
    await expectNothingStored(t, before);
  });

  test('when two files come in one request, then 400 and nothing is stored', async () => {
    const auth = await t.signIn();
    const before = await snapshot(t);
    const res = await t.http
      .post('/api/v1/uploads/photos')
      .set('Authorization', auth)
      .attach('file', await picture('jpeg'), 'a.jpg')
      .attach('file', await picture('png'), 'b.png')
      .expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'file', message: '每次只能上传一张图片' }]);
    await expectNothingStored(t, before);
  });

  test('when the form has no file, then 400 asks for one', async () => {
    const auth = await t.signIn();
    const res = await t.http.post('/api/v1/uploads/photos').set('Authorization', auth).field('note', 'x').expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'file', message: '请选择要上传的图片' }]);
  });

  test('when the body is not multipart, then 415', async () => {
    const auth = await t.signIn();
    const res = await t.http.post('/api/v1/uploads/photos').set('Authorization', auth).send({ file: 'x' }).expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('when nobody is signed in, then 401 and nothing is stored', async () => {
    const before = await snapshot(t);
    const res = await t.http
      .post('/api/v1/uploads/photos')
      .attach('file', await picture('jpeg'), 'a.jpg')
      .expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    await expectNothingStored(t, before);
  });
});

describe('reading a photo', () => {
  test('when the owner asks for their photo, then the stored image is served privately with its type', async () => {
    const auth = await t.signIn();
    const { body } = await upload(auth, await picture('webp'), 'a.webp', 'image/webp').expect(201);
    const res = await t.http.get(body.url).set('Authorization', auth).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('private');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const row = await photoRow(t, body.id);
    expect(res.body).toEqual(readFileSync(path.join(t.storageDir, row?.storageKey as string)));
  });

  test('when another citizen asks for it, then 404 NOT_FOUND, the same as for an id that does not exist', async () => {
    const owner = await t.signIn();
    const other = await t.signIn();
    const { body } = await upload(owner, await picture('jpeg')).expect(201);
    const theirs = await t.http.get(body.url).set('Authorization', other).expect(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    const missing = await t.http
      .get('/api/v1/photos/01J0000000000000000000000X')
      .set('Authorization', other)
      .expect(404);
    expect(missing.body.error).toMatchObject({ code: theirs.body.error.code, message: theirs.body.error.message });
    await t.http.get('/api/v1/photos/not-an-id').set('Authorization', other).expect(404);
  });

  test('when nobody is signed in, then 401', async () => {
    const { body } = await upload(await t.signIn(), await picture('jpeg')).expect(201);
    await t.http.get(body.url).expect(401);
  });
});

describe('signed photo links and the content check', () => {
  test('when a photo is uploaded, then the check gets a working signed link and the openid, and the trace is kept', async () => {
    const auth = await t.signIn();
    const { body } = await upload(auth, await picture('jpeg')).expect(201);
    const call = mediaChecker.calls.find((c) => c.id === body.id);
    expect(call?.openid).toEqual(expect.any(String));
    expect(call?.signedUrl).toMatch(new RegExp(`^/api/v1/photos/${body.id}/signed\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    const res = await t.http
      .get(call?.signedUrl as string)
      .buffer(true)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('private');
    expect((res.body as Buffer).length).toBe(body.bytes);
    expect(await photoRow(t, body.id)).toMatchObject({ mediaCheck: 'pending', mediaTraceId: expect.any(String) });
  });

  test('when the link has expired, then 403 FORBIDDEN', async () => {
    const { body } = await upload(await t.signIn(), await picture('jpeg')).expect(201);
    const link = mediaChecker.calls.find((c) => c.id === body.id)?.signedUrl as string;
    t.clock.advance(3600 * 1000 + 1000);
    const res = await t.http.get(link).expect(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: '链接已过期' });
  });

  test('when the link is tampered with or belongs to another photo, then 403 FORBIDDEN', async () => {
    const { body } = await upload(await t.signIn(), await picture('jpeg')).expect(201);
    const link = new URL(mediaChecker.calls.find((c) => c.id === body.id)?.signedUrl as string, 'http://x');
    const exp = Number(link.searchParams.get('exp'));
    const sig = link.searchParams.get('sig') as string;
    const other = await upload(await t.signIn(), await picture('png'), 'b.png', 'image/png').expect(201);
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    for (const query of [
      `exp=${exp + 3600}&sig=${sig}`,
      `exp=${exp}&sig=${flipped}`,
      `exp=${exp}`,
      `sig=${sig}`,
      `exp=${exp}&sig=${sig.toUpperCase()}`,
      `exp=${exp}.0&sig=${sig}`,
    ]) {
      const res = await t.http.get(`/api/v1/photos/${body.id}/signed?${query}`).expect(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: '链接无效' });
    }
    await t.http.get(`/api/v1/photos/${other.body.id}/signed?exp=${exp}&sig=${sig}`).expect(403);
  });

  test('when WeChat calls back with its verdict, then the photos of that trace take it', async () => {
    const { body } = await upload(await t.signIn(), await picture('jpeg')).expect(201);
    const traceId = (await photoRow(t, body.id))?.mediaTraceId as string;
    const photos = new PhotosRepository(t.dataSource);
    expect(await applyMediaCheckResult({ photos }, traceId, 'risky')).toBe(1);
    expect(await photoRow(t, body.id)).toMatchObject({ mediaCheck: 'risky' });
    expect(await applyMediaCheckResult({ photos }, 'unknown-trace', 'pass')).toBe(0);
  });

  test.each([
    ['fails', async () => Promise.reject(new Error('WeChat down'))],
    ['starts no check', async () => null],
  ])(
    'when the content check %s, then the upload still succeeds and the photo stays unchecked',
    async (_what, answer) => {
      const previous = mediaChecker.answer;
      mediaChecker.answer = answer;
      try {
        const { body } = await upload(await t.signIn(), await picture('jpeg')).expect(201);
        expect(await photoRow(t, body.id)).toMatchObject({ mediaCheck: 'unchecked', mediaTraceId: null });
      } finally {
        mediaChecker.answer = previous;
      }
    },
  );
});
