import { createHash } from 'node:crypto';
import {
  nextStatus,
  type CaseDetail,
  type CaseList,
  type CreateCaseRequest,
  type ListCasesQuery,
} from '@hotline/shared-types';
import type { EntityManager } from 'typeorm';
import { Conflict, Invalid, NotFound, UpstreamFailed } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { PiiCipher } from '../../lib/pii';
import type { Logger } from '../../logger';
import { CalendarGapError } from '../calendar/working-calendar';
import type { CityContext } from '../city/city-context';
import type { ContentCheck } from './case.entity';
import { toDetail, toSummary } from './case-view';
import type { CaseEventRecord, CaseRecord, CasesRepository } from './cases.repository';
import {
  PhoneCodeInvalidError,
  type CasePhotos,
  type ContentChecker,
  type HotlineOutbox,
  type PhoneNumberResolver,
} from './ports';

export interface CasesServiceDeps {
  cases: CasesRepository;
  city: CityContext;
  pii: PiiCipher;
  contentChecker: ContentChecker;
  phoneNumbers: PhoneNumberResolver;
  photos: CasePhotos;
  hotlineOutbox: HotlineOutbox;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

export interface Citizen {
  id: string;
  openid: string;
}

const TITLE_CHARS = 20;

/** A title from the first line of the content, cut on a character boundary (never inside an emoji). */
export function deriveTitle(content: string): string {
  const firstLine = content.split(/\r?\n/)[0]?.trim() ?? '';
  const chars = Array.from(firstLine);
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : firstLine;
}

/** Same request, same hash: keys sorted so field order does not matter. */
function requestHash(input: CreateCaseRequest): string {
  const canonical = JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

async function detailOf(deps: CasesServiceDeps, row: CaseRecord, manager?: EntityManager): Promise<CaseDetail> {
  const [events, photos] = await Promise.all([deps.cases.events(row.id, manager), deps.photos.listForCase(row.id)]);
  return toDetail({ row, events, photos }, deps.city, deps.pii, deps.clock.now());
}

async function replay(deps: CasesServiceDeps, existing: CaseRecord, hash: string): Promise<CaseDetail> {
  if (existing.requestHash !== hash) throw new Conflict('IDEMPOTENCY_KEY_REUSED');
  return detailOf(deps, existing);
}

async function resolvePhone(deps: CasesServiceDeps, input: CreateCaseRequest): Promise<string | null> {
  if (input.contact?.phone) return input.contact.phone;
  if (!input.contact?.phoneCode) return null;
  try {
    return await deps.phoneNumbers.resolve(input.contact.phoneCode);
  } catch (error) {
    if (error instanceof PhoneCodeInvalidError) {
      throw new Invalid([{ path: 'contact.phoneCode', message: '获取手机号失败，请重新授权或手动填写' }], undefined, {
        code: 'PHONE_CODE_INVALID',
      });
    }
    throw new UpstreamFailed();
  }
}

async function checkContent(deps: CasesServiceDeps, citizen: Citizen, input: CreateCaseRequest) {
  const text = [input.title, input.content, input.location?.address, input.contact?.name].filter(Boolean).join('\n');
  const result = await deps.contentChecker.check(citizen.openid, text);
  if (result.verdict === 'risky') {
    throw new Invalid([{ path: 'content', message: '内容可能含有违规信息，请修改后再提交' }], undefined, {
      code: 'CONTENT_RISKY',
    });
  }
  const contentCheck: ContentCheck =
    result.verdict === 'unavailable' ? 'pending_recheck' : result.verdict === 'review' ? 'review' : 'pass';
  return { contentCheck, traceId: result.traceId ?? null };
}

function dueAtFor(deps: CasesServiceDeps, input: CreateCaseRequest, now: Date): Date | null {
  try {
    return deps.city.calendar.addWorkingDays(now, deps.city.timeLimitDays(input.type));
  } catch (error) {
    if (!(error instanceof CalendarGapError)) throw error;
    deps.logger.error({ year: error.year }, 'holiday calendar has no data: case accepted without a due date');
    return null;
  }
}

/**
 * Submission: validate against the city's configuration, check the text, then in one transaction store the
 * case, its first timeline entry, its photos and the outbox row that will carry it to the hotline. The
 * Idempotency-Key makes a retried submission return the case it already created.
 */
export async function submitCase(
  deps: CasesServiceDeps,
  citizen: Citizen,
  idempotencyKey: string,
  input: CreateCaseRequest,
): Promise<{ created: boolean; detail: CaseDetail }> {
  const hash = requestHash(input);
  // A getPhoneNumber code works once, so a retry must find its case before the code is spent again. Without
  // one, the unique (citizen, key) index settles retries at insert time and the common path saves a query.
  if (input.contact?.phoneCode) {
    const existing = await deps.cases.findByIdempotencyKey(citizen.id, idempotencyKey);
    if (existing) return { created: false, detail: await replay(deps, existing, hash) };
  }
  if (!deps.city.category(input.category)) throw new Invalid([{ path: 'category', message: '请选择有效的诉求分类' }]);

  const phone = await resolvePhone(deps, input);
  const { contentCheck, traceId } = await checkContent(deps, citizen, input);
  const now = deps.clock.now();
  const region = deps.city.resolveRegion(input.location?.address);
  const row: CaseRecord = {
    id: deps.ids.next(now),
    citizenId: citizen.id,
    idempotencyKey,
    requestHash: hash,
    type: input.type,
    category: input.category,
    status: 'submitted',
    title: input.title || deriveTitle(input.content),
    content: input.content,
    locationAddress: input.location?.address ?? null,
    latitude: input.location?.latitude ?? null,
    longitude: input.location?.longitude ?? null,
    regionCode: region?.code ?? null,
    contactNameEnc: input.contact?.name ? deps.pii.encrypt(input.contact.name) : null,
    contactPhoneEnc: phone ? deps.pii.encrypt(phone) : null,
    contactPhoneHash: phone ? deps.pii.lookupHash(phone) : null,
    anonymous: input.anonymous,
    confidential: input.confidential,
    contentCheck,
    contentTraceId: traceId,
    ticketNo: null,
    handlingUnit: null,
    dueAt: dueAtFor(deps, input, now),
    closedAt: null,
    dispatchedAt: null,
    signedAt: null,
    rating: null,
    ratedAt: null,
    followUp: false,
    supervised: false,
    urged: false,
    lastHotlineSeq: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const event = (seq: number, source: 'citizen' | 'system', kind: string): CaseEventRecord => ({
    id: deps.ids.next(now),
    caseId: row.id,
    seq,
    at: now,
    source,
    actor: null,
    kind,
    fromStatus: null,
    toStatus: kind === 'submit' ? 'submitted' : null,
    unit: null,
    note: null,
    data: null,
  });
  const events = [
    event(1, 'citizen', 'submit'),
    ...(contentCheck === 'review' ? [event(2, 'system', 'content_held')] : []),
  ];
  try {
    await deps.cases.transaction(async (manager) => {
      await deps.cases.insert(manager, row);
      await deps.cases.insertEvents(manager, events);
      if (input.photoIds.length) await deps.photos.attachToCase(input.photoIds, row.id, citizen.id, manager);
      await deps.hotlineOutbox.enqueue(manager, deps.ids, now, {
        caseId: row.id,
        kind: 'create_ticket',
        payload: {},
        held: contentCheck === 'review',
        first: true,
      });
    });
  } catch (error) {
    // Two requests with the same key raced: the loser answers with the winner's case.
    const winner = await deps.cases.findByIdempotencyKey(citizen.id, idempotencyKey);
    if (winner) return { created: false, detail: await replay(deps, winner, hash) };
    throw error;
  }
  deps.logger.info({ caseId: row.id, type: row.type, contentCheck }, 'case submitted');
  const photos = input.photoIds.length ? await deps.photos.listForCase(row.id) : [];
  const contact = input.contact?.name || phone ? { name: input.contact?.name ?? null, phone } : null;
  return { created: true, detail: toDetail({ row, events, photos, contact }, deps.city, deps.pii, now) };
}

const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9A-Z]{26}$/.test(id)) throw new Invalid([{ path: 'cursor', message: '分页参数无效' }]);
  return id;
}

