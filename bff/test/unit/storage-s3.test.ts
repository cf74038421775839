import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { objectUrl, parseS3Url, S3Storage } from '../../src/adapters/storage/s3-storage';

const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A stand-in S3 that records each request and answers what the test queues. */
async function recordingServer(answers: { status: number; body?: string }[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const answer = answers.shift() ?? { status: 200 };
      res.statusCode = answer.status;
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const clock = { now: () => new Date('2026-11-02T03:04:05Z') };

describe('S3Storage requests', () => {
  test('when an object is put, then it goes path-style to the bucket, signed, with the body hash', async () => {
    const s3 = await recordingServer([{ status: 200 }]);
    try {
      const storage = new S3Storage(`http://AKIDTEST:se%2Fcret@127.0.0.1:${s3.port}/photos-bucket?region=cn-north-1`, {
        clock,
      });
      const bytes = Buffer.from('image bytes');
      await storage.put('photos/2026/11/01ABC.jpg', bytes, 'image/jpeg');
      const [put] = s3.seen;
      expect(put).toMatchObject({ method: 'PUT', url: '/photos-bucket/photos/2026/11/01ABC.jpg', body: bytes });
      expect(put?.headers['content-type']).toBe('image/jpeg');
      expect(put?.headers['x-amz-content-sha256']).toBe(sha256Hex(bytes));
      expect(put?.headers['x-amz-date']).toBe('20261102T030405Z');
      expect(put?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/20261102\/cn-north-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
      );
    } finally {
      await s3.close();
    }
  });

  test('when S3 answers 404 to get and delete, then get is null and delete succeeds', async () => {
    const s3 = await recordingServer([{ status: 404 }, { status: 404 }]);
    try {
      const storage = new S3Storage(`http://K:S@127.0.0.1:${s3.port}/bucket`, { clock });
      expect(await storage.get('photos/none.jpg')).toBeNull();
      await expect(storage.delete('photos/none.jpg')).resolves.toBeUndefined();
      expect(s3.seen.map((r) => r.method)).toEqual(['GET', 'DELETE']);
    } finally {
      await s3.close();
    }
  });

  test('when S3 refuses, then the error names its code and never the secret', async () => {
    const s3 = await recordingServer([{ status: 403, body: '<Error><Code>SignatureDoesNotMatch</Code></Error>' }]);
    try {
      const storage = new S3Storage(`http://K:TopSecretValue@127.0.0.1:${s3.port}/bucket`, { clock });
      const error = await storage.put('a/b.jpg', Buffer.from('x'), 'image/jpeg').catch((e: Error) => e);
      expect(String(error)).toContain('HTTP 403 (SignatureDoesNotMatch)');
      expect(String(error)).not.toContain('TopSecretValue');
    } finally {
      await s3.close();
    }
  });

  test('when a key would climb out of the bucket, then no request is made', async () => {
    const storage = new S3Storage('http://K:S@127.0.0.1:9/bucket', { clock });
    await expect(storage.get('../other-bucket/x.jpg')).rejects.toThrow('invalid storage key');
  });

  test.each([
    ['no credentials', 'https://s3.example.com/bucket'],
    ['no bucket', 'https://K:S@s3.example.com/'],
    ['a nested path', 'https://K:S@s3.example.com/bucket/prefix'],
    ['not a URL', 'K:S@bucket'],
  ])('when the URL has %s, then it is refused without echoing it', (_what, url) => {
    expect(() => parseS3Url(url)).toThrow(/storage\.s3Url/);
    try {
      parseS3Url(url);
    } catch (error) {
      expect((error as Error).message).not.toContain('K:S');
    }
  });

  test.each([
    [
      'Tencent COS',
      'https://K:S@cos.ap-guangzhou.myqcloud.com/photos-1250000000?region=ap-guangzhou&style=virtual',
      'https://photos-1250000000.cos.ap-guangzhou.myqcloud.com/photos/2026/11/01ABC.jpg',
    ],
    [
      'Aliyun OSS',
      'https://K:S@s3.oss-cn-hangzhou.aliyuncs.com/photos?style=virtual',
      'https://photos.s3.oss-cn-hangzhou.aliyuncs.com/photos/2026/11/01ABC.jpg',
    ],
    ['MinIO', 'http://K:S@10.0.0.5:9000/photos', 'http://10.0.0.5:9000/photos/photos/2026/11/01ABC.jpg'],
  ])('when the bucket is on %s, then objects are addressed in its style', (_name, url, expected) => {
    expect(objectUrl(parseS3Url(url), 'photos/2026/11/01ABC.jpg').toString()).toBe(expected);
  });

  test('when the style is neither path nor virtual, then the URL is refused', () => {
    expect(() => parseS3Url('https://K:S@s3.example.com/bucket?style=dns')).toThrow(/style must be path or virtual/);
  });
});
