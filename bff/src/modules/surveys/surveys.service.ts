import { RATINGS, nextStatus, type Rating, type SubmitRatingRequest, type Survey } from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { Conflict, DomainError, Expired, Invalid, NotFound } from '../../lib/errors';
import { execute, forUpdate, readDate, sqlBool, sqlDate } from '../../db/sql';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { Logger } from '../../logger';
import type { Citizen } from '../cases/cases.service';
import type { CaseRecord, CasesRepository } from '../cases/cases.repository';
import type { ContentChecker, HotlineOutbox } from '../cases/ports';
import { findSurveyToken, hashSurveyToken } from './survey-tokens';

/** How surveys behave (config `surveys.*`). */
export interface SurveySettings {
  tokenTtlMs: number;
  changeWindowMs: number;
  reopenOnUnsatisfied: boolean;
  reasons: string[];
}

export interface SurveysDeps {
  dataSource: DataSource;
  cases: CasesRepository;
  contentChecker: ContentChecker;
  hotlineOutbox: Pick<HotlineOutbox, 'enqueue'>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  surveys: SurveySettings;
}

interface RatingRecord {
  rating: Rating;
  reasons: string[];
  comment: string | null;
  firstRatedAt: Date;
  ratedAt: Date;
}

const notFound = (): DomainError => new NotFound('找不到该评价');

async function ratingOf(db: DataSource | EntityManager, caseId: string, lock = ''): Promise<RatingRecord | null> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT rating, reasons, comment, first_rated_at, rated_at FROM case_ratings WHERE case_id = ?${lock}`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    rating: String(row.rating) as Rating,
    reasons: (typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons) as string[],
    comment: row.comment === null || row.comment === undefined ? null : String(row.comment),
    firstRatedAt: readDate(row.first_rated_at),
    ratedAt: readDate(row.rated_at),
  };
}

/** Whether the case takes a rating now: a first one once closed, a change within the window. */
function ratable(deps: SurveysDeps, row: CaseRecord, rating: RatingRecord | null, now: Date): 'yes' | 'closed' | 'no' {
  if (row.status === 'closed') return 'yes';
  if (row.status !== 'rated' || !rating) return 'no';
  return now.getTime() < rating.firstRatedAt.getTime() + deps.surveys.changeWindowMs ? 'yes' : 'closed';
}

async function surveyOf(deps: SurveysDeps, row: CaseRecord, usable = true): Promise<Survey> {
  const now = deps.clock.now();
  const [rating, events] = await Promise.all([ratingOf(deps.dataSource, row.id), deps.cases.events(row.id)]);
  const result = [...events].reverse().find((e) => (e.kind === 'close' || e.kind === 'reply') && e.note);
  return {
    caseId: row.id,
    title: row.title,
    ticketNo: row.ticketNo,
    closedAt: row.closedAt?.toISOString() ?? null,
    result: result?.note ?? null,
    choices: (Object.keys(RATINGS) as Rating[]).map((value) => ({ value, label: RATINGS[value] })),
    reasons: deps.surveys.reasons,
    rating: rating && {
      value: rating.rating,
      reasons: rating.reasons,
      comment: rating.comment,
      ratedAt: rating.ratedAt.toISOString(),
    },
    changeableUntil: rating
      ? new Date(rating.firstRatedAt.getTime() + deps.surveys.changeWindowMs).toISOString()
      : null,
    canRate: usable && ratable(deps, row, rating, now) === 'yes',
  };
}

/** The comment is user text: checked with msg_sec_check like a case; risky text is refused. */
async function checkInput(deps: SurveysDeps, citizen: Citizen, input: SubmitRatingRequest) {
  const reasons = input.reasons ?? [];
  const unknown = reasons.find((r) => !deps.surveys.reasons.includes(r));
  if (unknown !== undefined) throw new Invalid([{ path: 'reasons', message: '请从列出的原因中选择' }]);
  const comment = input.comment?.trim() || null;
  if (comment) {
    const { verdict } = await deps.contentChecker.check(citizen.openid, comment);
    if (verdict === 'risky') {
      throw new Invalid([{ path: 'comment', message: '内容可能含有违规信息，请修改后再提交' }], undefined, {
        code: 'CONTENT_RISKY',
      });
    }
  }
  return { rating: input.rating, reasons: [...new Set(reasons)], comment };
}

/**
 * One rating, in one transaction: the case's rating and status (closed → rated; 不满意 flags 回访 and, if
 * configured, reopens), a timeline entry, the rating row, and the rating message to the hotline.
 */
async function rate(
  deps: SurveysDeps,
  manager: EntityManager,
  caseId: string,
  input: { rating: Rating; reasons: string[]; comment: string | null },
): Promise<void> {
  const now = deps.clock.now();
  const row = (await deps.cases.findManyForUpdate(manager, [caseId])).get(caseId);
  if (!row) throw notFound();
  const existing = await ratingOf(manager, caseId, forUpdate(manager));
  const allowed = ratable(deps, row, existing, now);
  if (allowed === 'closed') throw new Conflict('RATING_CLOSED');
  if (allowed === 'no') throw new Conflict('INVALID_TRANSITION', '该诉求尚未办结，暂不能评价');
  const first = row.status === 'closed';
  const reopen = input.rating === 'unsatisfied' && deps.surveys.reopenOnUnsatisfied;
  const rated = nextStatus(row.status, 'rate') ?? row.status;
  const status = reopen ? (nextStatus(rated, 'reopen') ?? rated) : rated;
  await manager.query(
    `UPDATE cases SET rating = ?, rated_at = ?, status = ?, follow_up = ?, version = version + 1, updated_at = ?
      WHERE id = ?`,
    [input.rating, sqlDate(now), status, sqlBool(row.followUp || input.rating === 'unsatisfied'), sqlDate(now), row.id],
  );
  const summary = [
    `${RATINGS[input.rating]}${input.reasons.length ? `（${input.reasons.join('、')}）` : ''}`,
    input.comment,
  ]
    .filter(Boolean)
    .join('：');
  const event = { caseId: row.id, source: 'citizen' as const, actor: row.citizenId, unit: null, data: null };
  await deps.cases.appendEvent(manager, {
    ...event,
    id: deps.ids.next(now),
    at: now,
    kind: 'rate',
    fromStatus: first ? row.status : null,
    toStatus: first ? rated : null,
    note: first ? summary : `修改评价：${summary}`,
  });
  if (reopen) {
    await deps.cases.appendEvent(manager, {
      ...event,
      id: deps.ids.next(now),
      at: now,
      source: 'system',
      actor: null,
      kind: 'reopen',
      fromStatus: rated,
      toStatus: status,
      note: '市民不满意，重新办理',
    });
  }
  await upsertRating(manager, row, input, first || !existing ? now : existing.firstRatedAt, now);
  if (row.ticketNo) {
    const detail = [input.reasons.join('、'), input.comment].filter(Boolean).join('；');
    await deps.hotlineOutbox.enqueue(manager, deps.ids, now, {
      caseId: row.id,
      kind: 'rating',
      payload: { text: detail ? `${input.rating}\n${detail}` : input.rating },
    });
  }
}

async function upsertRating(
  manager: EntityManager,
  row: CaseRecord,
  input: { rating: Rating; reasons: string[]; comment: string | null },
  firstRatedAt: Date,
  now: Date,
): Promise<void> {
  await manager.query('DELETE FROM case_ratings WHERE case_id = ?', [row.id]);
  await manager.query(
    `INSERT INTO case_ratings (case_id, citizen_id, rating, reasons, comment, first_rated_at, rated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      row.id,
      row.citizenId,
      input.rating,
      JSON.stringify(input.reasons),
      input.comment,
      sqlDate(firstRatedAt),
      sqlDate(now),
    ],
  );
}

