import {
  HotlineError,
  type HotlineApi,
  type TicketMessage,
  type TicketReceipt,
  type TicketRequest,
} from '../../adapters/hotline/hotline-api';
import { isUniqueViolation, sqlDate } from '../../db/sql';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { PiiCipher } from '../../lib/pii';
import type { Logger } from '../../logger';
import { contactOf } from '../cases/case-view';
import type { CaseEventRecord, CasesRepository, ForwardingCase } from '../cases/cases.repository';
import { enqueueNotices, type Notice } from '../notifications/notification-outbox';
import { retryDelayMs, type RetrySchedule } from '../../lib/backoff';
import type { HotlineMetrics } from './metrics';
import type { ClaimedMessage, OutboxStore } from './outbox-store';

/** What forwarding does with the hotline outbox and the cases: the parts of their stores it uses. */
export type ForwardingOutbox = Pick<OutboxStore, 'claim' | 'completeMany' | 'refuseSent' | 'retryLater' | 'fail'>;
export type ForwardingCases = Pick<
  CasesRepository,
  'transaction' | 'findForForwarding' | 'lockForForwarding' | 'ticketHolders' | 'recordTickets' | 'insertEvents'
>;

export interface ForwarderDeps {
  outbox: ForwardingOutbox;
  cases: ForwardingCases;
  hotline: HotlineApi;
  /** The category's name the ticket carries beside its code. */
  city: { category(code: string): { name: string } | undefined };
  pii: Pick<PiiCipher, 'decrypt'>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  metrics: HotlineMetrics;
  /**
   * Links the hotline can fetch each case's photos from, for a batch of cases. They must not change between
   * attempts (the hotline compares a retried body with the first), so they are signed relative to the case's
   * creation.
   */
  photoLinks(cases: { id: string; createdAt: Date }[]): Promise<Map<string, TicketRequest['photos']>>;
  workerId: string;
  leaseMs: number;
  /** Messages claimed, and recorded, together. */
  batchSize: number;
  /** Sends to the hotline in flight at once, at most. */
  concurrency: number;
  retry?: RetrySchedule;
}

