import { once } from 'node:events';
import { Readable } from 'node:stream';
import { readSingleFile } from '../src/modules/uploads/multipart';
import { refusal } from './support/refusal';

const BOUNDARY = 'xTestBoundary';
const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
const head = (field: string, filename: string): Buffer =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: image/jpeg\r\n\r\n',
  );
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A client that never stops sending file bytes; counts what was pulled from it. */
function endlessUpload(): Readable & { pulled: number } {
  const chunk = Buffer.alloc(16 * 1024, 0xab);
  let first = true;
  const stream = new Readable({
    read() {
      const next = first ? Buffer.concat([head('file', 'a.jpg'), chunk]) : chunk;
      first = false;
      stream.pulled += next.length;
      this.push(next);
    },
  }) as Readable & { pulled: number };
  stream.pulled = 0;
  return stream;
}

describe('reading the one file of a multipart body', () => {
  test('when the body is a single file, then its bytes are returned whatever the field name', async () => {
    const file = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const body = Readable.from([Buffer.concat([head('image', 'x.jpg'), file, tail])]);
    expect(await readSingleFile(body, headers, 1024)).toEqual(file);
  });

  test('when the file has exactly the limit, then it is accepted; one byte more is 413', async () => {
    const exact = Buffer.alloc(2048, 1);
    const ok = Readable.from([Buffer.concat([head('file', 'a.jpg'), exact, tail])]);
    expect(await readSingleFile(ok, headers, 2048)).toEqual(exact);
    const over = Readable.from([Buffer.concat([head('file', 'a.jpg'), Buffer.alloc(2049, 1), tail])]);
    expect(await refusal(readSingleFile(over, headers, 2048))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  test('when a client never stops sending, then reading stops soon after the limit and the connection is cut', async () => {
    // The refusal's linger timer is the test's to run; stream ticks stay real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const maxBytes = 256 * 1024;
      const source = endlessUpload();
      const error = await refusal(readSingleFile(source, headers, maxBytes));
      expect(error).toMatchObject({ status: 413, message: '图片不能超过256KB' });
      if (!source.isPaused()) await once(source, 'pause');
      jest.runOnlyPendingTimers();
      if (!source.destroyed) await once(source, 'close');
      // Destroyed, nothing more can be pulled: what was read is all that ever will be.
      expect(source.destroyed).toBe(true);
      expect(source.pulled).toBeLessThan(3 * maxBytes);
    } finally {
      jest.useRealTimers();
    }
  });

  test('when the declared length cannot fit the limit, then 413 comes before anything is parsed', async () => {
    const source = endlessUpload();
    const declared = { ...headers, 'content-length': String(10 * 1024 * 1024) };
    expect(await refusal(readSingleFile(source, declared, 1024 * 1024))).toMatchObject({ status: 413 });
  });

  test('when the content type is not multipart, then 415', async () => {
    const body = Readable.from([Buffer.from('{"a":1}')]);
    expect(await refusal(readSingleFile(body, { 'content-type': 'application/json' }, 1024))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  test('when the body ends in the middle of the file, then 400 says the upload is incomplete', async () => {
    const body = Readable.from([Buffer.concat([head('file', 'a.jpg'), Buffer.alloc(100, 1)])]);
    expect(await refusal(readSingleFile(body, headers, 1024))).toMatchObject({
      status: 400,
      details: { fields: [{ path: 'file', message: '上传的内容不完整，请重试' }] },
    });
  });
});
