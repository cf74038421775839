import { readdirSync } from 'node:fs';
import { PhotoEntity } from '../src/modules/uploads/photo.entity';
import { picture } from './fixtures/images';
import { startTestApp, type TestApp } from './support/harness';

const MAX_BYTES = 64 * 1024;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    config: { uploads: { maxBytes: MAX_BYTES, maxPixels: 10_000 }, rateLimits: { uploadsPerCitizenPerHour: 3 } },
  });
});
afterAll(async () => t.close());

const upload = (auth: string, bytes: Buffer) =>
  t.http.post('/api/v1/uploads/photos').set('Authorization', auth).attach('file', bytes, 'photo.jpg');

async function expectNothingStored(): Promise<void> {
  expect(await t.dataSource.getRepository(PhotoEntity).count()).toBe(0);
  expect(readdirSync(t.storageDir)).toEqual([]);
}

describe('upload limits', () => {
  test('when the declared body is far over the limit, then 413 comes at once and nothing is stored', async () => {
    const auth = await t.signIn();
    const res = await upload(auth, Buffer.alloc(MAX_BYTES + 20 * 1024, 0xff)).expect(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过64KB' });
    await expectNothingStored();
  });

  test('when the file passes the limit by one byte, then parsing stops with 413 and nothing is stored', async () => {
    const auth = await t.signIn();
    const file = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_BYTES - 2, 0x11)]);
    const res = await upload(auth, file).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingStored();
  });

  test('when the image has more pixels than allowed, then 400 says it is too big', async () => {
    const auth = await t.signIn();
    const res = await upload(auth, await picture('png', 200, 100)).expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'file', message: '图片尺寸过大，请缩小后再上传' }]);
  });

  test('when a citizen uploads more often than allowed in an hour, then 429 RATE_LIMITED until the hour turns', async () => {
    const auth = await t.signIn('h5-demo-frequent-uploader');
    for (let i = 0; i < 3; i += 1) await upload(auth, await picture('jpeg')).expect(201);
    const res = await upload(auth, await picture('jpeg')).expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    await upload(await t.signIn(), await picture('jpeg')).expect(201);
    t.clock.advance(3600 * 1000);
    await upload(await t.signIn('h5-demo-frequent-uploader'), await picture('jpeg')).expect(201);
  });
});
