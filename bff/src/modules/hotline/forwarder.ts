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
import type { CityContext } from '../city/city-context';
import { contactOf } from '../cases/case-view';
import type { CaseEventRecord, CasesRepository, ForwardingCase } from '../cases/cases.repository';
import { enqueueNotices, type Notice } from '../notifications/notification-outbox';
import { retryDelayMs, type RetrySchedule } from '../../lib/backoff';
import type { HotlineMetrics } from './metrics';
import type { ClaimCursor, ClaimedMessage, OutboxStore } from './outbox-store';

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
   * Links the hotline can fetch each case's photos from, for a batch of cases. They must not change between
   * attempts (the hotline compares a retried body with the first), so they are signed relative to the case's
   * creation.
   */
  photoLinks(cases: { id: string; createdAt: Date }[]): Promise<Map<string, TicketRequest['photos']>>;
  workerId: string;
  leaseMs: number;
  batchSize: number;
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

/** The HTTP part of a delivery: a new ticket, or a message on an existing one. */
async function send(
  deps: ForwarderDeps,
  message: ClaimedMessage,
  row: ForwardingCase,
  photos: TicketRequest['photos'],
): Promise<Delivered> {
  if (message.kind === 'create_ticket') {
    const request = ticketRequest(deps, row, photos);
    return { message, receipt: await deps.hotline.createTicket(message.idempotencyKey, request) };
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
}

/** Claims a batch and delivers it; one message failing never stops the others. */
export async function forwardBatch(
  deps: ForwarderDeps,
): Promise<{ claimed: number; sent: number; retry: number; failed: number }> {
  const messages = await deps.outbox.claim(deps.workerId, deps.clock.now(), deps.leaseMs, deps.batchSize);
  if (messages.length === 0) return { claimed: 0, sent: 0, retry: 0, failed: 0 };
  const rows = await deps.cases.findForForwarding(messages.map((m) => m.caseId));
  const creating = messages.filter((m) => m.kind === 'create_ticket').flatMap((m) => rows.get(m.caseId) ?? []);
  const photos = await deps.photoLinks(creating.map(({ id, createdAt }) => ({ id, createdAt })));
  const outcomes = await Promise.all(
    messages.map((m) => deliver(deps, m, rows.get(m.caseId), photos.get(m.caseId) ?? [])),
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

/**
 * How fast a worker's sends have been finishing, kept from one pipelined run to the next (a slow hotline is still
 * slow at the next tick): the size and timing of its claims follow it.
 */
export class SendPace {
  /** Sends finished per ms of the clock, measured between claims; null until measured. */
  rate: number | null = null;
  /** How long the last claim took, with the cases and photo links it reads (ms). */
  claimMs = 0;
}

/** A pipelined worker's claims start after the last message it claimed, and from the head of the order at least this often. */
export const FULL_SCAN_EVERY = 8;

export interface PipelineResult {
  claimed: number;
  sent: number;
  retry: number;
  failed: number;
  /** Claimed but not sent: they waited half their lease here and go to whoever claims them after it. */
  deferred: number;
}

interface Ready {
  message: ClaimedMessage;
  row: ForwardingCase | undefined;
  photos: TicketRequest['photos'];
  /** When its lease began (clock ms). */
  claimedAt: number;
}

/**
 * The background worker's way of forwarding: up to `maxInFlight` sends at once, fed from claims of a batch, and
 * deliveries recorded in groups (a group commit: a batch, or what finished within `groupMs`). The database's
 * work is per batch, not per message, and one slow or hanging hotline call never holds back the rest, which
 * `forwardBatch` (tests, one pass) still does.
 *
 * Claims keep pace with the sends. The next batch is claimed while the last one is still being sent, early enough
 * that the sends never wait for it (twice as many as finish during a claim, beyond those in flight), and a batch is
 * never larger than what can be sent within a quarter of the lease: a slow hotline gets smaller claims, not
 * messages that wait in this worker. Both follow the rate at which sends finished since the previous claim.
 * Each claim starts after the last message claimed, so its scan does not read past the ones this worker already
 * holds; one from the head of the order is made whenever a claim comes back short and at least every
 * `FULL_SCAN_EVERY` claims (leases that ran out, messages whose earlier one is now sent).
 *
 * Claims never run ahead of recording: at most three batches beyond the sends in flight are claimed and not yet
 * recorded, so a slow database slows the claims instead of piling up leased messages. A message that waited in
 * this worker for half its lease (a hotline so slow that the queue barely moves) is not sent by it: it stays
 * leased, and is claimed again once the lease runs out, so no send ever starts on a lease about to end.
 * Settles when nothing is left to claim and every claimed message is recorded or set aside; rejects (after that)
 * with the error of a claim that failed.
 */
export function forwardPipelined(
  deps: ForwarderDeps,
  maxInFlight: number,
  { groupMs = 100, pace = new SendPace() }: { groupMs?: number; pace?: SendPace } = {},
): Promise<PipelineResult> {
  const result: PipelineResult = { claimed: 0, sent: 0, retry: 0, failed: 0, deferred: 0 };
  const queue: Ready[] = [];
  const limit = maxInFlight + 3 * deps.batchSize;
  // Sends finished, whatever their outcome, and where the pace was last measured (when the last claim began).
  let ended = 0;
  let mark = { at: deps.clock.now().getTime(), ended: 0 };
  // After the last message claimed; undefined: from the head of the order.
  let cursor: ClaimCursor | undefined;
  let claimsFromCursor = 0;
  let running = 0;
  // Claimed and not yet settled: queued, being sent, waiting for its group, or being recorded.
  let unsettled = 0;
  let claiming = false;
  let exhausted = false;
  let claimError: unknown = null;
  let finished: Delivered[] = [];
  let recording: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let done: (() => void) | undefined;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (finished.length === 0) return;
    const group = finished;
    finished = [];
    // Never rejects: a group that could not be recorded stays leased, and its messages are sent again after the
    // lease (the idempotency key answers the same ticket); later groups are still recorded.
    recording = recording.then(async () => {
      try {
        const refused = await record(deps, group);
        result.sent -= refused.size;
        result.failed += refused.size;
        const at = deps.clock.now().getTime();
        for (const { message } of group) {
          if (!refused.has(message.id)) deps.metrics.sent(message.kind, at - message.createdAt.getTime());
        }
      } catch (error) {
        deps.logger.error({ err: error, messages: group.length }, 'forwarded messages could not be recorded');
      } finally {
        unsettled -= group.length;
        pump();
      }
    });
  };

  const start = ({ message, row, photos, claimedAt }: Ready): void => {
    if (deps.clock.now().getTime() - claimedAt > deps.leaseMs / 2) {
      unsettled -= 1;
      result.deferred += 1;
      return;
    }
    running += 1;
    deliver(deps, message, row, photos)
      .then((outcome) => {
        if (typeof outcome === 'object') {
          result.sent += 1;
          finished.push(outcome);
          if (finished.length >= deps.batchSize) flush();
          else timer ??= setTimeout(flush, groupMs);
          return;
        }
        unsettled -= 1;
        if (outcome === 'retry') result.retry += 1;
        else result.failed += 1;
      })
      // The database may fail under a send (retryLater, fail): the message stays leased and is tried again
      // after the lease. Nothing here may reject, or a send still running would reject unobserved.
      .catch((error: unknown) => {
        unsettled -= 1;
        result.retry += 1;
        deps.logger.error({ err: error, messageId: message.id }, 'forwarding could not record a send');
      })
      .finally(() => {
        running -= 1;
        ended += 1;
        pump();
      });
  };

  const claim = async (want: number): Promise<void> => {
    const claimedAt = deps.clock.now();
    const after = claimsFromCursor < FULL_SCAN_EVERY ? cursor : undefined;
    const messages = await deps.outbox.claim(deps.workerId, claimedAt, deps.leaseMs, want, after);
    claimsFromCursor = after ? claimsFromCursor + 1 : 0;
    const last = messages.at(-1);
    if (messages.length < want) {
      // Short from the cursor: the next claim starts from the head. Short from the head: nothing more is due.
      if (after) cursor = undefined;
      else exhausted = true;
    } else if (last) {
      cursor = last.position;
    }
    if (messages.length === 0) return;
    result.claimed += messages.length;
    unsettled += messages.length;
    try {
      const rows = await deps.cases.findForForwarding(messages.map((m) => m.caseId));
      const creating = messages.filter((m) => m.kind === 'create_ticket').flatMap((m) => rows.get(m.caseId) ?? []);
      const photos = await deps.photoLinks(creating.map(({ id, createdAt }) => ({ id, createdAt })));
      for (const message of messages) {
        queue.push({
          message,
          row: rows.get(message.caseId),
          photos: photos.get(message.caseId) ?? [],
          claimedAt: claimedAt.getTime(),
        });
      }
      pace.claimMs = deps.clock.now().getTime() - claimedAt.getTime();
    } catch (error) {
      // Left leased: they are claimed again when their lease runs out.
      unsettled -= messages.length;
      throw error;
    }
  };

  function pump(): void {
    while (queue.length > 0 && running < maxInFlight) start(queue.shift() as Ready);
    // The pace since the last claim began, or the one known before.
    const now = deps.clock.now().getTime();
    const rate = now > mark.at && ended > mark.ended ? (ended - mark.ended) / (now - mark.at) : pace.rate;
    // Claim again once fewer wait than twice what finishes during a claim, beyond the sends in flight; no more than
    // can be sent within a quarter of the lease; the unrecorded within bounds.
    const refillBelow =
      maxInFlight + (rate === null ? 0 : Math.min(deps.batchSize, Math.ceil(2 * rate * pace.claimMs)));
    const paced = rate === null ? deps.batchSize : Math.max(maxInFlight, Math.floor((rate * deps.leaseMs) / 4));
    const want = Math.min(deps.batchSize, paced, limit - unsettled);
    if (!claiming && !exhausted && queue.length < refillBelow && want >= Math.min(deps.batchSize, maxInFlight)) {
      claiming = true;
      pace.rate = rate;
      mark = { at: now, ended };
      claim(want)
        .catch((error: unknown) => {
          claimError = error;
          exhausted = true;
        })
        .finally(() => {
          claiming = false;
          pump();
        });
      return;
    }
    if (claiming || running > 0 || queue.length > 0) return;
    // Every send has ended: record what is left now rather than after groupMs.
    if (finished.length > 0) flush();
    if (unsettled === 0 && exhausted) done?.();
  }

  return new Promise<void>((resolve) => {
    done = resolve;
    pump();
  }).then(() => {
    if (claimError) throw claimError;
    if (result.deferred > 0) {
      deps.logger.warn(
        { deferred: result.deferred, leaseMs: deps.leaseMs },
        'the hotline answered too slowly to send every claimed message within half its lease: the rest go after the lease',
      );
    }
    return result;
  });
}
