import type { IncomingMessage } from 'node:http';

/** Bodies above this are refused; a ticket's JSON is a few kilobytes (photos are URLs). */
export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

/** The body's bytes exactly as received: the signature covers them, so no parser may touch them first. */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > limit) throw new BodyTooLargeError(`body over ${limit} bytes`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The JSON value of a body, or undefined when it is not JSON. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
