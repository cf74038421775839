export interface ThrowawayRedis {
  url: string;
  port: number;
  dir: string;
  pid: number;
  stop(): Promise<void>;
}
export function startThrowawayRedis(options?: { timeoutMs?: number; port?: number }): Promise<ThrowawayRedis>;
export function unavailableReason(): string | undefined;
