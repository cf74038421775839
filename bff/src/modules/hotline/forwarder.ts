import {
  HotlineError,
  type HotlineApi,
  type TicketMessage,
  type TicketRequest,
} from '../../adapters/hotline/hotline-api';
import { sqlDate } from '../../db/sql';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { PiiCipher } from '../../lib/pii';
import type { Logger } from '../../logger';
import type { CityContext } from '../city/city-context';
import { contactOf } from '../cases/case-view';
import type { CaseRecord, CasesRepository } from '../cases/cases.repository';
import { retryDelayMs } from './backoff';
import type { HotlineMetrics } from './metrics';
import type { ClaimedMessage, OutboxStore } from './outbox-store';

export interface ForwarderDeps {
  outbox: OutboxStore;
  cases: CasesRepository;
  hotline: HotlineApi;
  city: CityContext;
  pii: PiiCipher;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  metrics: HotlineMetrics;
  /**
   * Links the hotline can fetch the case's photos from. They must not change between attempts (the hotline
   * compares a retried body with the first), so they are signed relative to the case's creation.
   */
  photoLinks(caseId: string, createdAt: Date): Promise<{ url: string; expiresAt: string }[]>;
  workerId: string;
  leaseMs: number;
  batchSize: number;
}

function ticketRequest(deps: ForwarderDeps, row: CaseRecord, photos: TicketRequest['photos']): TicketRequest {
  const hasLocation = row.locationAddress !== null || row.latitude !== null || row.regionCode !== null;
  return {
    caseId: row.id,
    type: row.type,
    category: { code: row.category, name: deps.city.category(row.category)?.name ?? row.category },
    title: row.title,
    content: row.content,
    location: hasLocation
      ? { address: row.locationAddress, latitude: row.latitude, longitude: row.longitude, regionCode: row.regionCode }
      : null,
    photos,
    contact: row.anonymous ? null : contactOf(row, deps.pii),
    anonymous: row.anonymous,
    confidential: row.confidential,
    submittedAt: row.createdAt.toISOString(),
  };
}

/** Sends a new case; the ticket number is stored in the same transaction that marks the message sent. */
async function createTicket(deps: ForwarderDeps, message: ClaimedMessage, row: CaseRecord): Promise<void> {
  const receipt = await deps.hotline.createTicket(
    message.idempotencyKey,
    ticketRequest(deps, row, await deps.photoLinks(row.id, row.createdAt)),
  );
  const now = deps.clock.now();
  await deps.cases.transaction(async (manager) => {
    if (!(await deps.outbox.complete(manager, message.id, deps.workerId, now, 'sent'))) return;
    const current = (await deps.cases.findById(row.id, manager)) ?? row;
    // The hotline may have pushed its acceptance before this answer arrived: then it is already recorded.
    const steps =
      current.status === 'submitted'
        ? (['forward', 'accept'] as const)
        : current.status === 'forwarded'
          ? (['accept'] as const)
          : [];
    const dueAt = receipt.dueAt && steps.length ? new Date(receipt.dueAt) : current.dueAt;
    await manager.query(
      'UPDATE cases SET ticket_no = ?, status = ?, due_at = ?, updated_at = ?, version = version + 1 WHERE id = ?',
      [receipt.ticketNo, steps.length ? 'accepted' : current.status, sqlDate(dueAt), sqlDate(now), row.id],
    );
    if (steps.length === 0) return;
    const last = await deps.cases.lastEventSeq(manager, row.id);
    await deps.cases.insertEvents(
      manager,
      steps.map((step, i) => ({
        id: deps.ids.next(now),
        caseId: row.id,
        seq: last + 1 + i,
        at: now,
        actor: null,
        unit: null,
        data: null,
        source: step === 'forward' ? 'system' : 'hotline',
        kind: step,
        fromStatus: step === 'forward' ? 'submitted' : 'forwarded',
        toStatus: step === 'forward' ? 'forwarded' : 'accepted',
        note: step === 'accept' ? `工单号 ${receipt.ticketNo}` : null,
      })),
    );
  });
}

async function sendMessage(deps: ForwarderDeps, message: ClaimedMessage, row: CaseRecord): Promise<void> {
  if (!row.ticketNo) throw new HotlineError('the case has no ticket number: its ticket was never created', true);
  const body: TicketMessage = {
    seq: message.seq,
    kind: message.kind as TicketMessage['kind'],
    text:
      typeof message.payload.text === 'string'
        ? message.payload.text
        : typeof message.payload.reason === 'string'
          ? message.payload.reason
          : null,
    at: message.createdAt.toISOString(),
  };
  await deps.hotline.sendMessage(message.idempotencyKey, row.ticketNo, body);
  await deps.cases.transaction((manager) =>
    deps.outbox.complete(manager, message.id, deps.workerId, deps.clock.now(), 'sent'),
  );
}

async function deliver(deps: ForwarderDeps, message: ClaimedMessage): Promise<'sent' | 'retry' | 'failed'> {
  const started = Date.now();
  try {
    const row = await deps.cases.findById(message.caseId);
    if (!row) throw new HotlineError('the case no longer exists', true);
    if (message.kind === 'create_ticket') await createTicket(deps, message, row);
    else await sendMessage(deps, message, row);
    deps.metrics.sent(message.kind, Date.now() - started, deps.clock.now().getTime() - message.createdAt.getTime());
    return 'sent';
  } catch (error) {
    const now = deps.clock.now();
    const reason = `${now.toISOString()} ${error instanceof Error ? error.message : String(error)}`;
    if (error instanceof HotlineError && error.permanent) {
      await deps.outbox.fail(message.id, deps.workerId, now, reason);
      deps.metrics.failed(message.kind, 'permanent');
      deps.logger.error(
        { caseId: message.caseId, kind: message.kind, reason },
        'hotline refused a message: staff must act',
      );
      return 'failed';
    }
    const delay = retryDelayMs(message.attempts + 1);
    await deps.outbox.retryLater(message.id, deps.workerId, now, new Date(now.getTime() + delay), reason);
    deps.metrics.failed(message.kind, 'retry');
    deps.logger.warn(
      { caseId: message.caseId, kind: message.kind, attempts: message.attempts + 1, retryInMs: delay, reason },
      'hotline send failed, will retry',
    );
    return 'retry';
  }
}

/** Claims a batch and delivers it; one message failing never stops the others. */
export async function forwardBatch(
  deps: ForwarderDeps,
): Promise<{ claimed: number; sent: number; retry: number; failed: number }> {
  const messages = await deps.outbox.claim(deps.workerId, deps.clock.now(), deps.leaseMs, deps.batchSize);
  const outcomes = await Promise.all(messages.map((m) => deliver(deps, m)));
  return {
    claimed: messages.length,
    sent: outcomes.filter((o) => o === 'sent').length,
    retry: outcomes.filter((o) => o === 'retry').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}
