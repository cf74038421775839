import { type CaseList, type CaseSummary, type CreateCaseRequest } from '@hotline/shared-types';
import { badRequest } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import { CaseEntity } from './case.entity';
import type { CasesRepository } from './cases.repository';

export interface CasesServiceDeps {
  cases: CasesRepository;
  clock: Clock;
  ids: IdGenerator;
}

const TITLE_CHARS = 20;

/** A title from the first line of the content, cut on a character boundary (never inside an emoji). */
export function deriveTitle(content: string): string {
  const firstLine = content.split(/\r?\n/)[0]?.trim() ?? '';
  const chars = Array.from(firstLine);
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : firstLine;
}

export async function submitCase(
  deps: CasesServiceDeps,
  citizenId: string,
  input: CreateCaseRequest,
): Promise<CaseSummary> {
  const now = deps.clock.now();
  const row = Object.assign(new CaseEntity(), {
    id: deps.ids.next(now),
    citizenId,
    type: input.type,
    status: 'submitted',
    title: deriveTitle(input.content),
    content: input.content,
    createdAt: now,
    updatedAt: now,
  });
  return deps.cases.insert(row);
}

const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9A-Z]{26}$/.test(id)) throw badRequest([{ path: 'cursor', message: '分页参数无效' }]);
  return id;
}

export async function listMyCases(
  deps: CasesServiceDeps,
  citizenId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<CaseList> {
  const beforeId = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await deps.cases.listByCitizen(citizenId, beforeId, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}
