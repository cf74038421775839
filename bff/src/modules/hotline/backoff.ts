/**
 * When to try again after the n-th failure (1-based): soon, then minutes, then every half hour — with ±20%
 * jitter so a fleet of instances that failed together does not retry together.
 */
const STEPS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];

export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = STEPS_MS[Math.min(failures, STEPS_MS.length) - 1] ?? STEPS_MS[STEPS_MS.length - 1] ?? 0;
  return Math.round(base * (0.8 + 0.4 * random()));
}
