import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One logger for the process. Request bodies are never logged; the redaction list is a second line of
 * defence for credentials and personal data that could reach a log through an error object.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'bff' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.token',
        '*.secret',
        '*.appSecret',
        '*.phone',
        '*.idNumber',
        '*.session_key',
      ],
      censor: '[redacted]',
    },
  });
}
