import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { insertStatement, readDate, sqlDate } from '../../db/sql';

/** Tokens are stored as their SHA-256: a database reader cannot rate on a citizen's behalf. */
export const hashSurveyToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SurveyTokenRecord {
  caseId: string;
  citizenId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A new random survey token for a case and its owner; only its hash is kept. */
export async function issueSurveyToken(
  db: DataSource | EntityManager,
  caseId: string,
  citizenId: string,
  now: Date,
  ttlMs: number,
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.query(
    ...insertStatement('survey_tokens', {
      token_hash: hashSurveyToken(token),
      case_id: caseId,
      citizen_id: citizenId,
      created_at: sqlDate(now),
      expires_at: sqlDate(new Date(now.getTime() + ttlMs)),
      used_at: null,
    }),
  );
  return token;
}

export async function findSurveyToken(
  db: DataSource | EntityManager,
  token: string,
  lock = '',
): Promise<SurveyTokenRecord | null> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT case_id, citizen_id, expires_at, used_at FROM survey_tokens WHERE token_hash = ?${lock}`,
    [hashSurveyToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    caseId: String(row.case_id),
    citizenId: String(row.citizen_id),
    expiresAt: readDate(row.expires_at),
    usedAt: readDate(row.used_at, true),
  };
}
