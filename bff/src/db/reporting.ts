import type { DataSource, EntityManager } from 'typeorm';

/**
 * Reporting reads (figures, exports) kept away from the connections citizens' requests need: on MySQL/MariaDB
 * they run on their own small pool, each statement under a time limit, and a client that goes away takes its
 * statement with it (KILL QUERY, sent over the main pool so a full reporting pool cannot hold it up). Every read
 * of one report runs in one transaction, so its statements see one snapshot.
 */
export interface ReportingReads {
  run<T>(work: (reader: EntityManager) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function reportingReads(main: DataSource, reporting: DataSource, statementTimeoutMs: number): ReportingReads {
  const type = reporting.options.type;
  // The embedded SQLite has one connection and nothing to kill: a report is one transaction there.
  if (type === 'better-sqlite3') return { run: (work) => reporting.manager.transaction(work) };
  const [limit, limitValue] =
    type === 'mariadb'
      ? ['SET SESSION max_statement_time = ?', statementTimeoutMs / 1000]
      : ['SET SESSION max_execution_time = ?', Math.round(statementTimeoutMs)];
  return {
    async run(work, signal) {
      signal?.throwIfAborted();
      const runner = reporting.createQueryRunner();
      try {
        await runner.connect();
        await runner.query(limit, [limitValue]);
        const [row] = (await runner.query('SELECT CONNECTION_ID() AS id')) as { id: number }[];
        const id = Number(row?.id);
        const kill = (): void => void main.query('KILL QUERY ?', [id]).catch(() => undefined);
        signal?.addEventListener('abort', kill, { once: true });
        try {
          signal?.throwIfAborted();
          await runner.startTransaction('REPEATABLE READ');
          try {
            const result = await work(runner.manager);
            await runner.commitTransaction();
            return result;
          } catch (error) {
            if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
            throw error;
          }
        } finally {
          signal?.removeEventListener('abort', kill);
        }
      } finally {
        await runner.release();
      }
    },
  };
}
