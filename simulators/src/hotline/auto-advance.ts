import type { Scheduler } from '../wechat/clock';
import { nextStep } from './lifecycle';
import type { TicketStore } from './store';
import { advanceTicket } from './tickets';

/** Demo mode: every ticket walks accepted → dispatched → signed → in progress → replied → closed on its own. */
export interface AutoAdvanceOptions {
  /** Wait between steps. Default 3000. */
  stepMs?: number;
  /** Default 郾城区城市管理局. */
  unit?: string;
  /** Default a short 答复 saying the problem was handled. */
  replyText?: string;
}

const DEFAULT_STEP_MS = 3000;
const DEFAULT_UNIT = '郾城区城市管理局';
const DEFAULT_REPLY = '您好，经现场核实，问题已安排专人处理完毕。感谢您的反映。';
const CLOSE_TEXT = '已办结';

/**
 * After each event, schedules the next step; the step is skipped when the ticket moved in the meantime (a
 * person on the control page, a withdrawal), and that move schedules its own next step instead.
 */
export function startAutoAdvance(store: TicketStore, scheduler: Scheduler, options: AutoAdvanceOptions): void {
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS;
  const texts = { unit: options.unit ?? DEFAULT_UNIT, reply: options.replyText ?? DEFAULT_REPLY };
  store.onEvent((event) => {
    const type = nextStep[event.status];
    if (!type || scheduler.signal.aborted) return;
    scheduler.later(stepMs, () => {
      if (store.get(event.ticketNo)?.ticket.sequence !== event.sequence) return;
      const text = type === 'reply' ? texts.reply : type === 'close' ? CLOSE_TEXT : undefined;
      advanceTicket(store, event.ticketNo, { type, unit: texts.unit, ...(text === undefined ? {} : { text }) });
    });
  });
}
