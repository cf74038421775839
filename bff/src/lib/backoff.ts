/**
 * When to try again after the n-th failure (1-based): soon, then minutes, then every half hour with the default
 * base of 5 s (5 s, 30 s, 2 min, 10 min, 30 min) — with ±20% jitter so a fleet of instances that failed together
 * does not retry together. The base and the ceiling are configuration (tests and drills shrink them).
 */
const STEPS = [1, 6, 24, 120, 360];

export interface RetrySchedule {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetrySchedule = { baseMs: 5_000, maxMs: 1_800_000 };

export function retryDelayMs(
  failures: number,
  random: () => number = Math.random,
  schedule: RetrySchedule = DEFAULT_RETRY,
): number {
  const step = STEPS[Math.min(failures, STEPS.length) - 1] ?? STEPS[STEPS.length - 1] ?? 1;
  return Math.round(Math.min(schedule.baseMs * step, schedule.maxMs) * (0.8 + 0.4 * random()));
}
