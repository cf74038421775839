import type { NotificationPurpose, SubscriptionResult } from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, insertStatement, sqlDate } from '../../db/sql';
import type { IdGenerator } from '../../lib/ids';

export interface ReportedResult {
  templateId: string;
  purpose: NotificationPurpose;
  result: SubscriptionResult;
}

type Raw = Record<string, unknown>;

/**
 * The subscription ledger. A grant is spent by a conditional UPDATE (`spent_at IS NULL`), so of two senders
 * reaching for the same grant exactly one gets it, on either database.
 */
export class GrantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    ids: IdGenerator,
    citizenId: string,
    caseId: string | null,
    results: ReportedResult[],
    at: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const r of results) {
        await manager.query(
          ...insertStatement('subscription_grants', {
            id: ids.next(at),
            citizen_id: citizenId,
            template_id: r.templateId,
            purpose: r.purpose,
            case_id: caseId,
            result: r.result,
            created_at: sqlDate(at),
          }),
        );
      }
    });
  }

  /** Unspent grants per template: the case's own and general ones (or general ones only). */
  async available(citizenId: string, caseId: string | null): Promise<Map<string, number>> {
    const rows: Raw[] = await this.dataSource.query(
      `SELECT template_id, COUNT(*) AS n FROM subscription_grants
        WHERE citizen_id = ? AND result = 'accept' AND spent_at IS NULL AND (case_id IS NULL OR case_id = ?)
        GROUP BY template_id`,
      [citizenId, caseId ?? ''],
    );
    return new Map(rows.map((r) => [String(r.template_id), Number(r.n)]));
  }

  /**
   * Spends one grant for a message: the case's own first, then a general one; never another case's. Null when
   * none is left.
   */
  async reserve(
    citizenId: string,
    templateId: string,
    caseId: string,
    messageId: string,
    at: Date,
  ): Promise<string | null> {
    // A sender that died between spending the grant and noting it on the message left it reserved here.
    const mine: Raw[] = await this.dataSource.query('SELECT id FROM subscription_grants WHERE message_id = ?', [
      messageId,
    ]);
    if (mine[0]) return String(mine[0].id);
    for (let round = 0; round < 3; round += 1) {
      const candidates: Raw[] = await this.dataSource.query(
        `SELECT id FROM subscription_grants
          WHERE citizen_id = ? AND template_id = ? AND result = 'accept' AND spent_at IS NULL
            AND (case_id = ? OR case_id IS NULL)
          ORDER BY CASE WHEN case_id IS NULL THEN 1 ELSE 0 END, id LIMIT 5`,
        [citizenId, templateId, caseId],
      );
      if (candidates.length === 0) return null;
      for (const candidate of candidates) {
        const id = String(candidate.id);
        const taken = await execute(
          this.dataSource.manager,
          'UPDATE subscription_grants SET spent_at = ?, message_id = ? WHERE id = ? AND spent_at IS NULL',
          [sqlDate(at), messageId, id],
        );
        if (taken === 1) return id;
      }
    }
    return null;
  }

  /** Gives a grant back: WeChat refused the message itself (47003…), so its subscription was not used. */
  async release(manager: EntityManager, grantId: string, messageId: string): Promise<void> {
    await manager.query(
      'UPDATE subscription_grants SET spent_at = NULL, message_id = NULL WHERE id = ? AND message_id = ?',
      [grantId, messageId],
    );
  }
}