export async function listMyCases(deps: CasesServiceDeps, citizenId: string, query: ListCasesQuery): Promise<CaseList> {
  const beforeId = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await deps.cases.listByCitizen(citizenId, { beforeId, statuses: query.status }, query.limit + 1);
  const now = deps.clock.now();
  const items = rows.slice(0, query.limit).map((row) => toSummary(row, now));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}

/** Another citizen's case and a case that does not exist look the same: 404, so ids cannot be probed. */
async function ownedOr404(deps: CasesServiceDeps, citizenId: string, id: string): Promise<CaseRecord> {
  const row = /^[0-9A-Z]{26}$/.test(id) ? await deps.cases.findOwned(citizenId, id) : null;
  if (!row) throw new NotFound();
  return row;
}

export async function getMyCase(deps: CasesServiceDeps, citizenId: string, id: string): Promise<CaseDetail> {
  return detailOf(deps, await ownedOr404(deps, citizenId, id));
}

/** Withdrawal while the hotline has not accepted the case; if it already has the ticket, it is told. */
export async function withdrawMyCase(
  deps: CasesServiceDeps,
  citizenId: string,
  id: string,
  reason: string | undefined,
): Promise<CaseDetail> {
  const row = await ownedOr404(deps, citizenId, id);
  const to = nextStatus(row.status, 'withdraw');
  if (!to) throw new Conflict('INVALID_TRANSITION', '诉求已受理，不能撤回');
  const now = deps.clock.now();
  await deps.cases.transaction(async (manager) => {
    const updated = await deps.cases.updateIfVersion(manager, row.id, row.version, {
      status: to,
      closedAt: now,
      updatedAt: now,
    });
    if (!updated) throw new Conflict('CONFLICT');
    await deps.cases.appendEvent(manager, {
      id: deps.ids.next(now),
      caseId: row.id,
      at: now,
      source: 'citizen',
      actor: null,
      kind: 'withdraw',
      fromStatus: row.status,
      toStatus: to,
      unit: null,
      note: reason ?? null,
      data: null,
    });
    if (!(await deps.hotlineOutbox.cancelUnsentTicket(manager, row.id, now))) {
      await deps.hotlineOutbox.enqueue(manager, deps.ids, now, {
        caseId: row.id,
        kind: 'withdraw',
        payload: { reason: reason ?? null },
      });
    }
  });
  return getMyCase(deps, citizenId, id);
}

