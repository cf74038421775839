import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_CODES, type ErrorEnvelope } from '@hotline/shared-types';
import type { Logger } from '../logger';

/**
 * Requests Node refuses before Koa sees them (a malformed request line or header, headers past the size limit)
 * answer in our error envelope too, instead of Node's bare "400 Bad Request" with no body.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const code = tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
    const requestId = randomUUID();
    logger.info({ requestId, reason: error.code }, 'request refused before routing');
    const envelope: ErrorEnvelope = { error: { code, message: ERROR_CODES[code], requestId } };
    const body = JSON.stringify(envelope);
    socket.end(
      [
        `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
