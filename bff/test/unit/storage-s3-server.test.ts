import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { S3Storage } from '../../src/adapters/storage/s3-storage';
import { AwsV4Signer } from 'aws4fetch';

/**
 * S3Storage against a real S3-compatible server: moto's, started here when `moto_server` is installed
 * (pip install "moto[server]"), with IAM on so that every request's signature is checked. Skipped otherwise.
 */
const available = spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status === 0;
if (!available) process.stderr.write('\n!! S3 server suite skipped: moto_server is not installed\n\n');
const suite = available ? describe : describe.skip;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });

/** IAM calls moto lets through unauthenticated (INITIAL_NO_AUTH_ACTION_COUNT); it routes them by the scope. */
async function iam(endpoint: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ ...params, Version: '2010-05-08' }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`IAM ${params.Action}: ${res.status} ${text}`);
  return text;
}

suite('S3Storage against an S3-compatible server (moto)', () => {
  let moto: ChildProcess;
  let endpoint: string;
  let key: { id: string; secret: string };

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '3' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 150 && !(await accepts(port)); i += 1) await new Promise((r) => setTimeout(r, 100));
    await iam(endpoint, { Action: 'CreateUser', UserName: 'bff' });
    const created = await iam(endpoint, { Action: 'CreateAccessKey', UserName: 'bff' });
    key = {
      id: /<AccessKeyId>([^<]+)</.exec(created)?.[1] as string,
      secret: /<SecretAccessKey>([^<]+)</.exec(created)?.[1] as string,
    };
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    await iam(endpoint, {
      Action: 'PutUserPolicy',
      UserName: 'bff',
      PolicyName: 's3',
      PolicyDocument: JSON.stringify(policy),
    });
    const url = `${endpoint}/photos`;
    const { headers } = await new AwsV4Signer({
      method: 'PUT',
      url,
      accessKeyId: key.id,
      secretAccessKey: key.secret,
      region: 'us-east-1',
      service: 's3',
    }).sign();
    const bucket = await fetch(url, { method: 'PUT', headers });
    if (!bucket.ok) throw new Error(`CreateBucket: ${bucket.status} ${await bucket.text()}`);
  }, 60_000);

  afterAll(async () => {
    if (moto.exitCode !== null) return;
    const exited = new Promise((resolve) => moto.once('exit', resolve));
    moto.kill('SIGTERM');
    await exited;
  });

  const storageUrl = (secret: string) =>
    `${endpoint.replace('//', `//${encodeURIComponent(key.id)}:${encodeURIComponent(secret)}@`)}/photos?region=us-east-1`;

  test('when an object is put, read and deleted, then each signed request is accepted', async () => {
    const storage = new S3Storage(storageUrl(key.secret));
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250]);
    await storage.put('photos/2026/11/01S3TEST.jpg', bytes, 'image/jpeg');
    expect(await storage.get('photos/2026/11/01S3TEST.jpg')).toEqual(bytes);
    await storage.delete('photos/2026/11/01S3TEST.jpg');
    expect(await storage.get('photos/2026/11/01S3TEST.jpg')).toBeNull();
  });

  test('when the secret is wrong, then the server refuses the signature', async () => {
    const storage = new S3Storage(storageUrl(`${key.secret.slice(0, -1)}x`));
    await expect(storage.put('photos/wrong.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(
      /HTTP 403 \(SignatureDoesNotMatch\)/,
    );
  });
});
