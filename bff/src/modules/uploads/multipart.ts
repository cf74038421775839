import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { DomainError, Invalid, TooLarge, UnsupportedType } from '../../lib/errors';

/** Room for the multipart framing and the few small fields wx.uploadFile may add around the file. */
const FRAMING_BYTES = 16 * 1024;

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB` : `${Math.floor(bytes / 1024)}KB`;

const tooLarge = (maxBytes: number): DomainError => new TooLarge(`图片不能超过${sizeText(maxBytes)}`);
const notMultipart = (): DomainError => new UnsupportedType('请以 multipart/form-data 格式上传图片');
const fileProblem = (message: string): DomainError => new Invalid([{ path: 'file', message }]);

/** How long a client that keeps sending after a refusal has to read the answer before its connection is cut. */
const LINGER_MS = 2000;

/**
 * After a refusal the rest of the body is read and thrown away, so the answer reaches a client that is still
 * sending. Past one more `allowance` bytes reading stops, and the connection is cut a little later.
 */
function discardRest(source: Readable, allowance: number): void {
  let seen = 0;
  const onData = (chunk: Buffer): void => {
    seen += chunk.length;
    if (seen <= allowance) return;
    source.off('data', onData);
    source.pause();
    setTimeout(() => source.destroy(), LINGER_MS).unref();
  };
  source.on('data', onData);
  source.on('error', () => undefined);
  source.resume();
}

/**
 * Reads the one file of a multipart/form-data body (any field name; text fields are ignored), holding at most
 * `maxBytes` of it in memory. Refuses early: a declared length that cannot fit, a second file, and a file
 * past the limit stop the parsing at once.
 */
export function readSingleFile(source: Readable, headers: IncomingHttpHeaders, maxBytes: number): Promise<Buffer> {
  if (Number(headers['content-length']) > maxBytes + FRAMING_BYTES) {
    discardRest(source, maxBytes);
    return Promise.reject(tooLarge(maxBytes));
  }
  let parser: busboy.Busboy;
  try {
    // busboy reports its limit once a file reaches it, so it is set one byte past ours: exactly maxBytes passes.
    parser = busboy({
      headers,
      limits: { files: 1, fileSize: maxBytes + 1, fields: 8, fieldSize: 1024, parts: 9, headerPairs: 16 },
    });
  } catch {
    return Promise.reject(notMultipart());
  }
  return new Promise((resolve, reject) => {
    let file: Buffer | undefined;
    let settled = false;
    const fail = (error: DomainError): void => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      if (!source.destroyed) discardRest(source, maxBytes);
      reject(error);
    };
    parser.on('file', (_field, stream) => {
      const chunks: Buffer[] = [];
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      stream.on('end', () => {
        if (!stream.truncated) file = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(fileProblem('每次只能上传一张图片')));
    parser.on('partsLimit', () => fail(fileProblem('表单字段过多')));
    parser.on('fieldsLimit', () => fail(fileProblem('表单字段过多')));
    parser.on('error', () => fail(fileProblem('上传的内容不完整，请重试')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (file) resolve(file);
      else reject(fileProblem('请选择要上传的图片'));
    });
    source.on('error', () => fail(fileProblem('上传的内容不完整，请重试')));
    source.pipe(parser);
  });
}
