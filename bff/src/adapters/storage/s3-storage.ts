import { createHash } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';
import { systemClock, type Clock } from '../../lib/clock';
import { httpBytes, type HttpBytesAnswer } from '../http-client';
import { assertStorageKey, type ObjectStorage } from './object-storage';

export interface S3Options {
  clock?: Clock;
  timeoutMs?: number;
}

interface S3Location {
  endpoint: string;
  bucket: string;
  /** `host/bucket/key` (MinIO, most self-hosted) or `bucket.host/key` (Aliyun OSS only takes this; Tencent COS). */
  style: 'path' | 'virtual';
  credentials: { accessKeyId: string; secretAccessKey: string; region: string };
}

/** RFC 3986 percent-encoding, as S3 expects in a key's path segments. */
const uriEncode = (segment: string): string =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `https://KEY:SECRET@host:port/bucket?region=us-east-1&style=virtual`; KEY and SECRET percent-encoded; `style` is
 * `path` unless given. Errors never echo the secret.
 */
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
  const style = url.searchParams.get('style') ?? 'path';
  if (style !== 'path' && style !== 'virtual') throw new Error('storage.s3Url style must be path or virtual');
  return {
    endpoint: `${url.protocol}//${url.host}`,
    bucket,
    style,
    credentials: {
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
      region: url.searchParams.get('region') ?? 'us-east-1',
    },
  };
}

/** Where an object lives, in the bucket's addressing style. */
export function objectUrl(location: Omit<S3Location, 'credentials'>, key: string): URL {
  const path = assertStorageKey(key).map(uriEncode).join('/');
  if (location.style === 'path') return new URL(`${location.endpoint}/${uriEncode(location.bucket)}/${path}`);
  const endpoint = new URL(location.endpoint);
  return new URL(`${endpoint.protocol}//${location.bucket}.${endpoint.host}/${path}`);
}

/**
 * An S3-compatible bucket (AWS, Tencent COS, Aliyun OSS, MinIO…), addressed path-style or virtual-hosted,
 * requests signed with SigV4 by aws4fetch and sent through the BFF's one HTTP client.
 */
export class S3Storage implements ObjectStorage {
  private readonly location: S3Location;

  constructor(
    url: string,
    private readonly options: S3Options = {},
  ) {
    this.location = parseS3Url(url);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    this.expectOk('PUT', key, await this.send('PUT', key, bytes, { 'content-type': contentType }));
  }

  async get(key: string): Promise<Buffer | null> {
    const answer = await this.send('GET', key);
    if (answer.status === 404) return null;
    this.expectOk('GET', key, answer);
    return answer.bytes;
  }

  async delete(key: string): Promise<void> {
    const answer = await this.send('DELETE', key);
    if (answer.status !== 404) this.expectOk('DELETE', key, answer);
  }

  private async send(method: string, key: string, body?: Buffer, headers: Record<string, string> = {}) {
    const { credentials } = this.location;
    const url = objectUrl(this.location, key);
    const signer = new AwsV4Signer({
      method,
      url: url.toString(),
      // The payload's own hash rather than UNSIGNED-PAYLOAD: the server checks the bytes it stores.
      headers: {
        ...headers,
        'x-amz-content-sha256': createHash('sha256')
          .update(body ?? '')
          .digest('hex'),
      },
      ...credentials,
      service: 's3',
      datetime: (this.options.clock ?? systemClock)
        .now()
        .toISOString()
        .replace(/[:-]|\.\d{3}/g, ''),
    });
    const signed = await signer.sign();
    try {
      return await httpBytes(url, {
        method,
        headers: Object.fromEntries(signed.headers),
        ...(body ? { body } : {}),
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      throw new Error(`S3 ${method} ${key} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Throws with S3's error code (`<Code>…</Code>`) unless the answer is 2xx. */
  private expectOk(method: string, key: string, answer: HttpBytesAnswer): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const code = /<Code>([^<]{1,64})<\/Code>/.exec(answer.bytes.toString('utf8'))?.[1] ?? 'no error code';
    throw new Error(`S3 ${method} ${key} answered HTTP ${answer.status} (${code})`);
  }
}