/**
 * Cases accepted while WeChat's text check was unreachable are checked again. A verdict other than pass
 * holds the case for staff review (and its ticket, if not yet sent); unreachable again leaves it for later.
 */
export async function recheckPendingContent(
  deps: CasesServiceDeps,
  openidOf: (citizenId: string) => Promise<string | null>,
  limit = 100,
): Promise<{ checked: number; held: number }> {
  let checked = 0;
  let held = 0;
  for (const row of await deps.cases.listPendingRecheck(limit)) {
    const openid = await openidOf(row.citizenId);
    const text = [row.title, row.content, row.locationAddress].filter(Boolean).join('\n');
    const result = openid ? await deps.contentChecker.check(openid, text) : { verdict: 'review' as const };
    if (result.verdict === 'unavailable') continue;
    checked += 1;
    const now = deps.clock.now();
    const verdict = result.verdict === 'pass' ? 'pass' : 'review';
    await deps.cases.transaction(async (manager) => {
      const updated = await deps.cases.updateIfVersion(manager, row.id, row.version, {
        contentCheck: verdict,
        contentTraceId: result.traceId ?? row.contentTraceId,
        updatedAt: now,
      });
      if (!updated || verdict === 'pass') return;
      held += 1;
      await deps.hotlineOutbox.holdUnsentTicket(manager, row.id, now);
      await deps.cases.appendEvent(manager, {
        id: deps.ids.next(now),
        caseId: row.id,
        at: now,
        source: 'system',
        actor: null,
        kind: 'content_held',
        fromStatus: null,
        toStatus: null,
        unit: null,
        note: null,
        data: null,
      });
    });
  }
  if (checked) deps.logger.info({ checked, held }, 'content re-checked');
  return { checked, held };
}