function ticketRequest(deps: ForwarderDeps, row: ForwardingCase, photos: TicketRequest['photos']): TicketRequest {
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

export interface Delivered {
  message: ClaimedMessage;
  /** The hotline's answer to a ticket creation. */
  receipt?: TicketReceipt;
}

/** The earliest and latest instants a case records (contract §5): what a DATETIME column holds on both databases. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Why a ticket receipt cannot be recorded, or null when it can. */
export function receiptProblem(receipt: TicketReceipt): string | null {
  if (receipt.ticketNo.length === 0 || receipt.ticketNo.length > 64)
    return 'that is empty or longer than 64 characters';
  if (receipt.dueAt === null) return null;
  const dueAt = Date.parse(receipt.dueAt);
  if (!(dueAt >= EARLIEST && dueAt < LATEST)) {
    return `with a due date that is not an instant between 2000 and 2099: ${JSON.stringify(receipt.dueAt)}`;
  }
  return null;
}

/** The HTTP part of a delivery: a new ticket, or a message on an existing one. */
async function send(
  deps: ForwarderDeps,
  message: ClaimedMessage,
  row: ForwardingCase,
  photos: TicketRequest['photos'],
): Promise<Delivered> {
  if (message.kind === 'create_ticket') {
    const request = ticketRequest(deps, row, photos);
    const receipt = await deps.hotline.createTicket(message.idempotencyKey, request);
    const problem = receiptProblem(receipt);
    // The ticket exists, but this case cannot record it: it alone goes to staff, the rest of the batch is recorded.
    if (problem) {
      throw new HotlineError(
        `the 12345 system answered ticket number ${JSON.stringify(receipt.ticketNo)} ${problem}: ask it to check the ticket`,
        true,
      );
    }
    return { message, receipt };
  }
  if (!row.ticketNo) throw new HotlineError('the case has no ticket number: its ticket was never created', true);
  const payload = message.payload;
  const text =
    typeof payload.text === 'string' ? payload.text : typeof payload.reason === 'string' ? payload.reason : null;
  const body: TicketMessage = {
    seq: message.seq,
    kind: message.kind as TicketMessage['kind'],
    text,
    at: message.createdAt.toISOString(),
    ...(typeof payload.unit === 'string' ? { unit: payload.unit } : {}),
    ...(typeof payload.dueAt === 'string' ? { dueAt: payload.dueAt } : {}),
  };
  await deps.hotline.sendMessage(message.idempotencyKey, row.ticketNo, body);
  return { message };
}

/**
 * Records a batch of deliveries in one transaction: the messages are marked sent (those whose lease this
 * worker still holds), and each new ticket's number, status and timeline entries are stored with them. A batch
 * costs the same handful of statements whatever its size: mark sent, lock the cases (with their last timeline
 * and message numbers), update them, add their timeline entries and their notices.
 *
 * Answers the messages set aside instead: when the hotline answered a ticket number another case already holds
 * (a 12345 system that lost its numbering and issues old numbers again, say), the batch is recorded again without
 * them, and they go to staff as failed, with the reason. Without this, the whole group would fail on the unique
 * ticket number, be sent again after the lease, get the same answers, and never be recorded.
 */
async function record(deps: ForwarderDeps, delivered: Delivered[]): Promise<ReadonlySet<string>> {
  if (delivered.length === 0) return new Set();
  try {
    return await recordGroup(deps, delivered, false);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return recordGroup(deps, delivered, true);
  }
}

/**
 * The ticket numbers of these receipts that cannot be recorded, by message id, with the reason: held by another
 * case, or answered to several cases of the group when no case holds it yet (none of them can be told right).
 */
export function conflictingTickets(
  receipts: Delivered[],
  holders: ReadonlyMap<string, string>,
  now: Date,
): Map<string, string> {
  const claimants = new Map<string, number>();
  for (const { receipt } of receipts) {
    if (receipt) claimants.set(receipt.ticketNo, (claimants.get(receipt.ticketNo) ?? 0) + 1);
  }
  const refused = new Map<string, string>();
  for (const { message, receipt } of receipts) {
    if (!receipt) continue;
    const holder = holders.get(receipt.ticketNo);
    const why =
      holder !== undefined
        ? holder === message.caseId
          ? null
          : `already the ticket of case ${holder}`
        : (claimants.get(receipt.ticketNo) ?? 0) > 1
          ? 'also answered for another case of the same batch'
          : null;
    if (why) {
      refused.set(
        message.id,
        `${now.toISOString()} the 12345 system answered ticket number ${receipt.ticketNo}, ${why}: ask it to check the ticket`,
      );
    }
  }
  return refused;
}

async function recordGroup(
  deps: ForwarderDeps,
  delivered: Delivered[],
  checkTickets: boolean,
): Promise<ReadonlySet<string>> {
  const now = deps.clock.now();
  let refused = new Map<string, string>();
  await deps.cases.transaction(async (manager) => {
    const owned = await deps.outbox.completeMany(
      manager,
      delivered.map((d) => d.message.id),
      deps.workerId,
      now,
    );
    let receipts = delivered.filter((d) => d.receipt && owned.has(d.message.id));
    if (checkTickets && receipts.length > 0) {
      const holders = await deps.cases.ticketHolders(
        manager,
        receipts.flatMap((d) => (d.receipt ? [d.receipt.ticketNo] : [])),
      );
      refused = conflictingTickets(receipts, holders, now);
      if (refused.size > 0) {
        await deps.outbox.refuseSent(manager, refused, now);
        receipts = receipts.filter((d) => !refused.has(d.message.id));
      }
    }
    if (receipts.length === 0) return;
    const current = await deps.cases.lockForForwarding(
      manager,
      receipts.map((d) => d.message.caseId),
    );
    const events: CaseEventRecord[] = [];
    const notices: Notice[] = [];
    const updates: { id: string; ticketNo: string; status: string; dueAt: string | null }[] = [];
    for (const { message, receipt } of receipts) {
      const row = current.get(message.caseId);
      if (!row || !receipt) continue;
      const id = message.caseId;
      // The hotline may have pushed its acceptance before this answer arrived: then it is already recorded.
      const steps =
        row.status === 'submitted'
          ? (['forward', 'accept'] as const)
          : row.status === 'forwarded'
            ? (['accept'] as const)
            : [];
      const dueAt = receipt.dueAt && steps.length ? new Date(receipt.dueAt) : row.dueAt;
      updates.push({
        id,
        ticketNo: receipt.ticketNo,
        status: steps.length ? 'accepted' : row.status,
        dueAt: sqlDate(dueAt),
      });
      steps.forEach((step, i) =>
        events.push({
          id: deps.ids.next(now),
          caseId: id,
          seq: row.lastEventSeq + 1 + i,
          at: now,
          // Which worker sent it (host-pid-random): shows who did the work when several share the outbox.
          actor: step === 'forward' ? deps.workerId.slice(0, 64) : null,
          unit: null,
          data: null,
          source: step === 'forward' ? 'system' : 'hotline',
          kind: step,
          fromStatus: step === 'forward' ? 'submitted' : 'forwarded',
          toStatus: step === 'forward' ? 'forwarded' : 'accepted',
          note: step === 'accept' ? `工单号 ${receipt.ticketNo}` : null,
        }),
      );
      if ((steps as readonly string[]).includes('accept')) {
        notices.push({ caseId: id, citizenId: row.citizenId, event: 'accepted', ticketNo: receipt.ticketNo });
      }
    }
    await deps.cases.recordTickets(manager, updates, now);
    const lastNoticeSeqs = new Map([...current].map(([id, row]) => [id, row.lastNoticeSeq]));
    await enqueueNotices(manager, deps.ids, now, notices, lastNoticeSeqs);
    await deps.cases.insertEvents(manager, events);
  });
  for (const { message } of delivered) {
    const reason = refused.get(message.id);
    if (reason === undefined) continue;
    deps.metrics.failed(message.kind, 'permanent');
    deps.logger.error(
      { caseId: message.caseId, kind: message.kind, reason },
      'hotline answer not recorded: staff must act',
    );
  }
  return new Set(refused.keys());
}

/**
 * Sends one message and, when the send failed, stores why: for a retry after its backoff, or failed for staff when
 * the hotline refused it. Never rejects: when even that cannot be stored (the database is down), the message stays
 * leased and is tried again after its lease.
 */
async function deliver(
  deps: ForwarderDeps,
  message: ClaimedMessage,
  row: ForwardingCase | undefined,
  photos: TicketRequest['photos'],
): Promise<Delivered | 'retry' | 'failed'> {
  try {
    if (!row) throw new HotlineError('the case no longer exists', true);
    return await send(deps, message, row, photos);
  } catch (error) {
    try {
      return await setAside(deps, message, error);
    } catch (storing) {
      deps.logger.error({ err: storing, messageId: message.id }, 'forwarding could not store a failed send');
      return 'retry';
    }
  }
}

async function setAside(deps: ForwarderDeps, message: ClaimedMessage, error: unknown): Promise<'retry' | 'failed'> {
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
  const delay = retryDelayMs(message.attempts + 1, Math.random, deps.retry);
  await deps.outbox.retryLater(message.id, deps.workerId, now, new Date(now.getTime() + delay), reason);
  deps.metrics.failed(message.kind, 'retry');
  deps.logger.warn(
    { caseId: message.caseId, kind: message.kind, attempts: message.attempts + 1, retryInMs: delay, reason },
    'hotline send failed, will retry',
  );
  return 'retry';
}

/** Runs `work` on every item, at most `limit` at once; the results in the items' order. `work` must not reject. */
async function atMost<T, R>(limit: number, items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

export interface ForwardResult {
  claimed: number;
  sent: number;
  retry: number;
  failed: number;
}

/**
 * The forwarding worker's one step: claims a batch (a lease on each message), sends it to the hotline with at most
 * `concurrency` requests in flight, and records what was delivered in one transaction. One message failing never
 * stops the others. Rejects only when the claim or the record fails (the database): the batch then stays leased and
 * is sent again after the lease, the idempotency keys answering the tickets already made.
 */
export async function forwardBatch(deps: ForwarderDeps): Promise<ForwardResult> {
  const messages = await deps.outbox.claim(deps.workerId, deps.clock.now(), deps.leaseMs, deps.batchSize);
  if (messages.length === 0) return { claimed: 0, sent: 0, retry: 0, failed: 0 };
  const rows = await deps.cases.findForForwarding(messages.map((m) => m.caseId));
  const creating = messages.filter((m) => m.kind === 'create_ticket').flatMap((m) => rows.get(m.caseId) ?? []);
  const photos = await deps.photoLinks(creating.map(({ id, createdAt }) => ({ id, createdAt })));
  const outcomes = await atMost(deps.concurrency, messages, (m) =>
    deliver(deps, m, rows.get(m.caseId), photos.get(m.caseId) ?? []),
  );
  const delivered = outcomes.filter((o): o is Delivered => typeof o === 'object');
  const refused = await record(deps, delivered);
  const at = deps.clock.now().getTime();
  for (const { message } of delivered) {
    if (!refused.has(message.id)) deps.metrics.sent(message.kind, at - message.createdAt.getTime());
  }
  return {
    claimed: messages.length,
    sent: delivered.length - refused.size,
    retry: outcomes.filter((o) => o === 'retry').length,
    failed: outcomes.filter((o) => o === 'failed').length + refused.size,
  };
}

/** Forwards batch after batch until a claim comes back short: what the background worker runs at every tick. */
export async function forwardAll(deps: ForwarderDeps): Promise<ForwardResult> {
  const total: ForwardResult = { claimed: 0, sent: 0, retry: 0, failed: 0 };
  for (;;) {
    const batch = await forwardBatch(deps);
    total.claimed += batch.claimed;
    total.sent += batch.sent;
    total.retry += batch.retry;
    total.failed += batch.failed;
    if (batch.claimed < deps.batchSize) return total;
  }
}
