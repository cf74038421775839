// The hand-written floors' shared SQL: a submitted case row and its outbox row, as plain mysql2 statements.
import { randomUUID } from 'node:crypto';

/** INSERT of one submitted case, with only the columns a case needs at intake. */
export function insertCase(conn, { id, citizenId, idempotencyKey, body, now }) {
  return conn.execute(
    `INSERT INTO cases (id, citizen_id, idempotency_key, request_hash, type, category, status, title, content,
      location_address, content_check, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, 'pass', ?, ?)`,
    [
      id,
      citizenId,
      idempotencyKey,
      '0'.repeat(64),
      body.type,
      body.category,
      body.content.slice(0, 20),
      body.content,
      body.location?.address ?? null,
      now,
      now,
    ],
  );
}

/** INSERT of the case's ticket creation in the hotline outbox. */
export function insertOutbox(conn, caseId, now) {
  return conn.execute(
    `INSERT INTO hotline_outbox (id, case_id, seq, kind, idempotency_key, payload, state, attempts, next_attempt_at,
      created_at, updated_at) VALUES (?, ?, 1, 'create_ticket', ?, '{}', 'pending', 0, ?, ?, ?)`,
    [randomUUID().slice(0, 26), caseId, `${caseId}-1-create_ticket`, now, now, now],
  );
}
