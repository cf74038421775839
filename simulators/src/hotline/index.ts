export { CHANNEL_BASE_PATH, DEFAULT_UPDATES_LIMIT, MAX_UPDATES_LIMIT } from './channel-routes';
export { defaultDeadline, dueAtFor, type DeadlineRule } from './dates';
export type { AutoAdvanceOptions } from './auto-advance';
export {
  channelEndpoints,
  type ChannelEndpoint,
  type EndpointFaults,
  type FaultRule,
  type HotlineFaultSettings,
  type OutageFault,
  type PushFaults,
} from './fault-settings';
export type { ActiveFaults, HotlineFaultControl } from './faults';
export * from './hotline-simulator';
export { LifecycleError, type AdvanceInput } from './lifecycle';
export * from './model';
export type { CallbackTarget, PushAttempt, PushOutcome, PushRecord } from './push';
export * from './signing';
export type { HotlineCall } from './state';
export { WITHDRAWN_TEXT } from './tickets';
