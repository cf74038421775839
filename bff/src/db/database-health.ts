import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

/**
 * A circuit breaker for the database: once a request has found it unreachable, later requests answer 503 at once
 * instead of each waiting for its own connection attempt to fail, while one probe a quarter-second checks
 * whether it is back. Health and readiness endpoints still ask the database themselves.
 */
export class DatabaseHealth {
  private downSince: number | null = null;
  private probe: NodeJS.Timeout | undefined;
  /** Requests in flight when the database goes down: they are answered 503 at once, not when their query fails. */
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly probeEveryMs = 250,
  ) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  /**
   * Runs `work` (a request's handling) unless the database goes down first: then it rejects at once with
   * `unavailable()`. The work itself goes on in the background; a submission that commits after all is found
   * again by its Idempotency-Key when the client retries.
   */
  async guard<T>(work: Promise<T>, unavailable: () => Error): Promise<T> {
    let cancel: () => void = () => undefined;
    const tripped = new Promise<never>((_, reject) => {
      cancel = () => reject(unavailable());
    });
    this.waiting.add(cancel);
    try {
      return await Promise.race([work, tripped]);
    } finally {
      this.waiting.delete(cancel);
      work.catch(() => undefined);
    }
  }

  markDown(): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    for (const cancel of this.waiting) cancel();
    this.logger.error('database unreachable: answering 503 until it is back');
    const check = (): void => {
      this.dataSource
        .query('SELECT 1')
        .then(() => {
          this.logger.warn({ downMs: Date.now() - (this.downSince ?? Date.now()) }, 'database reachable again');
          this.downSince = null;
          this.probe = undefined;
        })
        .catch(() => {
          this.probe = setTimeout(check, this.probeEveryMs).unref();
        });
    };
    this.probe = setTimeout(check, this.probeEveryMs).unref();
  }

  stop(): void {
    clearTimeout(this.probe);
  }
}
