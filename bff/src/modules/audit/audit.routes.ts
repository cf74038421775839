import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { readDate } from '../../db/sql';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';

/** The audit log for admins and auditors, newest first, cursor-paged by id. */
export function auditRoutes(dataSource: DataSource, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.auditLog, guards, async ({ query }) => {
    const where: string[] = [];
    const params: unknown[] = [];
    const filters: [string, string | undefined][] = [
      ['actor_type', query.actorType],
      ['actor_id', query.actorId],
      ['action', query.action],
      ['subject_id', query.subjectId],
    ];
    for (const [column, value] of filters) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (query.cursor) {
      where.push('id < ?');
      params.push(query.cursor);
    }
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
    const items = rows.slice(0, query.limit).map((r) => ({
      id: String(r.id),
      at: readDate(r.at).toISOString(),
      actorType: String(r.actor_type),
      actorId: String(r.actor_id),
      action: String(r.action),
      subjectType: String(r.subject_type),
      subjectId: String(r.subject_id),
      reason: text(r.reason),
      requestId: text(r.request_id),
    }));
    return {
      status: 200,
      body: { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null },
    };
  });
  return router;
}
