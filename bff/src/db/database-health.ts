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

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly probeEveryMs = 250,
  ) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  markDown(): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
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
