import type { DataSource } from 'typeorm';
import type { HotlineApi } from '../../adapters/hotline/hotline-api';
import { execute, readDate, sqlDate } from '../../db/sql';
import { applyHotlineEvents, type InboundDeps, type InboundResult } from './inbound';

const CURSOR = 'hotline_updates';

export interface PollerDeps extends InboundDeps {
  dataSource: DataSource;
  hotline: HotlineApi;
  overlapMs: number;
  pageSize: number;
  /**
   * Where an interrupted run stopped, so the next run of this process goes on from there instead of starting
   * over from the overlapped position: with a failing hotline, a burst longer than one lucky run would otherwise
   * never be read to its end.
   */
  progress?: { resume: { since: Date; after: string | null } | null };
}

/**
 * Catches what pushes lost: asks for updates since the stored position minus an overlap (events can be
 * recorded late), applies them (duplicates are recognised by event id) and moves the position on.
 */
export async function pollOnce(deps: PollerDeps): Promise<InboundResult & { pages: number }> {
  const rows: { position: unknown }[] = await deps.dataSource.query(
    'SELECT position FROM sync_cursors WHERE name = ?',
    [CURSOR],
  );
  const now = deps.clock.now();
  const resume = deps.progress?.resume;
  let since =
    resume?.since ??
    new Date(
      (rows[0] ? readDate(rows[0].position) : new Date(now.getTime() - 24 * 3600_000)).getTime() - deps.overlapMs,
    );
  let after: string | null = resume ? resume.after : null;
  const total: InboundResult & { pages: number } = { accepted: 0, duplicates: 0, rejected: [], pages: 0 };
  for (;;) {
    const page = await deps.hotline.fetchUpdates(since, after, deps.pageSize);
    const result = await applyHotlineEvents(deps, page.events);
    total.accepted += result.accepted;
    total.duplicates += result.duplicates;
    total.rejected.push(...result.rejected);
    total.pages += 1;
    // Only real progress moves the position: an empty page answers the (overlapped) start it was asked from.
    if (page.events.length > 0) await saveCursor(deps.dataSource, page.next, deps.clock.now());
    if (page.events.length < deps.pageSize || total.pages >= 50) break;
    since = page.next;
    after = page.nextAfter;
    if (deps.progress) deps.progress.resume = { since, after };
  }
  if (deps.progress) deps.progress.resume = null;
  return total;
}

async function saveCursor(dataSource: DataSource, position: Date, now: Date): Promise<void> {
  const updated = await execute(
    dataSource.manager,
    'UPDATE sync_cursors SET position = ?, updated_at = ? WHERE name = ?',
    [sqlDate(position), sqlDate(now), CURSOR],
  );
  if (updated === 0) {
    await dataSource
      .query('INSERT INTO sync_cursors (name, position, updated_at) VALUES (?, ?, ?)', [
        CURSOR,
        sqlDate(position),
        sqlDate(now),
      ])
      .catch(() => undefined);
  }
}
