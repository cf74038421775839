import type { ChildProcess } from 'node:child_process';

export const MAIN: string;
export function freePort(): Promise<number>;
export function sleep(ms: number): Promise<void>;
export function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs?: number,
): Promise<void>;
export function productionEnv(options: {
  dbUrl: string;
  wechat: { url: string; appId: string; appSecret: string };
  hotline: { baseUrl: string; keyId: string; secret: string };
  inbound: { id: string; secret: string };
  storageDir: string;
  extra?: Record<string, string>;
}): Record<string, string>;
export interface BffProcess {
  url: string;
  port: number;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
  stderr(): string;
}
export function startBffProcess(
  env: Record<string, string>,
  port: number,
  options?: { readyTimeoutMs?: number },
): Promise<BffProcess>;
export function workTickets(hotline: {
  tickets(): { ticketNo: string }[];
  advance(
    ticketNo: string,
    input: { type: 'dispatch' | 'sign' | 'reply' | 'close'; unit?: string; text?: string },
  ): unknown;
}): void;
