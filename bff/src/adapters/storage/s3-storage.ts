import { systemClock, type Clock } from '../../lib/clock';
import { assertStorageKey, type ObjectStorage } from './object-storage';
import { sha256Hex, signV4, uriEncode, type SigV4Credentials } from './sigv4';

export interface S3Options {
  clock?: Clock;
  timeoutMs?: number;
}

interface S3Location {
  endpoint: string;
  bucket: string;
  credentials: SigV4Credentials;
}

/** `https://KEY:SECRET@host:port/bucket?region=us-east-1`; KEY and SECRET percent-encoded. Errors never echo the secret. */
export function parseS3Url(raw: string): S3Location {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('storage.s3Url is not a URL');
  }
  const bucket = url.pathname.replace(/^\/|\/$/g, '');
  if (!url.username || !url.password) throw new Error('storage.s3Url must carry the access key as KEY:SECRET@');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new Error('storage.s3Url must name one bucket as its path');
  return {
    endpoint: `${url.protocol}//${url.host}`,
    bucket,
    credentials: {
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
      region: url.searchParams.get('region') ?? 'us-east-1',
      service: 's3',
    },
  };
}

/** An S3-compatible bucket, addressed path-style (`host/bucket/key`), spoken to with SigV4-signed fetch calls. */
export class S3Storage implements ObjectStorage {
  private readonly location: S3Location;

  constructor(
    url: string,
    private readonly options: S3Options = {},
  ) {
    this.location = parseS3Url(url);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, bytes, { 'content-type': contentType });
    await this.expectOk('PUT', key, response);
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    await this.expectOk('GET', key, response, true);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (response.status === 404) await response.body?.cancel();
    else await this.expectOk('DELETE', key, response);
  }

  private async send(method: string, key: string, body?: Buffer, headers: Record<string, string> = {}) {
    const { endpoint, bucket, credentials } = this.location;
    const url = new URL(`${endpoint}/${uriEncode(bucket)}/${assertStorageKey(key).map(uriEncode).join('/')}`);
    const payloadHash = sha256Hex(body ?? '');
    const signed = signV4(
      { method, url, headers: { ...headers, 'x-amz-content-sha256': payloadHash }, payloadHash },
      credentials,
      (this.options.clock ?? systemClock).now(),
    );
    try {
      return await fetch(url, {
        method,
        headers: signed,
        ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`S3 ${method} ${key} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Throws with S3's error code (`<Code>…</Code>`) unless the answer is 2xx; the body is consumed either way. */
  private async expectOk(method: string, key: string, response: Response, keepBody = false): Promise<void> {
    if (response.ok) {
      if (!keepBody) await response.body?.cancel();
      return;
    }
    const text = await response.text().catch(() => '');
    const code = /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? 'no error code';
    throw new Error(`S3 ${method} ${key} answered HTTP ${response.status} (${code})`);
  }
}