/** The token's case, if the token is this citizen's and still valid; 404 for anyone else's. */
async function tokenCase(deps: SurveysDeps, citizen: Citizen, token: string) {
  const record = await findSurveyToken(deps.dataSource, token);
  if (!record || record.citizenId !== citizen.id) throw notFound();
  if (deps.clock.now() >= record.expiresAt) throw new Expired('SURVEY_EXPIRED');
  const row = await deps.cases.findOwned(citizen.id, record.caseId);
  if (!row) throw notFound();
  return { record, row };
}

export async function getSurveyByToken(deps: SurveysDeps, citizen: Citizen, token: string): Promise<Survey> {
  const { record, row } = await tokenCase(deps, citizen, token);
  return surveyOf(deps, row, record.usedAt === null);
}

/** A rating through the survey message's link: the link is spent by it, whatever the outcome of a race. */
export async function submitSurveyByToken(
  deps: SurveysDeps,
  citizen: Citizen,
  token: string,
  body: SubmitRatingRequest,
): Promise<Survey> {
  const { record, row } = await tokenCase(deps, citizen, token);
  if (record.usedAt) throw new Conflict('SURVEY_USED');
  const input = await checkInput(deps, citizen, body);
  await deps.cases.transaction(async (manager) => {
    const spent = await execute(
      manager,
      'UPDATE survey_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
      [sqlDate(deps.clock.now()), hashSurveyToken(token)],
    );
    if (spent !== 1) throw new Conflict('SURVEY_USED');
    await rate(deps, manager, row.id, input);
  });
  return surveyOf(deps, (await deps.cases.findOwned(citizen.id, row.id)) ?? row, false);
}

export async function getCaseSurvey(deps: SurveysDeps, citizen: Citizen, caseId: string): Promise<Survey> {
  const row = await deps.cases.findOwned(citizen.id, caseId);
  if (!row) throw new NotFound('找不到该诉求');
  return surveyOf(deps, row);
}

/** A rating from the case page (citizen token and case id): a first rating, or a change within the window. */
export async function rateMyCase(
  deps: SurveysDeps,
  citizen: Citizen,
  caseId: string,
  body: SubmitRatingRequest,
): Promise<Survey> {
  const row = await deps.cases.findOwned(citizen.id, caseId);
  if (!row) throw new NotFound('找不到该诉求');
  const input = await checkInput(deps, citizen, body);
  await deps.cases.transaction((manager) => rate(deps, manager, row.id, input));
  return surveyOf(deps, (await deps.cases.findOwned(citizen.id, row.id)) ?? row);
}

/** Account deletion: a rating's free-text comment can name people and places, so it goes; the rating and its
 * reasons (a fixed list) stay for 满意率. */
export async function eraseRatingComments(manager: EntityManager, citizenId: string): Promise<void> {
  await manager.query('UPDATE case_ratings SET comment = NULL WHERE citizen_id = ?', [citizenId]);
}
